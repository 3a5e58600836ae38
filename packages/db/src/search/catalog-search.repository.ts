// Search of tracks, people, playlists and groups (issue 12), on PGlite and PostgreSQL: full text (simple dictionary,
// accents removed, word prefixes, phrases, CJK character pairs) and trigram similarity for typos, each served by a
// GIN index on the expressions of search-sources.ts. A page is one query: the matches the viewer may see, filtered,
// scored, keyset-paged; by relevance, only the RANK_CANDIDATES most played matches are scored (a frequent word on a
// million tracks has hundreds of thousands). Facet counts are a second query, first pages only (track-facets.ts). Tracks are searched by
// a stored generated column (search_document), people, playlists and groups by expression indexes.
import type { ParsedSearch, TrackSearchSort } from '@veza/validators';
import type { Em } from '../orm.ts';
import { compileSearch, lexeme, shortPrefixLookup, singleWordTsquery, type CompiledSearch } from './search-query.ts';
import { GROUP_SOURCE, groupVisibility, PLAYLIST_SOURCE, playlistVisibility, TRACK_SOURCE, trackVisibility, USER_SOURCE, userVisibility } from './search-sources.ts';
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

/**
 * How many matches of each kind a suggestion ranks: for tracks the most played of a window (SUGGEST_WINDOW), for the
 * other kinds the first the indexes find. The box answers while typing: people, playlists and groups are ranked on
 * documents computed per row (expression indexes), ~40 µs each, so 200 candidates cost a playlist part 19 ms on a
 * million tracks and 50,000 playlists (tooling/bench/search.mjs); 50 of each is plenty for the 8 rows shown.
 */
export const SUGGEST_CANDIDATES = 50;

/**
 * Track suggestions read at most this many matches (the first found) and rank the SUGGEST_CANDIDATES most played of
 * them: ordering every match of a prefix by plays read 6,600 rows for "milo" on a million tracks (50 ms), as the
 * planner cannot tell a prefix's frequency; a window of 1,000 still cost "kest" (a word in ~1 % of the tracks) 30 ms
 * of its suggestions (tooling/bench/search.mjs). The box shows eight rows.
 */
export const SUGGEST_WINDOW = 300;

/**
 * The most played tracks every track suggestion looks at first (read along tracks_play_count_idx; enough matches
 * there, the index is not looked up: "love" 17 → 8 ms on a million tracks), and the most tracks checked against a
 * query holding a 2-letter prefix (search-query.ts shortPrefixLookup): the first matches of its longer words, or,
 * without any, those popular ones. Such a prefix matches a good share of all tracks, the popular ones are those
 * worth suggesting, and a third letter searches them all again.
 */
export const SUGGEST_SHORT_SCAN = 5_000;

/**
 * Track suggestions of whole words look first among this many most played tracks, and are done when
 * TRACK_SUGGEST_CANDIDATES of them match (a word in 1 % of the tracks or more): the index is not read at all. Fewer
 * (a rarer word): the first SUGGEST_WINDOW matches the index finds. 2,000 and 24 rather than 5,000 and 50: a word in
 * 1 % of the tracks ("kest") read both the 5,000 popular ones and its window, 30 ms (tooling/bench/search.mjs).
 */
export const SUGGEST_POPULAR_SCAN = 2_000;
/** Track candidates a suggestion ranks (the most played matches); the box shows eight rows of all kinds. */
export const TRACK_SUGGEST_CANDIDATES = 24;
/** The estimated share of the tracks from which suggestions look among the popular ones first (see `suggest`). */
export const POPULAR_FIRST_SHARE = TRACK_SUGGEST_CANDIDATES / SUGGEST_POPULAR_SCAN;

/**
 * What a results page ranks by relevance, with a bounded amount of work whatever the query's frequency: the first
 * RANK_CANDIDATES matches the indexes find (all of them, exactly ranked, when there are fewer: any selective query),
 * and, only when there are more, the RANK_CANDIDATES most played matches among the RANK_POPULAR_WINDOW most played
 * tracks (read along tracks_play_count_idx), so that popular tracks are never missed; the page then says
 * `approximate`. Ranking reads every candidate's document (ts_rank, ~8 µs each), so at most twice RANK_CANDIDATES.
 * Why not "the N most played matches" (the first version): that means reading every match of a word in 1 % of the
 * tracks (10,000 rows at 1 M tracks) or walking the popular ones until N are found (18,000 rows for a 2-letter prefix
 * in 6 % of the titles): 40–100 ms, while this reads at most RANK_POPULAR_WINDOW + RANK_CANDIDATES rows
 * (tooling/bench/search.mjs). Sorting by newest or by plays needs no cap (each walks its own index and stops at the
 * page's end).
 */
