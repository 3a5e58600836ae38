import { EmptyState, LockIcon } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';

/** 403: signed in, but the account's role does not open this page. */
export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <div className="vw-page">
      <PageHeading title={t('admin.forbiddenTitle')} className="vz-sr-only" />
      <EmptyState
        titleAs="p"
        icon={<LockIcon />}
        title={t('admin.forbiddenTitle')}
        description={t('admin.forbiddenDescription')}
        action={<Link className="vz-button vz-button--secondary" to="/">{t('common.goHome')}</Link>}
      />
    </div>
  );
}
