// Search of tracks, people and playlists (issue 12), on PGlite and PostgreSQL: full text (simple dictionary,
// accents removed, word prefixes, phrases, CJK character pairs) and trigram similarity for typos, each served by a
// GIN index on the expressions of search-sources.ts. A page is one query: the matches the viewer may see, filtered,
// scored, keyset-paged. Facet counts are a second query, first pages only (track-facets.ts). Tracks are searched by
// a stored generated column (search_document), people and playlists by expression indexes.
import type { TrackSearchSort } from '@veza/validators';
import type { Em } from '../orm.ts';
import type { CompiledSearch } from './search-query.ts';
import { PLAYLIST_SOURCE, playlistVisibility, TRACK_SOURCE, trackVisibility, USER_SOURCE, userVisibility } from './search-sources.ts';
import { trackFacetCounts, trackFilterSql, type TrackFacetCounts, type TrackSearchFilters } from './track-facets.ts';

export { compileSearch, foldQuery, type CompiledSearch, type SearchSource } from './search-query.ts';

/** Where a page starts: after this hit, by the page's sort (`value`: the score, the creation time or the plays). */
export interface SearchAfter {
  value: string;
  id: string;
}

export interface SearchHitRow {
  id: string;
  /** The sort key of this hit, for the next page's SearchAfter. */
  value: string;
}

/** How many matches of each kind a suggestion ranks (the first the indexes find): the box answers while typing. */
export const SUGGEST_CANDIDATES = 200;

/** Popularity's share of a score: ×(1 + POPULARITY·ln(1 + plays or likes)); 1 M plays about doubles a score. */
const POPULARITY = 0.08;

const sortKeys: Record<TrackSearchSort, { value: string; cast: string }> = {
  relevance: { value: 's.score', cast: 'float8' },
  newest: { value: 's.created_at', cast: 'timestamptz' },
  plays: { value: 's.play_count', cast: 'int' },
};

interface PageQuery {
  /** The id column of the kind searched. */
  id: string;
  from: string;
  /** Selected beside the id as `score` (with its parameters, which come first). */
  score: string;
  scoreParams: unknown[];
  where: string[];
  whereParams: unknown[];
  extra: string;
}

/**
 * One keyset-paged page of `q` by `sort`: best (or newest, or most played) first, ties by id. Scores are float8
 * (ts_rank's real widened), whose text form reads back as the same value: a cursor's score compares equal to its row.
 */
async function page(em: Em, q: PageQuery, sort: TrackSearchSort, after: SearchAfter | null, limit: number): Promise<{ rows: SearchHitRow[]; more: boolean }> {
  const key = sortKeys[sort];
  const params: unknown[] = [...q.scoreParams, ...q.whereParams];
  let keyset = '';
  if (after) {
    keyset = `where ${key.value} < ?::${key.cast} or (${key.value} = ?::${key.cast} and s.id > ?::uuid)`;
    params.push(after.value, after.value, after.id);
  }
  params.push(limit + 1);
  const rows = await em.execute<{ id: string; value: string | number | Date }[]>(
    `select s.id, ${key.value} as value from (
       select ${q.id} as id, (${q.score})::float8 as score${q.extra} from ${q.from} where ${q.where.join(' and ')}
     ) s ${keyset} order by ${key.value} desc, s.id limit ?`,
    params,
  );
  return {
    rows: rows.slice(0, limit).map((r) => ({ id: r.id, value: sort === 'newest' ? new Date(r.value).toISOString() : String(r.value) })),
    more: rows.length > limit,
  };
}

