// Chat message search (issue 10): full text paired with trigram and bigram matching, on PGlite and PostgreSQL.
// Indexes (migration Migration20261206120200_chat_search):
//  - a term of 3+ characters matches anywhere in the body: `body ILIKE '%term%'`, served by the pg_trgm GIN index;
//  - a 2-character term matches a word's start: `to_tsvector('simple', body) @@ 'dj':*`, served by the full-text
//    GIN index (trigrams cannot look up 2 characters);
//  - a Chinese, Japanese or Korean term matches anywhere: every pair of adjacent CJK characters of the term must be
//    among the body's (`chat_cjk_bigrams(body) @> '{音楽}'`, GIN), then LIKE confirms the exact sequence. CJK text has no
//    spaces, so the full-text parser sees a whole sentence as one word and trigrams miss 2-character words.
// Ranking, within a window of the newest SEARCH_WINDOW matches (see there): every Latin term as a whole word first,
// then as the start of a word, then inside words; ties go to the newest message. Paging continues into older windows.
import type { Em } from '../orm.ts';
import { Message } from './message.entity.ts';

/** Chinese, Japanese and Korean characters (as the migration's chat_cjk_bigrams function and validators' CJK_CHARACTER). */
const CJK = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]/u;
const CJK_RUN = new RegExp(`${CJK.source}{2,}`, 'gu');

export interface MessageSearchQuery {
  /** The rooms searched: one (its visibility already checked) or the viewer's (see `memberRoomIds`). */
  roomIds: string[];
  /** Lower-case terms, all required. */
  terms: string[];
  authorId?: string | undefined;
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
  /** The window held SEARCH_WINDOW matches: older ones may exist. */
  full: boolean;
}

/**
 * How many of the newest matches are ranked together. Ranking every match of a frequent word ("guitar" in 8 % of a
 * million messages) would read and score tens of thousands of rows per search; ranking the newest 100 matches reads
 * a few thousand rows at most (the planner takes either the newest rows backwards by id, or the indexes' matches
 * for rarer terms). Paging goes on into older windows, so every match is still reachable, newest windows first.
 */
export const SEARCH_WINDOW = 100;

/** The distinct pairs of adjacent CJK characters in `text`, as chat_cjk_bigrams computes them in the database. */
export function cjkBigrams(text: string): string[] {
  const pairs = new Set<string>();
  for (const [run] of text.matchAll(CJK_RUN)) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) pairs.add(`${chars[i]}${chars[i + 1]}`);
  }
  return [...pairs];
}

const isCjk = (term: string) => CJK.test(term);
/** A LIKE pattern matching `term` anywhere (\ is LIKE's escape character). */
const containsPattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** A tsquery operand for `term`, quoted (the parser still splits "rock'n'roll" into a phrase). */
const lexeme = (term: string, prefix: boolean) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
/** `term` as a literal inside a PostgreSQL regular expression. */
const regexLiteral = (term: string) => term.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);
/** A text[] or uuid[] literal (elements quoted). */
const arrayLiteral = (items: string[]) => `{${items.map((i) => `"${i.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

