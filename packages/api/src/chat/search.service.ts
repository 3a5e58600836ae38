// Chat message search (issue 10): `chat.messages.search`, within a room or across the viewer's rooms, ranked,
// finding whole words, partial words and Chinese/Japanese/Korean text (matching rules: validators' chat-search.ts;
// SQL and indexes: db's search.repository.ts). Who sees what:
//  - across rooms: only the rooms and DMs the viewer is a member of (not rooms they left, were kicked or banned from);
//  - `in:` a room: any room they may read (rooms.service.ts), so a public room they have not joined only when named;
//  - never deleted messages, nor messages of people they blocked.
import { searchRepository, type RoomKind, type SearchHit, type SearchMessageRow } from '@veza/db';
import { isBigintId, isCjkTerm, type ChatSearch } from '@veza/validators';
import { addCallSummaries } from '../calls/call-summaries.ts';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { hideBlocked } from '../users/blocks.service.ts';
import { attachmentsExtra } from './attachments.service.ts';
import { PREVIEW_LENGTH, type MessageDto } from './chat.dto.ts';
import { loadVisibleRoom } from './rooms.service.ts';

type Ctx = Pick<Context, 'em'>;

/** Where a term was found in a body: [start, end) in UTF-16 code units (JavaScript string indices). */
export type HighlightRange = [number, number];

export interface SearchResultDto {
  message: MessageDto;
  room: { id: string; name: string | null; kind: RoomKind };
  /** The parts of `message.body` that matched, in order, not overlapping. */
  highlights: HighlightRange[];
  /**
   * 2: every term as a whole word; 1: as the start of a word; 0: inside words. Results are ranked within windows of
   * the newest matches (SEARCH_WINDOW, 100): page on for older ones.
   */
  rank: number;
}

