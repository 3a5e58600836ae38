import { Button } from '@veza/ui';
import { useTranslation } from 'react-i18next';

/** The part of an infinite track query the footer reads (a tRPC `useInfiniteQuery` result fits). */
export interface MoreTracksQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * The footer of a paged track list: an alert when the next page failed, and "Load more" while there is one
 * ("Loading more tracks…" as it comes).
 */
export function LoadMoreTracks({ query }: { query: MoreTracksQuery }) {
  const { t } = useTranslation();
  return (
    <>
      {query.isFetchNextPageError && <p role="alert" className="vw-inline-error">{t('home.loadMoreError')}</p>}
      {query.hasNextPage && (
        <div className="vw-load-more">
          <Button variant="secondary" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? t('home.loadingMore') : t('home.loadMore')}
          </Button>
        </div>
      )}
    </>
  );
}
