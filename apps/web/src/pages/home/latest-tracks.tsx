import { EmptyState, ErrorState, TrackListSkeleton } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMoreTracks } from '../../features/tracks/load-more-tracks.tsx';
import { TrackFeed } from '../../features/tracks/track-feed.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';

export const HOME_PAGE_SIZE = 12;

/** The latest public tracks, a page at a time (with a way to upload when there are none). */
export function LatestTracks() {
  const { t } = useTranslation();
  const query = trpc.tracks.list.useInfiniteQuery(
    { limit: HOME_PAGE_SIZE },
    { getNextPageParam: (last) => last.nextCursor },
  );
  const tracks = query.data?.pages.flatMap((page) => page.items) ?? [];

  if (query.isPending) return <TrackListSkeleton count={6} label={t('home.loading')} />;
  if (query.isError && tracks.length === 0) {
    return <ErrorState title={t('home.errorTitle')} message={errorMessage(query.error)} onRetry={() => void query.refetch()} retryLabel={t('common.retry')} />;
  }
  if (tracks.length === 0) {
    return (
      <EmptyState
        title={t('home.emptyTitle')}
        description={t('home.emptyDescription')}
        action={<Link className="vz-button vz-button--primary" to="/upload">{t('home.emptyAction')}</Link>}
      />
    );
  }
  return (
    <>
      <TrackFeed tracks={tracks} label={t('home.listLabel')} />
      <LoadMoreTracks query={query} />
    </>
  );
}
