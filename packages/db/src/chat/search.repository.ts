// Chat message search (issue 10): full text paired with trigram and bigram matching, on PGlite and PostgreSQL.
// Indexes (migrations Migration20261206120200_chat_search, Migration20261206151000_chat_search_cjk_tsvector):
//  - a term of 3+ characters matches anywhere in the body: `body ILIKE '%term%'`, served by the pg_trgm GIN index;
//  - a 2-character term matches a word's start: `to_tsvector('simple', body) @@ 'dj':*`, served by the full-text
//    GIN index (trigrams cannot look up 2 characters);
//  - a Chinese, Japanese or Korean term matches anywhere: every pair of adjacent CJK characters of the term must be
//    among the body's (`array_to_tsvector(chat_cjk_bigrams(body)) @@ '音楽'`, GIN), then LIKE confirms the exact
//    sequence. CJK text has no spaces, so the full-text parser sees a whole sentence as one word and trigrams miss
//    2-character words.
// How a window is found (a walk back through the newest messages, or the indexes' matches): see SEARCH_WALK.
// Ranking, within a window of the newest SEARCH_WINDOW matches (see there): every Latin term as a whole word first,
// then as the start of a word, then inside words; ties go to the newest message. Paging continues into older windows.
import type { Em } from '../orm.ts';
import { cjkBigrams, isCjk, searchConditions } from './search-conditions.ts';
import { searchResults } from './search-results.ts';

export type { SearchMessageRow } from './search-results.ts';
export { cjkBigrams };


export interface MessageSearchQuery {
  /** The rooms searched: one (its visibility already checked) or the viewer's (see `scope`). */
  roomIds: string[];
  /** Lower-case terms, all required. */
  terms: string[];
  authorId?: string | undefined;
  /**
   * How many messages the searched rooms hold, and the whole table (see SearchScope.volume): lets a search across
   * rooms skip the walk when the planner's estimate of the matches says it would come back short.
   */
  volume?: { visible: number; total: number } | null | undefined;
  /** Leave out messages by these people (the viewer blocked them). */
  excludeAuthorIds?: string[] | undefined;
  hasAttachment?: boolean | undefined;
  /** Sent after (exclusive). */
  since?: Date | undefined;
  /** Sent before (exclusive). */
  until?: Date | undefined;
  /** The window: matches older than this message id (null: the newest matches). */
  olderThan: string | null;
  /** Continue after this hit of the window (the last of the previous page). */
  after?: SearchHit | undefined;
  limit: number;
}

export interface SearchHit {
  id: string;
  /** 2: every term as a whole word; 1: as the start of a word; 0: inside words. */
  score: number;
}

export interface SearchWindow {
  /** The window's hits after `after`, best first, at most `limit`. */
  hits: SearchHit[];
  /** The oldest message of the window (the next window is older than it); null when it is empty. */
  oldest: string | null;
  /** Older matches may exist: the window held SEARCH_WINDOW matches, or it is a walk's (see WALK_ENOUGH). */
  full: boolean;
}

/**
 * How many of the newest matches are ranked together. Ranking every match of a frequent word ("guitar" in 8 % of a
 * million messages) would read and score tens of thousands of rows per search; ranking the newest 100 matches reads
 * a few thousand rows at most (the planner takes either the newest rows backwards by id, or the indexes' matches
 * for rarer terms). Paging goes on into older windows, so every match is still reachable, newest windows first.
 */
export const SEARCH_WINDOW = 100;


/**
 * How many of the newest messages (older than the window's start) the first plan reads before giving up on it:
 * walking back by id from the newest message, checking the viewer's rooms before any text, then the terms by their
 * cheapest test first. When at least SEARCH_WINDOW of those messages are matches the viewer may see, the walk is the
 * window (whole words like "guitar": 2-10 ms on 1 M messages). Rarer terms (or term combinations: "jazz piano",
 * "live set") would walk the whole table (0.4-0.6 s before); for them the second plan takes the index matches of
 * every term (bitmaps of the trigram, full-text and bigram indexes, intersected), then the newest SEARCH_WINDOW:
 * such terms have few matches, so few rows to fetch. One statement runs both: the second only when the first
 * came back short (a gate PostgreSQL evaluates once, before running it).
 */
