import type { RouterOutputs } from '@veza/api';
import { delay, type RequestHandler } from 'msw';
import { db, viewer } from './db.ts';
import type { MockUser } from './fixtures.ts';
import { MockTrpcError, trpcMsw } from './trpc-msw.ts';

type RoomDto = RouterOutputs['chat']['rooms']['list'][number];
type MessageDto = RouterOutputs['chat']['messages']['list']['items'][number];
type MessagePreviewDto = NonNullable<MessageDto['replyTo']>;
type MemberDto = RouterOutputs['chat']['members']['list']['items'][number];
type PresenceDto = RouterOutputs['presence']['get']['items'][number];
type UserSummary = NonNullable<MessageDto['author']>;

/** What chat.onInbox would yield for the signed-in user (the mock's live room list; see chatMock.onInbox). */
export type MockInboxEvent =
  | { type: 'message'; roomId: string; kind: 'room' | 'dm' | 'group'; seq: number; message: MessagePreviewDto }
  | { type: 'mention'; roomId: string; seq: number; messageId: string }
  | { type: 'read'; roomId: string; lastReadSeq: number; mentionCount: number };

/** What chat.onRoom would yield: the mock's live source (msw-trpc answers no subscriptions). */
export type MockChatEvent =
  | { type: 'message.created' | 'message.edited' | 'message.deleted'; message: MessageDto }
  | { type: 'typing'; roomId: string; user: UserSummary; expiresAt: string };

type RoomRole = 'owner' | 'moderator' | 'member';

interface MockRoom {
  id: string;
  kind: 'room' | 'dm';
  name: string | null;
  topic: string | null;
  visibility: 'public' | 'private';
  slowModeSeconds: number;
  createdAt: string;
  /** userId → role and read mark. */
  members: Map<string, { role: RoomRole; lastReadSeq: number; joinedAt: string; mutedUntil: string | null }>;
  messages: MessageDto[];
  /** The room icon's URL (chatMock.setIcon); absent: none. */
  iconUrl?: string | null;
}

interface ChatState {
  rooms: MockRoom[];
  presence: Map<string, PresenceDto['status']>;
  invites: Map<string, string>;
  /** `${messageId}:${emoji}` → who reacted (the seeded counts stand for people not listed). */
  reactions: Map<string, Set<string>>;
  /** Sends refused with TOO_MANY_REQUESTS for this many more calls (stories of the rate-limit state). */
  refuseSends: number;
  /** Pages around a message (`aroundSeq`) never answer (stories of the "loading around" state). */
  holdJumps: boolean;
}

const MINUTE = 60_000;
const now = () => Math.floor(Date.now() / MINUTE) * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();
const summary = (u: MockUser): UserSummary => ({ id: u.id, username: u.username, displayName: u.displayName });

/** Room ids the stories and tests can link to. */
export const MOCK_ROOMS = {
  general: 'c0000000-0000-4000-8000-000000000001',
  synths: 'c0000000-0000-4000-8000-000000000002',
  dmMarc: 'c0000000-0000-4000-8000-000000000003',
  empty: 'c0000000-0000-4000-8000-000000000004',
} as const;
/** An invite code the mock accepts (into #synths). */
export const MOCK_INVITE_CODE = 'mockInviteCode_0123456789abcdefghijklmnopqr';

let serial = 0;
function message(room: MockRoom, author: MockUser | null, body: string, at: number, extra: Partial<MessageDto> = {}): MessageDto {
  serial += 1;
  const seq = room.messages.length + 1;
  const m = {
    id: String(10_000 + serial),
    seq,
    roomId: room.id,
    author: author ? summary(author) : null,
    body,
    clientMessageId: `mock-${room.id.slice(-4)}-${seq}`,
    createdAt: iso(at),
    editedAt: null,
    deletedAt: null,
    replyTo: null,
    reactions: [],
    mentions: [],
    hidden: null,
    kind: 'text',
    call: null,
    attachments: [],
    ...extra,
  } as MessageDto;
  room.messages.push(m);
  return m;
}

const preview = (m: MessageDto): MessagePreviewDto => {
  const p = { id: m.id, seq: m.seq, author: m.author, body: m.deletedAt ? '' : m.body.slice(0, 200), createdAt: m.createdAt, deletedAt: m.deletedAt, hidden: null };
  return p;
};

