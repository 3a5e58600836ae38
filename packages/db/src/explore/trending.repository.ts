import type { Em } from '../orm.ts';
import { audienceParams, audienceSql } from '../repositories/tracks.repository.ts';

export type TrendingWindowName = 'week' | 'month' | 'rising';

/**
 * How trending is scored. Each event in the window counts its weight, decayed by its age (halved every `halfLifeDays`):
 * a play 1 (plays are already counted once per listener per 30 minutes; a signed-in listener's count once a day here,
 * a signed-out listener's plays half), a like 4, a comment 6 (one per commenter), a repost 12. An artist places at most
 * `perArtist` tracks; only public, ready tracks of public profiles rank.
 */
export const TRENDING = {
  week: { days: 7, halfLifeDays: 2 },
  month: { days: 30, halfLifeDays: 7 },
  /** New and rising: tracks of the last 30 days by artists with fewer than `maxFollowers` followers. */
  rising: { days: 30, halfLifeDays: 5, maxFollowers: 200 },
  weights: { play: 1, anonymousPlay: 0.5, like: 4, comment: 6, repost: 12 },
  perArtist: 3,
  /** Ranks kept per window. */
  keep: 1000,
} as const;

export const trendingRepository = (em: Em) => ({
  /**
   * Recomputes one window's ranks as of `now`, replacing the previous ones in one transaction (readers see the old
   * ranks or the new ones, never a mix). Returns how many tracks ranked.
   */
  recompute: (window: TrendingWindowName, now: Date) =>
    em.transactional(async (tx) => {
      const w = TRENDING[window];
      const since = new Date(now.getTime() - w.days * 86_400_000);
      const k = TRENDING.weights;
      // decay(t) = 0.5 ^ (age / half-life) = exp(-ln 2 · age / half-life), in float8 throughout (numeric `power` and
      // `extract` made the week's recompute over 3 M plays take 42 s instead of 8).
      const decay = (column: string) => `exp(${-Math.LN2 / (w.halfLifeDays * 86_400)}::float8 * date_part('epoch', ?::timestamptz - ${column}))`;
      const rising = window === 'rising';
      // One recompute of a window at a time (two instances, or a run by hand): the second waits, then replaces the first's.
      await tx.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`veza.trending.${window}`]);
      await tx.execute(`delete from trending_scores where "window" = ?`, [window]);
      const rows = await tx.execute<{ n: number | string }[]>(
        `with events as (
           select p.track_id, ${k.play}::float8 * ${decay('p.day')} as w
             from (select track_id, listener_id, max(played_at) as day from track_plays
                   where played_at >= ? and listener_id is not null group by track_id, listener_id, date_trunc('day', played_at)) p
           union all
           select track_id, ${k.anonymousPlay}::float8 * ${decay('played_at')} from track_plays where played_at >= ? and listener_id is null
           union all
           select track_id, ${k.like}::float8 * ${decay('created_at')} from track_likes where created_at >= ?
           union all
           select c.track_id, ${k.comment}::float8 * ${decay('c.at')}
             from (select track_id, author_id, min(created_at) as at from track_comments where created_at >= ? group by track_id, author_id) c
           union all
           select track_id, ${k.repost}::float8 * ${decay('created_at')} from reposts where created_at >= ?
         ),
         -- The best-scored tracks only go on to the per-artist cap and the visibility checks: enough to fill the kept
         -- ranks many times over, without a lookup for every track that had one play.
         scored as (
           select e.track_id, sum(e.w) as score from events e group by e.track_id order by score desc limit ${TRENDING.keep * 20}
         ),
         eligible as (
           select s.track_id, s.score, t.owner_id,
             row_number() over (partition by t.owner_id order by s.score desc, s.track_id) as per_artist
           from scored s join tracks t on t.id = s.track_id join users u on u.id = t.owner_id
           where t.visibility = 'public' and t.status = 'ready' and u.is_private = false
             ${rising ? `and t.created_at >= ? and (select count(*) from follows f where f.followee_id = t.owner_id and f.status = 'active') < ${TRENDING.rising.maxFollowers}` : ''}
         )
         insert into trending_scores ("window", track_id, rank, score, computed_at)
         select ?, track_id, row_number() over (order by score desc, track_id), score, ?
         from eligible where per_artist <= ${TRENDING.perArtist}
         order by score desc, track_id limit ${TRENDING.keep}
         returning 1 as n`,
        [now, since, now, since, now, since, now, since, now, since, ...(rising ? [since] : []), window, now],
      );
      return rows.length;
    }),

  /**
   * A page of a window's ranks (after `afterRank`), optionally of one genre, of the tracks `viewerId` may still see
   * (a track made private since the last recompute drops out at once).
   */
  async page(window: TrendingWindowName, opts: { genre?: string | undefined; afterRank: number; limit: number; viewerId: string | null }) {
    const params: unknown[] = [window, opts.afterRank];
    let genre = '';
    if (opts.genre) {
      genre = 'and t.genre = ?';
      params.push(opts.genre);
    }
    params.push(...audienceParams(opts.viewerId), opts.limit + 1);
    const rows = await em.execute<{ track_id: string; rank: number; score: number; computed_at: Date | string }[]>(
      `select s.track_id, s.rank, s.score, s.computed_at from trending_scores s
       join tracks t on t.id = s.track_id join users u on u.id = t.owner_id
       where s."window" = ? and s.rank > ? ${genre} and t.visibility = 'public' and t.status = 'ready' and ${audienceSql('u.id', 'u.is_private', opts.viewerId)}
       order by s.rank limit ?`,
      params,
    );
    return {
      rows: rows.slice(0, opts.limit).map((r) => ({ trackId: r.track_id, rank: Number(r.rank), score: Number(r.score), computedAt: new Date(r.computed_at) })),
      more: rows.length > opts.limit,
    };
  },
});
