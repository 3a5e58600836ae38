import { EmptyState, ErrorState, LoadingState } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { TrackStatus } from '../../features/tracks/track-status.tsx';
import { errorInfo, errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';
import { TrackDetails } from './track-details.tsx';

/** `/tracks/:id`. */
export function TrackPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = trpc.tracks.byId.useQuery({ id });

  if (query.isPending) return <LoadingState label={t('track.loading')} />;
  if (query.isError) {
    const { code } = errorInfo(query.error);
    // A malformed id is as missing as an unknown one.
    if (code === 'NOT_FOUND' || code === 'BAD_REQUEST') {
      return (
        <div className="vw-page">
          <PageHeading title={t('track.notFoundTitle')} className="vz-sr-only" />
          <EmptyState
            titleAs="p"
            title={t('track.notFoundTitle')}
            description={t('track.notFoundDescription')}
            action={<Link className="vz-button vz-button--secondary" to="/">{t('common.goHome')}</Link>}
          />
        </div>
      );
    }
    return (
      <div className="vw-page">
        <PageHeading title={t('track.errorTitle')} className="vz-sr-only" />
        <ErrorState title={t('track.errorTitle')} message={errorMessage(query.error)} onRetry={() => void query.refetch()} retryLabel={t('common.retry')} />
      </div>
    );
  }
  return (
    <div className="vw-page">
      <TrackStatus track={query.data} />
      <TrackDetails track={query.data} />
    </div>
  );
}