export const SEARCH_WALK = 30_000;
/**
 * The walk's length when every term is Chinese, Japanese or Korean: checked byte-wise (LIKE), a row costs the walk
 * less than a case-insensitive ILIKE, while the index plan costs as much per match (one table page each, the
 * matches being spread over the whole table). On 1 M messages, CJK words in 0.5-2 % of them took 60-300 ms by the
 * index plan after a 30,000-row walk came back short, and 10-40 ms by an 80,000-row walk; two Latin terms went
 * the other way (a longer walk, more ILIKE: 35 → 90 ms for "jazz piano"), hence two lengths.
 */
export const SEARCH_WALK_CJK = 80_000;

/**
 * Matches a walk must find to be the window on its own, even short of SEARCH_WINDOW: the page's worth and a half
 * (20 by default). A walk that read its SEARCH_WALK rows and found 30 to 99 matches ("mix bass", a CJK word for a
 * viewer in quieter rooms) is the window of those messages; the next window starts below its oldest match. Without
 * this, 91 matches in the newest 30,000 messages sent the search to the index plan: 160-300 ms of table pages, one
 * per match in every room, to rank 9 more messages.
 */
export const WALK_ENOUGH = 30;

/**
 * The walk's length with has:attachment: the messages carrying attachments are spread over the table, a table page
 * each (the newest messages share pages), so the walk is short; the index plan then reads the flagged messages'
 * own trigram index. On 1 M messages (2 % with an attachment), "mix has:attachment" took 35-470 ms by walking every
 * attachment and looking its message up, and does not read more than 1,000 pages now.
 */
export const SEARCH_WALK_ATTACHED = 1_000;

/** See the index plan's 2-letter terms (a cached table page per row fetched costs about 8 index entries gathered). */
const SHORT_TERM_FILTER_RATIO = 8;

/** The viewer's side of a search, read in one round trip. */
export interface SearchScope {
  /** The rooms and DMs the viewer is a member of (empty when not asked for). */
  roomIds: string[];
  /** The people the viewer blocked: their messages are left out of what the viewer finds. */
  blockedIds: string[];
  /** The id of the `from:` author, null when nobody has that username (undefined when not asked for). */
  authorId: string | null | undefined;
  /**
   * The messages of the viewer's rooms (their seqs summed) and the table's row count as last analysed; null when not
   * asked for or not known yet (a table never analysed).
   */
  volume: { visible: number; total: number } | null;
}

