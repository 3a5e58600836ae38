// The mock chat's state (issue 10): seeded rooms, messages, members and reactions per mock database, the live
// sources (what chat.onRoom and chat.onInbox would yield) and the access rules the handlers share
// (chat-handlers.ts, chat-reaction-handlers.ts, chat-people-handlers.ts; test hooks in chat-mock-controls.ts).
import type { RouterOutputs } from '@veza/api';
import { db, viewer } from './db.ts';
import type { MockUser } from './fixtures.ts';
import { MockTrpcError } from './trpc-msw.ts';

export type RoomDto = RouterOutputs['chat']['rooms']['list'][number];
export type MessageDto = RouterOutputs['chat']['messages']['list']['items'][number];
export type MessagePreviewDto = NonNullable<MessageDto['replyTo']>;
export type MemberDto = RouterOutputs['chat']['members']['list']['items'][number];
export type PresenceDto = RouterOutputs['presence']['get']['items'][number];
export type UserSummary = NonNullable<MessageDto['author']>;

/** What chat.onInbox would yield for the signed-in user (the mock's live room list; see chatMock.onInbox). */
export type MockInboxEvent =
  | { type: 'message'; roomId: string; kind: 'room' | 'dm' | 'group'; seq: number; message: MessagePreviewDto }
  | { type: 'mention'; roomId: string; seq: number; messageId: string; authorId: string }
  | { type: 'read'; roomId: string; lastReadSeq: number; mentionCount: number };

/** What chat.onRoom would yield: the mock's live source (msw-trpc answers no subscriptions). */
export type MockChatEvent =
  | { type: 'message.created' | 'message.edited' | 'message.deleted'; message: MessageDto }
  | { type: 'typing'; roomId: string; user: UserSummary; expiresAt: string };

export type RoomRole = 'owner' | 'moderator' | 'member';

export interface MockRoom {
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

export interface ChatState {
  rooms: MockRoom[];
  presence: Map<string, PresenceDto['status']>;
  invites: Map<string, string>;
  /** `${messageId}:${emoji}` → who reacted (the seeded counts stand for people not listed). */
  reactions: Map<string, Set<string>>;
  /** Sends refused with TOO_MANY_REQUESTS for this many more calls (stories of the rate-limit state). */
  refuseSends: number;
  /** Pages around a message (`aroundSeq`) never answer (stories of the "loading around" state). */
  holdJumps: boolean;
  /** Who blocks whom (user ids; chatMock.block): users.blocks lists the viewer's, chat.dms.open refuses either way. */
  blocks: { by: string; of: string; createdAt: string }[];
}

export const MINUTE = 60_000;
export const now = () => Math.floor(Date.now() / MINUTE) * MINUTE;
export const iso = (ms: number) => new Date(ms).toISOString();
export const summary = (u: MockUser): UserSummary => ({ id: u.id, username: u.username, displayName: u.displayName });

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
export function message(room: MockRoom, author: MockUser | null, body: string, at: number, extra: Partial<MessageDto> = {}): MessageDto {
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

export const preview = (m: MessageDto): MessagePreviewDto => {
  const p = { id: m.id, seq: m.seq, author: m.author, body: m.deletedAt ? '' : m.body.slice(0, 200), createdAt: m.createdAt, deletedAt: m.deletedAt, hidden: null, kind: m.kind, call: m.call ? { state: m.call.state, durationSeconds: m.call.durationSeconds } : null };
  return p;
};

export function seed(users: MockUser[]): ChatState {
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
    blocks: [],
  };
}

// The state follows the mock database: `resetMockDb()` replaces `db.users`, which starts a fresh chat.
const states = new WeakMap<MockUser[], ChatState>();
export function state(): ChatState {
  let s = states.get(db.users);
  if (!s) {
    s = seed(db.users);
    states.set(db.users, s);
  }
  return s;
}

const inboxListeners = new Set<(event: MockInboxEvent) => void>();
export const emitInbox = (event: MockInboxEvent) => {
  for (const listener of inboxListeners) listener(event);
};
const listeners = new Set<(event: MockChatEvent) => void>();
export const emit = (event: MockChatEvent) => {
  for (const listener of listeners) listener(event);
};

export function requireViewer(): MockUser {
  const user = viewer();
  if (!user) throw new MockTrpcError('UNAUTHORIZED', 'Please sign in to continue.');
  return user;
}

/** A room the viewer may read (public, or one they are in); NOT_FOUND otherwise, as the API. */
export function readable(roomId: string, user: MockUser): MockRoom {
  const room = state().rooms.find((r) => r.id === roomId);
  if (!room || (room.visibility === 'private' && !room.members.has(user.id))) throw new MockTrpcError('NOT_FOUND', 'Conversation not found.');
  return room;
}

export function memberOf(roomId: string, user: MockUser) {
  const room = readable(roomId, user);
  const member = room.members.get(user.id);
  if (!member) throw new MockTrpcError('FORBIDDEN', 'Join this room to write in it.');
  return { room, member };
}

export function findMessage(messageId: string, user: MockUser) {
  for (const room of state().rooms) {
    const m = room.messages.find((x) => x.id === messageId);
    if (m) return { room: readable(room.id, user), message: m };
  }
  throw new MockTrpcError('NOT_FOUND', 'Message not found.');
}

export function toRoom(room: MockRoom, user: MockUser): RoomDto {
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

export const lastActivity = (r: MockRoom) => r.messages.at(-1)?.createdAt ?? r.createdAt;

/** Subscribes to the live source (chat.onRoom); returns the unsubscribe function. */
export function listen(listener: (event: MockChatEvent) => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Subscribes to the live room list (chat.onInbox); returns the unsubscribe function. */
export function listenInbox(listener: (event: MockInboxEvent) => void) {
  inboxListeners.add(listener);
  return () => void inboxListeners.delete(listener);
}
