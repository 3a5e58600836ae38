import type { RecentSearchDto, SuggestionDto } from '@veza/api';
import { clauseCount, parseSearch, SEARCH_CLAUSES_MAX, SEARCH_TEXT_MAX } from '@veza/validators';

/**
 * What is wrong with a query before it is sent (the API refuses the same: too long, too many words, no word at all),
 * or null. `empty` is fine for the tracks tab with a filter; the search box simply shows no suggestions for it.
 */
export type QueryProblem = 'tooLong' | 'tooManyClauses' | 'empty';

export function queryProblem(q: string): QueryProblem | null {
  if (q.length > SEARCH_TEXT_MAX) return 'tooLong';
  const parsed = parseSearch(q);
  if (clauseCount(parsed) > SEARCH_CLAUSES_MAX) return 'tooManyClauses';
  return parsed.groups.length === 0 ? 'empty' : null;
}

/** The kinds the search box groups its suggestions by, in the order the groups show. */
export const SUGGESTION_KINDS = ['track', 'user', 'playlist', 'group'] as const satisfies readonly SuggestionDto['kind'][];
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

/** One row of the search box's list. */
export type BoxOption =
  | { type: 'recent'; key: string; label: string; href: string; recent: RecentSearchDto }
  | { type: 'suggestion'; key: string; kind: SuggestionKind; label: string; detail: string | null; image: string | null; href: string }
  | { type: 'all'; key: string; label: string; href: string };

const name = (u: { displayName: string | null; username: string }) => u.displayName?.trim() || u.username;

/** Where a suggestion leads, what it reads as, and its second line (the owner, the handle). */
export function toOption(s: SuggestionDto): BoxOption {
  const key = `${s.kind}:${s.id}`;
  switch (s.kind) {
    case 'track':
      return { type: 'suggestion', key, kind: 'track', label: s.title, detail: name(s.owner), image: s.coverUrl, href: `/tracks/${s.id}` };
    case 'user':
      return { type: 'suggestion', key, kind: 'user', label: name(s), detail: `@${s.username}`, image: s.avatarUrl, href: `/u/${s.username}` };
    case 'playlist':
      return { type: 'suggestion', key, kind: 'playlist', label: s.title, detail: name(s.owner), image: s.coverUrl, href: `/playlists/${s.id}` };
    case 'group':
      return { type: 'suggestion', key, kind: 'group', label: s.name, detail: null, image: s.avatarUrl, href: `/groups/${s.slug}` };
  }
}

/** Suggestions grouped by kind (SUGGESTION_KINDS order), best first within a kind; kinds without any left out. */
export function groupSuggestions(items: SuggestionDto[]): { kind: SuggestionKind; options: BoxOption[] }[] {
  return SUGGESTION_KINDS.map((kind) => ({ kind, options: items.filter((s) => s.kind === kind).map(toOption) })).filter((g) => g.options.length > 0);
}

/** The results page of a query (the tracks tab, no filter). */
export const resultsHref = (q: string) => `/search?${new URLSearchParams({ q }).toString()}`;
