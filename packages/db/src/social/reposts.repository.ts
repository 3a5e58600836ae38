import { raw } from '@mikro-orm/core';
import type { Em } from '../orm.ts';
import { Track } from '../entities/track.entity.ts';
import { audienceParams, audienceSql } from '../repositories/tracks.repository.ts';
import { Repost } from './repost.entity.ts';

/** Where a keyset page of track activity starts: after this (date, track id), newest first. */
export interface ActivityCursor {
  at: Date;
  trackId: string;
}

/** A track of the home feed: the date of its newest activity among the people followed, and what it was. */
export interface FeedRow {
  trackId: string;
  at: Date;
  /** The newest activity is the upload itself (by someone followed); otherwise a repost. */
  upload: boolean;
}

/** Someone followed who reposted a track of the feed. */
export interface FeedReposter {
  trackId: string;
  id: string;
  username: string;
  displayName: string | null;
  caption: string | null;
  at: Date;
}

const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const before = (column: string, id: string) => `(${column}, ${id}) < (?, ?)`;

/** The people the viewer (the query's parameter) follows, approved. */
const FOLLOWED = `select followee_id from follows where follower_id = ? and status = 'active'`;

/**
 * `column` is someone the viewer follows, checked against a hash of the people followed that PostgreSQL builds once per
 * query (a "hashed SubPlan": the IS TRUE keeps the planner from turning the IN into a join, which would probe
 * `follows` once per row, or read everything and sort).
 */
const followedBy = (column: string) => `(${column} in (${FOLLOWED})) is true`;

/**
 * Up to this many people followed, the home feed reads each one's newest activity through their own index; beyond it,
 * it reads everyone's activity along time and keeps the followed people's. The first costs rows per person, the second
 * rows per page divided by the share of activity that is theirs: they cross, on the benchmark's data, around a
 * couple of hundred people followed.
 */
export const FEED_PER_PERSON_MAX = 150;