export const RANK_CANDIDATES = 500;

/** The most played tracks a frequent query's popular candidates are looked for in (see RANK_CANDIDATES). */
export const RANK_POPULAR_WINDOW = 4_000;

/** Up to this many matches (by the statistics), the popular candidates are the most played of all the matches. */
export const RANK_ALL_MAX = 2_000;

/**
 * A word found as written in at least this many tracks is a real word, not a typo: typo tolerance is left out for it
 * (`withoutCommonFuzzy`), as the query language says (a word that matches nothing as written, or next to nothing,
 * may match a close spelling). Its close spellings would rank below every exact match anyway, and matching them
 * meant reading the trigram index and folding every candidate title: 170,000 candidates for "love" on a million
 * tracks, and still ~1,100 (30 ms) for a word in 32 of them (tooling/bench/search.mjs).
 */
export const FUZZY_EXACT_MAX = 20;

/**
 * A word (or word prefix) in at least this share of the tracks is tested row by row, not looked up in the full-text
 * index (search-query.ts CompileOptions.unindexed): "love" with a genre and a BPM range took 110 ms on a million
 * tracks as a bitmap of its 214,000 matches ANDed with the filters' index, 6 ms checked on the filters' matches
 * (tooling/bench/search.mjs). Below it, a word's bitmap is small (≤ 50,000 entries) and the index is the better way.
 */
export const FREQUENT_WORD_SHARE = 0.05;

/**
 * The tracks' word statistics: the share of the tracks holding each of the most common words (PostgreSQL's
 * statistics of search_document, refreshed by ANALYZE: a few hundred words) and the estimated number of tracks.
 * Read for every search, in one ~1 ms query, so never stale.
 */
interface WordStats {
  shares: Map<string, number>;
  tracks: number;
}

async function trackWordStats(em: Em): Promise<WordStats> {
  const rows = await em.execute<{ tracks: number | string | null; elems: string[] | string | null; freqs: (number | string)[] | string | null }[]>(
    `select greatest(c.reltuples, 0)::float8 as tracks, s.most_common_elems::text::text[] as elems, s.most_common_elem_freqs::float8[] as freqs
     from pg_class c left join pg_stats s on s.schemaname = current_schema() and s.tablename = 'tracks' and s.attname = 'search_document'
     where c.oid = 'tracks'::regclass`,
  );
  const array = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.replace(/^\{|\}$/g, '').split(',').filter(Boolean) : []);
  const elems = array(rows[0]?.elems);
  const freqs = array(rows[0]?.freqs).map(Number);
  return { shares: new Map(elems.map((e, i) => [e.replace(/^"|"$/g, ''), freqs[i] ?? 0])), tracks: Number(rows[0]?.tracks ?? 0) };
}

/** A word's share of the tracks by `stats`; a prefix's is the sum of its common words' (a lower bound). */
function wordShare(stats: WordStats, word: string, prefix: boolean): number {
  if (!prefix) return stats.shares.get(word) ?? 0;
  let sum = 0;
  for (const [lexeme, share] of stats.shares) if (lexeme.startsWith(word)) sum += share;
  return sum;
}

/**
 * The share of the tracks a query matches, estimated from `stats`: per OR group, the product of its words' shares
 * (as if independent; a word the statistics do not list counts as rare, 0; negations are left out), the largest
 * group's; undefined when the query holds a phrase or CJK text (no estimate). Only used to choose where to look.
 */
function estimatedShare(stats: WordStats, parsed: ParsedSearch): number | undefined {
  let best = 0;
  for (const group of parsed.groups) {
    let share = 1;
    for (const clause of group) {
      if (clause.negated) continue;
      const tsq = singleWordTsquery(clause);
      if (!tsq) return undefined;
      share *= wordShare(stats, clause.parts[0] as string, tsq.endsWith(':*'));
    }
    best = Math.max(best, share);
  }
  return best;
}

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

