// The live room list (issue 10, "room list with unread counts and mention badges"): `chat.onInbox` tells one user
// what changes their sidebar — a new message in one of their conversations, a mention of them, their own read mark
// moving (another tab or device read), and their own joins and departures (left, kicked, banned) — so clients update
// counts in place instead of reading the whole list again.
//
// Cost, the rule that shaped it: a message in a 1,000-member public room must not become 1,000 bus messages.
//  - Named rooms (public and private): nothing extra is published. The inbox follows the room's existing channel
//    through this instance's room hubs (room-hub.ts: one bus subscription per room per instance, shared with
//    chat.onRoom), and turns `message.created` into a `message` event, converted once per message and shared by
//    every inbox on the instance (serialised once). At most INBOX_FOLLOW_MAX named rooms are followed per inbox (the
//    most recently active); the others update with the client's slow fallback refetch.
//  - DMs and groups (at most 10 people): one publish per member on their own inbox channel (`chat-inbox:<userId>`),
//    so dormant conversations cost no subscription at all.
//  - Mentions: the notification already published to the person mentioned (notifications:<userId>) is reused.
//  - Read marks and memberships: one publish, to the person concerned.
//
// Resuming: the inbox's state lives in the database (each room's newest seq, my read mark, my unread mentions, my
// memberships), so every (re)subscription, with or without `lastEventId`, starts listening, then sends one `sync`
// event with all of it (one query, no message bodies), then live events. Live events carry absolute values (seqs
// only grow; `read` carries the room's remaining mention count) and events already covered by the sync are skipped,
// so a client that reconnects to any instance after any gap is exact again and counts nothing twice. Event ids are
// increasing numbers, continued from `lastEventId`.
//
// Buffering: while a socket is busy, pending events are coalesced per room (the newest message, the furthest read
// mark, the last membership change; mentions each), so a busy room cannot grow an inbox's memory. Past
// INBOX_BUFFER_MAX pending events the subscription ends with TOO_MANY_REQUESTS (`fell_behind`): subscribe again.
// On a WebSocket's direct lane (LiveLane) nothing waits here while the reader is idle: events go straight to the
// socket, and the socket's own bound (apps/server/src/ws-backpressure.ts: close past WS_MAX_BUFFERED_BYTES, then
// resume with a fresh sync) is what keeps a slow client from growing the server's memory.
//
// Not live (the fallback refetch covers them): edits and deletions of a conversation's last message, renames and
// icon changes, and mention counts going down when a mentioning message is deleted.
import { tracked } from '@trpc/server';
import { inboxRepository, mentionsRepository } from '@veza/db';
import type { Context, Viewer } from '../context.ts';
import { parseNotificationEvent, userChannel } from '../notifications/notifications.events.ts';
import { fellBehind, LIVE_BUFFER_MAX, roomChannel, roomHubs, type ChatBusEvent } from './chat.events.ts';
import { inboxChannel, parseInboxEvent, previewOf, type InboxBusEvent, type InboxEvent, type InboxMessageEvent, type InboxStreamItem, type InboxSyncEvent } from './inbox.events.ts';
import { share, type HubSubscription } from './room-hub.ts';

/** Named rooms one inbox follows live (the most recently active); the rest update with the slow refetch. */
export const INBOX_FOLLOW_MAX = 200;
/** Pending (coalesced) events one inbox holds while its socket is busy; past it, it is cut off and resubscribes. */
export const INBOX_BUFFER_MAX = 500;

/** A named room's `message.created`, as every inbox on this instance gets it: converted and serialised once. */
const fromRoomEvent = new WeakMap<object, InboxMessageEvent>();
function roomMessageEvent(event: ChatBusEvent): InboxMessageEvent | null {
  if (event.type !== 'message.created') return null;
  let converted = fromRoomEvent.get(event);
  if (!converted) {
    const m = event.message;
    converted = share({ type: 'message', roomId: m.roomId, kind: 'room', seq: m.seq, message: previewOf(m) } satisfies InboxMessageEvent);
    fromRoomEvent.set(event, converted);
  }
  return converted;
}

/** Pending events, coalesced by what they are about (see "Buffering" above), in first-arrival order. */
class PendingEvents {
  private readonly events = new Map<string, Exclude<InboxEvent, InboxSyncEvent>>();
  overflowed = false;
  private wake: (() => void) | null = null;
  /** With a direct lane (see LiveLane), while the reader waits with nothing pending: events are handled at once. */
  direct: ((event: Exclude<InboxEvent, InboxSyncEvent>) => void) | null = null;
  directOn = false;

  add(event: Exclude<InboxEvent, InboxSyncEvent>) {
    if (this.overflowed) return;
    if (this.directOn && this.direct) return this.direct(event);
    const key = event.type === 'mention' ? `n:${event.messageId}` : `${event.type === 'joined' || event.type === 'left' ? 'j' : event.type[0]}:${event.roomId}`;
    const held = this.events.get(key);
    // Seqs only grow: an older message or read mark never replaces a newer one.
    if (held?.type === 'message' && event.type === 'message' && held.seq >= event.seq) return;
    if (held?.type === 'read' && event.type === 'read' && held.lastReadSeq > event.lastReadSeq) return;
    if (!held && this.events.size >= INBOX_BUFFER_MAX) {
      this.overflowed = true;
      this.events.clear();
    } else {
      this.events.set(key, event);
    }
    this.wakeUp();
  }

  take(): Exclude<InboxEvent, InboxSyncEvent> | undefined {
    const first = this.events.entries().next();
    if (first.done) return undefined;
    this.events.delete(first.value[0]);
    return first.value[1];
  }

