// Turns a parsed query (@veza/validators' parseSearch) into SQL over a searchable source's indexed expressions.
// User text never reaches SQL as SQL: it goes in as bound parameters, and the tsquery text is built here from
// words made of letters and digits only, each single-quoted.
import { CJK_CHARACTER, type ParsedSearch, type SearchClause } from '@veza/validators';
import type { Em } from '../orm.ts';

/**
 * What a kind of result is searched by: its full-text document and its name for typo tolerance, each written as the
 * expression its GIN index is built on (migration Migration20261207120000_search), so the planner uses the index.
 */
export interface SearchSource {
  /** A tsvector (simple dictionary, accents removed, CJK pairs), weighted: A names and titles, B tags, C descriptions. */
  document: string;
  /** Lower-case text without accents or punctuation (veza_search_text), matched by trigram similarity (pg_trgm `%>`). */
  fuzzyName: string;
}

export interface CompileOptions {
  /**
   * Clauses (as clauseTsquery writes them: `'love':*`) to test row by row rather than through the full-text index:
   * words in a large share of the documents (catalog-search.repository's frequentTrackClauses). Looking such a word up
   * in the index builds a bitmap of all its matches (214,000 for "love" on a million tracks) before any other
   * condition narrows them; tested per row, it is checked on the rows the other conditions or the order bring.
   */
  unindexed?: ReadonlySet<string>;
}

/** A word clause's tsquery text when it is a single non-CJK word (the only clauses a share is estimated for). */
export function singleWordTsquery(clause: SearchClause): string | null {
  if (clause.kind !== 'word' || clause.negated || clause.parts.length !== 1 || isCjk(clause.parts[0] as string)) return null;
  return clauseTsquery(clause);
}

/** A compiled query: its condition (`where`), its relevance score, and their parameters, in order. */
export interface CompiledSearch {
  where: string;
  whereParams: unknown[];
  score: string;
  scoreParams: unknown[];
}

const WORD_PIECE = new RegExp(`${CJK_CHARACTER.source}+|(?:(?!${CJK_CHARACTER.source})[\\p{L}\\p{N}\\p{M}])+`, 'gu');
const isCjk = (part: string) => CJK_CHARACTER.test(part);

