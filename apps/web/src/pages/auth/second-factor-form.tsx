import { Button } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm } from '../../features/forms/use-form.ts';
import { RecoveryCodeField, TotpCodeField } from '../../features/step-up/code-fields.tsx';
import { useCodeRefusal } from '../../features/step-up/code-refusal.ts';
import { codeInput, recoveryInput } from '../../features/step-up/codes.ts';
import { reasonOf } from '../../features/step-up/use-step-up.ts';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';
import { FormAlert } from './form-alert.tsx';

export type SecondFactorMethod = 'totp' | 'recovery';

interface SecondFactorFormProps {
  ticket: string;
  /** What the account offers (from `auth.login`); a recovery code is always offered with an authenticator app. */
  methods: readonly string[];
  /** The cookies are set: finish signing in. */
  onSignedIn: () => Promise<void>;
  /** Back to the password step (the person wants another account, or the sign-in expired: with a message then). */
  onRestart: (message?: string) => void;
}

/** The second step of a password sign-in: the 6-digit code from an authenticator app, or a recovery code. */
export function SecondFactorForm({ ticket, methods, onSignedIn, onRestart }: SecondFactorFormProps) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<SecondFactorMethod>(methods.includes('totp') || !methods.includes('recovery') ? 'totp' : 'recovery');
  const complete = trpc.mfa.completeLogin.useMutation();
  const form = useForm({ code: '', recoveryCode: '' }, 'secondFactor');
  const { refusal, refuse, clear, clearing } = useCodeRefusal();

  const submit = form.handleSubmit(async () => {
    clear();
    // A one-field form: the field's own message is enough, no "fix the highlighted fields" alert on top.
    const code = method === 'totp' ? form.validate(codeInput, '')?.code : form.validate(recoveryInput, '')?.recoveryCode;
    if (code === undefined) return;
    try {
      await complete.mutateAsync({ ticket, method, code });
      await onSignedIn();
    } catch (error) {
      // The ticket is single-use and short-lived: the password step must be done again.
      if (reasonOf(error) === 'ticket_expired') onRestart(errorMessage(error, 'secondFactor'));
      else refuse(error, method, 'secondFactor');
    }
  });

  const switchTo = (next: SecondFactorMethod) => {
    setMethod(next);
    clear();
    form.setValues({ code: '', recoveryCode: '' });
  };

  const codeField = (name: 'code' | 'recoveryCode') => clearing(form.field(name));

  return (
    <form onSubmit={submit} noValidate aria-label={t('twoFactor.loginTitle')}>
      <h2 className="vw-auth-step__title">{t('twoFactor.loginTitle')}</h2>
      <p className="vw-muted vw-auth-step__text">{t(method === 'totp' ? 'twoFactor.loginTotpText' : 'twoFactor.loginRecoveryText')}</p>
      <FormAlert message={refusal} />
      {method === 'totp' ? (
        <TotpCodeField key="totp" autoFocus {...codeField('code')} />
      ) : (
        <RecoveryCodeField key="recovery" autoFocus {...codeField('recoveryCode')} />
      )}
      <Button type="submit" loading={complete.isPending} className="vw-submit">
        {t('twoFactor.verify')}
      </Button>
      <div className="vw-auth-step__links">
        {methods.includes('recovery') && method === 'totp' && (
          <Button type="button" variant="ghost" size="sm" onClick={() => switchTo('recovery')}>
            {t('twoFactor.useRecovery')}
          </Button>
        )}
        {methods.includes('totp') && method === 'recovery' && (
          <Button type="button" variant="ghost" size="sm" onClick={() => switchTo('totp')}>
            {t('twoFactor.useTotp')}
          </Button>
        )}
        <Button type="button" variant="ghost" size="sm" onClick={() => onRestart()}>
          {t('twoFactor.restart')}
        </Button>
      </div>
    </form>
  );
}
