// The conditions of a chat search (search.repository.ts), built from its terms and filters: twice, once for the index
// plan (each term by its index) and once for the walk (cheap tests first), plus the planner's estimate conditions and
// the rank's regular expressions. Pure: no database access.
import type { MessageSearchQuery } from './search.repository.ts';

/** Chinese, Japanese and Korean characters (as the migration's chat_cjk_bigrams function and validators' CJK_CHARACTER). */
const CJK = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]/u;
const CJK_RUN = new RegExp(`${CJK.source}{2,}`, 'gu');

/** The distinct pairs of adjacent CJK characters in `text`, as chat_cjk_bigrams computes them in the database. */
export function cjkBigrams(text: string): string[] {
  const pairs = new Set<string>();
  for (const [run] of text.matchAll(CJK_RUN)) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) pairs.add(`${chars[i]}${chars[i + 1]}`);
  }
  return [...pairs];
}

export const isCjk = (term: string) => CJK.test(term);
/** A LIKE pattern matching `term` anywhere (\ is LIKE's escape character). */
const containsPattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** A tsquery operand for `term`, quoted (the parser still splits "rock'n'roll" into a phrase). */
const lexeme = (term: string, prefix: boolean) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
/** `term` as a literal inside a PostgreSQL regular expression. */
const regexLiteral = (term: string) => term.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);
/** A text[] or uuid[] literal (elements quoted). */
export const arrayLiteral = (items: string[]) => `{${items.map((i) => `"${i.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/** What searchConditions builds: SQL fragments with `?` placeholders, each list with its parameters in order. */
export interface SearchConditions {
  many: boolean;
  /** The index plan's conditions. */
  indexed: string[];
  indexedParams: unknown[];
  /** The walk's conditions, cheapest first. */
  checks: string[];
  checkParams: unknown[];
  /** One condition per term, for the planner's estimate of their matches. */
  estimate: string[];
  estimateParams: unknown[];
  /** The longer terms' estimate conditions (CJK, 3+ letters). */
  longEstimate: string[];
  longEstimateParams: unknown[];
  /** Where the 2-letter terms' conditions are in `indexed`, with their tsquery. */
  shortIndexed: { at: number; param: string }[];
  /** The rank of a window's row `c` (2, 1, 0), and its parameters. */
  score: string;
  scoreParams: unknown[];
}

