import { loginInput } from '@veza/validators';
import { Button, Card, Notice, TextField } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { useForm } from '../../features/forms/use-form.ts';
import { safeNext } from '../../features/session/require-auth.tsx';
import { useSessionActions } from '../../features/session/use-session-actions.ts';
import { passkeysSupported } from '../../features/step-up/webauthn.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import { FormAlert } from './form-alert.tsx';
import { OAuthButtons } from './oauth-buttons.tsx';
import { PasskeySignIn } from './passkey-sign-in.tsx';
import { SecondFactorForm } from './second-factor-form.tsx';
import './auth.css';

const OAUTH_ERRORS = ['state_mismatch', 'denied', 'email_unverified', 'email_in_use', 'already_linked', 'failed'];

interface SecondStep {
  ticket: string;
  methods: readonly string[];
}

/**
 * `/login`: email or username + password (then the 6-digit code or a recovery code when two-factor
 * authentication is on), a passkey, or an OAuth provider; then back to `?next=` (or home).
 */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { search, hash } = useLocation();
  const params = new URLSearchParams(search);
  const next = safeNext(search);
  const oauthError = params.get('oauthError');
  const notice = params.get('notice');
  const status = useSession((s) => s.status);
  const login = trpc.auth.login.useMutation();
  const { completeSignIn } = useSessionActions();
  const form = useForm({ login: '', password: '' }, 'login');
  // An OAuth sign-in of an account with 2FA lands here with its ticket in the fragment (never sent to a server).
  const [secondStep, setSecondStep] = useState<SecondStep | null>(() => {
    const ticket = new URLSearchParams(hash.slice(1)).get('second-factor');
    return ticket ? { ticket, methods: ['totp', 'recovery'] } : null;
  });
  const [altError, setAltError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const [passkeys] = useState(passkeysSupported);
  const providers = trpc.oauth.providers.useQuery(undefined, { staleTime: 5 * 60_000 }).data ?? [];

  const finish = async () => {
    setSigningIn(true);
    await completeSignIn();
    void navigate(next, { replace: true });
  };

  const submit = form.handleSubmit(async () => {
    setAltError(null);
    const input = form.validate(loginInput, t('auth.formError'));
    if (!input) return;
    try {
      const result = await login.mutateAsync(input);
      if (result.status === 'second_factor') {
        setSecondStep({ ticket: result.ticket, methods: result.methods });
        return;
      }
      await finish();
    } catch (error) {
      form.fail(error);
    }
  });

  if (status === 'signed-in' && !signingIn && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;

  const queryMessage =
    oauthError ? t(`oauthLogin.errors.${OAUTH_ERRORS.includes(oauthError) ? oauthError : 'failed'}`)
    : null;

  return (
    <div className="vw-page vw-page--narrow">
      <header className="vw-page-header">
        <PageHeading title={t('auth.loginTitle')} />
        <p className="vw-page-subtitle">{t('auth.loginSubtitle')}</p>
      </header>
      {notice === 'password_reset' && (
        <Notice tone="success" live="status" title={t('passwordReset.doneTitle')} className="vw-auth-notice">
          {t('passwordReset.doneText')}
        </Notice>
      )}
      {queryMessage && (
        <Notice tone="danger" live="alert" title={t('oauthLogin.errorTitle')} className="vw-auth-notice">
          {queryMessage}
        </Notice>
      )}
      <Card>
        {secondStep ? (
          <SecondFactorForm
            ticket={secondStep.ticket}
            methods={secondStep.methods}
            onSignedIn={finish}
            onRestart={(message) => {
              setAltError(message ?? null);
              setSecondStep(null);
              login.reset();
              form.setValues((v) => ({ ...v, password: '' }));
            }}
          />
        ) : (
          <>
            <form onSubmit={submit} noValidate aria-label={t('auth.loginTitle')}>
              <FormAlert message={altError ?? form.formError} />
              <TextField label={t('auth.loginField')} autoComplete="username webauthn" autoCapitalize="none" spellCheck={false} required {...form.field('login')} />
              <TextField label={t('auth.password')} type="password" autoComplete="current-password" required {...form.field('password')} />
              <p className="vw-auth-forgot">
                <Link to="/forgot-password">{t('passwordReset.forgotLink')}</Link>
              </p>
              <Button type="submit" loading={login.isPending} className="vw-submit">
                {t('auth.loginSubmit')}
              </Button>
            </form>
            {(passkeys || providers.length > 0) && (
              <>
                <div className="vw-auth-divider" aria-hidden="true"><span>{t('auth.or')}</span></div>
                {passkeys && <PasskeySignIn onSignedIn={finish} onError={setAltError} disabled={login.isPending} />}
                <OAuthButtons providers={providers} next={next} />
              </>
            )}
          </>
        )}
      </Card>
      <p className="vw-form-footer">
        {t('auth.noAccount')} <Link to={`/signup${search}`}>{t('auth.signupLink')}</Link>
      </p>
    </div>
  );
}