export interface SearchPageDto {
  items: SearchResultDto[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

const badCursor = () => new DomainError('BAD_REQUEST', 'This page link is no longer valid. Start again from the first page.', { cursor: ['Start again from the first page.'] });

/** Where a page starts: a window of matches (older than a message id, or the newest), and after which of its hits. */
export interface SearchPosition {
  olderThan: string | null;
  after: SearchHit | undefined;
}

export const encodeSearchCursor = (at: SearchPosition) =>
  Buffer.from(`${at.olderThan ?? ''}.${at.after ? `${at.after.score}.${at.after.id}` : ''}`).toString('base64url');

export function decodeSearchCursor(cursor: string): SearchPosition {
  const match = /^(\d{1,19})?\.(?:([0-2])\.(\d{1,19}))?$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badCursor();
  const [, olderThan, score, id] = match;
  if ((olderThan && !isBigintId(olderThan)) || (id && !isBigintId(id)) || (!olderThan && !id)) throw badCursor();
  return { olderThan: olderThan ?? null, after: id ? { score: Number(score), id } : undefined };
}

/** A page may reach into this many windows of matches to fill up (each one query). */
const WINDOWS_PER_PAGE = 3;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The ranges of `body` matched by `terms`, by the search's rules: a 2-character Latin term at the start of a word,
 * anything else anywhere, ignoring case.
 */
export function highlightsOf(body: string, terms: string[]): HighlightRange[] {
  const ranges: HighlightRange[] = [];
  for (const term of terms) {
    const wordStart = !isCjkTerm(term) && [...term].length < 3;
    const pattern = new RegExp(`${wordStart ? '(?<![\\p{L}\\p{N}])' : ''}${escapeRegExp(term)}`, 'giu');
    for (const match of body.matchAll(pattern)) ranges.push([match.index, match.index + match[0].length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: HighlightRange[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** A page of results, best first (see SearchResultDto.rank), then newest. */
export async function search(ctx: Ctx, viewer: Viewer, input: ChatSearch): Promise<SearchPageDto> {
  // A forged cursor is refused before anything is read.
  let at: SearchPosition = input.cursor ? decodeSearchCursor(input.cursor) : { olderThan: null, after: undefined };
  const repo = searchRepository(ctx.em);
  // One round trip for the viewer's side (their rooms unless a room is named, whom they blocked, the from: author),
  // beside the named room's checks: any room the viewer may read (NOT_FOUND otherwise, FORBIDDEN when banned from a
  // public one). Messages of people the viewer blocked would only come back hidden (blocks.service.ts): not found.
  const [scope, named] = await Promise.all([
    repo.scope(viewer.id, { memberRooms: !input.roomId, fromUsername: input.fromUsername }),
    input.roomId ? loadVisibleRoom(ctx, viewer, input.roomId) : null,
  ]);
  // Nobody by that name has written anything.
  if (scope.authorId === null) return { items: [], nextCursor: null };
  const authorId = scope.authorId;
  const roomIds = named ? [named.room.id] : scope.roomIds;
  const excludeAuthorIds = scope.blockedIds;
  const page: SearchHit[] = [];
  let next: SearchPosition | null = null;
  for (let round = 0; round < WINDOWS_PER_PAGE; round++) {
    const want = input.limit - page.length;
    const window = await repo.search({
      roomIds,
      volume: scope.volume,
      terms: input.terms,
      authorId,
      excludeAuthorIds,
      hasAttachment: input.hasAttachment,
      since: input.since,
      until: input.until,
      olderThan: at.olderThan,
      after: at.after,
      limit: want + 1,
    });
    page.push(...window.hits.slice(0, want));
    if (window.hits.length > want) {
      next = { olderThan: at.olderThan, after: page.at(-1) };
      break;
    }
    // This window held every older match: the last page.
    if (!window.full || !window.oldest) {
      next = null;
      break;
    }
    at = { olderThan: window.oldest, after: undefined };
    next = at;
    if (page.length === input.limit) break;
  }
  const rankOf = new Map(page.map((h) => [h.id, h.score]));
  // Deleted between the two reads: left out.
  const rows = await searchRepository(ctx.em).results(
    page.map((h) => h.id),
    viewer.id,
  );
  const dtos = rows.map(toResultMessage);
  await addResultExtras(ctx, viewer, dtos, rows, new Set(excludeAuthorIds));
  const items = rows.map((row, i) => {
    const message = dtos[i] as MessageDto;
    return {
      message,
      room: row.room,
      highlights: highlightsOf(message.body, input.terms),
      rank: rankOf.get(row.id) ?? 0,
    };
  });
  return { items, nextCursor: next ? encodeSearchCursor(next) : null };
}

const excerpt = (body: string, deleted: boolean) => (deleted ? '' : body.length > PREVIEW_LENGTH ? `${body.slice(0, PREVIEW_LENGTH - 1)}…` : body);

/** A result's MessageDto, as chat.dto's toMessageDto and the extras make it for history pages (search.test.ts compares them). */
function toResultMessage(row: SearchMessageRow): MessageDto {
  const parent = row.replyTo;
  return {
    id: row.id,
    seq: row.seq,
    roomId: row.room.id,
    author: row.author,
    body: row.body,
    clientMessageId: row.clientMessageId,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deletedAt: null,
    replyTo: parent
      ? {
          id: parent.id,
          seq: parent.seq,
          author: parent.author,
          body: excerpt(parent.body, parent.deletedAt !== null),
          createdAt: parent.createdAt.toISOString(),
          deletedAt: parent.deletedAt?.toISOString() ?? null,
          hidden: null,
          kind: parent.kind,
          call: null,
        }
      : null,
    reactions: row.reactions,
    mentions: row.mentions,
    hidden: null,
    kind: row.kind,
    call: null,
    attachments: [],
  };
}

/**
 * The extras of message-extras.ts that the results' query did not read (reactions and mentions came with the rows),
 * each only when some result needs it: calls for call summaries, attachments for results carrying some, and blocks
 * when a result or its quote is by someone the viewer blocked (`blocked`: all of them, read by the search's scope).
 */
async function addResultExtras(ctx: Ctx, viewer: Viewer, dtos: MessageDto[], rows: SearchMessageRow[], blocked: Set<string>) {
  const calls = dtos.filter((m) => m.kind === 'call');
  if (calls.length > 0) await addCallSummaries(ctx.em, calls);
  const attached = dtos.filter((_, i) => rows[i]?.hasAttachments);
  if (attached.length > 0) await attachmentsExtra(ctx.em, attached, viewer.id);
  const byBlocked = (id: string | undefined) => id !== undefined && blocked.has(id);
  if (dtos.some((m) => byBlocked(m.author?.id) || byBlocked(m.replyTo?.author?.id ?? undefined))) await hideBlocked(ctx.em, dtos, viewer.id);
}
