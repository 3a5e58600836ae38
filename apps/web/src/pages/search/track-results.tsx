import { TRACK_SEARCH_SORTS, type TrackSearchSort } from '@veza/validators';
import { EmptyState, Select, TrackListSkeleton } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { TrackFeed } from '../../features/tracks/track-feed.tsx';
import { trpc } from '../../trpc.ts';
import { LoadMoreResults, SEARCH_PAGE_SIZE, SearchError } from './search-results.tsx';
import { hasFilters, tracksInputOf, type SearchView, type TrackFilters } from './search-url.ts';
import { TrackFacets } from './track-facets.tsx';

interface TrackResultsProps {
  view: SearchView;
  onFilters: (filters: TrackFilters) => void;
  onSort: (sort: TrackSearchSort) => void;
}

/** The tracks tab: facets, sort, and the playable results (the list plays as the queue), a page at a time. */
export function TrackResults({ view, onFilters, onSort }: TrackResultsProps) {
  const { t, i18n } = useTranslation();
  const query = trpc.search.tracks.useInfiniteQuery(tracksInputOf(view, SEARCH_PAGE_SIZE), {
    getNextPageParam: (last) => last.nextCursor,
    retry: false,
  });
  const pages = query.data?.pages ?? [];
  const tracks = pages.flatMap((p) => p.items);
  const facets = pages[0]?.facets ?? null;
  const filtered = hasFilters(view.filters);
  const q = view.q.trim();

  return (
    <div className="vw-search-tracks">
      <TrackFacets facets={facets} filters={view.filters} onChange={onFilters} />
      <div className="vw-search-tracks__results">
        <div className="vw-search-tracks__bar">
          <p className="vw-muted" aria-live="polite">
            {facets ? (facets.capped ? t('searchPage.countCapped', { count: facets.total, formatted: facets.total.toLocaleString(i18n.resolvedLanguage) }) : t('searchPage.count', { count: facets.total, formatted: facets.total.toLocaleString(i18n.resolvedLanguage) })) : ''}
          </p>
          <Select
            className="vw-search-tracks__sort"
            label={t('searchPage.sort.label')}
            value={view.sort}
            options={TRACK_SEARCH_SORTS.map((sort) => ({ value: sort, label: t(`searchPage.sort.${sort}`) }))}
            onChange={(event) => onSort(event.target.value as TrackSearchSort)}
          />
        </div>
        {query.isPending ? (
          <TrackListSkeleton count={4} label={t('searchPage.loading')} />
        ) : query.isError && tracks.length === 0 ? (
          <SearchError error={query.error} onRetry={() => void query.refetch()} withFilters />
        ) : tracks.length === 0 ? (
          <EmptyState
            titleAs="h2"
            title={q ? t('searchPage.empty.title', { q }) : t('searchPage.empty.filtersTitle')}
            description={filtered ? t('searchPage.empty.filtered') : t('searchPage.empty.tracks')}
          />
        ) : (
          <>
            <TrackFeed tracks={tracks} label={q ? t('searchPage.listLabel.tracks', { q }) : t('searchPage.listLabel.tracksFiltered')} />
            <LoadMoreResults query={query} />
          </>
        )}
      </div>
    </div>
  );
}
