// Per-room timelines: messages keyed by seq (history pages and live events merge into the same place, duplicates
// collapse), the viewer's own messages still on their way (optimistic, matched by clientMessageId), and who is
// typing. Pure merge functions (tested on their own) wrapped in a Zustand store.
//
// A timeline holds one contiguous window of the room's history. Usually it reaches the live end and live messages
// join it. A jump to an older message replaces it with the page around that message ("detached": `hasNewer`);
// live messages then only move `latestSeq` (the list offers "jump to latest"), and pages read on from either end
// join only if they start where the window ends (a page for a window since replaced is dropped): never a gap,
// never a duplicate.
import type { RouterInputs, RouterOutputs } from '@veza/api';
import { create } from 'zustand';

export type MessageDto = RouterOutputs['chat']['messages']['list']['items'][number];
export type MessagePreviewDto = NonNullable<MessageDto['replyTo']>;
export type RoomDto = RouterOutputs['chat']['rooms']['list'][number];
export type UserSummary = NonNullable<MessageDto['author']>;
export type SendInput = RouterInputs['chat']['messages']['send'];

/** What `chat.onRoom` yields (the `data` of each tracked event). */
export type RoomEvent =
  | { type: 'message.created' | 'message.edited' | 'message.deleted'; message: MessageDto }
  | { type: 'reaction.changed'; roomId: string; messageId: string; seq: number; emoji: string; userId: string; added: boolean; count: number }
  | { type: 'typing'; roomId: string; user: UserSummary; expiresAt: string }
  | { type: 'read'; roomId: string; userId: string; seq: number }
  | { type: 'member.joined' | 'member.left'; roomId: string; user: UserSummary };

export interface PendingMessage {
  clientMessageId: string;
  roomId: string;
  body: string;
  replyTo: MessagePreviewDto | null;
  replyToId?: string;
  createdAt: string;
  status: 'sending' | 'failed';
  /** Why it failed (already in the reader's language), and when a retry makes sense (rate limits, slow mode). */
  error?: string;
  retryAfterSeconds?: number | null;
}

export interface Typist {
  user: UserSummary;
  expiresAt: number;
}

export interface Timeline {
  /** Ascending seqs of the messages held. */
  seqs: number[];
  bySeq: Record<number, MessageDto>;
  /** Older history exists before seqs[0]. */
  hasOlder: boolean;
  /** Newer history exists after the window (it was jumped back from the live end): live messages do not join it. */
  hasNewer: boolean;
  /** The room's newest seq as far as we know (pages' lastSeq, live messages). */
  latestSeq: number;
  /** The first page arrived. */
  loaded: boolean;
  pending: PendingMessage[];
  /** By user id. */
  typing: Record<string, Typist>;
}

export const emptyTimeline = (): Timeline => ({ seqs: [], bySeq: {}, hasOlder: false, hasNewer: false, latestSeq: 0, loaded: false, pending: [], typing: {} });

/** A history page as `chat.messages.list` answers it. */
export interface HistoryPage {
  items: MessageDto[];
  hasOlder: boolean;
  hasNewer?: boolean;
  lastSeq?: number;
}

/**
 * How a page joins the window: `latest` (the newest page: joins when the window is at the live end or reaches
 * it), `older` / `newer` (read from the window's first / last seq, given as `anchor`: dropped when the window no
 * longer starts / ends there), `jump` (replaces the window: around a message, or back to the latest).
 */
export type PageDirection = 'latest' | 'older' | 'newer' | 'jump';

const changedAt = (m: MessageDto) => Math.max(m.deletedAt ? Date.parse(m.deletedAt) : 0, m.editedAt ? Date.parse(m.editedAt) : 0);

/**
 * The newer of two copies of the same message: a deletion is final, otherwise the later edit wins (a history page
 * read before an edit event must not undo it). Fields the incoming copy lacks carry over. Copies from live events
 * are the same for everyone (their reactions never say "mine"), so an edit or delete event keeps the reactions we
 * hold, which reaction events keep current. Returns `held` itself when nothing changed.
 */