export function searchConditions(q: MessageSearchQuery): SearchConditions {
  const many = q.roomIds.length > 1;
  // The conditions twice: `indexed` for the index plan (each term by its index), `checks` for the walk (cheap
  // tests first: the walk evaluates them in order on each row, inside a CASE so PostgreSQL cannot reorder them).
  const indexed: string[] = [];
  const indexedParams: unknown[] = [];
  const checks: string[] = [];
  const checkParams: unknown[] = [];
  const both = (sql: string, ...params: unknown[]) => {
    indexed.push(sql);
    indexedParams.push(...params);
    checks.push(sql);
    checkParams.push(...params);
  };
  if (many) {
    // A constant array (not a subquery): PostgreSQL checks it with a hash table. In the index plan it is a filter
    // on the fetched rows (`is true` keeps it out of the indexes): intersecting the term's matches with the room
    // index's entries for a quarter of the table (250 000 on 1 M messages) cost more than the whole search.
    // With has:attachment the rooms do go into the bitmaps: the flagged messages' room index (a partial one, 2 % of
    // the table) finds the viewer's share of them, so only matches in the viewer's rooms are read (450 → 8 ms for a
    // viewer whose rooms hold no flagged match).
    indexed.push(q.hasAttachment ? 'm.room_id = any(?::uuid[])' : '(m.room_id = any(?::uuid[])) is true');
    checks.push('m.room_id = any(?::uuid[])');
    indexedParams.push(arrayLiteral(q.roomIds));
    checkParams.push(arrayLiteral(q.roomIds));
  } else {
    both('m.room_id = ?', q.roomIds[0]);
  }
  both('m.deleted_at is null');
  // has:attachment: a flag on the message, with partial indexes of the flagged messages (their trigrams, their ids).
  if (q.hasAttachment) both('m.has_attachments');
  if (q.authorId) both('m.author_id = ?', q.authorId);
  if (q.excludeAuthorIds && q.excludeAuthorIds.length > 0) both('(m.author_id is null or m.author_id <> all(?::uuid[]))', arrayLiteral(q.excludeAuthorIds));
  if (q.since) both('m.created_at > ?', q.since);
  if (q.until) both('m.created_at < ?', q.until);
  if (q.olderThan) {
    indexed.push('m.id < ?::bigint');
    indexedParams.push(q.olderThan);
  }
  // One condition per term for the planner's estimate of their matches (see walkMayFill): a CJK pair condition
  // beside its LIKE says the same thing twice, which the planner would take for two independent filters.
  const estimate: string[] = [];
  const estimateParams: unknown[] = [];
  /** The longer terms' estimate conditions (CJK, 3+ letters), and where the 2-letter terms' index conditions are. */
  const longEstimate: string[] = [];
  const longEstimateParams: unknown[] = [];
  const shortIndexed: { at: number; param: string }[] = [];
  const latin: string[] = [];
  const wordStarts: string[] = [];
  // Longest terms first: the walk tests them in this order and stops at the first miss, and a longer term is
  // usually the rarer one ("guitar" before "new").
  for (const term of q.terms.toSorted((a, b) => [...b].length - [...a].length)) {
    if (isCjk(term)) {
      // The exact sequence: LIKE (byte-wise, cheap) when the term has no letters with a case, else ILIKE.
      both(term.toLowerCase() === term.toUpperCase() ? 'm.body like ?' : 'm.body ilike ?', containsPattern(term));
      estimate.push(indexed.at(-1) as string);
      estimateParams.push(containsPattern(term));
      longEstimate.push(indexed.at(-1) as string);
      longEstimateParams.push(containsPattern(term));
      // 3+ characters: the trigram index serves that (I)LIKE alone. Adding the bigrams there made every search
      // 30 times slower on a million messages (1.5 s instead of 55 ms for ライブ): trigram matches are rechecked on
      // the rows, and the recheck then computes chat_cjk_bigrams(body), a regular expression and an aggregate, on
      // each of them. 2 characters (no trigram): the bigram index finds the candidates and LIKE confirms the
      // sequence (the index holds the pairs as a tsvector: an exact match, nothing recomputed on the rows). The
      // walk needs no pairs: LIKE alone is exact.
      const pairs = [...term].length < 3 ? cjkBigrams(term) : [];
      if (pairs.length > 0) {
        indexed.push('array_to_tsvector(chat_cjk_bigrams(m.body)) @@ ?::tsquery');
        indexedParams.push(pairs.map((pair) => lexeme(pair, false)).join(' & '));
      }
    } else if ([...term].length >= 3) {
      latin.push(term);
      both('m.body ilike ?', containsPattern(term));
      estimate.push('m.body ilike ?');
      estimateParams.push(containsPattern(term));
      longEstimate.push('m.body ilike ?');
      longEstimateParams.push(containsPattern(term));
    } else {
      latin.push(term);
      // The walk first asks for the two letters anywhere (ILIKE: ~6 times cheaper than parsing the body into words).
      checks.push('m.body ilike ?');
      checkParams.push(containsPattern(term));
      shortIndexed.push({ at: indexed.length, param: lexeme(term, true) });
      indexed.push(`to_tsvector('simple', m.body) @@ to_tsquery('simple', ?)`);
      indexedParams.push(lexeme(term, true));
      // The walk parses the body into words last, after every other term's cheaper test ("concert ce soir").
      wordStarts.push(lexeme(term, true));
      estimate.push(`to_tsvector('simple', m.body) @@ to_tsquery('simple', ?)`);
      estimateParams.push(lexeme(term, true));
    }
  }

  for (const start of wordStarts) {
    checks.push(`to_tsvector('simple', m.body) @@ to_tsquery('simple', ?)`);
    checkParams.push(start);
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
  return { many, indexed, indexedParams, checks, checkParams, estimate, estimateParams, longEstimate, longEstimateParams, shortIndexed, score, scoreParams };
}