/** A relevance page of `kind` (playlists, groups): the score boosted a little by the kind's popularity column. */
const boostedPage = (
  em: Em,
  q: { search: CompiledSearch; after: SearchAfter | null; limit: number },
  kind: { id: string; from: string; popularity: string; visible: { sql: string; params: unknown[] } },
) =>
  page(
    em,
    {
      id: kind.id,
      from: kind.from,
      score: `(${q.search.score}) * (1 + ${POPULARITY} * ln(1 + ${kind.popularity}::float8))`,
      scoreParams: q.search.scoreParams,
      where: [kind.visible.sql, q.search.where],
      whereParams: [...kind.visible.params, ...q.search.whereParams],
      extra: '',
    },
    'relevance',
    q.after,
    q.limit,
  );

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
export interface GroupSuggestionRow {
  kind: 'group';
  id: string;
  score: number;
  slug: string;
  name: string;
  coverKey: string | null;
  version: number;
  memberCount: number;
  isPublic: boolean;
}
export type SuggestionRow = TrackSuggestionRow | UserSuggestionRow | PlaylistSuggestionRow | GroupSuggestionRow;

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

/** See catalogSearchRepository's withoutCommonFuzzy. */
async function withoutCommonFuzzy(em: Em, parsed: ParsedSearch, known?: WordStats): Promise<ParsedSearch> {
  const fuzzy = [...new Set(parsed.groups.flat().filter((c) => c.fuzzy).map((c) => c.parts[0] as string))];
  if (fuzzy.length === 0) return parsed;
  const stats = known ?? (await trackWordStats(em));
  const common = new Set(fuzzy.filter((w) => wordShare(stats, w, true) * stats.tracks >= FUZZY_EXACT_MAX));
  const unknown = fuzzy.filter((w) => !common.has(w));
  if (unknown.length > 0) {
    const [row] = await em.execute<Record<string, number | string>[]>(
      `select ${unknown.map((_, i) => `(select count(*) from (select 1 from tracks t where t.search_document @@ ?::tsquery limit ${FUZZY_EXACT_MAX}) x) as w${i}`).join(', ')}`,
      unknown.map((w) => lexeme(w, true)),
    );
    unknown.forEach((w, i) => {
      if (Number(row?.[`w${i}`] ?? 0) >= FUZZY_EXACT_MAX) common.add(w);
    });
  }
  if (common.size === 0) return parsed;
  return { ...parsed, groups: parsed.groups.map((g) => g.map((c) => (c.fuzzy && common.has(c.parts[0] as string) ? { ...c, fuzzy: false } : c))) };
}

