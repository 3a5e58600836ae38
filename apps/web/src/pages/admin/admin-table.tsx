import { Button, EmptyState, ErrorState, LoadingState } from '@veza/ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { errorMessage } from '../../lib/errors.ts';

export interface AdminColumn {
  label: string;
  /** Said to screen readers only (an actions column). */
  hidden?: boolean;
}

/** What the table needs of a tRPC query (`useQuery`, or `useInfiniteQuery` with "load more"). */
export interface AdminTableQuery {
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  error: unknown;
  refetch: () => unknown;
  isFetchNextPageError?: boolean;
  hasNextPage?: boolean;
  isFetchingNextPage?: boolean;
  fetchNextPage?: () => unknown;
}

export type AdminTableTexts = { caption: string; loading: string; errorTitle: string; emptyTitle: string; emptyDescription: string; loadMore?: string };

/** The table's words from a page's catalogue section (`admin.audit` → admin.audit.caption, .loading, .errorTitle…). */
export function adminTableTexts(t: TFunction, section: string, { paged }: { paged: boolean }): AdminTableTexts {
  const texts: AdminTableTexts = {
    caption: t(`${section}.caption`),
    loading: t(`${section}.loading`),
    errorTitle: t(`${section}.errorTitle`),
    emptyTitle: t(`${section}.emptyTitle`),
    emptyDescription: t(`${section}.emptyDescription`),
  };
  if (paged) texts.loadMore = t(`${section}.loadMore`);
  return texts;
}

export interface AdminTableProps<T> {
  query: AdminTableQuery;
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: readonly AdminColumn[];
  /** One row's cells: a `<th scope="row">` and `<td>`s, one per column. */
  row: (row: T) => ReactNode;
  /** Caption (screen readers), states and "load more", in the page's words. */
  texts: AdminTableTexts;
  emptyIcon: ReactNode;
  /** Shown above the table when there are rows (a chart of them). */
  before?: ReactNode;
}

/**
 * The admin pages' lists: loading, error (with retry) and empty states, else a captioned table, marked busy while
 * it refreshes; for paged queries, "load more" below it, and a failed next page said there (the rows stay).
 */
export function AdminTable<T>({ query, rows, rowKey, columns, row, texts, emptyIcon, before }: AdminTableProps<T>) {
  const { t } = useTranslation();
  if (query.isPending) return <LoadingState label={texts.loading} />;
  if (query.isError && !query.isFetchNextPageError) {
    return <ErrorState title={texts.errorTitle} message={errorMessage(query.error)} onRetry={() => void query.refetch()} retryLabel={t('common.retry')} />;
  }
  if (rows.length === 0) return <EmptyState titleAs="p" icon={emptyIcon} title={texts.emptyTitle} description={texts.emptyDescription} />;
  return (
    <>
      {before}
      <div className="vw-table-wrap">
        <table className="vw-table" aria-busy={query.isFetching || undefined}>
          <caption className="vz-sr-only">{texts.caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.label} scope="col">
                  {column.hidden ? <span className="vz-sr-only">{column.label}</span> : column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={rowKey(item)}>{row(item)}</tr>
            ))}
          </tbody>
        </table>
      </div>
      {query.hasNextPage && query.fetchNextPage && texts.loadMore && (
        <div className="vw-load-more">
          <Button type="button" variant="secondary" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage?.()}>
            {texts.loadMore}
          </Button>
        </div>
      )}
      {query.isFetchNextPageError && <p role="alert" className="vw-inline-error">{errorMessage(query.error)}</p>}
    </>
  );
}
