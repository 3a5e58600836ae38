// The live room list's events (chat.onInbox, see inbox.service.ts): what an inbox receives, what travels on a user's
// inbox channel (`chat-inbox:<userId>`), the check of what comes off the bus, and the publishes made after a commit
// (a DM or group message, my read mark, my joins and departures).
import type { TrackedEnvelope } from '@trpc/server';
import { inboxRepository, type RoomKind } from '@veza/db';
import type { Context } from '../context.ts';
import { PREVIEW_LENGTH, type MessageDto, type MessagePreviewDto } from './chat.dto.ts';

/** One of my conversations, as the inbox counts it. */
export interface InboxRoomState {
  roomId: string;
  kind: RoomKind;
  lastSeq: number;
  lastReadSeq: number;
  unreadCount: number;
  /** Unread messages mentioning me (as chat.rooms.list counts them). */
  mentionCount: number;
}

/** Every conversation I am in, now: the first event of every subscription (a client replaces its counts with it). */
export interface InboxSyncEvent {
  type: 'sync';
  rooms: InboxRoomState[];
}

/**
 * A conversation's newest message (mine included: my own message counts as read). The same for every member, like
 * chat.onRoom's live events: clients empty the preview of someone they blocked (`users.blocks`).
 */
export interface InboxMessageEvent {
  type: 'message';
  roomId: string;
  kind: RoomKind;
  seq: number;
  message: MessagePreviewDto;
}

/**
 * Someone mentioned me at `seq` (counts in the room's badge while `seq` is past my read mark). `authorId`: clients
 * skip mentions by people they blocked, as the list's counts do.
 */
export interface InboxMentionEvent {
  type: 'mention';
  roomId: string;
  seq: number;
  messageId: string;
  authorId: string;
}

/** My read mark moved (from this or another tab or device); `mentionCount` is what remains unread of my mentions. */
export interface InboxReadEvent {
  type: 'read';
  roomId: string;
  lastReadSeq: number;
  mentionCount: number;
}

/** I joined or left a conversation (`left`: on my own, kicked or banned). A client reads the list again on `joined`. */
export interface InboxMembershipEvent {
  type: 'joined' | 'left';
  roomId: string;
  kind: RoomKind;
}

export type InboxEvent = InboxSyncEvent | InboxMessageEvent | InboxMentionEvent | InboxReadEvent | InboxMembershipEvent;
/** What travels on a user's inbox channel. */
export type InboxBusEvent = InboxMessageEvent | InboxReadEvent | InboxMembershipEvent;

export type InboxStreamItem = TrackedEnvelope<InboxEvent>;

export const inboxChannel = (userId: string) => `chat-inbox:${userId}`;

const KINDS: readonly string[] = ['room', 'dm', 'group'] satisfies RoomKind[];
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isString = (value: unknown): value is string => typeof value === 'string';
const isSeq = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** Bus payloads cross process boundaries: accept only what has the expected shape. */
export function parseInboxEvent(payload: unknown): InboxBusEvent | null {
  if (!isRecord(payload) || !isString(payload.roomId)) return null;
  const p = payload;
  switch (p.type) {
    case 'message':
      return isString(p.kind) && KINDS.includes(p.kind) && isSeq(p.seq) && isRecord(p.message) && isString(p.message.id) ? (p as unknown as InboxMessageEvent) : null;
    case 'read':
      return isSeq(p.lastReadSeq) && isSeq(p.mentionCount) ? (p as unknown as InboxReadEvent) : null;
    case 'joined':
    case 'left':
      return isString(p.kind) && KINDS.includes(p.kind) ? (p as unknown as InboxMembershipEvent) : null;
    default:
      return null;
  }
}

/** A message as the room list previews it (the same cut as chat.rooms.list's `lastMessage`). */
export const previewOf = (m: MessageDto): MessagePreviewDto => ({
  id: m.id,
  seq: m.seq,
  author: m.author,
  body: m.deletedAt ? '' : m.body.length > PREVIEW_LENGTH ? `${m.body.slice(0, PREVIEW_LENGTH - 1)}…` : m.body,
  createdAt: m.createdAt,
  deletedAt: m.deletedAt,
  hidden: null,
  kind: m.kind,
  call: m.call ? { state: m.call.state, durationSeconds: m.call.durationSeconds } : null,
});

type PublishCtx = Pick<Context, 'em' | 'deps'>;

/**
 * After a message is committed in a DM or a group: tells each member's inbox (at most 10 publishes). Named rooms
 * publish nothing here: inboxes follow their room channel (see above).
 */
export async function publishConversationMessage(ctx: PublishCtx, room: { id: string; kind: RoomKind }, message: MessageDto): Promise<void> {
  if (room.kind === 'room') return;
  const event: InboxMessageEvent = { type: 'message', roomId: room.id, kind: room.kind, seq: message.seq, message: previewOf(message) };
  for (const userId of await inboxRepository(ctx.em).memberIds(room.id)) await ctx.deps.bus.publish(inboxChannel(userId), event);
}

/** After my read mark moved from `before` to `after` (committed): tells my inboxes (my other tabs and devices). */
export async function publishOwnRead(ctx: PublishCtx, userId: string, roomId: string, before: number, after: number): Promise<void> {
  if (after <= before) return;
  const mentionCount = await inboxRepository(ctx.em).unreadMentions(roomId, userId);
  await ctx.deps.bus.publish(inboxChannel(userId), { type: 'read', roomId, lastReadSeq: after, mentionCount } satisfies InboxReadEvent);
}

/** After I joined or left a conversation (committed; left: on my own, kicked or banned): tells my inboxes. */
export async function publishOwnMembership(ctx: PublishCtx, userId: string, roomId: string, type: 'joined' | 'left'): Promise<void> {
  const kind = await inboxRepository(ctx.em).kindOf(roomId);
  // A room deleted with its last member: there is no one left to tell but them, and their list drops it on refetch.
  await ctx.deps.bus.publish(inboxChannel(userId), { type, roomId, kind: kind ?? 'group' } satisfies InboxMembershipEvent);
}