  wakeUp() {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  wait() {
    return new Promise<void>((resolve) => (this.wake = resolve));
  }
}

/**
 * `viewer`'s inbox: listens (own channel, mentions, the named rooms' hubs), sends a `sync` of every conversation,
 * then live events, until `signal` aborts. Subscription state (hub followers, listeners) is released at the end.
 */
export async function* inboxStream(
  ctx: Pick<Context, 'deps'> & Partial<Pick<Context, 'liveLane'>>,
  viewer: Viewer,
  input: { lastEventId?: string | null | undefined },
  signal: AbortSignal | undefined,
): AsyncGenerator<InboxStreamItem> {
  // Claimed before the first await (see LiveLane): live events then go to the socket as they come, without a
  // per-event trip through tRPC's WebSocket adapter (a message in a big room reaches every member's inbox).
  const sink = ctx.liveLane?.claim('chat.onInbox', () => true) ?? null;
  const { bus, db } = ctx.deps;
  const pending = new PendingEvents();
  const follows = new Map<string, HubSubscription<ChatBusEvent>>();
  const unsubscribes: (() => Promise<void>)[] = [];
  let n = input.lastEventId ? BigInt(input.lastEventId) : 0n;
  const nextId = () => (++n).toString();
  let followerCutOff = false;

  async function follow(roomId: string) {
    if (follows.has(roomId) || follows.size >= INBOX_FOLLOW_MAX || signal?.aborted) return;
    // Only new messages matter here (a kick or ban comes as `left` on the inbox channel, from publishMembership).
    const droppable = (event: ChatBusEvent) => event.type !== 'message.created';
    const subscription = await roomHubs(bus).subscribe(roomChannel(roomId), signal, { max: LIVE_BUFFER_MAX, overflow: fellBehind, droppable });
    if (follows.has(roomId)) {
      await subscription.return();
      return;
    }
    follows.set(roomId, subscription);
    // Converted as the hub delivers (no async hop per room message per inbox); the loop below only waits for the end.
    subscription.handleDirectly((event) => {
      const message = roomMessageEvent(event);
      if (message) pending.add(message);
      return true;
    });
    void (async () => {
      try {
        for await (const event of subscription) {
          const message = roomMessageEvent(event);
          if (message) pending.add(message);
        }
      } catch {
        // Cut off by its hub (this inbox could not keep up): the subscription ends and the client resubscribes.
        followerCutOff = true;
        pending.wakeUp();
      }
    })();
  }

  async function unfollow(roomId: string) {
    const subscription = follows.get(roomId);
    follows.delete(roomId);
    await subscription?.return();
  }

  const onOwn = (event: InboxBusEvent) => {
    if (event.type === 'joined' && event.kind === 'room') {
      // Followed before the client hears of it (it reads the list then): no message of the room falls in between.
      void follow(event.roomId).then(
        () => pending.add(event),
        () => pending.add(event),
      );
      return;
    }
    if (event.type === 'left') void unfollow(event.roomId);
    pending.add(event);
  };

  try {
    unsubscribes.push(
      await bus.subscribe(inboxChannel(viewer.id), (payload) => {
        const event = parseInboxEvent(payload);
        if (event) onOwn(event);
      }),
    );
    unsubscribes.push(
      await bus.subscribe(userChannel(viewer.id), (payload) => {
        const event = parseNotificationEvent(payload);
        if (event?.type === 'chat.mention') pending.add({ type: 'mention', roomId: event.roomId, seq: event.seq, messageId: event.messageId, authorId: event.actor.id });
      }),
    );
    // Follow the named rooms first (most recently active first), then read the state: nothing falls in between.
    const known = await inboxRepository(db.fork()).rooms(viewer.id);
    for (const row of known) if (row.kind === 'room') await follow(row.roomId);
    const em = db.fork();
    const rows = await inboxRepository(em).rooms(viewer.id);
    for (const row of rows) if (row.kind === 'room') await follow(row.roomId);
    const mentions = await mentionsRepository(em).unreadCounts(viewer.id);
    /** Each room's newest seq as the sync told it: live events at or before it are already counted. */
    const synced = new Map(rows.map((r) => [r.roomId, r.lastSeq]));
    const rooms = rows.map((r) => ({ ...r, unreadCount: Math.max(0, r.lastSeq - r.lastReadSeq), mentionCount: mentions.get(r.roomId) ?? 0 }));
    yield tracked(nextId(), { type: 'sync', rooms } satisfies InboxSyncEvent);
    /** Whether a live event is news after the sync (and what it changes of what the sync covered). */
    const isNews = (event: Exclude<InboxEvent, InboxSyncEvent>) => {
      if ((event.type === 'message' || event.type === 'mention') && event.seq <= (synced.get(event.roomId) ?? -1)) return false;
      if (event.type === 'left' || event.type === 'joined') synced.delete(event.roomId);
      return true;
    };
    if (sink) {
      pending.direct = (event) => {
        if (isNews(event)) sink.send(nextId(), event);
      };
    }
    while (!signal?.aborted) {
      if (pending.overflowed || followerCutOff) throw fellBehind();
      const event = pending.take();
      if (!event) {
        const woken = pending.wait();
        const onAbort = () => pending.wakeUp();
        signal?.addEventListener('abort', onAbort, { once: true });
        // Everything taken was yielded (and sent): later events may go straight to the socket until we wake.
        pending.directOn = true;
        await woken;
        pending.directOn = false;
        signal?.removeEventListener('abort', onAbort);
        continue;
      }
      if (isNews(event)) yield tracked(nextId(), event);
    }
  } finally {
    pending.directOn = false;
    pending.direct = null;
    for (const unsubscribe of unsubscribes) await unsubscribe().catch(() => undefined);
    for (const subscription of follows.values()) await subscription.return();
    follows.clear();
  }
}