export function newerCopy(held: MessageDto, incoming: MessageDto, fromEvent = false): MessageDto {
  if (held.deletedAt && !incoming.deletedAt) return held;
  if (!incoming.deletedAt && changedAt(incoming) < changedAt(held)) return held;
  const merged: Record<string, unknown> = { ...(held as unknown as Record<string, unknown>) };
  for (const [key, value] of Object.entries(incoming)) if (value !== undefined) merged[key] = value;
  const heldReactions = (held as unknown as Record<string, unknown>).reactions;
  if (fromEvent && heldReactions !== undefined && !incoming.deletedAt) merged.reactions = heldReactions;
  return JSON.stringify(merged) === JSON.stringify(held) ? held : (merged as unknown as MessageDto);
}

/**
 * Adds messages (any order, duplicates allowed) to a timeline; `fromEvent` for copies from live events (see
 * newerCopy). Returns the same object when nothing changed.
 */
export function mergeMessages(timeline: Timeline, messages: readonly MessageDto[], fromEvent = false): Timeline {
  if (messages.length === 0) return timeline;
  let bySeq: Record<number, MessageDto> | null = null;
  const added: number[] = [];
  for (const message of messages) {
    const held = (bySeq ?? timeline.bySeq)[message.seq];
    const next = held ? newerCopy(held, message, fromEvent) : message;
    if (next === held) continue;
    bySeq ??= { ...timeline.bySeq };
    bySeq[message.seq] = next;
    if (!held) added.push(message.seq);
  }
  // Our own messages that arrived are no longer pending.
  const arrived = new Set(messages.map((m) => m.clientMessageId));
  const pending = timeline.pending.some((p) => arrived.has(p.clientMessageId)) ? timeline.pending.filter((p) => !arrived.has(p.clientMessageId)) : timeline.pending;
  if (!bySeq) return pending === timeline.pending ? timeline : { ...timeline, pending };
  let seqs = timeline.seqs;
  if (added.length > 0) {
    added.sort((a, b) => a - b);
    const last = seqs.at(-1);
    // The common cases without a full sort: new messages at the end, an older page at the start.
    if (last === undefined || added[0]! > last) seqs = [...seqs, ...added];
    else if (added.at(-1)! < seqs[0]!) seqs = [...added, ...seqs];
    else seqs = [...seqs, ...added].sort((a, b) => a - b);
  }
  return { ...timeline, bySeq, seqs, pending };
}

/** Whether the window ends before the newest message we know of. */
const behindLatest = (timeline: Timeline) => (timeline.seqs.at(-1) ?? 0) < timeline.latestSeq;

/**
 * Messages from the live side (events, the answer to my send): they join a window at the live end; a detached
 * window only takes new copies of messages it holds, and learns the newest seq. Our pending copies go either way.
 */
export function mergeLive(timeline: Timeline, messages: readonly MessageDto[], fromEvent = true): Timeline {
  const newest = messages.reduce((max, m) => Math.max(max, m.seq), timeline.latestSeq);
  const base = newest === timeline.latestSeq ? timeline : { ...timeline, latestSeq: newest };
  if (!timeline.hasNewer) return mergeMessages(base, messages, fromEvent);
  const held = messages.filter((m) => timeline.bySeq[m.seq] !== undefined);
  const next = mergeMessages(base, held, fromEvent);
  const arrived = new Set(messages.map((m) => m.clientMessageId));
  return next.pending.some((p) => arrived.has(p.clientMessageId)) ? { ...next, pending: next.pending.filter((p) => !arrived.has(p.clientMessageId)) } : next;
}

