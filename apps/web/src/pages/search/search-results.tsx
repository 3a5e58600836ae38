import type { GroupDto, PersonResultDto, PlaylistResultDto } from '@veza/api';
import { Avatar, Badge, Button, CoverArt, EmptyState, ErrorState, LoadingState } from '@veza/ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { reasonOf } from '../../features/step-up/use-step-up.ts';
import { displayNameOf } from '../../features/tracks/track-model.ts';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';

export const SEARCH_PAGE_SIZE = 20;

/** The part of an infinite query a results list reads (a tRPC `useInfiniteQuery` result fits). */
export interface ResultsQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** "Type a word" (the API's `empty_query`, or caught before asking): a prompt, not an error. */
export function TypeToSearch({ withFilters }: { withFilters: boolean }) {
  const { t } = useTranslation();
  return <EmptyState titleAs="h2" title={t('searchPage.prompt.title')} description={withFilters ? t('searchPage.prompt.tracks') : t('searchPage.prompt.other')} />;
}

/** A failed search: the API's refusals in words (an empty query is a prompt), anything else with "Try again". */
export function SearchError({ error, onRetry, withFilters }: { error: unknown; onRetry: () => void; withFilters: boolean }) {
  const { t } = useTranslation();
  if (reasonOf(error) === 'empty_query') return <TypeToSearch withFilters={withFilters} />;
  if (reasonOf(error) === 'bad_cursor') return <ErrorState title={t('searchPage.errorTitle')} message={t('searchPage.badCursor')} onRetry={onRetry} retryLabel={t('common.retry')} />;
  return <ErrorState title={t('searchPage.errorTitle')} message={errorMessage(error)} onRetry={onRetry} retryLabel={t('common.retry')} />;
}

/** The footer of a results list: "Show more" while there is a next page, an alert when it failed. */
export function LoadMoreResults({ query }: { query: ResultsQuery }) {
  const { t } = useTranslation();
  return (
    <>
      {query.isFetchNextPageError && <p role="alert" className="vw-inline-error">{t('searchPage.moreError')}</p>}
      {query.hasNextPage && (
        <div className="vw-load-more">
          <Button variant="secondary" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? t('searchPage.loadingMore') : t('searchPage.more')}
          </Button>
        </div>
      )}
    </>
  );
}

/** The states around a list of results: loading, failed, nothing found, or the list and its "Show more". */
function ResultsFrame({ query, count, q, children }: { query: ResultsQuery; count: number; q: string; children: ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) return <LoadingState label={t('searchPage.loading')} />;
  if (query.isError && count === 0) return <SearchError error={query.error} onRetry={() => void query.refetch()} withFilters={false} />;
  if (count === 0) return <EmptyState titleAs="h2" title={t('searchPage.empty.title', { q })} description={t('searchPage.empty.other')} />;
  return (
    <>
      {children}
      <LoadMoreResults query={query} />
    </>
  );
}

const pageOpts = { getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor, retry: false } as const;

function PersonRow({ person }: { person: PersonResultDto }) {
  const { t } = useTranslation();
  const name = displayNameOf(person.user);
  return (
    <li className="vw-search-row">
      <Avatar name={name} src={person.avatarUrl} size="md" decorative />
      <div className="vw-search-row__text">
        <Link className="vw-search-row__title" to={`/u/${person.user.username}`}>
          {name}
        </Link>
        <span className="vw-search-row__detail">
          @{person.user.username}
          {person.isPrivate && <Badge tone="neutral">{t('searchPage.private')}</Badge>}
        </span>
      </div>
    </li>
  );
}

export function PeopleResults({ q }: { q: string }) {
  const { t } = useTranslation();
  const query = trpc.search.people.useInfiniteQuery({ q, limit: SEARCH_PAGE_SIZE }, pageOpts);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <ResultsFrame query={query} count={items.length} q={q}>
      <ul className="vw-search-list" aria-label={t('searchPage.listLabel.people', { q })}>
        {items.map((person) => (
          <PersonRow key={person.user.id} person={person} />
        ))}
      </ul>
    </ResultsFrame>
  );
}

function PlaylistRow({ playlist }: { playlist: PlaylistResultDto }) {
  const { t } = useTranslation();
  return (
    <li className="vw-search-row">
      <CoverArt seed={playlist.id} src={playlist.coverUrl} className="vw-search-row__cover" />
      <div className="vw-search-row__text">
        <Link className="vw-search-row__title" to={`/playlists/${playlist.id}`}>
          {playlist.title}
        </Link>
        <span className="vw-search-row__detail">
          {t('searchPage.byOwner', { name: displayNameOf(playlist.owner) })} · {t('common.likes', { count: playlist.likeCount })}
          {!playlist.isPublic && <Badge tone="neutral">{t('searchPage.privatePlaylist')}</Badge>}
        </span>
        {playlist.description && <span className="vw-search-row__description">{playlist.description}</span>}
      </div>
    </li>
  );
}

export function PlaylistResults({ q }: { q: string }) {
  const { t } = useTranslation();
  const query = trpc.search.playlists.useInfiniteQuery({ q, limit: SEARCH_PAGE_SIZE }, pageOpts);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <ResultsFrame query={query} count={items.length} q={q}>
      <ul className="vw-search-list" aria-label={t('searchPage.listLabel.playlists', { q })}>
        {items.map((playlist) => (
          <PlaylistRow key={playlist.id} playlist={playlist} />
        ))}
      </ul>
    </ResultsFrame>
  );
}

function GroupRow({ group }: { group: GroupDto }) {
  const { t } = useTranslation();
  return (
    <li className="vw-search-row">
      <Avatar name={group.name} src={group.avatarUrl} size="md" decorative />
      <div className="vw-search-row__text">
        <Link className="vw-search-row__title" to={`/groups/${group.slug}`}>
          {group.name}
        </Link>
        <span className="vw-search-row__detail">
          {t('searchPage.members', { count: group.memberCount })}
          {!group.isPublic && <Badge tone="neutral">{t('searchPage.private')}</Badge>}
        </span>
        {group.description && <span className="vw-search-row__description">{group.description}</span>}
      </div>
    </li>
  );
}

export function GroupResults({ q }: { q: string }) {
  const { t } = useTranslation();
  const query = trpc.search.groups.useInfiniteQuery({ q, limit: SEARCH_PAGE_SIZE }, pageOpts);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <ResultsFrame query={query} count={items.length} q={q}>
      <ul className="vw-search-list" aria-label={t('searchPage.listLabel.groups', { q })}>
        {items.map((group) => (
          <GroupRow key={group.id} group={group} />
        ))}
      </ul>
    </ResultsFrame>
  );
}