/** Reposts (issue 11), and the home feed read from them and from uploads. */
export const repostsRepository = (em: Em) => ({
  /**
   * Reposts `trackId` as `userId` (again: the caption is replaced, the date stays); keeps the track's repostCount in
   * step in the same transaction. Returns whether the repost is new.
   */
  repost: (userId: string, trackId: string, caption: string | null) =>
    em.transactional(async (tx) => {
      const rows = await tx.execute<{ inserted: boolean }[]>(
        `insert into reposts (user_id, track_id, caption, created_at) values (?, ?, ?, ?)
         on conflict (user_id, track_id) do update set caption = excluded.caption
         returning (xmax = 0) as inserted`,
        // The date from here, in milliseconds, as for follows: cursors carry it as a JS date.
        [userId, trackId, caption, new Date()],
      );
      const inserted = Boolean(rows[0]?.inserted);
      if (inserted) await tx.nativeUpdate(Track, { id: trackId }, { repostCount: raw('repost_count + 1') });
      return inserted;
    }),

  /** Removes a repost; false when there was none. */
  unrepost: (userId: string, trackId: string) =>
    em.transactional(async (tx) => {
      const removed = await tx.nativeDelete(Repost, { user: userId, track: trackId });
      if (!removed) return false;
      await tx.nativeUpdate(Track, { id: trackId }, { repostCount: raw('greatest(repost_count - 1, 0)') });
      return true;
    }),

  repostCount: async (trackId: string) => (await em.findOne(Track, { id: trackId }, { fields: ['repostCount'], refresh: true }))?.repostCount ?? 0,

  /** `userId`'s repost of `trackId`, if any. */
  get: (userId: string, trackId: string) => em.findOne(Repost, { user: userId, track: trackId }, { refresh: true }),

  /** Which of these tracks `userId` reposted. */
  async repostedAmong(userId: string, trackIds: string[]): Promise<Set<string>> {
    if (trackIds.length === 0) return new Set();
    const rows = await em.find(Repost, { user: userId, track: { $in: trackIds } }, { fields: ['track'] });
    return new Set(rows.map((r) => r.track.id));
  },

  /**
   * A page of `userId`'s reposts, newest first: the public, ready tracks `viewerId` may see (a private profile's
   * only to its approved followers), and the viewer's own.
   */
  async page(userId: string, viewerId: string | null, after: ActivityCursor | null, limit: number): Promise<{ rows: { trackId: string; caption: string | null; at: Date }[]; more: boolean }> {
    const params: unknown[] = [userId, viewerId, ...audienceParams(viewerId)];
    let keyset = '';
    if (after) {
      keyset = `and ${before('r.created_at', 'r.track_id')}`;
      params.push(after.at, after.trackId);
    }
    params.push(limit + 1);
    const rows = await em.execute<{ track_id: string; caption: string | null; created_at: Date | string }[]>(
      `select r.track_id, r.caption, r.created_at from reposts r join tracks t on t.id = r.track_id join users u on u.id = t.owner_id
       where r.user_id = ? and (t.owner_id = ? or (t.visibility = 'public' and t.status = 'ready' and ${audienceSql('u.id', 'u.is_private', viewerId)})) ${keyset}
       order by r.created_at desc, r.track_id desc limit ?`,
      params,
    );
    return { rows: rows.slice(0, limit).map((r) => ({ trackId: r.track_id, caption: r.caption, at: date(r.created_at) })), more: rows.length > limit };
  },

  /**
   * One page of `viewerId`'s home feed: the tracks that people they follow uploaded or reposted, one row per track,
   * ordered by the track's newest such activity, after `after`. Read-time merge, no feed table:
   *
   * 1. Scan the followed people's activity (uploads and reposts) newest first, `scan` rows at a time, with index-only
   *    scans: per person for someone who follows few (FEED_PER_PERSON_MAX), along time for someone who follows many.
   * 2. For each track met, its newest activity among everyone followed (earlier pages may already have shown it:
   *    it is then skipped), and whether the viewer may see it (public, ready, its owner's profile visible, no block
   *    either way).
   * 3. A track whose newest activity falls within the rows scanned is final; the scan goes on below them until the
   *    page is full or the activity runs out.
   */
  async homeFeed(
    viewerId: string,
    after: ActivityCursor | null,
    limit: number,
    /** Tests vary how many rows a scan reads and where the strategy changes. */
    { scan = Math.max(4 * (limit + 1), 64), perPersonMax = FEED_PER_PERSON_MAX }: { scan?: number; perPersonMax?: number } = {},
  ): Promise<{ rows: FeedRow[]; more: boolean }> {
    const following = Number((await em.execute<{ n: number | string }[]>(`select count(*) as n from follows where follower_id = ? and status = 'active'`, [viewerId]))[0]?.n ?? 0);
    if (following === 0) return { rows: [], more: false };
    const perPerson = following <= perPersonMax;
    const found: FeedRow[] = [];
    const seen = new Set<string>();
    let scanFrom = after;
    for (;;) {
      const keyParams = (alias: string, id: string) => (scanFrom ? { sql: `and ${before(`${alias}.created_at`, id)}`, params: [scanFrom.at, scanFrom.trackId] } : { sql: '', params: [] });
      const up = keyParams('t', 't.id');
      const re = keyParams('r', 'r.track_id');
      const region = perPerson
        ? await em.execute<{ track_id: string; at: Date | string }[]>(
            `select x.track_id, x.at from (${FOLLOWED}) f cross join lateral (
               (select t.id as track_id, t.created_at as at from tracks t
                 where t.owner_id = f.followee_id ${up.sql} order by t.created_at desc, t.id desc limit ?)
               union all
               (select r.track_id, r.created_at as at from reposts r
                 where r.user_id = f.followee_id ${re.sql} order by r.created_at desc, r.track_id desc limit ?)
             ) x order by x.at desc, x.track_id desc limit ?`,
            [viewerId, ...up.params, scan, ...re.params, scan, scan],
          )
        : await em.execute<{ track_id: string; at: Date | string }[]>(
            `select track_id, at from (
               (select t.id as track_id, t.created_at as at from tracks t
                 where ${followedBy('t.owner_id')} ${up.sql} order by t.created_at desc, t.id desc limit ?)
               union all
               (select r.track_id, r.created_at as at from reposts r
                 where ${followedBy('r.user_id')} ${re.sql} order by r.created_at desc, r.track_id desc limit ?)
             ) activity order by at desc, track_id desc limit ?`,
            [viewerId, ...up.params, scan, viewerId, ...re.params, scan, scan],
          );
      const exhausted = region.length < scan;
      const last = region.at(-1);
      const floor = last ? { at: date(last.at), trackId: last.track_id } : null;
      const candidates = [...new Set(region.map((r) => r.track_id))].filter((id) => !seen.has(id));
      if (candidates.length > 0) {
        const rows = await em.execute<{ track_id: string; at: Date | string; upload: boolean }[]>(
          // The newest followed repost of each track: its reposts newest first, up to the first by someone followed.
          `with scored as materialized (
             select t.id as track_id, t.owner_id, t.visibility, t.status,
               (case when ${followedBy('t.owner_id')} then t.created_at end) as uploaded_at,
               (select r.created_at from reposts r where r.track_id = t.id and ${followedBy('r.user_id')} order by r.created_at desc limit 1) as reposted_at
             from tracks t where t.id in (${candidates.map(() => '?').join(', ')})
           )
           select s.track_id, greatest(s.uploaded_at, s.reposted_at) as at, (s.uploaded_at is not null and (s.reposted_at is null or s.uploaded_at >= s.reposted_at)) as upload
           from scored s join users u on u.id = s.owner_id
           where s.visibility = 'public' and s.status = 'ready' and ${audienceSql('u.id', 'u.is_private', viewerId)}
             and not exists (select 1 from user_blocks b where (b.blocker_id = ? and b.blocked_id = s.owner_id) or (b.blocker_id = s.owner_id and b.blocked_id = ?))`,
          [viewerId, viewerId, ...candidates, ...audienceParams(viewerId), viewerId, viewerId],
        );
        for (const r of rows) {
          const row = { trackId: r.track_id, at: date(r.at), upload: Boolean(r.upload) };
          const key = (c: ActivityCursor) => row.at.getTime() - c.at.getTime() || (row.trackId < c.trackId ? -1 : row.trackId > c.trackId ? 1 : 0);
          // Shown on an earlier page (newer than the page's start), or not final yet (below this scan).
          if (after && key(after) >= 0) continue;
          if (!exhausted && floor && key(floor) < 0) continue;
          found.push(row);
          seen.add(row.trackId);
        }
      }
      if (found.length > limit || exhausted || !floor) break;
      scanFrom = floor;
    }
    found.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.trackId < b.trackId ? 1 : -1));
    return { rows: found.slice(0, limit), more: found.length > limit };
  },

  /** For each of these feed tracks, the people `viewerId` follows who reposted it: the newest `per` of them, and how many. */
  async repostersAmongFollowed(viewerId: string, trackIds: string[], per = 3): Promise<{ reposters: FeedReposter[]; counts: Map<string, number> }> {
    if (trackIds.length === 0) return { reposters: [], counts: new Map() };
    // Per track: how many followed people reposted it (its reposts read from the covering index, each checked against
    // the hash of the people followed), and the newest `per` of them, read newest first and stopped there. A track
    // reposted by thousands costs one index range, not a sort and a user lookup per repost.
    const rows = await em.execute<{ track_id: string; id: string; username: string; display_name: string | null; caption: string | null; created_at: Date | string; total: number | string }[]>(
      `select x.track_id, u.id, u.username, u.display_name, r.caption, r.created_at, x.total
       from (select t.id as track_id, (select count(*) from reposts c where c.track_id = t.id and ${followedBy('c.user_id')}) as total
             from tracks t where t.id in (${trackIds.map(() => '?').join(', ')})) x
       cross join lateral (select r.user_id, r.caption, r.created_at from reposts r
                           where r.track_id = x.track_id and ${followedBy('r.user_id')} order by r.created_at desc, r.user_id desc limit ?) r
       join users u on u.id = r.user_id
       order by x.track_id, r.created_at desc, r.user_id desc`,
      [viewerId, ...trackIds, viewerId, per],
    );
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.track_id, Number(r.total));
    return {
      reposters: rows.map((r) => ({ trackId: r.track_id, id: r.id, username: r.username, displayName: r.display_name, caption: r.caption, at: date(r.created_at) })),
      counts,
    };
  },
});