export const searchRepository = (em: Em) => ({
  /** The rooms and DMs `userId` is a member of. */
  async memberRoomIds(userId: string): Promise<string[]> {
    const rows = await em.execute<{ room_id: string }[]>('select room_id from room_members where user_id = ?', [userId]);
    return rows.map((r) => r.room_id);
  },

  /** The people `userId` blocked: their messages are left out of what `userId` finds. */
  async blockedIds(userId: string): Promise<string[]> {
    const rows = await em.execute<{ blocked_id: string }[]>('select blocked_id from user_blocks where blocker_id = ?', [userId]);
    return rows.map((r) => r.blocked_id);
  },

  /**
   * One window of matches: the newest SEARCH_WINDOW messages older than `olderThan` that match (not deleted, in
   * `roomIds`, every term, the filters), ranked; returns its hits after `after`.
   */
  async search(q: MessageSearchQuery): Promise<SearchWindow> {
    if (q.roomIds.length === 0) return { hits: [], oldest: null, full: false };
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.roomIds.length === 1) {
      where.push('m.room_id = ?');
      params.push(q.roomIds[0]);
    } else {
      // A constant array (not a subquery): PostgreSQL checks it with a hash table.
      where.push('m.room_id = any(?::uuid[])');
      params.push(arrayLiteral(q.roomIds));
    }
    where.push('m.deleted_at is null');
    const latin: string[] = [];
    for (const term of q.terms) {
      if (isCjk(term)) {
        // The exact sequence: LIKE (byte-wise, cheap) when the term has no letters with a case, else ILIKE.
        where.push(term.toLowerCase() === term.toUpperCase() ? 'm.body like ?' : 'm.body ilike ?');
        params.push(containsPattern(term));
        // 3+ characters: the trigram index serves that (I)LIKE alone. Adding the bigrams there made every search
        // 30 times slower on a million messages (1.5 s instead of 55 ms for ライブ): trigram matches are rechecked on
        // the rows, and the recheck then computes chat_cjk_bigrams(body), a regular expression and an aggregate, on
        // each of them. 2 characters (no trigram): the bigram index finds the candidates, exactly (no recheck), and
        // LIKE confirms the sequence.
        const pairs = [...term].length < 3 ? cjkBigrams(term) : [];
        if (pairs.length > 0) {
          where.push('chat_cjk_bigrams(m.body) @> ?::text[]');
          params.push(arrayLiteral(pairs));
        }
      } else if ([...term].length >= 3) {
        latin.push(term);
        where.push('m.body ilike ?');
        params.push(containsPattern(term));
      } else {
        latin.push(term);
        where.push(`to_tsvector('simple', m.body) @@ to_tsquery('simple', ?)`);
        params.push(lexeme(term, true));
      }
    }
    if (q.authorId) {
      where.push('m.author_id = ?');
      params.push(q.authorId);
    }
    if (q.excludeAuthorIds && q.excludeAuthorIds.length > 0) {
      where.push('(m.author_id is null or m.author_id <> all(?::uuid[]))');
      params.push(arrayLiteral(q.excludeAuthorIds));
    }
    if (q.since) {
      where.push('m.created_at > ?');
      params.push(q.since);
    }
    if (q.until) {
      where.push('m.created_at < ?');
      params.push(q.until);
    }
    if (q.olderThan) {
      where.push('m.id < ?::bigint');
      params.push(q.olderThan);
    }

    // The tier, by case-insensitive regular expressions on the window's bodies (\m, \M: start and end of a word).
    // Every term CJK: no word boundaries to rank by, newest first.
    let score = '2';
    const scoreParams: unknown[] = [];
    if (latin.length > 0) {
      const all = latin.map(() => 'c.body ~* ?').join(' and ');
      score = `case when ${all} then 2 when ${all} then 1 else 0 end`;
      scoreParams.push(...latin.map((t) => `\\m${regexLiteral(t)}\\M`), ...latin.map((t) => `\\m${regexLiteral(t)}`));
    }
    let page = '';
    const pageParams: unknown[] = [];
    if (q.after) {
      page = 'where s.score < ? or (s.score = ? and s.id < ?::bigint)';
      pageParams.push(q.after.score, q.after.score, q.after.id);
    }
    // has:attachment: the newest messages carrying an attachment, one by one from the attachments' message_id index
    // (each then checked by its primary key), rather than the planner's choice of every newest message of the
    // viewer's rooms merged with the attachments: 25 ms instead of 260 to 520 ms for "mix has:attachment" on 1 M
    // messages (2 % with an attachment). The walk is bounded by the number of attachments older than the window.
    let window = `select m.id, m.body from messages m where ${where.join(' and ')} order by m.id desc limit ${SEARCH_WINDOW}`;
    const windowParams: unknown[] = [...params];
    if (q.until && !q.hasAttachment) {
      // before: the newest matches are not the newest messages, yet the planner, taking matches to be spread evenly
      // over time, would still walk back from the newest message (through 500 000 rows for "musique before:June" on
      // 1 M messages, 1 to 3 s). OFFSET 0 keeps the LIMIT out of the inner select, so it is planned for all its
      // matches (the trigram or full-text index, then a top-100 sort): 200 ms there. Its worst case, a word in most
      // messages, is a scan of the table, no worse than that walk.
      window = `select m.id, m.body from (select m.id, m.body from messages m where ${where.join(' and ')} offset 0) m
        order by m.id desc limit ${SEARCH_WINDOW}`;
    }
    if (q.hasAttachment) {
      window = `select m.id, m.body
        from (select distinct a.message_id from message_attachments a
              where a.message_id is not null${q.olderThan ? ' and a.message_id < ?::bigint' : ''} order by a.message_id desc) x
        cross join lateral (select m.id, m.body from messages m where m.id = x.message_id and ${where.join(' and ')} offset 0) m
        order by x.message_id desc limit ${SEARCH_WINDOW}`;
      if (q.olderThan) windowParams.unshift(q.olderThan);
    }
    const sql = `with c as materialized (
        ${window}
      )
      select w.oldest, w.n, r.id, r.score
      from (select min(c.id) as oldest, count(*) as n from c) w
      left join lateral (
        select s.id, s.score from (select c.id, ${score} as score from c) s ${page} order by s.score desc, s.id desc limit ?
      ) r on true`;
    const rows = await em.execute<{ oldest: string | number | null; n: string | number; id: string | number | null; score: string | number | null }[]>(sql, [
      ...windowParams,
      ...scoreParams,
      ...pageParams,
      q.limit,
    ]);
    const first = rows[0];
    return {
      hits: rows.filter((r) => r.id !== null).map((r) => ({ id: String(r.id), score: Number(r.score) })),
      oldest: first?.oldest == null ? null : String(first.oldest),
      full: Number(first?.n ?? 0) >= SEARCH_WINDOW,
    };
  },

  /** The messages with these ids, with what their DTOs show (author, room, the message replied to), in that order. */
  async messages(ids: string[]): Promise<Message[]> {
    if (ids.length === 0) return [];
    const found = await em.find(Message, { id: { $in: ids } }, { populate: ['author', 'room', 'replyTo', 'replyTo.author'], refresh: true });
    const byId = new Map(found.map((m) => [m.id, m]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  },
});