export const catalogSearchRepository = (em: Em) => ({
  /**
   * A page of the tracks `viewerId` may find matching `search` (null: any) and `filters`. By relevance, the
   * RANK_CANDIDATES most played matches are ranked (`approximate`: more matched than were ranked).
   */
  async tracks(q: {
    search: CompiledSearch | null;
    filters: TrackSearchFilters;
    sort: TrackSearchSort;
    after: SearchAfter | null;
    limit: number;
    viewerId: string | null;
    /** How many tracks the query matches, estimated from the statistics (prepareTrackSearch); undefined: unknown. */
    estimatedMatches?: number | undefined;
  }): Promise<{ rows: SearchHitRow[]; more: boolean; approximate: boolean }> {
    const visible = trackVisibility(q.viewerId);
    const filters = trackFilterSql(q.filters);
    const where = [visible.sql, ...filters.sql];
    const whereParams = [...visible.params, ...filters.params];
    if (q.search) {
      where.push(q.search.where);
      whereParams.push(...q.search.whereParams);
    }
    const from = 'tracks t join users u on u.id = t.owner_id';
    if (q.search && q.sort === 'relevance') {
      const params: unknown[] = [...whereParams, ...whereParams, ...q.search.scoreParams];
      let keyset = '';
      if (q.after) {
        keyset = 'where s.score < ?::float8 or (s.score = ?::float8 and s.id > ?::uuid)';
        params.push(q.after.value, q.after.value, q.after.id);
      }
      params.push(q.limit + 1);
      // The candidates carry what the score reads (the document, the title for typo similarity, the plays), under
      // the alias `t` the score's expressions name: the first RANK_CANDIDATES matches found (`f`), and when that many
      // were found (a one-time filter: the walk is not run otherwise), the most played matches among the most played
      // tracks (`p`). `found` is how many `f` holds: RANK_CANDIDATES means more matched than were ranked.
      const columns = 't.id, t.search_document, t.title, t.play_count';
      // The most played matches: among the RANK_POPULAR_WINDOW most played tracks; or, when the statistics say there
      // are at most RANK_ALL_MAX matches, among all of them (reading them costs less than the window: PGlite at
      // 100,000 tracks, a word in 1 % of them: 68 → 25 ms p50).
      const popularSource =
        q.estimatedMatches !== undefined && q.estimatedMatches <= RANK_ALL_MAX ? 'tracks t' : `(select * from tracks t order by t.play_count desc, t.id limit ${RANK_POPULAR_WINDOW}) t`;
      const rows = await em.execute<{ id: string; value: number | string; found: number | string }[]>(
        `with f as materialized (
           select ${columns} from ${from} where ${where.join(' and ')} limit ${RANK_CANDIDATES}
         ), p as materialized (
           select ${columns} from ${popularSource} join users u on u.id = t.owner_id
           where (select count(*) from f) >= ${RANK_CANDIDATES} and ${where.join(' and ')}
           order by t.play_count desc, t.id limit ${RANK_CANDIDATES}
         ), c as (select * from f union all select * from p where not exists (select 1 from f where f.id = p.id))
         select s.id, s.score as value, (select count(*) from f) as found from (
           select t.id, ((${q.search.score}) * (1 + ${POPULARITY} * ln(1 + t.play_count::float8)))::float8 as score from c t
         ) s ${keyset} order by s.score desc, s.id limit ?`,
        params,
      );
      return {
        rows: rows.slice(0, q.limit).map((r) => ({ id: r.id, value: String(r.value) })),
        more: rows.length > q.limit,
        approximate: Number(rows[0]?.found ?? 0) >= RANK_CANDIDATES,
      };
    }
    const hits = await page(em, { id: 't.id', from, score: '0::float8', scoreParams: [], where, whereParams, extra: ', t.created_at, t.play_count' }, q.sort === 'relevance' ? 'newest' : q.sort, q.after, q.limit);
    return { ...hits, approximate: false };
  },

  /**
   * `parsed` without typo tolerance for its words found as written in FUZZY_EXACT_MAX tracks or more (any track:
   * whether a word is a typo does not depend on who searches). A word the statistics already count in that many
   * tracks is settled without reading the index (counting "midnight"'s first matches read its 7,600-entry bitmap:
   * 8 ms); the others are counted in one round trip, each count stopping at FUZZY_EXACT_MAX (cheap: they are rare).
   */
  withoutCommonFuzzy: (parsed: ParsedSearch, known?: WordStats): Promise<ParsedSearch> => withoutCommonFuzzy(em, parsed, known),

  /**
   * A track search's query made ready: `parsed` without typo tolerance for common words (withoutCommonFuzzy), and
   * the clauses to test row by row (`unindexed`, FREQUENT_WORD_SHARE): single words, or word prefixes, in that share
   * of the tracks or more by the database's statistics. None before the table is analysed (few tracks: no index
   * trouble either).
   */
  async prepareTrackSearch(parsed: ParsedSearch): Promise<{ parsed: ParsedSearch; unindexed: Set<string>; share: number | undefined; estimatedMatches: number | undefined }> {
    const stats = await trackWordStats(em);
    const unindexed = new Set(
      parsed.groups.flat().flatMap((c) => {
        const tsq = singleWordTsquery(c);
        return tsq && wordShare(stats, c.parts[0] as string, tsq.endsWith(':*')) >= FREQUENT_WORD_SHARE ? [tsq] : [];
      }),
    );
    // No statistics (a table never analysed, e.g. an embedded database not yet analysed): the share is unknown.
    const share = stats.shares.size === 0 ? undefined : estimatedShare(stats, parsed);
    return { parsed: await withoutCommonFuzzy(em, parsed, stats), unindexed, share, estimatedMatches: share === undefined ? undefined : share * stats.tracks };
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
  playlists: (q: { search: CompiledSearch; after: SearchAfter | null; limit: number; viewerId: string | null }) =>
    boostedPage(em, q, { id: 'pl.id', from: 'playlists pl join users u on u.id = pl.owner_id', popularity: 'pl.like_count', visible: playlistVisibility(q.viewerId) }),

  /**
   * A page of the groups `viewerId` may find (groupVisibility: private ones too), best match first, bigger groups a
   * little higher.
   */
  groups: (q: { search: CompiledSearch; after: SearchAfter | null; limit: number; viewerId: string | null }) =>
    boostedPage(em, q, { id: 'g.id', from: 'groups g', popularity: 'g.member_count', visible: groupVisibility(q.viewerId) }),

  /**
   * Suggestions for the search box: of each kind, the best of the first SUGGEST_CANDIDATES matches the viewer may
   * see, at most `perKind`; all kinds in one round trip, best first.
   */
  async suggest(
    folded: { tracks: CompiledSearch; users: CompiledSearch; playlists: CompiledSearch; groups: CompiledSearch },
    viewerId: string | null,
    perKind: number,
    /**
     * The query `folded.tracks` was compiled from. When it holds a 2-letter prefix (shortPrefixLookup), track
     * candidates are looked up by its longer words (then checked against the whole query), or among the most played
     * tracks, SUGGEST_SHORT_SCAN at most either way. Absent: by the whole query.
     */
    tracksQuery?: ParsedSearch,
    /**
     * The share of the tracks the query matches (prepareTrackSearch's estimate), when known: at least
     * POPULAR_FIRST_SHARE, track candidates are looked for among the most played tracks first (a 2-letter prefix's
     * query too, rather than by its longer words); below it, straight in the index (the popular ones would hold too
     * few: reading them was wasted, 2,000 rows for "mari").
     */
    share?: number,
  ): Promise<SuggestionRow[]> {
    const popularFirst = share === undefined || share >= POPULAR_FIRST_SHARE;
    const shortLookup = tracksQuery ? shortPrefixLookup(tracksQuery) : null;
    const lookup = shortLookup !== null && share !== undefined && share >= POPULAR_FIRST_SHARE ? 'popular' : shortLookup;
    const trackLookup = lookup === null || lookup === 'popular' ? lookup : compileSearch(lookup, TRACK_SOURCE);
    const tv = trackVisibility(viewerId);
    const uv = userVisibility(viewerId);
    const pv = playlistVisibility(viewerId);
    const gv = groupVisibility(viewerId);
    // Every part selects the same columns (those another kind has are null): id, title (a group's name), cover_key,
    // updated_at, version, avatar_key, is_private, slug, member_count, owner_id, owner_username, owner_display_name.
    const part = (kind: string, score: string, scoreParams: unknown[], from: string, columns: string, where: string, whereParams: unknown[]) => ({
      sql: `(select * from (select '${kind}' as kind, ${columns}, ${score} as score from ${from} where ${where} limit ${SUGGEST_CANDIDATES}) c order by c.score desc, c.id limit ${perKind})`,
      params: [...scoreParams, ...whereParams],
    });
    const owner = `u.id as owner_id, u.username as owner_username, u.display_name as owner_display_name`;
    // Track candidates (ids and plays; `t` carries the columns the visibility and the query read): the
    // TRACK_SUGGEST_CANDIDATES most played matches among the SUGGEST_POPULAR_SCAN most played tracks, when there are
    // that many (a word in 1 % of the tracks or more: read along tracks_play_count_idx); otherwise, the most played of the first SUGGEST_WINDOW matches the
    // index finds, a one-time filter keeping that lookup from running at all when the popular ones were enough. A
    // query with a 2-letter prefix is never looked up whole in the index (shortPrefixLookup): by its longer words, at
    // most SUGGEST_SHORT_SCAN of their matches then checked against it, or among the SUGGEST_SHORT_SCAN most played.
    const trackColumns = 't.id, t.play_count, t.owner_id, t.status, t.visibility, t.search_document, t.title';
    const popularTracks = (scan: number) => `(select ${trackColumns} from tracks t order by t.play_count desc, t.id limit ${scan}) t`;
    const trackMatches = (source: string, sourceParams: unknown[], limit: number) => ({
      sql: `select t.id, t.play_count from ${source} join users u on u.id = t.owner_id where ${tv.sql} and ${folded.tracks.where} limit ${limit}`,
      params: [...sourceParams, ...tv.params, ...folded.tracks.whereParams],
    });
    const mostPlayed = (m: { sql: string; params: unknown[] }) => ({ sql: `(select w.id, w.play_count from (${m.sql}) w order by w.play_count desc, w.id limit ${TRACK_SUGGEST_CANDIDATES})`, params: m.params });
    let trackCandidates: { sql: string; params: unknown[] };
    if (trackLookup === 'popular') trackCandidates = mostPlayed(trackMatches(popularTracks(SUGGEST_SHORT_SCAN), [], TRACK_SUGGEST_CANDIDATES));
    else if (trackLookup !== null) trackCandidates = mostPlayed(trackMatches(`(select ${trackColumns} from tracks t where ${trackLookup.where} limit ${SUGGEST_SHORT_SCAN}) t`, trackLookup.whereParams, SUGGEST_WINDOW));
    else if (!popularFirst) trackCandidates = mostPlayed(trackMatches('tracks t', [], SUGGEST_WINDOW));
    else {
      const popular = trackMatches(popularTracks(SUGGEST_POPULAR_SCAN), [], TRACK_SUGGEST_CANDIDATES);
      const indexed = trackMatches('tracks t', [], SUGGEST_WINDOW);
      trackCandidates = {
        sql: `(with p as materialized (${popular.sql})
           select x.id, x.play_count from (
             select p.id, p.play_count from p
             union
             (select w.id, w.play_count from (${indexed.sql}) w where (select count(*) from p) < ${TRACK_SUGGEST_CANDIDATES} order by w.play_count desc, w.id limit ${TRACK_SUGGEST_CANDIDATES})
           ) x order by x.play_count desc, x.id limit ${TRACK_SUGGEST_CANDIDATES})`,
        params: [...popular.params, ...indexed.params],
      };
    }
    const noGroup = 'null::text as slug, null::int as member_count';
    const parts = [
      part(
        'track',
        `(${folded.tracks.score}) * (1 + ${POPULARITY} * ln(1 + t.play_count::float8))`,
        folded.tracks.scoreParams,
        // The candidates (by id), then the rows themselves.
        `${trackCandidates.sql} w join tracks t on t.id = w.id join users u on u.id = t.owner_id`,
        `t.id, t.title, t.cover_key, t.updated_at, null::int as version, null::text as avatar_key, null::boolean as is_private, ${noGroup}, ${owner}`,
        'true',
        trackCandidates.params,
      ),
      part(
        'user',
        folded.users.score,
        folded.users.scoreParams,
        'users u',
        `u.id, null::text as title, null::text as cover_key, null::timestamptz as updated_at, null::int as version, u.avatar_key, u.is_private, ${noGroup}, ${owner}`,
        `${uv.sql} and ${folded.users.where}`,
        [...uv.params, ...folded.users.whereParams],
      ),
      part(
        'playlist',
        `(${folded.playlists.score}) * (1 + ${POPULARITY} * ln(1 + pl.like_count::float8))`,
        folded.playlists.scoreParams,
        'playlists pl join users u on u.id = pl.owner_id',
        `pl.id, pl.title, pl.cover_key, pl.updated_at, pl.version, null::text as avatar_key, null::boolean as is_private, ${noGroup}, ${owner}`,
        `${pv.sql} and ${folded.playlists.where}`,
        [...pv.params, ...folded.playlists.whereParams],
      ),
      part(
        'group',
        `(${folded.groups.score}) * (1 + ${POPULARITY} * ln(1 + g.member_count::float8))`,
        folded.groups.scoreParams,
        'groups g',
        `g.id, g.name as title, g.cover_key, g.updated_at, g.version, null::text as avatar_key, not g.is_public as is_private, g.slug, g.member_count, null::uuid as owner_id, null::text as owner_username, null::text as owner_display_name`,
        `${gv.sql} and ${folded.groups.where}`,
        [...gv.params, ...folded.groups.whereParams],
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
      if (r.kind === 'group') {
        return { kind: 'group', id: str(r.id), score, slug: str(r.slug), name: str(r.title), coverKey: nullable(r.cover_key), version: Number(r.version), memberCount: Number(r.member_count), isPublic: !r.is_private };
      }
      return { kind: 'track', id: str(r.id), score, title: str(r.title), coverKey: nullable(r.cover_key), updatedAt: new Date(r.updated_at as string | Date), owner };
    });
  },
});

export const SEARCH_SOURCES = { tracks: TRACK_SOURCE, users: USER_SOURCE, playlists: PLAYLIST_SOURCE, groups: GROUP_SOURCE } as const;
