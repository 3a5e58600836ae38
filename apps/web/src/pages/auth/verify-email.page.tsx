import { ErrorState, LoadingState, Notice } from '@veza/ui';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { ResendVerification } from '../../features/account/verify-banner.tsx';
import { loginHref } from '../../features/session/require-auth.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import './auth.css';

/** `/verify-email?token=…` from the emailed link: verifies on arrival (a new address too, after a change). */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const token = new URLSearchParams(useLocation().search).get('token') ?? '';
  const status = useSession((s) => s.status);
  const utils = trpc.useUtils();
  const verify = trpc.account.verifyEmail.useMutation({
    onSuccess: ({ email }) => {
      useSession.getState().update({ email, emailVerified: true });
      void utils.auth.me.invalidate();
    },
  });
  const started = useRef(false);

  useEffect(() => {
    // Once per visit: the token is single-use (and React may run effects twice in development).
    if (started.current || !token) return;
    started.current = true;
    verify.mutate({ token });
  }, [token, verify]);

  return (
    <div className="vw-page vw-page--narrow">
      <header className="vw-page-header">
        <PageHeading title={t('verifyEmail.title')} />
      </header>
      {verify.isSuccess ? (
        <Notice tone="success" live="status" title={t('verifyEmail.doneTitle')} action={<Link to={status === 'signed-in' ? '/' : '/login'}>{t(status === 'signed-in' ? 'verifyEmail.continue' : 'auth.loginLink')}</Link>}>
          {t('verifyEmail.doneText', { email: verify.data.email })}
        </Notice>
      ) : verify.isError || !token ? (
        <>
          <ErrorState title={t('verifyEmail.failedTitle')} message={token ? errorMessage(verify.error, 'verifyEmail') : t('verifyEmail.missingToken')} />
          <div className="vw-auth-resend">
            {status === 'signed-in' ? <ResendVerification /> : <p className="vw-muted">{t('verifyEmail.loginToResend')} <Link to={loginHref('/verify-email')}>{t('auth.loginLink')}</Link></p>}
          </div>
        </>
      ) : (
        <LoadingState label={t('verifyEmail.verifying')} />
      )}
    </div>
  );
}
