import type { TrendingPageDto } from '@veza/api';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, EmptyState, ErrorState, TrackListSkeleton } from '@veza/ui';
import { TRENDING_WINDOWS, type Genre } from '@veza/validators';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { Tabs } from '../../components/tabs.tsx';
import { LoadMoreTracks } from '../../features/tracks/load-more-tracks.tsx';
import { TrackFeed } from '../../features/tracks/track-feed.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';
import { exploreHref, readExploreView } from './explore-url.ts';
import { GenreChips } from './genre-chips.tsx';
import './explore.css';

export const EXPLORE_PAGE_SIZE = 20;

/**
 * `/explore`: trending tracks this week, this month, or new and rising artists (tabs), of one genre or all (chips),
 * ranked, a page at a time ("Load more" asks for the ranks after the last one shown). The window and the genre are in
 * the URL (`?window=month&genre=hip-hop`), so a view can be shared and Back returns to the previous one.
 */
export function ExplorePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const view = readExploreView(params);
  const utils = trpc.useUtils();
  const query = useInfiniteQuery({
    queryKey: ['explore.trending', view.window, view.genre],
    queryFn: ({ pageParam }): Promise<TrendingPageDto> =>
      utils.client.explore.trending.query({ window: view.window, ...(view.genre ? { genre: view.genre } : {}), limit: EXPLORE_PAGE_SIZE, ...(pageParam > 0 ? { afterRank: pageParam } : {}) }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextAfterRank ?? undefined,
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const tracks = items.map((item) => item.track);
  const ranks = new Map(items.map((item) => [item.track.id, item.rank]));
  const windowWords = t(`explore.windowInSentence.${view.window}`);
  const genreName = view.genre ? t(`genre.${view.genre}`) : null;
  const chooseGenre = (genre: Genre | null) => void navigate(exploreHref({ window: view.window, genre }));

  return (
    <div className="vw-page vw-explore">
      <header className="vw-page-header">
        <PageHeading title={t('explore.title')} />
        <p className="vw-page-subtitle">{t('explore.subtitle')}</p>
      </header>
      <GenreChips value={view.genre} onChange={chooseGenre} />
      <Tabs
        label={t('explore.windows')}
        selected={view.window}
        tabs={TRENDING_WINDOWS.map((window) => ({ key: window, label: t(`explore.window.${window}`), to: exploreHref({ window, genre: view.genre }) }))}
      >
        <p className="vw-explore__hint">{t(`explore.windowHint.${view.window}`)}</p>
        {query.isPending ? (
          <TrackListSkeleton count={6} label={t('explore.loading')} />
        ) : query.isError && tracks.length === 0 ? (
          <ErrorState title={t('explore.errorTitle')} message={errorMessage(query.error)} onRetry={() => void query.refetch()} retryLabel={t('common.retry')} />
        ) : tracks.length === 0 ? (
          <EmptyState
            title={t('explore.emptyTitle')}
            description={genreName ? t('explore.emptyGenre', { genre: genreName, window: windowWords }) : t('explore.emptyAll', { window: windowWords })}
            action={genreName ? <Button variant="secondary" onClick={() => chooseGenre(null)}>{t('explore.showAll')}</Button> : undefined}
          />
        ) : (
          <>
            <TrackFeed
              tracks={tracks}
              label={genreName ? t('explore.listLabelGenre', { genre: genreName, window: windowWords }) : t('explore.listLabel', { window: windowWords })}
              contextOf={(track) => {
                const rank = ranks.get(track.id) ?? 0;
                return (
                  <span className="vw-explore__rank">
                    <span aria-hidden="true">{rank}</span>
                    <span className="vz-sr-only">{t('explore.rank', { rank })}</span>
                  </span>
                );
              }}
            />
            <LoadMoreTracks query={query} />
          </>
        )}
      </Tabs>
    </div>
  );
}
