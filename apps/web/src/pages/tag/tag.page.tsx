import { trackTagSchema } from '@veza/validators';
import { EmptyState, ErrorState, TrackListSkeleton } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { LoadMoreTracks } from '../../features/tracks/load-more-tracks.tsx';
import { TrackFeed } from '../../features/tracks/track-feed.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';

export const TAG_PAGE_SIZE = 20;

/** `/tags/:tag`: the public tracks carrying a tag (where the tags on a track page lead), a page at a time. */
export function TagPage() {
  const { t } = useTranslation();
  const parsed = trackTagSchema.safeParse(useParams().tag ?? '');
  const tag = parsed.success ? parsed.data : '';
  const query = trpc.tracks.list.useInfiniteQuery(
    { tag, limit: TAG_PAGE_SIZE },
    { getNextPageParam: (last) => last.nextCursor, enabled: parsed.success },
  );
  const tracks = query.data?.pages.flatMap((page) => page.items) ?? [];

  if (!parsed.success) {
    return (
      <div className="vw-page">
        <PageHeading title={t('tagPage.invalidTitle')} className="vz-sr-only" />
        <EmptyState titleAs="p" title={t('tagPage.invalidTitle')} description={t('tagPage.invalidDescription')} />
      </div>
    );
  }

  return (
    <div className="vw-page">
      <header className="vw-page-header">
        <PageHeading title={t('tagPage.title', { tag })} />
        <p className="vw-page-subtitle">{t('tagPage.subtitle')}</p>
      </header>

      {query.isPending ? (
        <TrackListSkeleton count={4} label={t('home.loading')} />
      ) : query.isError && tracks.length === 0 ? (
        <ErrorState title={t('home.errorTitle')} message={errorMessage(query.error)} onRetry={() => void query.refetch()} retryLabel={t('common.retry')} />
      ) : tracks.length === 0 ? (
        <EmptyState title={t('tagPage.emptyTitle')} description={t('tagPage.emptyDescription', { tag })} />
      ) : (
        <>
          <TrackFeed tracks={tracks} label={t('tagPage.listLabel', { tag })} />
          <LoadMoreTracks query={query} />
        </>
      )}
    </div>
  );
}