/** Adds a history page to a timeline (see PageDirection); `anchor` is the seq an older / newer page was read from. */
export function addPage(timeline: Timeline, page: HistoryPage, direction: PageDirection, anchor?: number): Timeline {
  const latestSeq = Math.max(timeline.latestSeq, page.lastSeq ?? 0, page.items.at(-1)?.seq ?? 0);
  const current = { ...timeline, latestSeq };
  const first = timeline.seqs[0];
  const last = timeline.seqs.at(-1);
  switch (direction) {
    case 'jump': {
      const replaced: Timeline = { ...mergeMessages({ ...emptyTimeline(), pending: timeline.pending }, page.items), typing: timeline.typing, latestSeq, loaded: true, hasOlder: page.hasOlder };
      return { ...replaced, hasNewer: (page.hasNewer ?? false) || behindLatest(replaced) };
    }
    case 'older': {
      if (!timeline.loaded || first !== anchor) return current.latestSeq === timeline.latestSeq ? timeline : current;
      return { ...mergeMessages(current, page.items), hasOlder: page.hasOlder };
    }
    case 'newer': {
      if (!timeline.loaded || last !== anchor) return current.latestSeq === timeline.latestSeq ? timeline : current;
      const merged = mergeMessages(current, page.items);
      return { ...merged, hasNewer: (page.hasNewer ?? false) || behindLatest(merged) };
    }
    case 'latest': {
      const pageFirst = page.items[0]?.seq;
      const joins = !timeline.loaded || !timeline.hasNewer || last === undefined || (pageFirst !== undefined && pageFirst <= last + 1);
      if (!joins) return current;
      const merged = mergeMessages(current, page.items);
      const hasOlder = !timeline.loaded ? page.hasOlder : first !== undefined && pageFirst !== undefined && first < pageFirst ? timeline.hasOlder : timeline.hasOlder || page.hasOlder;
      return { ...merged, loaded: true, hasOlder, hasNewer: timeline.hasNewer && behindLatest(merged) };
    }
  }
}

/** Applies one live event. `now` for typing expiry; `me` (my user id) for my own reactions. */
export function applyEvent(timeline: Timeline, event: RoomEvent, now = Date.now(), me: string | null = null): Timeline {
  switch (event.type) {
    case 'message.created':
    case 'message.edited':
    case 'message.deleted': {
      let next = mergeLive(timeline, [event.message]);
      // A message from someone ends their typing line.
      const authorId = event.message.author?.id;
      if (event.type === 'message.created' && authorId && next.typing[authorId]) {
        const { [authorId]: _gone, ...typing } = next.typing;
        next = { ...next, typing };
      }
      return next;
    }
    case 'reaction.changed': {
      const held = timeline.bySeq[event.seq];
      if (!held || held.id !== event.messageId) return timeline;
      const reactions = applyReaction(held.reactions, event, me);
      return { ...timeline, bySeq: { ...timeline.bySeq, [event.seq]: { ...held, reactions } } };
    }
    case 'typing': {
      const expiresAt = Date.parse(event.expiresAt);
      if (!(expiresAt > now)) return timeline;
      return { ...timeline, typing: { ...timeline.typing, [event.user.id]: { user: event.user, expiresAt } } };
    }
    default:
      return timeline;
  }
}

/** A reaction event on the list we hold: the new count for the emoji; `mine` moves only when it was me (`me`). */
function applyReaction(reactions: MessageDto['reactions'], event: Extract<RoomEvent, { type: 'reaction.changed' }>, me: string | null): MessageDto['reactions'] {
  const i = reactions.findIndex((r) => r.emoji === event.emoji);
  const byMe = me !== null && event.userId === me;
  if (event.count <= 0) return i < 0 ? reactions : reactions.filter((_, j) => j !== i);
  if (i < 0) return [...reactions, { emoji: event.emoji, count: event.count, mine: byMe && event.added }];
  return reactions.map((r, j) => (j === i ? { ...r, count: event.count, mine: byMe ? event.added : r.mine } : r));
}

/** Typists whose line has not run out. */
export const activeTypists = (timeline: Timeline, now = Date.now(), exceptUserId?: string | null) =>
  Object.values(timeline.typing).filter((t) => t.expiresAt > now && t.user.id !== exceptUserId);

