import { Notice } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../stores/session.ts';
import { formatDate } from '../settings-format.ts';
import { CancelDeletionButton } from './cancel-deletion-button.tsx';

/** Shown on every page while the account is scheduled for deletion, with a way to keep it. */
export function DeletionBanner() {
  const { t, i18n } = useTranslation();
  const requestedAt = useSession((s) => s.user?.deletionRequestedAt ?? null);
  const purgeAt = useSession((s) => s.user?.deletionPurgeAt ?? null);
  if (!requestedAt) return null;
  const lng = i18n.resolvedLanguage ?? 'en';
  return (
    <Notice
      tone="warning"
      title={purgeAt ? t('account.deletion.bannerTitleDate', { date: formatDate(purgeAt, lng) }) : t('account.deletion.bannerTitle')}
      action={<CancelDeletionButton />}
    >
      <p>{t('account.deletion.bannerText', { date: formatDate(requestedAt, lng) })}</p>
    </Notice>
  );
}
