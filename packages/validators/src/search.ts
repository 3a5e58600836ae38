// Search (issue 12): the query language, shared by the server (search.* procedures) and the web (its query help
// shows the same rules), and the inputs of the search procedures.
//
// Query language:
//  - words are all required (`deep house`), each matched as the start of a word (`dee` finds "Deep"), ignoring case
//    and accents (`beyonce` finds "Beyoncé"); a word that matches nothing as written may still match a title by a
//    close spelling (typo tolerance, words of 4+ characters);
//  - `"exact phrase"`: these words, next to each other, in this order (an unclosed quote runs to the end);
//  - `OR` between two parts: either (`AND` binds tighter, and is the default between words);
//  - `NOT word`, `-word`, `-"a phrase"`: leaves out what has it;
//  - Chinese, Japanese and Korean text is matched by pairs of adjacent characters (it has no spaces between words);
//  - operators are upper case (`or`, `not` are ordinary words); other punctuation separates words (`hip-hop` is the
//    phrase "hip hop"); parentheses and symbols like % _ \ * are not operators and match nothing on their own.
import { z } from 'zod';
import { CJK_CHARACTER } from './chat-search.ts';
import { GENRES, genreSchema } from './explore.ts';
import { opaqueCursorSchema } from './ids.ts';
import { text } from './text.ts';
import { MUSICAL_KEYS, musicalKeySchema, trackTagSchema } from './tracks.ts';

/** Longest query accepted (longer ones are refused with a message, not trimmed: a cut query would find other things). */
export const SEARCH_TEXT_MAX = 200;
/** Most words and phrases a query may hold (after parsing). */
export const SEARCH_CLAUSES_MAX = 12;
/** Latin words shorter than this are left out (one letter starts too many words to be worth a lookup). */
export const SEARCH_WORD_MIN = 2;
/** Words at least this long also match titles by a close spelling (typo tolerance). */
export const SEARCH_FUZZY_MIN = 4;
/** How many recent searches a person keeps. */
export const SEARCH_HISTORY_MAX = 20;
/** Suggestions the search box shows at most. */
export const SUGGEST_LIMIT_MAX = 8;

/**
 * A word or phrase of a query: `parts` are its words, lower case, split at punctuation. A `word` matches as the
 * start of a word (its last part, when punctuation split it: `hip-ho` finds "hip-hop"); a `phrase` matches exactly.
 */
export interface SearchClause {
  kind: 'word' | 'phrase';
  parts: string[];
  negated: boolean;
  /** A single word long enough for typo tolerance (not for phrases, negations or CJK). */
  fuzzy: boolean;
}

/** What must all hold for a result to match: the conjunctions of a query, any of which matches. */
export interface ParsedSearch {
  /** `a b OR c` is [[a, b], [c]]. A group holds at least one clause that is not negated. */
  groups: SearchClause[][];
  /** The query as typed, trimmed, whitespace collapsed (what history stores). */
  normalized: string;
}

const OPERATORS = new Set(['AND', 'OR', 'NOT']);
/** A word's pieces: runs of CJK characters, or runs of other letters and digits (with their combining marks). */
const WORD_PIECE = new RegExp(`${CJK_CHARACTER.source}+|(?:(?!${CJK_CHARACTER.source})[\\p{L}\\p{N}\\p{M}])+`, 'gu');

/** A word's or phrase's parts; a lone Latin letter alone is no word (but stays inside a phrase: "i am a man"). */
function wordParts(raw: string): string[] {
  const parts = raw.toLowerCase().match(WORD_PIECE) ?? [];
  if (parts.length !== 1) return parts;
  const part = parts[0] as string;
  return CJK_CHARACTER.test(part) || [...part].length >= SEARCH_WORD_MIN || /^\p{N}$/u.test(part) ? parts : [];
}

interface Token {
  kind: 'word' | 'phrase' | 'op';
  value: string;
  negated: boolean;
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i] as string;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    let negated = false;
    if (ch === '-' && i + 1 < query.length && !/\s/u.test(query[i + 1] as string)) {
      negated = true;
      i++;
    }
    if (query[i] === '"') {
      const end = query.indexOf('"', i + 1);
      const value = query.slice(i + 1, end === -1 ? query.length : end);
      tokens.push({ kind: 'phrase', value, negated });
      i = end === -1 ? query.length : end + 1;
      continue;
    }
    let j = i;
    while (j < query.length && !/\s/u.test(query[j] as string) && query[j] !== '"') j++;
    const value = query.slice(i, j);
    tokens.push({ kind: !negated && OPERATORS.has(value) ? 'op' : 'word', value, negated });
    i = j;
  }
  return tokens;
}

/**
 * Parses a query by the rules above. Never throws: what carries no searchable word (only operators, symbols, one
 * letter) parses to no groups, which the caller treats as an empty query.
 */
export function parseSearch(query: string): ParsedSearch {
  const normalized = query.trim().replace(/\s+/gu, ' ');
  const groups: SearchClause[][] = [];
  let current: SearchClause[] = [];
  let negateNext = false;
  const close = () => {
    if (current.some((c) => !c.negated)) groups.push(current);
    current = [];
  };
  for (const token of tokenize(normalized)) {
    if (token.kind === 'op') {
      if (token.value === 'OR') {
        close();
        negateNext = false;
      } else if (token.value === 'NOT') negateNext = true;
      continue;
    }
    const parts = wordParts(token.value);
    const negated = token.negated || negateNext;
    negateNext = false;
    if (parts.length === 0) continue;
    const kind = token.kind === 'phrase' ? 'phrase' : 'word';
    const single = parts[0] as string;
    const fuzzy = kind === 'word' && parts.length === 1 && !negated && !CJK_CHARACTER.test(single) && [...single].length >= SEARCH_FUZZY_MIN;
    current.push({ kind, parts, negated, fuzzy });
  }
  close();
  return { groups, normalized };
}

