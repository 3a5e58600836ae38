import { EmptyState, ErrorState, TrackListSkeleton } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { LoadMoreTracks } from '../../features/tracks/load-more-tracks.tsx';
import { TrackFeed } from '../../features/tracks/track-feed.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';

export const HOME_PAGE_SIZE = 12;

/** `/`: the latest public tracks, a page at a time. */
export function HomePage() {
  const { t } = useTranslation();
  const query = trpc.tracks.list.useInfiniteQuery(
    { limit: HOME_PAGE_SIZE },
    { getNextPageParam: (last) => last.nextCursor },
  );
  const tracks = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="vw-page">
      <header className="vw-page-header">
        <PageHeading title={t('home.title')} />
        <p className="vw-page-subtitle">{t('home.subtitle')}</p>
      </header>

      {query.isPending ? (
        <TrackListSkeleton count={6} label={t('home.loading')} />
      ) : query.isError && tracks.length === 0 ? (
        <ErrorState
          title={t('home.errorTitle')}
          message={errorMessage(query.error)}
          onRetry={() => void query.refetch()}
          retryLabel={t('common.retry')}
        />
      ) : tracks.length === 0 ? (
        <EmptyState
          title={t('home.emptyTitle')}
          description={t('home.emptyDescription')}
          action={<Link className="vz-button vz-button--primary" to="/upload">{t('home.emptyAction')}</Link>}
        />
      ) : (
        <>
          <TrackFeed tracks={tracks} label={t('home.listLabel')} />
          <LoadMoreTracks query={query} />
        </>
      )}
    </div>
  );
}