interface ChatState {
  rooms: Record<string, Timeline>;
  /** A page of history (see PageDirection; `anchor`: the seq an older / newer page was read from). */
  addPage: (roomId: string, page: HistoryPage, direction: PageDirection, anchor?: number) => void;
  applyEvent: (roomId: string, event: RoomEvent, me?: string | null) => void;
  addPending: (message: PendingMessage) => void;
  updatePending: (roomId: string, clientMessageId: string, patch: Partial<PendingMessage>) => void;
  removePending: (roomId: string, clientMessageId: string) => void;
  /** The server's answer to a send: the message itself (if the live event has not brought it already). */
  confirmSent: (roomId: string, message: MessageDto) => void;
  /** My reaction change as the server answered it (with `mine` right for me). */
  setReactions: (roomId: string, messageId: string, reactions: MessageDto['reactions']) => void;
  /** Forget a room's timeline (after a gap: the history is read again). */
  reset: (roomId: string) => void;
  expireTyping: (roomId: string, now?: number) => void;
}

const room = (rooms: Record<string, Timeline>, roomId: string) => rooms[roomId] ?? emptyTimeline();
const withRoom = (s: ChatState, roomId: string, next: Timeline) => (next === s.rooms[roomId] ? s : { rooms: { ...s.rooms, [roomId]: next } });

export const useChat = create<ChatState>()((set) => ({
  rooms: {},
  addPage: (roomId, page, direction, anchor) => set((s) => withRoom(s, roomId, addPage(room(s.rooms, roomId), page, direction, anchor))),
  applyEvent: (roomId, event, me = null) => set((s) => withRoom(s, roomId, applyEvent(room(s.rooms, roomId), event, Date.now(), me))),
  addPending: (message) =>
    set((s) => {
      const current = room(s.rooms, message.roomId);
      if (current.pending.some((p) => p.clientMessageId === message.clientMessageId)) return s;
      return withRoom(s, message.roomId, { ...current, pending: [...current.pending, message] });
    }),
  updatePending: (roomId, clientMessageId, patch) =>
    set((s) => {
      const current = room(s.rooms, roomId);
      if (!current.pending.some((p) => p.clientMessageId === clientMessageId)) return s;
      return withRoom(s, roomId, { ...current, pending: current.pending.map((p) => (p.clientMessageId === clientMessageId ? { ...p, ...patch } : p)) });
    }),
  removePending: (roomId, clientMessageId) =>
    set((s) => {
      const current = room(s.rooms, roomId);
      return withRoom(s, roomId, { ...current, pending: current.pending.filter((p) => p.clientMessageId !== clientMessageId) });
    }),
  confirmSent: (roomId, message) => set((s) => withRoom(s, roomId, mergeLive(room(s.rooms, roomId), [message], false))),
  setReactions: (roomId, messageId, reactions) =>
    set((s) => {
      const current = s.rooms[roomId];
      const seq = current?.seqs.find((q) => current.bySeq[q]!.id === messageId);
      if (!current || seq === undefined) return s;
      return withRoom(s, roomId, { ...current, bySeq: { ...current.bySeq, [seq]: { ...current.bySeq[seq]!, reactions } } });
    }),
  reset: (roomId) =>
    set((s) => {
      const current = s.rooms[roomId];
      if (!current) return s;
      return withRoom(s, roomId, { ...emptyTimeline(), pending: current.pending });
    }),
  expireTyping: (roomId, now = Date.now()) =>
    set((s) => {
      const current = s.rooms[roomId];
      if (!current) return s;
      const live = Object.entries(current.typing).filter(([, t]) => t.expiresAt > now);
      if (live.length === Object.keys(current.typing).length) return s;
      return withRoom(s, roomId, { ...current, typing: Object.fromEntries(live) });
    }),
}));

export const resetChatStore = () => useChat.setState({ rooms: {} });

/** A reply quote of a message, as the server would write it. */
export function previewOf(m: MessageDto): MessagePreviewDto {
  const preview = { id: m.id, seq: m.seq, author: m.author, body: m.deletedAt ? '' : m.body.length > 200 ? `${m.body.slice(0, 199)}…` : m.body, createdAt: m.createdAt, deletedAt: m.deletedAt, hidden: null, kind: m.kind, call: m.call ? { state: m.call.state, durationSeconds: m.call.durationSeconds } : null };
  return preview;
}

/** The name to show for someone (display name, else username); null authors are deleted accounts. */
export const nameOf = (user: UserSummary | null | undefined, fallback: string) => user?.displayName || user?.username || fallback;