function seed(users: MockUser[]): ChatState {
  const [ana, marc, lea] = users as [MockUser, MockUser, MockUser];
  const joined = iso(now() - 30 * 24 * 60 * MINUTE);
  const room = (id: string, kind: MockRoom['kind'], name: string | null, topic: string | null, members: [MockUser, RoomRole][]): MockRoom => ({
    id,
    kind,
    name,
    topic,
    visibility: 'public',
    slowModeSeconds: 0,
    createdAt: joined,
    members: new Map(members.map(([u, role]) => [u.id, { role, lastReadSeq: 0, joinedAt: joined, mutedUntil: null }])),
    messages: [],
  });
  const general = room(MOCK_ROOMS.general, 'room', 'general', 'Say hi, share what you are working on', [[ana, 'owner'], [marc, 'moderator'], [lea, 'member']]);
  const yesterday = now() - 26 * 60 * MINUTE;
  message(general, marc, 'Morning all! New **modular** patch is up 🎛️', yesterday);
  message(general, marc, 'Feedback welcome, especially on the _reverb tail_', yesterday + MINUTE);
  message(general, lea, 'Listening now. The `filter sweep` at 1:20 is lovely', yesterday + 9 * MINUTE);
  const first = message(general, ana, 'Agreed, and the bass sits really well', now() - 50 * MINUTE);
  const thanks = message(general, marc, 'Thanks @ana! Mixing notes: https://example.com/notes', now() - 20 * MINUTE, { replyTo: preview(first), reactions: [{ emoji: '🔥', count: 2, mine: true }] } as Partial<MessageDto>);
  message(general, lea, 'Anyone up for a collab this weekend?', now() - 5 * MINUTE);
  general.members.get(ana.id)!.lastReadSeq = 4;

  const synths = room(MOCK_ROOMS.synths, 'room', 'synths', null, [[marc, 'owner'], [lea, 'member']]);
  message(synths, marc, 'Post your patches here', now() - 3 * 60 * MINUTE);

  const dm = room(MOCK_ROOMS.dmMarc, 'dm', null, null, [[ana, 'member'], [marc, 'member']]);
  dm.visibility = 'private';
  message(dm, marc, 'Hey Ana, can I send you the stems?', now() - 2 * 60 * MINUTE);
  message(dm, ana, 'Yes please!', now() - 110 * MINUTE);
  dm.members.get(ana.id)!.lastReadSeq = 2;

  const empty = room(MOCK_ROOMS.empty, 'room', 'field-recordings', 'Rain, trains and city noise', [[ana, 'owner']]);
  return {
    rooms: [general, dm, synths, empty],
    presence: new Map([
      [marc.id, 'online'],
      [lea.id, 'away'],
    ]),
    invites: new Map([[MOCK_INVITE_CODE, MOCK_ROOMS.synths]]),
    reactions: new Map([[`${thanks.id}:🔥`, new Set([ana.id, lea.id])]]),
    refuseSends: 0,
    holdJumps: false,
  };
}

// The state follows the mock database: `resetMockDb()` replaces `db.users`, which starts a fresh chat.
const states = new WeakMap<MockUser[], ChatState>();
function state(): ChatState {
  let s = states.get(db.users);
  if (!s) {
    s = seed(db.users);
    states.set(db.users, s);
  }
  return s;
}

const inboxListeners = new Set<(event: MockInboxEvent) => void>();
const emitInbox = (event: MockInboxEvent) => {
  for (const listener of inboxListeners) listener(event);
};
const listeners = new Set<(event: MockChatEvent) => void>();
const emit = (event: MockChatEvent) => {
  for (const listener of listeners) listener(event);
};

function requireViewer(): MockUser {
  const user = viewer();
  if (!user) throw new MockTrpcError('UNAUTHORIZED', 'Please sign in to continue.');
  return user;
}

/** A room the viewer may read (public, or one they are in); NOT_FOUND otherwise, as the API. */
function readable(roomId: string, user: MockUser): MockRoom {
  const room = state().rooms.find((r) => r.id === roomId);
  if (!room || (room.visibility === 'private' && !room.members.has(user.id))) throw new MockTrpcError('NOT_FOUND', 'Conversation not found.');
  return room;
}

function memberOf(roomId: string, user: MockUser) {
  const room = readable(roomId, user);
  const member = room.members.get(user.id);
  if (!member) throw new MockTrpcError('FORBIDDEN', 'Join this room to write in it.');
  return { room, member };
}

function findMessage(messageId: string, user: MockUser) {
  for (const room of state().rooms) {
    const m = room.messages.find((x) => x.id === messageId);
    if (m) return { room: readable(room.id, user), message: m };
  }
  throw new MockTrpcError('NOT_FOUND', 'Message not found.');
}

