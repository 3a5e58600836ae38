import type { Em } from '../orm.ts';
import { Follow, type FollowStatus } from './follow.entity.ts';

/** One side of a follow list: who, and since when. */
export interface FollowListRow {
  id: string;
  username: string;
  displayName: string | null;
  followedAt: Date;
}

/** Where a follow list's page starts: after this row (newest first, then by user id). */
export interface FollowCursor {
  at: Date;
  id: string;
}

/** Follows between users (issue 11). */
export const followsRepository = (em: Em) => ({
  /** Records that `followerId` follows `followeeId`; false when they already did (the first date stays). */
  async follow(followerId: string, followeeId: string, status: FollowStatus = 'active'): Promise<boolean> {
    const rows = await em.execute<{ follower_id: string }[]>(
      `insert into follows (follower_id, followee_id, status, created_at) values (?, ?, ?, ?)
       on conflict (follower_id, followee_id) do nothing returning follower_id`,
      // The date from here, in milliseconds: list cursors carry it as a JS date, and a row stored with microseconds
      // would sort after its own cursor.
      [followerId, followeeId, status, new Date()],
    );
    return rows.length > 0;
  },

  /** Ends a follow; false when there was none. */
  async unfollow(followerId: string, followeeId: string): Promise<boolean> {
    return (await em.nativeDelete(Follow, { follower: followerId, followee: followeeId })) > 0;
  },

  /** Ends every follow between two people, both ways (a block). */
  removeBetween: (a: string, b: string) =>
    em.execute(`delete from follows where (follower_id = ? and followee_id = ?) or (follower_id = ? and followee_id = ?)`, [a, b, b, a]),

  /** The follow's state and date, or null when `followerId` does not follow `followeeId`. */
  async get(followerId: string, followeeId: string): Promise<{ status: FollowStatus; createdAt: Date } | null> {
    const row = await em.findOne(Follow, { follower: followerId, followee: followeeId }, { refresh: true });
    return row ? { status: row.status, createdAt: row.createdAt } : null;
  },

  /** How many people follow `userId` and how many it follows (active follows only). */
  async counts(userId: string): Promise<{ followers: number; following: number }> {
    const rows = await em.execute<{ followers: number | string; following: number | string }[]>(
      `select (select count(*) from follows where followee_id = ? and status = 'active') as followers,
              (select count(*) from follows where follower_id = ? and status = 'active') as following`,
      [userId, userId],
    );
    return { followers: Number(rows[0]?.followers ?? 0), following: Number(rows[0]?.following ?? 0) };
  },

  /**
   * A page of `userId`'s followers (`side` 'followers'), of the people it follows ('following'), or of the follow
   * requests waiting for its approval ('requests'), newest first; `limit + 1` rows are read to tell whether there
   * are more.
   */
  async page(userId: string, side: 'followers' | 'following' | 'requests', after: FollowCursor | null, limit: number): Promise<{ rows: FollowListRow[]; more: boolean }> {
    const [mine, theirs] = side === 'following' ? ['follower_id', 'followee_id'] : ['followee_id', 'follower_id'];
    const status = side === 'requests' ? 'pending' : 'active';
    const params: unknown[] = [userId, status];
    let keyset = '';
    if (after) {
      keyset = `and (f.created_at, u.id) < (?, ?)`;
      params.push(after.at, after.id);
    }
    params.push(limit + 1);
    const rows = await em.execute<{ id: string; username: string; display_name: string | null; created_at: Date | string }[]>(
      `select u.id, u.username, u.display_name, f.created_at
       from follows f join users u on u.id = f.${theirs}
       where f.${mine} = ? and f.status = ? ${keyset}
       order by f.created_at desc, u.id desc
       limit ?`,
      params,
    );
    const page = rows.slice(0, limit).map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, followedAt: new Date(r.created_at) }));
    return { rows: page, more: rows.length > limit };
  },

  /** Approves `followerId`'s request (the follow dates from now, for the followers list) to follow `followeeId`; false when there was no such request. */
  async approve(followerId: string, followeeId: string): Promise<boolean> {
    return (await em.nativeUpdate(Follow, { follower: followerId, followee: followeeId, status: 'pending' }, { status: 'active', createdAt: new Date() })) > 0;
  },

  /** Declines (deletes) `followerId`'s request to follow `followeeId`; false when there was no such request. */
  async decline(followerId: string, followeeId: string): Promise<boolean> {
    return (await em.nativeDelete(Follow, { follower: followerId, followee: followeeId, status: 'pending' })) > 0;
  },

  /** Approves every request waiting for `followeeId` (its profile turned public); returns how many. */
  approveAll: (followeeId: string) => em.nativeUpdate(Follow, { followee: followeeId, status: 'pending' }, { status: 'active', createdAt: new Date() }),

  /** How many follow requests wait for `userId`'s approval. */
  pendingCount: (userId: string) => em.count(Follow, { followee: userId, status: 'pending' }),

  /** Of `ids`, those `userId` follows (active). */
  async followedBy(userId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await em.find(Follow, { follower: userId, followee: { $in: ids }, status: 'active' }, { fields: ['followee'] });
    return new Set(rows.map((r) => r.followee.id));
  },

  /** Of `ids`, those who follow `userId` (active). */
  async followersAmong(userId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await em.find(Follow, { followee: userId, follower: { $in: ids }, status: 'active' }, { fields: ['follower'] });
    return new Set(rows.map((r) => r.follower.id));
  },
});
