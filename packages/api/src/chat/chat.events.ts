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
import { chatRepository } from '@veza/db';
import type { EventBus } from '@veza/bus';
import { CHAT_EVENT_ID, type OnRoomInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { toMessageDto, type MessageDto } from './chat.dto.ts';
import { loadVisibleRoom } from './rooms.service.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;

export type ChatMessageEventType = 'message.created' | 'message.edited' | 'message.deleted';

export interface ChatMessageEvent {
  type: ChatMessageEventType;
  /** The message as it stands after the change (a deleted one: empty body, `deletedAt` set). */
  message: MessageDto;
}

export type ChatRoomEvent = ChatMessageEvent;

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

/** Bus payloads cross process boundaries: accept only what has the expected shape. */
export function parseChatEvent(payload: unknown): ChatBusEvent | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const removed = payload as Partial<ChatMemberRemovedEvent>;
  if (removed.type === 'member.removed') {
    const ok = typeof removed.roomId === 'string' && typeof removed.userId === 'string' && (removed.reason === 'kicked' || removed.reason === 'banned');
    return ok ? (removed as ChatMemberRemovedEvent) : null;
  }
  const p = payload as Partial<ChatMessageEvent>;
  if (typeof p.type !== 'string' || !TYPES.includes(p.type)) return null;
  const m = p.message;
  if (typeof m !== 'object' || m === null || typeof m.id !== 'string' || typeof m.roomId !== 'string' || !Number.isSafeInteger(m.seq)) return null;
  return p as ChatMessageEvent;
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

export const createdEventId = (seq: number) => `m:${seq}`;
const changeEventId = (cursor: number, event: ChatMessageEvent) => {
  const at = event.type === 'message.deleted' ? event.message.deletedAt : event.message.editedAt;
  const kind = event.type === 'message.deleted' ? 'deleted' : 'edited';
  return `m:${cursor}:${kind}:${event.message.seq}:${at ? Date.parse(at) : 0}`;
};
/** The seq a (validated) event id resumes after. */
const cursorOf = (eventId: string) => Number(CHAT_EVENT_ID.exec(eventId)?.[1] ?? Number.NaN);

export const fellBehind = () =>
  new DomainError('TOO_MANY_REQUESTS', 'This connection fell too far behind the conversation: subscribe again from your last event id.', undefined, 'fell_behind');

/**
 * Like `listen` from @veza/bus, but holding at most `max` events: past that the subscription stops listening, drops
 * what it holds and throws `fellBehind()` on its next read (the client resumes from its last id, reading the rest
 * back from the database). A consumer that stops reading cannot grow the server's memory without bound.
 */
export async function listenCapped<T>(bus: EventBus, channel: string, signal: AbortSignal | undefined, parse: (payload: unknown) => T | null, max: number) {
  const buffer: T[] = [];
  let overflowed = false;
  let wake: (() => void) | null = null;
  let unsubscribed = false;
  const unsubscribe = await bus.subscribe(channel, (payload) => {
    if (overflowed) return;
    const value = parse(payload);
    if (value === null) return;
    if (buffer.length >= max) {
      overflowed = true;
      buffer.length = 0;
      void stop();
    } else {
      buffer.push(value);
    }
    wake?.();
  });
  async function stop() {
    if (unsubscribed) return;
    unsubscribed = true;
    await unsubscribe();
  }
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort, { once: true });
  async function* iterate(): AsyncGenerator<T> {
    try {
      while (!signal?.aborted) {
        if (overflowed) throw fellBehind();
        const next = buffer.shift();
        if (next !== undefined) {
          yield next;
          continue;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await stop();
    }
  }
  return iterate();
}

export interface RoomStreamItem {
  id: string;
  event: ChatRoomEvent;
}

/**
 * A room's live timeline for `viewer` (who must be able to read it: NOT_FOUND otherwise). Listens first, then
 * back-fills from the database every message after `lastEventId` (in pages, seq order), then yields live events,
 * skipping messages already sent and filling any gap from the database (publishes from several instances may
 * arrive out of seq order; a message's seq being committed means every smaller seq is too, the seq being taken
 * under the room's row lock). Without `lastEventId`, starts after the room's newest message.
 */
export async function* roomStream(ctx: Ctx, viewer: Viewer, input: OnRoomInput, signal: AbortSignal | undefined): AsyncGenerator<RoomStreamItem> {
  const { room } = await loadVisibleRoom(ctx, viewer, input.roomId);
  const live = await listenCapped(ctx.deps.bus, roomChannel(room.id), signal, parseChatEvent, LIVE_BUFFER_MAX);
  try {
    // Read after listening: anything newer than this arrives on the bus.
    const lastSeq = (await chatRepository(ctx.em.fork()).roomById(room.id))?.lastSeq ?? room.lastSeq;
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
        const page = await chatRepository(ctx.em.fork()).page(room.id, { afterSeq: cursor, limit: BACKFILL_PAGE });
        for (const row of page.items) {
          cursor = row.seq;
          yield { id: createdEventId(row.seq), event: { type: 'message.created', message: toMessageDto(row) } };
        }
        if (!page.more) break;
      }
    }
    yield* fill();
    for await (const event of live) {
      if (event.type === 'member.removed') {
        if (event.userId === viewer.id) throw removedFromRoom(event.reason);
        continue;
      }
      const seq = event.message.seq;
      if (event.type === 'message.created') {
        if (seq <= cursor) continue;
        if (seq === cursor + 1) {
          cursor = seq;
          yield { id: createdEventId(seq), event };
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
      yield { id: changeEventId(cursor, event), event };
    }
  } finally {
    await live.return(undefined);
  }
}