/** A tsquery lexeme; the parts hold letters, digits and marks only, the quoting is belt and braces. */
export const lexeme = (part: string, prefix: boolean) => `'${part.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;

/** The pairs of adjacent characters of a CJK run (a 1-character run matches the pairs starting with it). */
function cjkTsquery(run: string): string {
  const chars = [...run];
  if (chars.length === 1) return lexeme(run, true);
  const pairs = [...new Set(chars.slice(0, -1).map((c, i) => c + chars[i + 1]))];
  return pairs.length === 1 ? lexeme(pairs[0] as string, false) : `(${pairs.map((p) => lexeme(p, false)).join(' & ')})`;
}

/** One clause as tsquery text: a word's parts in sequence, its last one a prefix; a phrase's exactly. */
function clauseTsquery(clause: SearchClause): string {
  const prefix = clause.kind === 'word';
  const parts = clause.parts.map((part, i) => (isCjk(part) ? cjkTsquery(part) : lexeme(part, prefix && i === clause.parts.length - 1)));
  if (parts.length === 1) return parts[0] as string;
  // CJK pairs carry no positions (array_to_tsvector): no phrase operator across them.
  return `(${parts.join(clause.parts.some(isCjk) ? ' & ' : ' <-> ')})`;
}

/**
 * The query with every word as the database folds it for its indexes (veza_search_text: lower case, `unaccent`,
 * punctuation as spaces): one round trip, so that `Beyoncé` finds what `beyonce` finds exactly as the documents were
 * folded. Words the folding splits (a letter unaccent turns into punctuation) become several parts.
 */
export async function foldQuery(em: Em, parsed: ParsedSearch): Promise<ParsedSearch> {
  const words = [...new Set(parsed.groups.flat().flatMap((c) => c.parts))];
  if (words.length === 0) return parsed;
  const rows = await em.execute<Record<string, string>[]>(`select ${words.map((_, i) => `public.veza_search_text(?) as w${i}`).join(', ')}`, words);
  const row = rows[0] ?? {};
  const folded = new Map(words.map((w, i) => [w, (row[`w${i}`] ?? w).match(WORD_PIECE) ?? []]));
  const groups = parsed.groups
    .map((group) =>
      group.flatMap((clause): SearchClause[] => {
        const parts = clause.parts.flatMap((p) => folded.get(p) ?? []);
        if (parts.length === 0) return [];
        return [{ ...clause, parts, fuzzy: clause.fuzzy && parts.length === 1 }];
      }),
    )
    .filter((group) => group.some((c) => !c.negated));
  return { groups, normalized: parsed.normalized };
}

/**
 * The condition and the score of a folded query over `source`. A group matches when each of its clauses does and
 * none of its negated ones; the query when any group does. A fuzzy word also matches a name within trigram
 * similarity. The score: ts_rank with title/name weight 1, tags 0.4, description 0.2, summed over the words found,
 * and, for a match found by typo tolerance only, a tenth of the fuzzy words' similarity to the name.
 */
export function compileSearch(parsed: ParsedSearch, source: SearchSource, options: CompileOptions = {}): CompiledSearch | null {
  if (parsed.groups.length === 0) return null;
  const whereParams: unknown[] = [];
  const groups = parsed.groups.map((group) => {
    const conditions = group.map((clause) => {
      const tsq = clauseTsquery(clause);
      if (clause.negated) {
        whereParams.push(tsq);
        return `not (${source.document} @@ ?::tsquery)`;
      }
      if (clause.fuzzy) {
        whereParams.push(tsq, clause.parts[0]);
        return `(${source.document} @@ ?::tsquery or ${source.fuzzyName} %> ?)`;
      }
      whereParams.push(tsq);
      // ts_match_vq is what `@@` runs, called as a function: the same test, which no index serves.
      return options.unindexed?.has(tsq) ? `ts_match_vq(${source.document}, ?::tsquery)` : `${source.document} @@ ?::tsquery`;
    });
    return `(${conditions.join(' and ')})`;
  });
  const positive = parsed.groups.map((g) => `(${g.filter((c) => !c.negated).map(clauseTsquery).join(' & ')})`).join(' | ');
  const fuzzy = [...new Set(parsed.groups.flat().filter((c) => c.fuzzy).map((c) => c.parts[0] as string))];
  const scoreParams: unknown[] = [positive];
  let score = `ts_rank('{0.1,0.2,0.4,1.0}', ${source.document}, ?::tsquery)`;
  if (fuzzy.length > 0) {
    // Only for matches the words themselves miss: word_similarity on every match of a frequent word cost more than
    // the rest of the query (2,600 matches: 45 → 12 ms on PostgreSQL).
    score = `(${score} + case when ${source.document} @@ ?::tsquery then 0 else 0.1 * word_similarity(?, ${source.fuzzyName}) end)`;
    scoreParams.push(positive, fuzzy.join(' '));
  }
  return { where: `(${groups.join(' or ')})`, whereParams, score, scoreParams };
}

/**
 * Word prefixes this short (2 letters) are not looked up in the track index for suggestions: a prefix match reads
 * every indexed word starting with it, and "lo" starts thousands of them in hundreds of thousands of tracks (70 ms
 * on a million tracks, tooling/bench/search.mjs), whatever the other words of the query.
 */
export const SHORT_PREFIX_MAX = 2;

const isShortPrefix = (c: SearchClause) => {
  const last = c.parts.at(-1) ?? '';
  return c.kind === 'word' && !c.negated && !isCjk(last) && [...last].length <= SHORT_PREFIX_MAX;
};

/**
 * How track suggestions find their candidates when `parsed` holds a short prefix (SHORT_PREFIX_MAX): `null`, it holds
 * none (the whole query is looked up in the index); a query of its longer words, when the query is one group with
 * some (its matches are looked up by those words, then checked against the whole query); otherwise `'popular'` (the
 * whole query is checked against the most played tracks only).
 */
export function shortPrefixLookup(parsed: ParsedSearch): ParsedSearch | 'popular' | null {
  if (!parsed.groups.some((g) => g.some(isShortPrefix))) return null;
  const [group, ...others] = parsed.groups;
  const longer = (group ?? []).filter((c) => !c.negated && !isShortPrefix(c));
  if (others.length > 0 || longer.length === 0) return 'popular';
  return { groups: [longer], normalized: parsed.normalized };
}
