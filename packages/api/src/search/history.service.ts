// Search history (issue 12): a signed-in person's last SEARCH_HISTORY_MAX distinct searches, recorded when a
// results page asks for its first page (search.service.ts); the same query again (ignoring case) moves to the top.
// The box shows them for an empty query; each can be removed, or all at once. Only their owner ever reads them.
import { searchHistoryRepository } from '@veza/db';
import type { Context } from '../context.ts';
import { DomainError } from '../errors.ts';
import type { RecentSearchDto } from './search.dto.ts';

type Ctx = Pick<Context, 'em'>;

/** Records `query` (as typed, whitespace collapsed) in `userId`'s history. */
export async function recordSearch(ctx: Ctx, userId: string, query: string): Promise<void> {
  await searchHistoryRepository(ctx.em).record(userId, query, query.toLowerCase());
}

/** `userId`'s recent searches, newest first. */
export async function recentSearches(ctx: Ctx, userId: string): Promise<RecentSearchDto[]> {
  return (await searchHistoryRepository(ctx.em).list(userId)).map((r) => ({ id: r.id, query: r.query, searchedAt: r.searchedAt.toISOString() }));
}

/** Removes one of `userId`'s searches: NOT_FOUND when they have none with that id (someone else's included). */
export async function removeSearch(ctx: Ctx, userId: string, id: string): Promise<{ id: string; removed: true }> {
  if (!(await searchHistoryRepository(ctx.em).remove(userId, id))) throw new DomainError('NOT_FOUND', 'That search is not in your history (any more).', undefined, 'not_found');
  return { id, removed: true };
}

/** Removes all of `userId`'s searches; returns how many there were. */
export async function clearSearches(ctx: Ctx, userId: string): Promise<{ removed: number }> {
  return { removed: await searchHistoryRepository(ctx.em).clear(userId) };
}
