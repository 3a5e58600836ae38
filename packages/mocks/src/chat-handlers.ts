// The mock chat's rooms and messages: chat.rooms.*, chat.dms.open, chat.invites.*, chat.members.list, chat.messages.*
// and chat.typing. Reactions (chat-reaction-handlers.ts) and the people around the chat (chat-people-handlers.ts)
// join them in chatHandlers; the state they share is chat-mock-state.ts, the test hooks chat-mock-controls.ts.
import { delay, type RequestHandler } from 'msw';
import { emit, findMessage, iso, lastActivity, memberOf, message, preview, readable, requireViewer, state, summary, toRoom, type MemberDto, type MessageDto, type MockRoom } from './chat-mock-state.ts';
import { chatPeopleHandlers } from './chat-people-handlers.ts';
import { chatReactionHandlers } from './chat-reaction-handlers.ts';
import { db } from './db.ts';
import { MockTrpcError, trpcMsw } from './trpc-msw.ts';

/** The mock chat: its rooms and messages here, then its reactions and the people around it. */
export const chatHandlers: RequestHandler[] = [
  trpcMsw.chat.rooms.list.query(async () => {
    await delay();
    const user = requireViewer();
    return state()
      .rooms.filter((r) => r.members.has(user.id))
      .sort((a, b) => lastActivity(b).localeCompare(lastActivity(a)))
      .map((r) => toRoom(r, user));
  }),
  trpcMsw.chat.rooms.create.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const name = input.name.trim();
    if (!name) throw new MockTrpcError('BAD_REQUEST', 'Room name cannot be empty.', { name: ['Room name cannot be empty.'] });
    const room: MockRoom = {
      id: crypto.randomUUID(),
      kind: 'room',
      name,
      topic: input.topic?.trim() || null,
      visibility: input.visibility,
      slowModeSeconds: 0,
      createdAt: iso(Date.now()),
      members: new Map([[user.id, { role: 'owner', lastReadSeq: 0, joinedAt: iso(Date.now()), mutedUntil: null }]]),
      messages: [],
    };
    state().rooms.push(room);
    return { id: room.id };
  }),
  trpcMsw.chat.rooms.join.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const room = readable(input.roomId, user);
    if (!room.members.has(user.id)) room.members.set(user.id, { role: 'member', lastReadSeq: room.messages.length, joinedAt: iso(Date.now()), mutedUntil: null });
    return { id: room.id };
  }),
  trpcMsw.chat.rooms.markRead.mutation(async ({ input }) => {
    const user = requireViewer();
    const { room, member } = memberOf(input.roomId, user);
    if (input.seq > room.messages.length) throw new MockTrpcError('BAD_REQUEST', 'This message position is out of range.', { seq: ['Not a message of this conversation.'] });
    member.lastReadSeq = Math.max(member.lastReadSeq, input.seq);
    return { lastReadSeq: member.lastReadSeq, unreadCount: Math.max(0, room.messages.length - member.lastReadSeq) };
  }),
  trpcMsw.chat.dms.open.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    if (input.username === user.username) throw new MockTrpcError('BAD_REQUEST', 'You cannot start a conversation with yourself.', { username: ['That is you.'] });
    const peer = db.users.find((u) => u.username === input.username);
    if (!peer) throw new MockTrpcError('NOT_FOUND', `Nobody is called @${input.username} here.`);
    const s = state();
    // Either of them blocked the other: refused in the API's words, with its reason (users/blocks.service.ts).
    if (s.blocks.some((b) => b.by === user.id && b.of === peer.id)) {
      throw Object.assign(new MockTrpcError('FORBIDDEN', `You blocked @${peer.username}: unblock them first.`, { username: [`You blocked @${peer.username}.`] }), { reason: 'blocked_by_me' });
    }
    if (s.blocks.some((b) => b.by === peer.id && b.of === user.id)) {
      throw Object.assign(new MockTrpcError('FORBIDDEN', `You can't start a conversation with @${peer.username}.`), { reason: 'blocked' });
    }
    let room = s.rooms.find((r) => r.kind === 'dm' && r.members.has(user.id) && r.members.has(peer.id));
    if (!room) {
      const at = iso(Date.now());
      room = { id: crypto.randomUUID(), kind: 'dm', name: null, topic: null, visibility: 'private', slowModeSeconds: 0, createdAt: at, members: new Map([user, peer].map((u) => [u.id, { role: 'member' as const, lastReadSeq: 0, joinedAt: at, mutedUntil: null }])), messages: [] };
      s.rooms.push(room);
    }
    return { roomId: room.id };
  }),
  trpcMsw.chat.invites.preview.query(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const roomId = state().invites.get(input.code);
    const room = state().rooms.find((r) => r.id === roomId);
    if (!room) throw new MockTrpcError('NOT_FOUND', 'This invite link is not valid (it may have been revoked).');
    return { roomId: room.id, name: room.name, topic: room.topic, visibility: room.visibility, iconUrl: room.iconUrl ?? null, memberCount: room.members.size, member: room.members.has(user.id) };
  }),
  trpcMsw.chat.rooms.removeIcon.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const { room, member } = memberOf(input.roomId, user);
    if (room.kind === 'dm') throw new MockTrpcError('BAD_REQUEST', 'A direct conversation has no icon: it shows the other person.');
    if (member.role === 'member') throw new MockTrpcError('FORBIDDEN', "Only the room's owner and moderators can change its icon.");
    room.iconUrl = null;
    return { iconUrl: null };
  }),
  trpcMsw.chat.invites.accept.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const roomId = state().invites.get(input.code);
    const room = state().rooms.find((r) => r.id === roomId);
    if (!room) throw new MockTrpcError('NOT_FOUND', 'This invite does not exist or was revoked.');
    const joined = !room.members.has(user.id);
    if (joined) room.members.set(user.id, { role: 'member', lastReadSeq: room.messages.length, joinedAt: iso(Date.now()), mutedUntil: null });
    return { roomId: room.id, joined };
  }),
  trpcMsw.chat.members.list.query(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const room = readable(input.roomId, user);
    const order = { owner: 0, moderator: 1, member: 2 } as const;
    const all: MemberDto[] = [...room.members.entries()]
      .map(([id, m]) => ({ user: summary(db.users.find((u) => u.id === id)!), role: m.role, joinedAt: m.joinedAt, mutedUntil: m.mutedUntil }))
      .sort((a, b) => order[a.role] - order[b.role] || a.joinedAt.localeCompare(b.joinedAt));
    const offset = input.offset ?? 0;
    const limit = input.limit ?? 50;
    return { items: all.slice(offset, offset + limit), total: all.length, nextOffset: offset + limit < all.length ? offset + limit : null };
  }),
  trpcMsw.chat.messages.list.query(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const room = readable(input.roomId, user);
    const limit = input.limit ?? 50;
    const all = room.messages;
    let items: MessageDto[];
    if (input.aroundSeq !== undefined) {
      // As the API: a page centred on the message, NOT_FOUND for a seq the room never reached.
      if (state().holdJumps) await delay('infinite');
      const seq = input.aroundSeq;
      if (seq < 1 || seq > all.length) throw new MockTrpcError('NOT_FOUND', 'This message does not exist in this conversation.');
      const older = Math.floor((limit - 1) / 2);
      // Near either end the page is cut there (the other side does not grow to make up).
      items = all.filter((m) => m.seq >= seq - older && m.seq < seq - older + limit);
    } else if (input.afterSeq !== undefined) items = all.filter((m) => m.seq > input.afterSeq!).slice(0, limit);
    else {
      const before = input.beforeSeq ?? Number.POSITIVE_INFINITY;
      items = all.filter((m) => m.seq < before).slice(-limit);
    }
    const first = items[0]?.seq ?? 0;
    const last = items.at(-1)?.seq ?? 0;
    return { items, hasOlder: first > 1, hasNewer: last < all.length && items.length > 0, lastSeq: all.length };
  }),
  trpcMsw.chat.messages.send.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const { room, member } = memberOf(input.roomId, user);
    const again = room.messages.find((m) => m.author?.id === user.id && m.clientMessageId === input.clientMessageId);
    if (again) return again;
    const s = state();
    if (s.refuseSends > 0) {
      s.refuseSends -= 1;
      throw Object.assign(new MockTrpcError('TOO_MANY_REQUESTS', 'You are sending messages too fast. Try again in 3 seconds.'), { retryAfterSeconds: 3 });
    }
    if (member.mutedUntil) throw new MockTrpcError('FORBIDDEN', `You are muted in this room until ${member.mutedUntil}.`);
    const body = input.body.trim();
    const replyTo = input.replyToId ? room.messages.find((m) => m.id === input.replyToId) : undefined;
    if (input.replyToId && !replyTo) throw new MockTrpcError('BAD_REQUEST', 'The message you reply to is not in this conversation.', { replyToId: ['Not in this conversation.'] });
    const m = message(room, user, body, Date.now(), { clientMessageId: input.clientMessageId, replyTo: replyTo ? preview(replyTo) : null });
    member.lastReadSeq = m.seq;
    emit({ type: 'message.created', message: m });
    return m;
  }),
  trpcMsw.chat.messages.edit.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const { message: m } = findMessage(input.messageId, user);
    if (m.author?.id !== user.id) throw new MockTrpcError('FORBIDDEN', 'Only the author can edit this message.');
    if (m.deletedAt) throw new MockTrpcError('CONFLICT', 'This message was deleted.');
    m.body = input.body.trim();
    m.editedAt = iso(Date.now());
    emit({ type: 'message.edited', message: m });
    return m;
  }),
  trpcMsw.chat.messages.delete.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const { room, message: m } = findMessage(input.messageId, user);
    const role = room.members.get(user.id)?.role;
    if (m.author?.id !== user.id && role !== 'owner' && role !== 'moderator') throw new MockTrpcError('FORBIDDEN', 'You cannot delete this message.');
    if (!m.deletedAt) {
      m.deletedAt = iso(Date.now());
      m.body = '';
      emit({ type: 'message.deleted', message: m });
    }
    return m;
  }),
  trpcMsw.chat.typing.mutation(async ({ input }) => {
    const user = requireViewer();
    memberOf(input.roomId, user);
    return { expiresAt: iso(Date.now() + 6000) };
  }),
  ...chatReactionHandlers,
  ...chatPeopleHandlers,
];
