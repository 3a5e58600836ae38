import { randomUUID } from 'node:crypto';
import { SEARCH_HISTORY_MAX } from '@veza/validators';
import type { Em } from '../orm.ts';

export interface SearchHistoryRow {
  id: string;
  query: string;
  searchedAt: Date;
}

export const searchHistoryRepository = (em: Em) => ({
  /**
   * Records that `userId` ran `query`: a new entry on top, or the same query (by `queryKey`) moved to the top; then
   * only the newest SEARCH_HISTORY_MAX are kept. Times come from the database's clock (clock_timestamp: two searches
   * in the same millisecond still have an order).
   */
  record: (userId: string, query: string, queryKey: string) =>
    em.transactional(async (tx) => {
      await tx.execute(
        `insert into search_history (id, user_id, query, query_key, searched_at) values (?, ?, ?, ?, clock_timestamp())
         on conflict (user_id, query_key) do update set query = excluded.query, searched_at = excluded.searched_at`,
        [randomUUID(), userId, query, queryKey],
      );
      await tx.execute(
        `delete from search_history where user_id = ? and id not in
           (select id from search_history where user_id = ? order by searched_at desc, id desc limit ${SEARCH_HISTORY_MAX})`,
        [userId, userId],
      );
    }),

  /** The newest first. */
  async list(userId: string): Promise<SearchHistoryRow[]> {
    const rows = await em.execute<{ id: string; query: string; searched_at: Date | string }[]>(
      `select id, query, searched_at from search_history where user_id = ? order by searched_at desc, id desc limit ${SEARCH_HISTORY_MAX}`,
      [userId],
    );
    return rows.map((r) => ({ id: r.id, query: r.query, searchedAt: new Date(r.searched_at) }));
  },

  /** Removes one of `userId`'s entries; false when they have none with that id. */
  async remove(userId: string, id: string): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>('delete from search_history where id = ? and user_id = ? returning id', [id, userId]);
    return rows.length > 0;
  },

  /** Removes all of `userId`'s entries; returns how many there were. */
  async clear(userId: string): Promise<number> {
    const rows = await em.execute<{ id: string }[]>('delete from search_history where user_id = ? returning id', [userId]);
    return rows.length;
  },
});
