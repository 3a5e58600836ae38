// Chat message search (issue 10): `chat.messages.search`. The query is free text plus optional filters, given either
// as fields or inline in the text, the way people type them in a search box:
//
//   from:ana            messages by @ana (also `from:@ana`)
//   in:<roomId>         in that conversation only (its id, as the room list gives it)
//   has:attachment      messages carrying an attachment (a track card or an image)
//   after:2026-11-01    sent after that day (from the next day, 00:00 UTC)
//   before:2026-12-01   sent before that day (until the day before, 24:00 UTC)
//
// Whatever is left is the text searched for, split into terms on spaces (single letters are left out); every term
// must match:
//  - a term of 3 or more characters matches anywhere in a word ("guit" and "itar" find "guitare");
//  - a 2-character term matches the start of a word ("dj" finds "DJing", not "adjust");
//  - Chinese, Japanese and Korean text matches anywhere, from 2 characters ("音楽" finds "新しい音楽を聴く").
// Case is ignored. Results come best first: messages holding every term as a whole word, then as the start of a word,
// then anywhere; ties go to the newest. Ranking applies within windows of the 100 newest matches (a frequent word
// can match tens of thousands of messages): paging with `nextCursor` goes on into older windows, so every match is
// reachable. Messages of people the viewer blocked are left out.
import { z } from 'zod';
import { usernameSchema } from './auth.ts';
import { opaqueCursorSchema } from './ids.ts';
import { pageLimitSchema, roomIdSchema } from './chat.ts';
import { hasForbiddenCharacters } from './text.ts';

/** Shortest searchable text, in characters (after removing the inline filters). */
export const SEARCH_QUERY_MIN = 2;
/** Longest search query, in characters, filters included. */
export const SEARCH_QUERY_MAX = 200;
/** Most terms a query is split into; words past it are ignored. */
export const SEARCH_TERMS_MAX = 8;
/** Most results one `chat.messages.search` call returns. */
export const SEARCH_PAGE_MAX = 50;

/** Chinese, Japanese and Korean characters (scripts written without spaces between words). */
export const CJK_CHARACTER = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]/u;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** Midnight UTC of a `YYYY-MM-DD` day, or null when it is not a real day. */
function dayStart(value: string): Date | null {
  if (!DAY.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

/** A bound given as a day (`2026-12-01`) or an instant (`2026-12-01T18:30:00Z`). */
const boundSchema = (what: 'after' | 'before') =>
  z
    .string(`"${what}" must be a date.`)
    .trim()
    .refine((v) => dayStart(v) !== null || (z.iso.datetime({ offset: true }).safeParse(v).success && !Number.isNaN(Date.parse(v))), {
      message: `"${what}" must be a day (2026-12-01) or a date and time (2026-12-01T18:30:00Z).`,
    });

/**
 * Where a bound lands: `after` a day is from the start of the next one; `before` a day is until its start; an
 * instant is itself (exclusive both ways).
 */
function boundOf(value: string, what: 'after' | 'before'): Date {
  const day = dayStart(value);
  if (day) return what === 'after' ? new Date(day.getTime() + DAY_MS - 1) : day;
  return new Date(value);
}

export const chatSearchInput = z
  .object({
    /** The text searched for, optionally with inline filters (see above). */
    query: z
      .string('Type something to search for.')
      .trim()
      .max(SEARCH_QUERY_MAX, `A search can be at most ${SEARCH_QUERY_MAX} characters.`)
      .refine((s) => !hasForbiddenCharacters(s), { message: 'A search cannot contain control characters.', abort: true }),
    roomId: roomIdSchema.optional(),
    fromUsername: usernameSchema.optional(),
    hasAttachment: z.boolean('"hasAttachment" must be true or false.').optional(),
    after: boundSchema('after').optional(),
    before: boundSchema('before').optional(),
    /** From the previous page's `nextCursor`. */
    cursor: opaqueCursorSchema.optional(),
    limit: pageLimitSchema(SEARCH_PAGE_MAX, 20),
  })
  .transform((input, ctx) => {
    const parsed = parseSearchQuery(input.query);
    for (const [path, message] of parsed.errors) ctx.addIssue({ code: 'custom', path: [path], message });
    const merge = <T>(field: keyof typeof input, fromField: T | undefined, inline: T | undefined, same = (a: T, b: T) => a === b) => {
      if (fromField !== undefined && inline !== undefined && !same(fromField, inline)) {
        ctx.addIssue({ code: 'custom', path: [field], message: `The query's ${String(field)} filter and the "${String(field)}" field disagree.` });
      }
      return fromField ?? inline;
    };
    const after = merge('after', input.after, parsed.after, (a, b) => boundOf(a, 'after').getTime() === boundOf(b, 'after').getTime());
    const before = merge('before', input.before, parsed.before, (a, b) => boundOf(a, 'before').getTime() === boundOf(b, 'before').getTime());
    const search: ChatSearch = {
      text: parsed.text,
      terms: parsed.terms,
      roomId: merge('roomId', input.roomId, parsed.roomId),
      fromUsername: merge('fromUsername', input.fromUsername, parsed.fromUsername),
      hasAttachment: (input.hasAttachment ?? false) || parsed.hasAttachment,
      since: after === undefined ? undefined : boundOf(after, 'after'),
      until: before === undefined ? undefined : boundOf(before, 'before'),
      cursor: input.cursor,
      limit: input.limit,
    };
    if (search.since && search.until && search.since.getTime() >= search.until.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['before'], message: 'The search ends before it starts: "before" must come after "after".' });
    }
    return search;
  });
