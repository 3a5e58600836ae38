import { Button, TextField, useModalDialog } from '@veza/ui';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { FormAlert } from '../../pages/auth/form-alert.tsx';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import { useForm } from '../forms/use-form.ts';
import { loginHref } from '../session/require-auth.tsx';
import { useSessionActions } from '../session/use-session-actions.ts';
import { RecoveryCodeField, TotpCodeField } from './code-fields.tsx';
import { useCodeRefusal } from './code-refusal.ts';
import { codeInput, passwordInput, recoveryInput } from './codes.ts';
import { isBrowserPasskeyError, passkeyErrorMessage, passkeysSupported, authenticateWithPasskey, preloadPasskeys } from './webauthn.ts';
import './step-up.css';

export type StepUpMethod = 'password' | 'totp' | 'recovery';

interface StepUpDialogProps {
  open: boolean;
  onConfirmed: () => void;
  onCancel: () => void;
}

/** The dialog itself: a password, authenticator code or recovery code form, or a passkey. */
export function StepUpDialog({ open, onConfirmed, onCancel }: StepUpDialogProps) {
  const ref = useModalDialog(open);
  const id = useId();
  const [pending, setPending] = useState(false);
  return (
    <dialog
      ref={ref}
      className="vw-dialog vw-step-up"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        event.preventDefault();
        if (!pending) onCancel();
      }}
    >
      {/* Mounted per opening: every opening starts afresh on the preferred method. */}
      {open && <StepUpContent id={id} onPending={setPending} onConfirmed={onConfirmed} onCancel={onCancel} />}
    </dialog>
  );
}

interface StepUpContentProps {
  id: string;
  onPending: (pending: boolean) => void;
  onConfirmed: () => void;
  onCancel: () => void;
}

function StepUpContent({ id, onPending, onConfirmed, onCancel }: StepUpContentProps) {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const methods: StepUpMethod[] = [
    ...(user?.hasPassword !== false ? (['password'] as const) : []),
    ...(user?.twoFactorEnabled ? (['totp', 'recovery'] as const) : []),
  ];
  const [method, setMethod] = useState<StepUpMethod>(methods[0] ?? 'password');
  const status = trpc.mfa.status.useQuery(undefined, { enabled: Boolean(user) });
  const canUsePasskey = (status.data?.passkeys ?? 0) > 0 && passkeysSupported();
  const passkeyOptions = trpc.passkeys.stepUpOptions.useMutation();
  const passkeyStepUp = trpc.passkeys.stepUp.useMutation();
  const [passkeyPending, setPasskeyPending] = useState(false);
  const [passkeyError, setPasskeyError] = useState<string | null>(null);
  const [formPending, setFormPending] = useState(false);
  const pending = formPending || passkeyPending;

  useEffect(() => onPending(pending), [pending, onPending]);
  useEffect(() => {
    if (canUsePasskey) preloadPasskeys();
  }, [canUsePasskey]);

  const confirmWithPasskey = async () => {
    setPasskeyPending(true);
    setPasskeyError(null);
    try {
      const { challengeId, options } = await passkeyOptions.mutateAsync();
      const response = await authenticateWithPasskey(options);
      await passkeyStepUp.mutateAsync({ challengeId, response });
      onConfirmed();
    } catch (error) {
      setPasskeyError(isBrowserPasskeyError(error) ? passkeyErrorMessage(error) : errorMessage(error, 'stepUp'));
    } finally {
      setPasskeyPending(false);
    }
  };

  const switchTo = (next: StepUpMethod) => {
    setMethod(next);
    setPasskeyError(null);
  };

  return (
    <>
      <h2 id={`${id}-title`} className="vw-dialog__title">{t('stepUp.title')}</h2>
      <p id={`${id}-body`} className="vw-muted">{methods.length > 0 ? t(`stepUp.body.${method}`) : t('stepUp.body.signInAgain')}</p>
      {passkeyError && <p role="alert" className="vw-inline-error">{passkeyError}</p>}
      {methods.length > 0 ? (
        <StepUpForm key={method} method={method} disabled={passkeyPending} onPending={setFormPending} onConfirmed={onConfirmed} onCancel={onCancel} />
      ) : (
        <SignInAgain onCancel={onCancel} disabled={passkeyPending} />
      )}
      {(methods.length > 1 || canUsePasskey) && (
        <div className="vw-step-up__alternatives" role="group" aria-label={t('stepUp.otherWays')}>
          {methods
            .filter((m) => m !== method)
            .map((m) => (
              <Button key={m} type="button" variant="ghost" size="sm" onClick={() => switchTo(m)} disabled={pending}>
                {t(`stepUp.use.${m}`)}
              </Button>
            ))}
          {canUsePasskey && (
            <Button type="button" variant="ghost" size="sm" onClick={() => void confirmWithPasskey()} loading={passkeyPending} disabled={formPending}>
              {t('stepUp.use.passkey')}
            </Button>
          )}
        </div>
      )}
    </>
  );
}

