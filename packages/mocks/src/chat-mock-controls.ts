// Test and story hooks of the mock chat (chatMock): others writing and typing, live events, icons, mutes, slow mode,
// refused sends, held jumps. The state they act on: chat-mock-state.ts.
import { db, viewer } from './db.ts';
import { emit, emitInbox, iso, listen, listenInbox, message, MINUTE, now, preview, state, summary, type MockChatEvent, type MockInboxEvent } from './chat-mock-state.ts';

/** Test and story hooks for the mock chat. */
const state_ = (roomId: string) => state().rooms.find((r) => r.id === roomId);

export const chatMock = {
  /** The mock's live source: what chat.onRoom would deliver. Returns the unsubscribe function. */
  onEvent(listener: (event: MockChatEvent) => void) {
    return listen(listener);
  },
  /** Someone else writes in a room (delivered to onEvent listeners). */
  say(roomId: string, username: string, body: string) {
    const room = state().rooms.find((r) => r.id === roomId);
    const author = db.users.find((u) => u.username === username);
    if (!room || !author) return null;
    const m = message(room, author, body, Date.now());
    emit({ type: 'message.created', message: m });
    // The signed-in user's live room list (chat.onInbox): the new message, and a mention of them.
    emitInbox({ type: 'message', roomId, kind: room.kind, seq: m.seq, message: preview(m) });
    const me = viewer();
    if (me && room.members.has(me.id) && new RegExp(`@${me.username}\\b`, 'i').test(body)) emitInbox({ type: 'mention', roomId, seq: m.seq, messageId: m.id, authorId: author.id });
    return m;
  },
  /** A call in a DM ends: its summary message (kind `call`, an English body as the server writes it), posted by `caller`. */
  callSummary(roomId: string, caller: string, state: 'ended' | 'missed' | 'rejected', durationSeconds: number | null = null) {
    const room = state_(roomId);
    const author = db.users.find((u) => u.username === caller);
    if (!room || !author) return null;
    const body = state === 'ended' ? `Call ended (${durationSeconds ?? 0} s)` : state === 'rejected' ? 'Declined call' : 'Missed call';
    const at = Date.now();
    const m = message(room, author, body, at, {
      kind: 'call',
      call: { id: `call-${at}`, callerId: author.id, calleeId: author.id, state, endReason: null, startedAt: iso(at), durationSeconds },
    });
    emit({ type: 'message.created', message: m });
    return m;
  },
  /** The mock's live room list: what chat.onInbox would deliver to the signed-in user. Returns the unsubscribe function. */
  onInbox(listener: (event: MockInboxEvent) => void) {
    return listenInbox(listener);
  },
  /** The signed-in user read a room up to `seq` in another tab (their read mark moves; their lists are told). */
  readElsewhere(roomId: string, seq: number) {
    const room = state().rooms.find((r) => r.id === roomId);
    const me = viewer();
    const member = me && room?.members.get(me.id);
    if (!room || !me || !member) return;
    member.lastReadSeq = Math.max(member.lastReadSeq, seq);
    const mentionCount = room.messages.filter((m) => m.seq > member.lastReadSeq && !m.deletedAt && new RegExp(`@${me.username}\\b`, 'i').test(m.body)).length;
    emitInbox({ type: 'read', roomId, lastReadSeq: member.lastReadSeq, mentionCount });
  },
  /** Gives a room an icon (a URL), or takes it away (null). */
  setIcon(roomId: string, iconUrl: string | null) {
    const room = state().rooms.find((r) => r.id === roomId);
    if (room) room.iconUrl = iconUrl;
  },
  /** Someone starts typing (the line lasts six seconds). */
  typing(roomId: string, username: string) {
    const author = db.users.find((u) => u.username === username);
    if (author) emit({ type: 'typing', roomId, user: summary(author), expiresAt: iso(Date.now() + 6000) });
  },
  /** Fills a room with `count` messages from alternating people, a minute apart, ending now. */
  fill(roomId: string, count: number) {
    const room = state().rooms.find((r) => r.id === roomId);
    if (!room) return;
    const people = db.users.slice(0, 3);
    const start = now() - count * MINUTE;
    for (let i = 0; i < count; i += 1) message(room, people[Math.floor(i / 3) % people.length] ?? null, `Message ${room.messages.length + 1}: ${i % 7 === 0 ? 'a longer line to show how rows of different heights are measured as they appear on screen, wrapping over more than one line on a phone' : 'short one'}`, start + i * MINUTE);
  },
  /** The next `count` sends are refused as too fast (retry after 3 s). */
  refuseSends(count = 1) {
    state().refuseSends = count;
  },
  /** Mutes the signed-in user (or someone) in a room for an hour. */
  mute(roomId: string, username: string) {
    const room = state().rooms.find((r) => r.id === roomId);
    const user = db.users.find((u) => u.username === username);
    const member = user && room?.members.get(user.id);
    if (member) member.mutedUntil = iso(now() + 60 * MINUTE);
  },
  /** Jumps to a message stay on their way: `chat.messages.list({ aroundSeq })` never answers. */
  holdJumps() {
    state().holdJumps = true;
  },
  /** `by` blocks `of` (usernames): chat.dms.open between them is refused, either way round, as the API does. */
  block(by: string, of: string) {
    const [blocker, blocked] = [by, of].map((name) => db.users.find((u) => u.username === name));
    if (blocker && blocked) state().blocks.push({ by: blocker.id, of: blocked.id, createdAt: iso(Date.now()) });
  },
  setSlowMode(roomId: string, seconds: number) {
    const room = state().rooms.find((r) => r.id === roomId);
    if (room) room.slowModeSeconds = seconds;
  },
  messages: (roomId: string) => state().rooms.find((r) => r.id === roomId)?.messages ?? [],
};
