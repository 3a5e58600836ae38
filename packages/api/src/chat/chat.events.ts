// Live delivery of a room's timeline (`chat.onRoom`).
//
// Writers publish on the room's bus channel after their change is committed (messages.service.ts); the database
// stays the source of truth, the bus only says "something happened" quickly (Redis pub/sub with many instances,
// which loses what is published while a subscriber is away or disconnected).
//
// Resume point: the message `seq`. Every event id starts with `m:<seq>`, the newest message the subscriber has
// received (a new message's id is `m:<its seq>`; an edit's or delete's is `m:<that seq>:edited|deleted:<its seq>:<n>`,
// unique per change). A subscriber resuming with its last id gets, from the database, every message after that seq
// exactly once, in seq order, as it stands now (edited or deleted ones carry `editedAt`/`deletedAt`), then live
// events. Edits and deletes of messages at or before the resume seq that happened while it was away are not
// replayed: a client coming back after a gap reloads the history it shows (`chat.messages.list`), which has them.
import { tracked, type TrackedEnvelope } from '@trpc/server';
import { chatRepository } from '@veza/db';
import type { EventBus } from '@veza/bus';
import { CHAT_EVENT_ID, type OnRoomInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import type { UserSummaryDto } from '../users/users.dto.ts';
import { toMessageDto, type MessageDto } from './chat.dto.ts';
import { withExtras } from './message-extras.ts';
import { RoomHubs, share } from './room-hub.ts';
import { loadVisibleRoom } from './rooms.service.ts';

type Ctx = Pick<Context, 'deps'> & Partial<Pick<Context, 'liveLane'>>;

export type ChatMessageEventType = 'message.created' | 'message.edited' | 'message.deleted';

export interface ChatMessageEvent {
  type: ChatMessageEventType;
  /** The message as it stands after the change (a deleted one: empty body, `deletedAt` set). */
  message: MessageDto;
}

/** Someone added or removed a reaction (`count`: how many people now reacted with `emoji` to the message). */
export interface ChatReactionEvent {
  type: 'reaction.changed';
  roomId: string;
  messageId: string;
  /** The message's seq. */
  seq: number;
  emoji: string;
  userId: string;
  added: boolean;
  count: number;
}

/** Someone is typing; show it until `expiresAt` unless renewed. Never stored, and dropped under pressure. */
export interface ChatTypingEvent {
  type: 'typing';
  roomId: string;
  user: UserSummaryDto;
  expiresAt: string;
}

/** A member read up to `seq` (read receipts). */
export interface ChatReadEvent {
  type: 'read';
  roomId: string;
  userId: string;
  seq: number;
}

/** Someone joined or left the room (left: on their own, kicked or banned). */
export interface ChatMembershipEvent {
  type: 'member.joined' | 'member.left';
  roomId: string;
  user: UserSummaryDto;
}

/**
 * What `chat.onRoom` yields. Message events are never dropped and resume exactly once by seq; the others are live
 * only (a client coming back reloads reactions, read state and members with the matching queries), and typing may
 * be dropped when a subscriber falls behind.
 */
export type ChatRoomEvent = ChatMessageEvent | ChatReactionEvent | ChatTypingEvent | ChatReadEvent | ChatMembershipEvent;
export type ChatLiveEvent = Exclude<ChatRoomEvent, ChatMessageEvent>;

/**
 * A member kicked or banned (members.service.ts): not yielded to subscribers, but the removed member's own
 * `chat.onRoom` subscriptions end with FORBIDDEN (`removed_from_room`) on every instance.
 */
export interface ChatMemberRemovedEvent {
  type: 'member.removed';
  roomId: string;
  userId: string;
  reason: 'kicked' | 'banned';
}

/** What travels on a room's bus channel. */
export type ChatBusEvent = ChatRoomEvent | ChatMemberRemovedEvent;

/** Events a subscriber's live buffer may hold while it is busy (back-filling, or its socket not keeping up). */
export const LIVE_BUFFER_MAX = 1000;
/** Messages read per database round trip when catching up. */
export const BACKFILL_PAGE = 100;

export const roomChannel = (roomId: string) => `chat-room:${roomId}`;

const TYPES: readonly string[] = ['message.created', 'message.edited', 'message.deleted'] satisfies ChatMessageEventType[];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isString = (value: unknown): value is string => typeof value === 'string';
const isUser = (value: unknown): value is UserSummaryDto => isRecord(value) && isString(value.id) && isString(value.username);

/** Bus payloads cross process boundaries: accept only what has the expected shape. */
export function parseChatEvent(payload: unknown): ChatBusEvent | null {
  if (!isRecord(payload) || !isString(payload.type)) return null;
  const p = payload;
  switch (p.type) {
    case 'member.removed':
      return isString(p.roomId) && isString(p.userId) && (p.reason === 'kicked' || p.reason === 'banned') ? (p as unknown as ChatMemberRemovedEvent) : null;
    case 'reaction.changed':
      return isString(p.roomId) && isString(p.messageId) && Number.isSafeInteger(p.seq) && isString(p.emoji) && isString(p.userId) && typeof p.added === 'boolean' && Number.isSafeInteger(p.count)
        ? (p as unknown as ChatReactionEvent)
        : null;
    case 'typing':
      return isString(p.roomId) && isUser(p.user) && isString(p.expiresAt) ? (p as unknown as ChatTypingEvent) : null;
    case 'read':
      return isString(p.roomId) && isString(p.userId) && Number.isSafeInteger(p.seq) ? (p as unknown as ChatReadEvent) : null;
    case 'member.joined':
    case 'member.left':
      return isString(p.roomId) && isUser(p.user) ? (p as unknown as ChatMembershipEvent) : null;
  }
  const type: unknown = p.type;
  if (typeof type !== 'string' || !TYPES.includes(type)) return null;
  const m: unknown = p.message;
  if (!isRecord(m) || !isString(m.id) || !isString(m.roomId) || !Number.isSafeInteger(m.seq)) return null;
  return p as unknown as ChatMessageEvent;
}

/** Typing may be dropped when a subscriber falls behind; everything else is kept (or the subscriber is cut off). */
export const isDroppable = (event: ChatBusEvent) => event.type === 'typing';

/** Tells the room's live subscribers (every instance) about a live-only event (reaction, typing, read, membership). */
export async function publishRoomEvent(bus: EventBus, event: ChatLiveEvent) {
  await bus.publish(roomChannel(event.roomId), event);
}

/** Tells the room's live subscribers (every instance) about a committed change. Call after the commit, never inside it. */
export async function publishMessageEvent(bus: EventBus, type: ChatMessageEventType, message: MessageDto) {
  await bus.publish(roomChannel(message.roomId), { type, message } satisfies ChatMessageEvent);
}

/** Tells the room's subscribers (every instance) that a member was removed: their own subscriptions end. After the commit. */
export async function publishMemberRemoved(bus: EventBus, roomId: string, userId: string, reason: ChatMemberRemovedEvent['reason']) {
  await bus.publish(roomChannel(roomId), { type: 'member.removed', roomId, userId, reason } satisfies ChatMemberRemovedEvent);
}

export const removedFromRoom = (reason: ChatMemberRemovedEvent['reason']) =>
  new DomainError('FORBIDDEN', reason === 'banned' ? 'You were banned from this room.' : 'You were removed from this room.', undefined, 'removed_from_room');

/** The last id made (a room's live message goes to every subscriber in turn: one string for all, not one each). */
let lastCreated = { seq: -1, id: '' };
export const createdEventId = (seq: number) => {
  if (lastCreated.seq !== seq) lastCreated = { seq, id: `m:${seq}` };
  return lastCreated.id;
};
const changeEventId = (cursor: number, event: ChatMessageEvent) => {
  const at = event.type === 'message.deleted' ? event.message.deletedAt : event.message.editedAt;
  const kind = event.type === 'message.deleted' ? 'deleted' : 'edited';
  return `m:${cursor}:${kind}:${event.message.seq}:${at ? Date.parse(at) : 0}`;
};
/** A live-only event's id: the resume seq, then a number unique within the subscription. */
const liveEventId = (cursor: number, n: number) => `m:${cursor}:e:${n}`;
/** The seq a (validated) event id resumes after. */
const cursorOf = (eventId: string) => Number(CHAT_EVENT_ID.exec(eventId)?.[1] ?? Number.NaN);

export const fellBehind = () =>
  new DomainError('TOO_MANY_REQUESTS', 'This connection fell too far behind the conversation: subscribe again from your last event id.', undefined, 'fell_behind');

/**
 * A bus payload as every subscriber of the room on this instance receives it: validated once, copied (the in-process
 * bus hands over the publisher's own object) and shared, so it is serialised once for all the room's sockets.
 */
export function parseSharedChatEvent(payload: unknown): ChatBusEvent | null {
  const event = parseChatEvent(payload);
  return event && share(structuredClone(event));
}

/** This instance's followed rooms, per bus: one bus subscription per room, however many subscribers. */
const hubsByBus = new WeakMap<EventBus, RoomHubs<ChatBusEvent>>();

export function roomHubs(bus: EventBus): RoomHubs<ChatBusEvent> {
  let hubs = hubsByBus.get(bus);
  if (!hubs) {
    hubs = new RoomHubs(bus, parseSharedChatEvent);
    hubsByBus.set(bus, hubs);
  }
  return hubs;
}

/** What `chat.onRoom` yields: the event and its id (the resume point), as tRPC's `tracked()` envelope. */
export type RoomStreamItem = TrackedEnvelope<ChatRoomEvent>;

/**
 * The room's id and newest seq, when `viewer` may read it (NOT_FOUND otherwise). Read in an EntityManager of its own,
 * dropped at once: a subscription lives as long as its socket and holds no entities (nor the connection's own
 * EntityManager, which it never creates).
 */
async function readableRoom(ctx: Ctx, viewer: Viewer, roomId: string): Promise<{ id: string; lastSeq: number }> {
  const { room } = await loadVisibleRoom({ em: ctx.deps.db.fork() }, viewer, roomId);
  return { id: room.id, lastSeq: room.lastSeq };
}

/**
 * A room's live timeline for `viewer` (who must be able to read it: NOT_FOUND otherwise). Listens first, then
 * back-fills from the database every message after `lastEventId` (in pages, seq order), then yields live events,
 * skipping messages already sent and filling any gap from the database (publishes from several instances may
 * arrive out of seq order; a message's seq being committed means every smaller seq is too, the seq being taken
 * under the room's row lock). Without `lastEventId`, starts after the room's newest message.
 */
export async function* roomStream(ctx: Ctx, viewer: Viewer, input: OnRoomInput, signal: AbortSignal | undefined): AsyncGenerator<RoomStreamItem> {
  // Claimed before the first await (see LiveLane): the transport's direct lane for the live part, when it has one.
  const sink = ctx.liveLane?.claim('chat.onRoom', (raw) => (raw as { roomId?: unknown } | null)?.roomId === input.roomId) ?? null;
  const room = await readableRoom(ctx, viewer, input.roomId);
  const live = await roomHubs(ctx.deps.bus).subscribe(roomChannel(room.id), signal, { max: LIVE_BUFFER_MAX, overflow: fellBehind, droppable: isDroppable });
  let liveCount = 0;
  try {
    // Read after listening: anything newer than this arrives on the bus.
    const lastSeq = (await chatRepository(ctx.deps.db.fork()).roomById(room.id))?.lastSeq ?? room.lastSeq;
    let cursor = lastSeq;
    if (input.lastEventId) {
      cursor = cursorOf(input.lastEventId);
      if (cursor > lastSeq) {
        throw new DomainError('BAD_REQUEST', 'This event id is not from this conversation: reconnect without it to start from now.', {
          lastEventId: ['Not an event of this conversation.'],
        });
      }
    }
    /** Messages after the cursor up to `target` (all there are when undefined), from the database. */
    async function* fill(target?: number): AsyncGenerator<RoomStreamItem> {
      while (!signal?.aborted && (target === undefined || cursor < target)) {
        // A fresh EntityManager per page: a long catch-up must not pile every message into one identity map.
        const em = ctx.deps.db.fork();
        const page = await chatRepository(em).page(room.id, { afterSeq: cursor, limit: BACKFILL_PAGE });
        const messages = await withExtras(em, page.items.map(toMessageDto), viewer.id);
        for (const message of messages) {
          cursor = message.seq;
          yield tracked(createdEventId(message.seq), { type: 'message.created', message });
        }
        if (!page.more) break;
      }
    }
    yield* fill();
    if (sink) {
      // The live part's common case, handled as the hub delivers each event (no per-socket async hop): the next
      // message in seq order, a change to one already sent, and the live-only events. Anything else (a gap to fill
      // from the database, the viewer's own removal) is declined and comes through the loop below, in order.
      live.handleDirectly((event) => {
        if (event.type === 'member.removed') return event.userId !== viewer.id;
        if (!('message' in event)) {
          sink.send(liveEventId(cursor, ++liveCount), event);
          return true;
        }
        const seq = event.message.seq;
        if (event.type === 'message.created') {
          if (seq <= cursor) return true;
          if (seq !== cursor + 1) return false;
          cursor = seq;
          sink.send(createdEventId(seq), event);
          return true;
        }
        if (seq > cursor) return false;
        sink.send(changeEventId(cursor, event), event);
        return true;
      });
    }
    for await (const event of live) {
      if (event.type === 'member.removed') {
        if (event.userId === viewer.id) throw removedFromRoom(event.reason);
        continue;
      }
      if (!('message' in event)) {
        yield tracked(liveEventId(cursor, ++liveCount), event);
        continue;
      }
      const seq = event.message.seq;
      if (event.type === 'message.created') {
        if (seq <= cursor) continue;
        if (seq === cursor + 1) {
          cursor = seq;
          yield tracked(createdEventId(seq), event);
        } else {
          yield* fill(seq);
        }
        continue;
      }
      // A change to a message not sent yet: reading it from the database (committed, so with this change) sends it.
      if (seq > cursor) {
        yield* fill(seq);
        continue;
      }
      yield tracked(changeEventId(cursor, event), event);
    }
  } finally {
    await live.return();
  }
}