export type ChatSearchInput = z.input<typeof chatSearchInput>;

/** A search as the server runs it: the text split into terms, the filters from fields and inline syntax merged. */
export interface ChatSearch {
  /** The text searched for, filters removed, spaces collapsed. */
  text: string;
  /** Lower-case terms, each matched on its own (see the rules above), at most SEARCH_TERMS_MAX. */
  terms: string[];
  roomId: string | undefined;
  fromUsername: string | undefined;
  hasAttachment: boolean;
  /** Messages sent after this instant (exclusive). */
  since: Date | undefined;
  /** Messages sent before this instant (exclusive). */
  until: Date | undefined;
  cursor: string | undefined;
  limit: number;
}

export interface ParsedSearchQuery {
  text: string;
  terms: string[];
  roomId?: string;
  fromUsername?: string;
  hasAttachment: boolean;
  after?: string;
  before?: string;
  /** [field, message] for each refused filter or an empty text. */
  errors: [string, string][];
}

const FILTER = /^(from|in|has|after|before):(.*)$/i;

/** True when `term` holds Chinese, Japanese or Korean characters. */
export const isCjkTerm = (term: string) => CJK_CHARACTER.test(term);

/** The characters of a term that count towards the minimum length. */
const length = (s: string) => [...s].length;

/** Splits a query into its text and inline filters (see the top of this file). */
export function parseSearchQuery(query: string): ParsedSearchQuery {
  const out: ParsedSearchQuery = { text: '', terms: [], hasAttachment: false, errors: [] };
  const words: string[] = [];
  for (const word of query.split(/\s+/u).filter(Boolean)) {
    const filter = FILTER.exec(word);
    if (!filter) {
      words.push(word);
      continue;
    }
    const key = (filter[1] ?? '').toLowerCase();
    const value = filter[2] ?? '';
    if (key === 'from') {
      const username = usernameSchema.safeParse(value.replace(/^@/, ''));
      if (username.success) out.fromUsername = username.data;
      else out.errors.push(['query', `"${word}" is not a username to search from.`]);
    } else if (key === 'in') {
      const room = roomIdSchema.safeParse(value);
      if (room.success) out.roomId = room.data;
      else out.errors.push(['query', `"${word}" does not name a conversation (in: takes a room id).`]);
    } else if (key === 'has') {
      if (/^attachments?$/i.test(value)) out.hasAttachment = true;
      else out.errors.push(['query', `"${word}": only has:attachment is supported.`]);
    } else if (dayStart(value)) {
      out[key as 'after' | 'before'] = value;
    } else {
      out.errors.push(['query', `"${word}": write the day as ${key}:2026-12-01.`]);
    }
  }
  out.text = words.join(' ');
  // Single letters match too much to mean anything ("a", "I"): dropped, except a Chinese, Japanese or Korean character.
  const terms = words.map((w) => w.toLowerCase()).filter((t) => length(t) >= SEARCH_QUERY_MIN || isCjkTerm(t));
  out.terms = [...new Set(terms)].slice(0, SEARCH_TERMS_MAX);
  if (length(out.text) < SEARCH_QUERY_MIN || !out.terms.some((t) => length(t) >= SEARCH_QUERY_MIN)) {
    out.errors.push(['query', `Type at least ${SEARCH_QUERY_MIN} characters to search for.`]);
  }
  return out;
}