/** How many clauses a parsed query holds (bounded by SEARCH_CLAUSES_MAX). */
export const clauseCount = (parsed: ParsedSearch) => parsed.groups.reduce((n, g) => n + g.length, 0);

const queryText = text('Search').max(SEARCH_TEXT_MAX, `Searches can be at most ${SEARCH_TEXT_MAX} characters.`);
/** A query: at most SEARCH_TEXT_MAX characters and SEARCH_CLAUSES_MAX words or phrases. */
export const searchQuerySchema = queryText.refine((q) => clauseCount(parseSearch(q)) <= SEARCH_CLAUSES_MAX, {
  message: `Use at most ${SEARCH_CLAUSES_MAX} words or phrases in a search.`,
  abort: true,
});

/** The kinds of result the search box suggests (a new kind: add it here and its source in @veza/db search/). */
export const SEARCH_KINDS = ['track', 'user', 'playlist', 'group'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const searchSuggestInput = z.object({
  q: queryText,
  limit: z.number('Limit must be a number.').int('Limit must be a whole number.').min(1, 'Limit must be at least 1.').max(SUGGEST_LIMIT_MAX, `Limit must be at most ${SUGGEST_LIMIT_MAX}.`).default(SUGGEST_LIMIT_MAX),
});
export type SearchSuggestInput = z.input<typeof searchSuggestInput>;

export const TRACK_SEARCH_SORTS = ['relevance', 'newest', 'plays'] as const;
export type TrackSearchSort = (typeof TRACK_SEARCH_SORTS)[number];

/** The BPM facet's buckets: [min, max) (max null: no upper bound). Pass one's bounds as `bpmMin`/`bpmMax`. */
export const BPM_BUCKETS = [
  { id: 'lt90', min: null, max: 90 },
  { id: '90-110', min: 90, max: 110 },
  { id: '110-130', min: 110, max: 130 },
  { id: '130-150', min: 130, max: 150 },
  { id: 'gte150', min: 150, max: null },
] as const;
/** The duration facet's buckets in seconds: [min, max). Pass one's bounds as `durationMin`/`durationMax`. */
export const DURATION_BUCKETS = [
  { id: 'lt2m', min: null, max: 120 },
  { id: '2-5m', min: 120, max: 300 },
  { id: '5-10m', min: 300, max: 600 },
  { id: '10-30m', min: 600, max: 1800 },
  { id: 'gte30m', min: 1800, max: null },
] as const;
/** The upload date facet: uploaded within the last day, week, month or year. */
export const UPLOADED_WITHIN = ['day', 'week', 'month', 'year'] as const;
export type UploadedWithin = (typeof UPLOADED_WITHIN)[number];

const limit = z.number('Limit must be a number.').int('Limit must be a whole number.').min(1, 'Limit must be at least 1.').max(50, 'Limit must be at most 50.').default(20);
const bpm = z.number('BPM must be a number.').int('BPM must be a whole number.').min(0, 'BPM must be between 0 and 1000.').max(1000, 'BPM must be between 0 and 1000.');
const seconds = z.number('Durations must be numbers of seconds.').int('Durations must be whole seconds.').min(0, 'Durations cannot be negative.').max(86_400, 'Durations must be at most a day.');

export const searchTracksInput = z
  .object({
    q: searchQuerySchema.default(''),
    genres: z.array(genreSchema, 'Genres must be a list.').max(GENRES.length, 'Too many genres.').optional(),
    keys: z.array(musicalKeySchema, 'Keys must be a list.').max(MUSICAL_KEYS.length, 'Too many keys.').optional(),
    /** Tracks carrying every one of these tags. */
    tags: z.array(trackTagSchema, 'Tags must be a list.').max(5, 'Filter by at most 5 tags.').optional(),
    /** BPM at least (inclusive) / below (exclusive). */
    bpmMin: bpm.optional(),
    bpmMax: bpm.optional(),
    /** Duration in seconds, at least (inclusive) / below (exclusive). */
    durationMin: seconds.optional(),
    durationMax: seconds.optional(),
    uploadedWithin: z.enum(UPLOADED_WITHIN, 'Uploaded within must be day, week, month or year.').optional(),
    sort: z.enum(TRACK_SEARCH_SORTS, 'Sort by relevance, newest or plays.').default('relevance'),
    cursor: opaqueCursorSchema.nullish(),
    limit,
  })
  .refine((i) => i.bpmMin === undefined || i.bpmMax === undefined || i.bpmMin < i.bpmMax, { message: 'The lowest BPM must be below the highest.', path: ['bpmMin'] })
  .refine((i) => i.durationMin === undefined || i.durationMax === undefined || i.durationMin < i.durationMax, {
    message: 'The shortest duration must be below the longest.',
    path: ['durationMin'],
  });
export type SearchTracksInput = z.input<typeof searchTracksInput>;

/** People, playlists or groups: a query (required) and a page. */
export const searchPageInput = z.object({ q: searchQuerySchema, cursor: opaqueCursorSchema.nullish(), limit });
export type SearchPageInput = z.input<typeof searchPageInput>;

export const searchHistoryIdSchema = z.uuid('Unknown search.');
export const searchHistoryRemoveInput = z.object({ id: searchHistoryIdSchema });