/**
 * Accounts with neither a password nor 2FA (created through a linked account): a fresh sign-in is the
 * way to confirm, and it comes back here afterwards.
 */
function SignInAgain({ onCancel, disabled }: { onCancel: () => void; disabled: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const { signOut, signingOut } = useSessionActions();
  const signInAgain = async () => {
    const here = `${pathname}${search}`;
    onCancel();
    await signOut();
    void navigate(loginHref(here), { replace: true });
  };
  return (
    <div className="vw-form-actions vw-form-actions--end">
      <Button type="button" variant="secondary" onClick={onCancel} disabled={signingOut || disabled}>
        {t('common.cancel')}
      </Button>
      <Button type="button" onClick={() => void signInAgain()} loading={signingOut} disabled={disabled}>
        {t('stepUp.signInAgain')}
      </Button>
    </div>
  );
}

interface StepUpFormProps {
  method: StepUpMethod;
  disabled: boolean;
  onPending: (pending: boolean) => void;
  onConfirmed: () => void;
  onCancel: () => void;
}

function StepUpForm({ method, disabled, onPending, onConfirmed, onCancel }: StepUpFormProps) {
  const { t } = useTranslation();
  const stepUp = trpc.mfa.stepUp.useMutation();
  const form = useForm({ password: '', code: '', recoveryCode: '' }, 'stepUp');
  const { refusal, refuse, clear, clearing } = useCodeRefusal();

  useEffect(() => onPending(stepUp.isPending), [stepUp.isPending, onPending]);

  const submit = form.handleSubmit(async () => {
    clear();
    const secret =
      method === 'password' ? form.validate(passwordInput, t('auth.formError'))?.password
      : method === 'totp' ? form.validate(codeInput, t('auth.formError'))?.code
      : form.validate(recoveryInput, t('auth.formError'))?.recoveryCode;
    if (secret === undefined) return;
    try {
      await stepUp.mutateAsync({ method, secret });
      onConfirmed();
    } catch (error) {
      // A refused code is said once, in the alert ("just used: wait for the next one" included); a password keeps the form's messages.
      if (method === 'password') form.fail(error);
      else refuse(error, method, 'stepUp');
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('stepUp.title')} className="vw-step-up__form">
      <FormAlert message={refusal ?? form.formError} />
      {method === 'password' && <TextField label={t('auth.password')} type="password" autoComplete="current-password" required autoFocus data-autofocus {...form.field('password')} />}
      {method === 'totp' && <TotpCodeField autoFocus data-autofocus {...clearing(form.field('code'))} />}
      {method === 'recovery' && <RecoveryCodeField autoFocus data-autofocus {...clearing(form.field('recoveryCode'))} />}
      <div className="vw-form-actions vw-form-actions--end">
        <Button type="button" variant="secondary" onClick={onCancel} disabled={stepUp.isPending || disabled}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={stepUp.isPending} disabled={disabled}>
          {t('stepUp.confirm')}
        </Button>
      </div>
    </form>
  );
}
