import type { FeedItemDto } from '@veza/api';
import { EmptyState, ErrorState, TrackListSkeleton } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { KeepFocusState } from '../../components/page-heading.tsx';
import { Tabs } from '../../components/tabs.tsx';
import { RepostIcon } from '../../features/social/repost-control.tsx';
import { LoadMoreTracks } from '../../features/tracks/load-more-tracks.tsx';
import { TrackFeed } from '../../features/tracks/track-feed.tsx';
import { displayNameOf } from '../../features/tracks/track-model.ts';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';
import { LatestTracks } from './latest-tracks.tsx';

export const FEED_PAGE_SIZE = 12;

type HomeTab = 'following' | 'latest';
const keepFocus: KeepFocusState = { keepFocus: true };

/**
 * Why a track is in my feed: "New from Marc Dubois", or "Reposted by Ana Lima" ("… and 4 others" when more of the
 * people I follow did) with the newest reposter's caption.
 */
export function FeedReason({ item }: { item: FeedItemDto }) {
  const { t } = useTranslation();
  const newest = item.reposters[0];
  if (item.reason === 'upload' || !newest) {
    return <p className="vw-feed-reason">{t('feed.newFrom', { name: displayNameOf(item.track.owner) })}</p>;
  }
  const name = displayNameOf(newest.user);
  const others = Math.max(0, item.repostersCount - 1);
  return (
    <div className="vw-feed-reason">
      <p className="vw-feed-reason__line">
        <RepostIcon className="vw-feed-reason__icon" />
        {others > 0 ? t('feed.repostedByAnd', { name, count: others }) : t('feed.repostedBy', { name })}
      </p>
      {newest.caption && (
        <p className="vw-feed-caption">
          <span className="vz-sr-only">{`${t('feed.captionBy', { name })}: `}</span>
          {newest.caption}
        </p>
      )}
    </div>
  );
}

/** My feed: what the people I follow upload and repost, newest first; the latest uploads under it while it is empty. */
function FollowingFeed() {
  const { t } = useTranslation();
  const query = trpc.feed.home.useInfiniteQuery({ limit: FEED_PAGE_SIZE }, { getNextPageParam: (last) => last.nextCursor });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];

  if (query.isPending) return <TrackListSkeleton count={6} label={t('feed.loading')} />;
  if (query.isError && items.length === 0) {
    return <ErrorState title={t('feed.errorTitle')} message={errorMessage(query.error)} onRetry={() => void query.refetch()} retryLabel={t('common.retry')} />;
  }
  if (items.length === 0) {
    return (
      <>
        <EmptyState titleAs="h2" title={t('feed.emptyTitle')} description={t('feed.emptyDescription')} />
        <section className="vw-section" aria-labelledby="home-latest-title">
          <h2 id="home-latest-title" className="vw-section-title">{t('feed.latestTitle')}</h2>
          <LatestTracks />
        </section>
      </>
    );
  }
  return (
    <>
      <TrackFeed tracks={items.map((item) => item.track)} label={t('feed.listLabel')} contextOf={(_track, index) => (items[index] ? <FeedReason item={items[index]} /> : null)} />
      <LoadMoreTracks query={query} />
    </>
  );
}

/** Following / Latest as tabs, the choice in the URL (`?tab=latest`): the signed-in home (a chunk of its own). */
export function SignedInHome() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: HomeTab = params.get('tab') === 'latest' ? 'latest' : 'following';
  return (
    <Tabs<HomeTab>
      label={t('feed.tabs')}
      tabs={[
        { key: 'following', label: t('feed.following') },
        { key: 'latest', label: t('feed.latest') },
      ]}
      selected={tab}
      onSelect={(key) => setParams(key === 'latest' ? { tab: 'latest' } : {}, { replace: true, state: keepFocus })}
    >
      {tab === 'latest' ? <LatestTracks /> : <FollowingFeed />}
    </Tabs>
  );
}