function toRoom(room: MockRoom, user: MockUser): RoomDto {
  const member = room.members.get(user.id)!;
  const lastSeq = room.messages.length;
  const last = room.messages.at(-1);
  const peerId = room.kind === 'dm' ? [...room.members.keys()].find((id) => id !== user.id) : undefined;
  const peer = peerId ? db.users.find((u) => u.id === peerId) : undefined;
  const mentionCount = room.messages.filter((m) => m.seq > member.lastReadSeq && !m.deletedAt && new RegExp(`@${user.username}\\b`, 'i').test(m.body)).length;
  const dto = {
    id: room.id,
    kind: room.kind,
    name: room.name,
    topic: room.topic,
    iconUrl: room.kind === 'dm' ? null : (room.iconUrl ?? null),
    visibility: room.visibility,
    role: member.role,
    lastSeq,
    lastReadSeq: member.lastReadSeq,
    unreadCount: Math.max(0, lastSeq - member.lastReadSeq),
    mentionCount,
    lastMessage: last ? preview(last) : null,
    slowModeSeconds: room.slowModeSeconds,
    mutedUntil: member.mutedUntil,
    peer: peer ? summary(peer) : null,
    members: null,
    createdAt: room.createdAt,
  };
  return dto as RoomDto;
}

const lastActivity = (r: MockRoom) => r.messages.at(-1)?.createdAt ?? r.createdAt;

/** Test and story hooks for the mock chat. */
export const chatMock = {
  /** The mock's live source: what chat.onRoom would deliver. Returns the unsubscribe function. */
  onEvent(listener: (event: MockChatEvent) => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
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
    if (me && room.members.has(me.id) && new RegExp(`@${me.username}\\b`, 'i').test(body)) emitInbox({ type: 'mention', roomId, seq: m.seq, messageId: m.id });
    return m;
  },
  /** The mock's live room list: what chat.onInbox would deliver to the signed-in user. Returns the unsubscribe function. */
  onInbox(listener: (event: MockInboxEvent) => void) {
    inboxListeners.add(listener);
    return () => void inboxListeners.delete(listener);
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
  setSlowMode(roomId: string, seconds: number) {
    const room = state().rooms.find((r) => r.id === roomId);
    if (room) room.slowModeSeconds = seconds;
  },
  messages: (roomId: string) => state().rooms.find((r) => r.id === roomId)?.messages ?? [],
};

/** chat.* and presence.get of the mock back end. */
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
    const peer = db.users.find((u) => u.username === input.username);
    if (!peer) throw new MockTrpcError('NOT_FOUND', 'No one has this username.', { username: ['No one has this username.'] });
    if (peer.id === user.id) throw new MockTrpcError('BAD_REQUEST', 'You cannot start a conversation with yourself.', { username: ['That is you.'] });
    const s = state();
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
  ...(['add', 'remove'] as const).map((action) =>
    trpcMsw.chat.reactions[action].mutation(async ({ input }) => {
      await delay();
      const user = requireViewer();
      const { room, message: m } = findMessage(input.messageId, user);
      memberOf(room.id, user);
      const mine = state().reactions;
      const key = `${m.id}:${input.emoji}`;
      const who = mine.get(key) ?? new Set<string>();
      const had = who.has(user.id);
      if (action === 'add') who.add(user.id);
      else who.delete(user.id);
      mine.set(key, who);
      const existing = m.reactions.find((r) => r.emoji === input.emoji);
      const count = (existing?.count ?? 0) + (action === 'add' ? (had ? 0 : 1) : had ? -1 : 0);
      m.reactions = count <= 0 ? m.reactions.filter((r) => r.emoji !== input.emoji) : existing ? m.reactions.map((r) => (r.emoji === input.emoji ? { ...r, count } : r)) : [...m.reactions, { emoji: input.emoji, count, mine: false }];
      return { messageId: m.id, changed: had !== (action === 'add'), reactions: m.reactions.map((r) => ({ ...r, mine: mine.get(`${m.id}:${r.emoji}`)?.has(user.id) ?? r.mine })) };
    }),
  ),
  trpcMsw.users.blocks.query(async () => {
    requireViewer();
    return [];
  }),
  trpcMsw.presence.get.query(async ({ input }) => {
    await delay();
    requireViewer();
    const s = state();
    return { items: input.userIds.map((userId) => ({ userId, status: s.presence.get(userId) ?? 'offline', lastSeenAt: null, listeningTo: null, shareListening: null })) };
  }),
  trpcMsw.presence.heartbeat.mutation(async () => {
    const user = requireViewer();
    return { userId: user.id, status: 'online' as const, lastSeenAt: iso(Date.now()), listeningTo: null, shareListening: true };
  }),
];