export const searchRepository = (em: Em) => ({
  /**
   * What a search of `userId` needs to know first, in one query: their rooms (`memberRooms`), whom they blocked, and
   * the id of the `from:` author (`fromUsername`).
   */
  async scope(userId: string, options: { memberRooms: boolean; fromUsername?: string | undefined }): Promise<SearchScope> {
    const rows = await em.execute<{ rooms: string[] | null; blocked: string[]; author: string | null; visible: string | number | null; total: string | number | null }[]>(
      `select ${options.memberRooms ? 'array(select room_id::text from room_members where user_id = ?)' : 'null::text[]'} as rooms,
        array(select blocked_id::text from user_blocks where blocker_id = ?) as blocked,
        ${options.fromUsername === undefined ? 'null::uuid' : '(select id from users where username = ?)'} as author,
        ${options.memberRooms ? '(select sum(r.last_seq) from rooms r where r.id in (select room_id from room_members where user_id = ?))' : 'null::bigint'} as visible,
        (select c.reltuples from pg_class c where c.oid = 'messages'::regclass) as total`,
      [
        ...(options.memberRooms ? [userId] : []),
        userId,
        ...(options.fromUsername === undefined ? [] : [options.fromUsername]),
        ...(options.memberRooms ? [userId] : []),
      ],
    );
    const row = rows[0];
    const visible = Number(row?.visible ?? NaN);
    const total = Number(row?.total ?? NaN);
    return {
      roomIds: row?.rooms ?? [],
      blockedIds: row?.blocked ?? [],
      authorId: options.fromUsername === undefined ? undefined : (row?.author ?? null),
      volume: visible >= 0 && total > 0 ? { visible, total } : null,
    };
  },

  /**
   * One window of matches: the newest SEARCH_WINDOW messages older than `olderThan` that match (not deleted, in
   * `roomIds`, every term, the filters), ranked; returns its hits after `after`.
   */
  async search(q: MessageSearchQuery): Promise<SearchWindow> {
    if (q.roomIds.length === 0) return { hits: [], oldest: null, full: false };
    const { many, indexed, indexedParams, checks, checkParams, estimate, estimateParams, longEstimate, longEstimateParams, shortIndexed, score, scoreParams } = searchConditions(q);
    let page = '';
    const pageParams: unknown[] = [];
    if (q.after) {
      page = 'where s.score < ? or (s.score = ? and s.id < ?::bigint)';
      pageParams.push(q.after.score, q.after.score, q.after.id);
    }

    /** The planner's estimate of the messages matching `conditions` (its statistics, no rows read), when it gives one. */
    const planRows = async (conditions: string[], params: unknown[]): Promise<number | null> => {
      const plan = await em.execute<{ 'QUERY PLAN': unknown }[]>(`explain (format json) select 1 from messages m where ${conditions.join(' and ')}`, params);
      const raw = plan[0]?.['QUERY PLAN'];
      const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan?: { 'Plan Rows'?: number } }[] | undefined;
      const rows = parsed?.[0]?.Plan?.['Plan Rows'];
      return typeof rows === 'number' ? rows : null;
    };
    const walkRows = q.hasAttachment ? SEARCH_WALK_ATTACHED : q.terms.every(isCjk) ? SEARCH_WALK_CJK : SEARCH_WALK;
    /**
     * Across rooms, whether the walk may find a window's worth: the planner's estimate of the terms' matches in the
     * whole table (its statistics; no rows read), times the share of the table in the viewer's rooms, times the
     * share the walk reads. When that expects fewer than WALK_ENOUGH, the walk is skipped: a pair like "jazz
     * piano" (600 matches in 1 M messages) or a word nobody wrote would read its 30,000 rows for nothing (and a walk
     * that comes back short costs its rows on top of the index plan: "studio demo" 28 → 19 ms p50 with this bound
     * rather than a sixth of a window). Estimates run low (on 1 M messages: 1,900 for CJK words in 9,000-12,000,
     * 9,500 for "sidechain" in 22,000), which errs on the walk's side. Unknown volumes (a table never analysed) keep
     * the walk.
     */
    const walkMayFill = async () => {
      if (!q.volume) return true;
      const matches = await planRows(estimate, estimateParams);
      if (matches === null) return true;
      const { visible, total } = q.volume;
      const expected = matches * Math.min(1, visible / total) * Math.min(1, walkRows / total);
      return expected >= WALK_ENOUGH;
    };
    /**
     * The index plan's 2-letter terms beside longer ones: a word start's full-text bitmap gathers every word with that
     * start (43,000 entries for "ce" on 1 M messages, 23 ms), while the longer terms' trigram bitmap may already be
     * down to a few rows, each a table page (~4 µs when cached). When the planner expects the longer terms' matches
     * to cost less to fetch than the short term's entries to gather (fewer than an eighth of them), the 2-letter term
     * is checked on the fetched rows instead (`is true` keeps it out of the bitmaps): "concert ce soir" 32-45 →
     * 16-20 ms.
     */
    if (shortIndexed.length > 0 && longEstimate.length > 0) {
      const longRows = await planRows(longEstimate, longEstimateParams);
      if (longRows !== null) {
        for (const short of shortIndexed) {
          const entries = await planRows([`to_tsvector('simple', m.body) @@ to_tsquery('simple', ?)`], [short.param]);
          if (entries !== null && longRows * SHORT_TERM_FILTER_RATIO < entries) indexed[short.at] = `(${indexed[short.at] as string}) is true`;
        }
      }
    }

    // The index plan: every match (OFFSET 0 keeps the LIMIT out, so the select is planned for all of them: the
    // indexes' bitmaps), then the newest SEARCH_WINDOW.
    let window = `select m.id, m.body, false as walked from (select m.id, m.body from messages m where ${indexed.join(' and ')} offset 0) m
      order by m.id desc limit ${SEARCH_WINDOW}`;
    let windowParams: unknown[] = [...indexedParams];
    if ((many || !q.until) && (!many || !q.authorId) && (q.hasAttachment || !many || (await walkMayFill()))) {
      // The walk first (see SEARCH_WALK), the index plan only when it came back short. Across rooms, back from the
      // newest message; in one room, back through that room's messages (its seq index: within a room, seq and id
      // grow together, as a send takes the room's next seq before its id). Not with from: across rooms (one author
      // among many), nor with before: in one room: the index plan alone serves those.
      // Across rooms, before: and after: bound the walk by ids: it starts at the newest message sent before the
      // `before:` date and stops at the newest one sent at or before the `after:` date (both found by the created_at
      // index; ids and send times grow together, a send's time being taken just before its id), and the dates are
      // still checked on every row. 20-340 ms → ~15 ms for "musique after:2026-03-01 before:2026-06-01".
      const bounds: string[] = [];
      const boundParams: unknown[] = [];
      // has:attachment walks the flagged messages only (their partial id index), newest first.
      if (many && q.hasAttachment) bounds.push('m.has_attachments');
      if (many && q.olderThan) {
        bounds.push('m.id < ?::bigint');
        boundParams.push(q.olderThan);
      }
      if (many && q.until) {
        bounds.push('m.id <= coalesce((select b.id from messages b where b.created_at < ? order by b.created_at desc limit 1), 0)');
        boundParams.push(q.until);
      }
      if (many && q.since) {
        bounds.push('m.id > coalesce((select b.id from messages b where b.created_at <= ? order by b.created_at desc limit 1), 0)');
        boundParams.push(q.since);
      }
      const newest = many
        ? `select m.id, m.seq, m.room_id, m.author_id, m.body, m.created_at, m.deleted_at, m.has_attachments from messages m
              ${bounds.length > 0 ? `where ${bounds.join(' and ')} ` : ''}order by m.id desc limit ${walkRows}`
        : `select m.id, m.seq, m.room_id, m.author_id, m.body, m.created_at, m.deleted_at, m.has_attachments from messages m
              where m.room_id = ?${q.olderThan ? ' and m.seq < (select o.seq from messages o where o.id = ?::bigint)' : ''}
              order by m.seq desc limit ${walkRows}`;
      const newestParams = many ? boundParams : [q.roomIds[0], ...(q.olderThan ? [q.olderThan] : [])];
      const walk = `select m.id, m.body from (${newest}) m
        where case when ${checks.join(' and ')} then true else false end
        order by ${many ? 'm.id' : 'm.seq'} desc limit ${SEARCH_WINDOW}`;
      // In one room, a short walk that read every older message of the room is the whole window: the index plan
      // would find nothing more (counted on the room's seq index alone, and only when the walk came back short).
      const exhausted = many
        ? 'false'
        : `(select count(*) from (select 1 from messages e where e.room_id = ?${q.olderThan ? ' and e.seq < (select o.seq from messages o where o.id = ?::bigint)' : ''}
            limit ${walkRows}) e) < ${walkRows}`;
      window = `with w as materialized (${walk})
        select w.id, w.body, true as walked from w where (select count(*) from w) >= ${WALK_ENOUGH} or ${exhausted}
        union all
        select x.id, x.body, x.walked from (${window}) x where (select count(*) from w) < ${WALK_ENOUGH} and not ${exhausted}`;
      const exhaustedParams = many ? [] : newestParams;
      windowParams = [...newestParams, ...checkParams, ...exhaustedParams, ...indexedParams, ...exhaustedParams];
    }
    const sql = `with c as materialized (
        ${window}
      )
      select w.oldest, w.n, w.walked, r.id, r.score
      from (select min(c.id) as oldest, count(*) as n, bool_or(c.walked) as walked from c) w
      left join lateral (
        select s.id, s.score from (select c.id, ${score} as score from c) s ${page} order by s.score desc, s.id desc limit ?
      ) r on true`;
    const rows = await em.execute<{ oldest: string | number | null; n: string | number; walked: boolean | null; id: string | number | null; score: string | number | null }[]>(sql, [
      ...windowParams,
      ...scoreParams,
      ...pageParams,
      q.limit,
    ]);
    const first = rows[0];
    return {
      hits: rows.filter((r) => r.id !== null).map((r) => ({ id: String(r.id), score: Number(r.score) })),
      oldest: first?.oldest == null ? null : String(first.oldest),
      // A walk's window short of SEARCH_WINDOW (see WALK_ENOUGH) may have older matches below it.
      full: Number(first?.n ?? 0) >= SEARCH_WINDOW || first?.walked === true,
    };
  },

  /** The results' messages as plain rows (see searchResults). */
  results: (ids: string[], viewerId: string) => searchResults(em, ids, viewerId),
});
