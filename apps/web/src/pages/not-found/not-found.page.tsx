import { EmptyState } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';

/** Any path no route matches. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="vw-page">
      <PageHeading title={t('notFound.title')} className="vz-sr-only" />
      <EmptyState
        titleAs="p"
        title={t('notFound.title')}
        description={t('notFound.description')}
        action={<Link className="vz-button vz-button--primary" to="/">{t('common.goHome')}</Link>}
      />
    </div>
  );
}
