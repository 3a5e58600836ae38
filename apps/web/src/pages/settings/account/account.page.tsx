import { LoadingState } from '@veza/ui';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/page-heading.tsx';
import { useSession } from '../../../stores/session.ts';
import { trpc } from '../../../trpc.ts';
import { BlockedList } from '../../../features/chat/moderation/block.tsx';
import { DeletionSection } from './deletion-section.tsx';
import { EmailSection } from './email-section.tsx';
import { ExportSection } from './export-section.tsx';
import { PasswordSection } from './password-section.tsx';

/** `/settings/account`: email, password, export, deletion. */
export function AccountSettingsPage() {
  const { t } = useTranslation();
  const me = useSession((s) => s.user);
  // What the session store holds may be stale (an email verified in another tab, a deletion cancelled elsewhere).
  const fresh = trpc.auth.me.useQuery(undefined, { staleTime: 0 });
  useEffect(() => {
    if (fresh.data) useSession.getState().update(fresh.data);
  }, [fresh.data]);
  if (!me) return <LoadingState label={t('common.loading')} />;
  return (
    <>
      <header className="vw-page-header">
        <PageHeading title={t('account.title')} />
        <p className="vw-page-subtitle">{t('account.subtitle')}</p>
      </header>
      <EmailSection me={me} />
      <PasswordSection me={me} />
      <ExportSection username={me.username} />
      <BlockedList />
      <DeletionSection me={me} />
    </>
  );
}
