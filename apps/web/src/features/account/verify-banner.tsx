import { Button, Notice } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import './verify-banner.css';

const DISMISSED_KEY = 'veza.verifyBanner.dismissed';

const dismissedFor = (): string | null => {
  try {
    return sessionStorage.getItem(DISMISSED_KEY);
  } catch {
    return null;
  }
};

/**
 * A banner for signed-in users whose email is not verified yet, with "resend the link". Dismissing it
 * hides it for this browser tab's session (it comes back on the next visit while still unverified).
 */
export function VerifyBanner() {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const [dismissed, setDismissed] = useState(dismissedFor);
  if (!user || user.emailVerified || dismissed === user.id) return null;

  const dismiss = () => {
    try {
      sessionStorage.setItem(DISMISSED_KEY, user.id);
    } catch {
      // Private mode: hidden for this page only.
    }
    setDismissed(user.id);
  };

  return (
    <Notice
      tone="warning"
      title={t('verifyEmail.bannerTitle')}
      className="vw-verify-banner"
      action={
        <Button type="button" variant="ghost" size="sm" onClick={dismiss} aria-label={t('verifyEmail.bannerDismiss')}>
          {t('common.dismiss')}
        </Button>
      }
    >
      <p>{t('verifyEmail.bannerText', { email: user.email })}</p>
      <ResendVerification variant="secondary" />
    </Notice>
  );
}

/** "Send a new link" for the signed-in user, with its outcome announced. */
export function ResendVerification({ variant = 'primary' }: { variant?: 'primary' | 'secondary' | 'ghost' }) {
  const { t } = useTranslation();
  const send = trpc.account.sendVerification.useMutation();
  return (
    <div className="vw-resend">
      <Button type="button" variant={variant} size="sm" loading={send.isPending} onClick={() => send.mutate({ language: currentLanguage() })}>
        {t('verifyEmail.resend')}
      </Button>
      <p role="status" className="vw-resend__status">
        {send.isSuccess ? t('verifyEmail.resent') : null}
      </p>
      {send.isError && <p role="alert" className="vw-inline-error">{errorMessage(send.error, 'sendVerification')}</p>}
    </div>
  );
}