export interface TrackSuggestionRow {
  kind: 'track';
  id: string;
  score: number;
  title: string;
  coverKey: string | null;
  updatedAt: Date;
  owner: { id: string; username: string; displayName: string | null };
}
export interface UserSuggestionRow {
  kind: 'user';
  id: string;
  score: number;
  username: string;
  displayName: string | null;
  avatarKey: string | null;
  isPrivate: boolean;
}
export interface PlaylistSuggestionRow {
  kind: 'playlist';
  id: string;
  score: number;
  title: string;
  coverKey: string | null;
  version: number;
  owner: { id: string; username: string; displayName: string | null };
}
export type SuggestionRow = TrackSuggestionRow | UserSuggestionRow | PlaylistSuggestionRow;

export interface UserSearchRow {
  id: string;
  username: string;
  displayName: string | null;
  avatarKey: string | null;
  isPrivate: boolean;
}

type Raw = Record<string, unknown>;
const str = (v: unknown) => v as string;
const nullable = (v: unknown) => (v ?? null) as string | null;

export const catalogSearchRepository = (em: Em) => ({
  /** A page of the tracks `viewerId` may find matching `search` (null: any) and `filters`. */
  tracks(q: { search: CompiledSearch | null; filters: TrackSearchFilters; sort: TrackSearchSort; after: SearchAfter | null; limit: number; viewerId: string | null }) {
    const visible = trackVisibility(q.viewerId);
    const filters = trackFilterSql(q.filters);
    const where = [visible.sql, ...filters.sql];
    const whereParams = [...visible.params, ...filters.params];
    if (q.search) {
      where.push(q.search.where);
      whereParams.push(...q.search.whereParams);
    }
    const score = q.search ? `(${q.search.score}) * (1 + ${POPULARITY} * ln(1 + t.play_count::float8))` : '0::float8';
    return page(
      em,
      { id: 't.id', from: 'tracks t join users u on u.id = t.owner_id', score, scoreParams: q.search?.scoreParams ?? [], where, whereParams, extra: ', t.created_at, t.play_count' },
      q.sort,
      q.after,
      q.limit,
    );
  },

  /** The facet counts of a track search (its first page). */
  trackFacets: (q: { search: CompiledSearch | null; filters: TrackSearchFilters; viewerId: string | null; now: Date }): Promise<TrackFacetCounts> => trackFacetCounts(em, q),

  /** A page of the people `viewerId` may find, best match first. */
  async people(q: { search: CompiledSearch; after: SearchAfter | null; limit: number; viewerId: string | null }): Promise<{ rows: (UserSearchRow & { value: string })[]; more: boolean }> {
    const visible = userVisibility(q.viewerId);
    const hits = await page(
      em,
      { id: 'u.id', from: 'users u', score: q.search.score, scoreParams: q.search.scoreParams, where: [visible.sql, q.search.where], whereParams: [...visible.params, ...q.search.whereParams], extra: '' },
      'relevance',
      q.after,
      q.limit,
    );
    if (hits.rows.length === 0) return { rows: [], more: false };
    const users = await em.execute<Raw[]>(`select id, username, display_name, avatar_key, is_private from users where id in (${hits.rows.map(() => '?').join(', ')})`, hits.rows.map((r) => r.id));
    const byId = new Map(users.map((u) => [str(u.id), u]));
    const rows = hits.rows.flatMap((h) => {
      const u = byId.get(h.id);
      return u ? [{ id: h.id, value: h.value, username: str(u.username), displayName: nullable(u.display_name), avatarKey: nullable(u.avatar_key), isPrivate: Boolean(u.is_private) }] : [];
    });
    return { rows, more: hits.more };
  },

  /** A page of the playlists `viewerId` may find, best match first (more liked ones a little higher). */
  playlists(q: { search: CompiledSearch; after: SearchAfter | null; limit: number; viewerId: string | null }) {
    const visible = playlistVisibility(q.viewerId);
    return page(
      em,
      {
        id: 'pl.id',
        from: 'playlists pl join users u on u.id = pl.owner_id',
        score: `(${q.search.score}) * (1 + ${POPULARITY} * ln(1 + pl.like_count::float8))`,
        scoreParams: q.search.scoreParams,
        where: [visible.sql, q.search.where],
        whereParams: [...visible.params, ...q.search.whereParams],
        extra: '',
      },
      'relevance',
      q.after,
      q.limit,
    );
  },

  /**
   * Suggestions for the search box: of each kind, the best of the first SUGGEST_CANDIDATES matches the viewer may
   * see, at most `perKind`; all kinds in one round trip, best first.
   */
  async suggest(folded: { tracks: CompiledSearch; users: CompiledSearch; playlists: CompiledSearch }, viewerId: string | null, perKind: number): Promise<SuggestionRow[]> {
    const tv = trackVisibility(viewerId);
    const uv = userVisibility(viewerId);
    const pv = playlistVisibility(viewerId);
    const part = (kind: string, score: string, scoreParams: unknown[], from: string, columns: string, where: string, whereParams: unknown[]) => ({
      sql: `(select * from (select '${kind}' as kind, ${columns}, ${score} as score from ${from} where ${where} limit ${SUGGEST_CANDIDATES}) c order by c.score desc, c.id limit ${perKind})`,
      params: [...scoreParams, ...whereParams],
    });
    const owner = `u.id as owner_id, u.username as owner_username, u.display_name as owner_display_name`;
    const parts = [
      part(
        'track',
        `(${folded.tracks.score}) * (1 + ${POPULARITY} * ln(1 + t.play_count::float8))`,
        folded.tracks.scoreParams,
        'tracks t join users u on u.id = t.owner_id',
        `t.id, t.title, t.cover_key, t.updated_at, null::int as version, null::text as avatar_key, null::boolean as is_private, ${owner}`,
        `${tv.sql} and ${folded.tracks.where}`,
        [...tv.params, ...folded.tracks.whereParams],
      ),
      part(
        'user',
        folded.users.score,
        folded.users.scoreParams,
        'users u',
        `u.id, null::text as title, null::text as cover_key, null::timestamptz as updated_at, null::int as version, u.avatar_key, u.is_private, u.id as owner_id, u.username as owner_username, u.display_name as owner_display_name`,
        `${uv.sql} and ${folded.users.where}`,
        [...uv.params, ...folded.users.whereParams],
      ),
      part(
        'playlist',
        `(${folded.playlists.score}) * (1 + ${POPULARITY} * ln(1 + pl.like_count::float8))`,
        folded.playlists.scoreParams,
        'playlists pl join users u on u.id = pl.owner_id',
        `pl.id, pl.title, pl.cover_key, pl.updated_at, pl.version, null::text as avatar_key, null::boolean as is_private, ${owner}`,
        `${pv.sql} and ${folded.playlists.where}`,
        [...pv.params, ...folded.playlists.whereParams],
      ),
    ];
    const rows = await em.execute<Raw[]>(
      `${parts.map((p) => p.sql).join(' union all ')} order by score desc, kind, id`,
      parts.flatMap((p) => p.params),
    );
    return rows.map((r): SuggestionRow => {
      const owner = { id: str(r.owner_id), username: str(r.owner_username), displayName: nullable(r.owner_display_name) };
      const score = Number(r.score);
      if (r.kind === 'user') return { kind: 'user', id: str(r.id), score, username: owner.username, displayName: owner.displayName, avatarKey: nullable(r.avatar_key), isPrivate: Boolean(r.is_private) };
      if (r.kind === 'playlist') return { kind: 'playlist', id: str(r.id), score, title: str(r.title), coverKey: nullable(r.cover_key), version: Number(r.version), owner };
      return { kind: 'track', id: str(r.id), score, title: str(r.title), coverKey: nullable(r.cover_key), updatedAt: new Date(r.updated_at as string | Date), owner };
    });
  },
});

export const SEARCH_SOURCES = { tracks: TRACK_SOURCE, users: USER_SOURCE, playlists: PLAYLIST_SOURCE } as const;
