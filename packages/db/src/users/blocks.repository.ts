import type { Em } from '../orm.ts';
import { UserBlock } from './block.entity.ts';

/** Blocks between users (issue 10). Both directions matter for DMs and groups; only the blocker's for hiding. */
export const blocksRepository = (em: Em) => ({
  /** Records that `blockerId` blocks `blockedId`; false when they already did (the first block stays). */
  async block(blockerId: string, blockedId: string): Promise<boolean> {
    const rows = await em.execute<{ blocker_id: string }[]>(
      `insert into user_blocks (blocker_id, blocked_id, created_at) values (?, ?, now())
       on conflict (blocker_id, blocked_id) do nothing returning blocker_id`,
      [blockerId, blockedId],
    );
    return rows.length > 0;
  },

  /** Lifts a block; false when there was none. */
  async unblock(blockerId: string, blockedId: string): Promise<boolean> {
    return (await em.nativeDelete(UserBlock, { blocker: blockerId, blocked: blockedId })) > 0;
  },

  /** The people `blockerId` blocked, newest first (at most `limit`), with their accounts. */
  list: (blockerId: string, limit: number) =>
    em.find(UserBlock, { blocker: blockerId }, { populate: ['blocked'], orderBy: { createdAt: 'desc', blocked: 'asc' }, limit, refresh: true }),

  get: (blockerId: string, blockedId: string) => em.findOne(UserBlock, { blocker: blockerId, blocked: blockedId }, { refresh: true }),

  count: (blockerId: string) => em.count(UserBlock, { blocker: blockerId }),

  /**
   * Of `others`, those with a block between them and `userId` in either direction: `byMe` those `userId` blocked,
   * `byThem` those who blocked `userId`.
   */
  async between(userId: string, others: string[]): Promise<{ byMe: Set<string>; byThem: Set<string> }> {
    const byMe = new Set<string>();
    const byThem = new Set<string>();
    if (others.length === 0) return { byMe, byThem };
    const marks = others.map(() => '?').join(', ');
    const rows = await em.execute<{ blocker_id: string; blocked_id: string }[]>(
      `select blocker_id, blocked_id from user_blocks
       where (blocker_id = ? and blocked_id in (${marks})) or (blocked_id = ? and blocker_id in (${marks}))`,
      [userId, ...others, userId, ...others],
    );
    for (const row of rows) {
      if (row.blocker_id === userId) byMe.add(row.blocked_id);
      else byThem.add(row.blocker_id);
    }
    return { byMe, byThem };
  },

  /** Of `authorIds`, those `viewerId` blocked (whose messages reach them hidden). */
  async blockedAmong(viewerId: string, authorIds: string[]): Promise<Set<string>> {
    if (authorIds.length === 0) return new Set();
    const rows = await em.find(UserBlock, { blocker: viewerId, blocked: { $in: authorIds } }, { fields: ['blocked'] });
    return new Set(rows.map((r) => r.blocked.id));
  },
});
