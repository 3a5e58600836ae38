import { arrayLiteral } from '../chat/search-conditions.ts';
import type { Em } from '../orm.ts';
import { audienceParams, audienceSql } from '../repositories/tracks.repository.ts';

/**
 * How "Up next" ranks the tracks related to a seed (issue 11, autoplay). Each candidate scores
 * `coLike` per person who liked both (counted up to `coLikeCap` people), `sameArtist`, `sameGenre`, and `sharedTag`
 * per tag in common (up to `sharedTagCap`); ties go to the better trending rank this month, then likes, then the
 * newest. Candidates come from bounded, indexed lookups only: the seed's latest `likers` likers' other likes
 * (track_likes primary key, then track_likes_user_id_index), the artist's latest tracks (tracks_owner_created_at_idx),
 * tracks sharing a tag (tracks_tags_gin_idx), the genre's tracks of the last `recentDays` days (tracks_created_at_id_idx)
 * and this month's trending ranks of the genre, the filler (trending_scores_window_rank_idx). An artist places at
 * most `perArtist` tracks, so autoplay does not turn into one artist's discography.
 */
export const RELATED = {
  weights: { coLike: 4, sameArtist: 3, sameGenre: 2, sharedTag: 1 },
  coLikeCap: 5,
  sharedTagCap: 3,
  likers: 500,
  perSource: 100,
  recentDays: 90,
  perArtist: 3,
} as const;

export interface RelatedSeed {
  id: string;
  ownerId: string;
  genre: string | null;
  tags: string[];
}

export const relatedRepository = (em: Em) => ({
  /**
   * Up to `limit` ids of public, ready tracks `viewerId` may see (`audienceSql`), related to `seed`, best first;
   * never the seed nor any of `excludeIds`.
   */
  async related(seed: RelatedSeed, opts: { excludeIds: string[]; limit: number; viewerId: string | null; now?: Date }): Promise<string[]> {
    const w = RELATED.weights;
    const n = RELATED.perSource;
    const since = new Date((opts.now ?? new Date()).getTime() - RELATED.recentDays * 86_400_000);
    const tags = seed.tags.slice(0, 10);
    // Parameters in the order their `?` appear: co, popular, the candidate sources, then the scoring.
    const params: unknown[] = [seed.id, seed.id];
    const sources: string[] = [];

    const co = `co as (
      select l.track_id, count(*)::int as n from track_likes l
      join (select user_id from track_likes where track_id = ? order by created_at desc limit ${RELATED.likers}) k on k.user_id = l.user_id
      where l.track_id <> ? group by l.track_id order by n desc limit ${n * 2})`;
    sources.push('select track_id from co');

    // The filler: this month's trending tracks of the seed's genre (or of every genre when it has none).
    const popularGenre = seed.genre !== null ? 'and t.genre = ?' : '';
    const popular = `popular as (
      select s.track_id, s.rank from trending_scores s join tracks t on t.id = s.track_id
      where s."window" = 'month' ${popularGenre} order by s.rank limit ${n})`;
    if (seed.genre !== null) params.push(seed.genre);

    params.push(seed.ownerId);
    sources.push(`(select id from tracks where owner_id = ? order by created_at desc limit ${n})`);

    if (tags.length > 0) {
      sources.push(`(select id from tracks where ${tags.map(() => 'tags @> ?::jsonb').join(' or ')} order by created_at desc limit ${n})`);
      params.push(...tags.map((tag) => JSON.stringify([tag])));
    }
    if (seed.genre !== null) {
      sources.push(`(select id from tracks where created_at >= ? and genre = ? order by created_at desc limit ${n})`);
      params.push(since, seed.genre);
    }
    sources.push('select track_id from popular');

    const sameGenre = seed.genre !== null ? `case when t.genre = ? then ${w.sameGenre} else 0 end` : '0';
    params.push(seed.ownerId, ...(seed.genre !== null ? [seed.genre] : []), arrayLiteral(tags), seed.id, arrayLiteral(opts.excludeIds), ...audienceParams(opts.viewerId), opts.limit);
    const rows = await em.execute<{ id: string }[]>(
      `with ${co}, ${popular},
       candidates as (${sources.join(' union ')}),
       scored as (
         select t.id, t.owner_id, t.like_count, t.created_at, p.rank,
           ${w.coLike} * least(coalesce(co.n, 0), ${RELATED.coLikeCap})
           + case when t.owner_id = ? then ${w.sameArtist} else 0 end
           + ${sameGenre}
           + ${w.sharedTag} * least((select count(*) from jsonb_array_elements_text(t.tags) x where x = any(?::text[])), ${RELATED.sharedTagCap}) as score
         from candidates c
         join tracks t on t.id = c.track_id
         join users u on u.id = t.owner_id
         left join co on co.track_id = t.id
         left join popular p on p.track_id = t.id
         where t.id <> ? and not (t.id = any(?::uuid[])) and t.visibility = 'public' and t.status = 'ready'
           and ${audienceSql('u.id', 'u.is_private', opts.viewerId)}
       ),
       capped as (
         select *, row_number() over (partition by owner_id order by score desc, rank nulls last, like_count desc, created_at desc, id) as per_artist
         from scored
       )
       select id from capped where per_artist <= ${RELATED.perArtist}
       order by score desc, rank nulls last, like_count desc, created_at desc, id
       limit ?`,
      params,
    );
    return rows.map((r) => r.id);
  },
});
