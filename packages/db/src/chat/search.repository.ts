// Chat message search (issue 10): full text paired with trigram and bigram matching, on PGlite and PostgreSQL.
// Indexes (migration Migration20261206120200_chat_search):
//  - a term of 3+ characters matches anywhere in the body: `body ILIKE '%term%'`, served by the pg_trgm GIN index;
//  - a 2-character term matches a word's start: `to_tsvector('simple', body) @@ 'dj':*`, served by the full-text
//    GIN index (trigrams cannot look up 2 characters);
//  - a Chinese, Japanese or Korean term matches anywhere: every pair of adjacent CJK characters of the term must be
//    among the body's (`chat_cjk_bigrams(body) @> '{音楽}'`, GIN), then `strpos` confirms the exact sequence. CJK text has no
//    spaces, so the full-text parser sees a whole sentence as one word and trigrams miss 2-character words.
// Ranking: every Latin term as a whole word first, then as the start of a word, then anywhere (infix); within a tier,
// ts_rank over the word prefixes (how often and how densely they occur); ties go to the newest message. Scores are
// whole numbers, so a page cursor (score, id) compares exactly.
import type { Em } from '../orm.ts';
import { Message } from './message.entity.ts';

/** Chinese, Japanese and Korean characters (as the migration's chat_cjk_bigrams function and validators' CJK_CHARACTER). */
const CJK = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]/u;
const CJK_RUN = new RegExp(`${CJK.source}{2,}`, 'gu');

export interface MessageSearchQuery {
  viewerId: string;
  /** One room (its visibility already checked), or null for every room the viewer is a member of. */
  roomId: string | null;
  /** Lower-case terms, all required. */
  terms: string[];
  authorId?: string | undefined;
  hasAttachment?: boolean | undefined;
  /** Sent after (exclusive). */
  since?: Date | undefined;
  /** Sent before (exclusive). */
  until?: Date | undefined;
  /** Continue after this hit (the last of the previous page). */
  after?: SearchHit | undefined;
  limit: number;
}

export interface SearchHit {
  id: string;
  /** Whole number: 2000 whole words, 1000 word starts, 0 anywhere; plus up to 999 of ts_rank. */
  score: number;
}

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
/** A text[] literal (elements quoted). */
const textArray = (items: string[]) => `{${items.map((i) => `"${i.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

export const searchRepository = (em: Em) => ({
  /**
   * The best `limit` hits (score, then newest first) after `after`. Only messages that are not deleted, in the
   * given room or in the viewer's rooms.
   */
  async search(q: MessageSearchQuery): Promise<SearchHit[]> {
    const where: string[] = ['m.deleted_at is null'];
    const params: unknown[] = [];
    if (q.roomId) {
      where.push('m.room_id = ?');
      params.push(q.roomId);
    } else {
      where.push('m.room_id in (select rm.room_id from room_members rm where rm.user_id = ?)');
      params.push(q.viewerId);
    }
    const latin: string[] = [];
    for (const term of q.terms) {
      if (isCjk(term)) {
        const pairs = cjkBigrams(term);
        if (pairs.length > 0) {
          where.push('chat_cjk_bigrams(m.body) @> ?::text[]');
          params.push(textArray(pairs));
        }
        where.push('strpos(lower(m.body), ?) > 0');
        params.push(term);
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
    if (q.hasAttachment) where.push('exists (select 1 from message_attachments a where a.message_id = m.id)');
    if (q.since) {
      where.push('m.created_at > ?');
      params.push(q.since);
    }
    if (q.until) {
      where.push('m.created_at < ?');
      params.push(q.until);
    }

    // The score: constant when every term is CJK (no word boundaries to rank by).
    let score = '2000';
    const scoreParams: unknown[] = [];
    if (latin.length > 0) {
      score = `(case when v.tsv @@ to_tsquery('simple', ?) then 2000 when v.tsv @@ to_tsquery('simple', ?) then 1000 else 0 end
        + least(999, round(ts_rank(v.tsv, to_tsquery('simple', ?)) * 1000))::int)`;
      scoreParams.push(
        latin.map((t) => lexeme(t, false)).join(' & '),
        latin.map((t) => lexeme(t, true)).join(' & '),
        latin.map((t) => lexeme(t, true)).join(' | '),
      );
    }
    const page: string[] = [];
    const pageParams: unknown[] = [];
    if (q.after) {
      page.push('where s.score < ? or (s.score = ? and s.id < ?::bigint)');
      pageParams.push(q.after.score, q.after.score, q.after.id);
    }
    const sql = `select s.id, s.score from (
        select m.id, ${score} as score
        from messages m cross join lateral (select to_tsvector('simple', m.body) as tsv) v
        where ${where.join(' and ')}
      ) s ${page.join(' ')}
      order by s.score desc, s.id desc limit ?`;
    const rows = await em.execute<{ id: string | number; score: string | number }[]>(sql, [...scoreParams, ...params, ...pageParams, q.limit]);
    return rows.map((r) => ({ id: String(r.id), score: Number(r.score) }));
  },

  /** The messages with these ids, with what their DTOs show (author, room, the message replied to), in that order. */
  async messages(ids: string[]): Promise<Message[]> {
    if (ids.length === 0) return [];
    const found = await em.find(Message, { id: { $in: ids } }, { populate: ['author', 'room', 'replyTo', 'replyTo.author'], refresh: true });
    const byId = new Map(found.map((m) => [m.id, m]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  },
});
