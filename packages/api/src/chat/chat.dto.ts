import type { CallEndReason, CallState, Message, MessageKind, MyRoomRow, Room, RoomKind, RoomMember, RoomRole, RoomVisibility } from '@veza/db';
import { toUserSummary, type UserSummaryDto } from '../users/users.dto.ts';
import type { AttachmentDto } from './attachments.service.ts';

/** How much of a message a reply quote or the room list's preview shows. */
export const PREVIEW_LENGTH = 200;

export interface MessagePreviewDto {
  id: string;
  seq: number;
  author: UserSummaryDto | null;
  /** The start of the body; empty for a deleted message. */
  body: string;
  createdAt: string;
  deletedAt: string | null;
  /** `blocked`: by someone the reader blocked, body emptied (see MessageDto.hidden). */
  hidden: 'blocked' | null;
  /** `call`: a call's summary (its `body` is an English fallback): clients show `call` in the reader's language. */
  kind: MessageKind;
  /** For a `call` preview where it is known (room list, inbox), how the call went; null otherwise. */
  call: MessagePreviewCallDto | null;
}

/** How a call went, as a preview of its summary message says it. */
export interface MessagePreviewCallDto {
  state: CallState;
  durationSeconds: number | null;
}

export interface MessageDto {
  id: string;
  seq: number;
  roomId: string;
  /** Null once the author's account is gone. */
  author: UserSummaryDto | null;
  /** Empty once deleted (the tombstone keeps its place). */
  body: string;
  /** The id the sender's client chose: lets it match its optimistic copy. */
  clientMessageId: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  /** The message this one answers, quoted. */
  replyTo: MessagePreviewDto | null;
  /** Emoji reactions, in the order each emoji was first used (reactions.service.ts). `mine` only for the reader's own copy. */
  reactions: MessageReactionDto[];
  /** Members `@mentioned` in the body (mentions.ts). */
  mentions: UserSummaryDto[];
  /**
   * `blocked`: the author is someone the reader blocked (users.block); body, attachments and mentions are emptied.
   * Set only on copies read by one person (history, search, the back-fill of chat.onRoom). Live events are the same
   * for everyone in the room and come with null: clients hide them themselves using `users.blocks`.
   */
  hidden: 'blocked' | null;
  /**
   * `text`, or `call`: a call's summary posted by the server in the DM (missed call, call ended); its `body` is an
   * English fallback, clients render `call` in the reader's language.
   */
  kind: MessageKind;
  /** For a `call` message, the call it sums up (filled by calls/call-summaries.ts); null otherwise. */
  call: MessageCallDto | null;
  /** Images and track cards, in order (attachments.service.ts); empty once deleted. */
  attachments: AttachmentDto[];
}

/** A call as its summary message shows it. */
export interface MessageCallDto {
  id: string;
  callerId: string;
  calleeId: string;
  /** ended (it was answered), missed, rejected or busy. */
  state: CallState;
  endReason: CallEndReason | null;
  startedAt: string;
  /** How long it lasted, from answer to hang-up (null when it was never answered). */
  durationSeconds: number | null;
}

/** One emoji's reactions on a message. */
export interface MessageReactionDto {
  emoji: string;
  count: number;
  /** Whether the reader reacted with it (always false in DTOs published to every subscriber). */
  mine: boolean;
}

export interface MessagePageDto {
  /** Ascending seq. */
  items: MessageDto[];
  /** Older messages exist before the first item (page on with `beforeSeq: items[0].seq`). */
  hasOlder: boolean;
  /** Newer messages exist after the last item (page on with `afterSeq: items.at(-1).seq`). */
  hasNewer: boolean;
  /** The room's newest seq when the page was read. */
  lastSeq: number;
}

export interface RoomDto {
  id: string;
  kind: RoomKind;
  /** Null for a DM: show the peer's name. */
  name: string | null;
  topic: string | null;
  /** The room's icon (256×256 WebP, room-icons.service.ts); null: none (clients show initials), always null for a DM. */
  iconUrl: string | null;
  visibility: RoomVisibility;
  role: RoomRole;
  lastSeq: number;
  lastReadSeq: number;
  unreadCount: number;
  /** Unread messages (after `lastReadSeq`) that mention the viewer. */
  mentionCount: number;
  lastMessage: MessagePreviewDto | null;
  /** Slow mode: members send one message per this many seconds (0: off). */
  slowModeSeconds: number;
  /** Until when the viewer is muted here (null: not muted). */
  mutedUntil: string | null;
  /** For a DM, the other person. */
  peer: UserSummaryDto | null;
  /** For a DM or a group: its members (me included) by join date, at most 10; null for named rooms. */
  members: UserSummaryDto[] | null;
  createdAt: string;
}

const ICON_KEY = /^chat\/rooms\/[0-9a-f-]{36}\/icon-([0-9a-f]{16})\.webp$/;

/** A room icon's URL, versioned by its storage key (a new key per change, so it is cached safely); null: none. */
export function roomIconUrl(room: Pick<Room, 'id' | 'iconKey'>): string | null {
  const version = room.iconKey ? ICON_KEY.exec(room.iconKey)?.[1] : undefined;
  return version ? `/api/chat/rooms/${room.id}/icon?v=${version}` : null;
}

const excerpt = (m: Message) => (m.deletedAt ? '' : m.body.length > PREVIEW_LENGTH ? `${m.body.slice(0, PREVIEW_LENGTH - 1)}…` : m.body);

export const toMessagePreview = (m: Message): MessagePreviewDto => ({
  id: m.id,
  seq: m.seq,
  author: m.author ? toUserSummary(m.author) : null,
  body: excerpt(m),
  createdAt: m.createdAt.toISOString(),
  deletedAt: m.deletedAt?.toISOString() ?? null,
  hidden: null,
  kind: m.kind,
  call: null,
});

export const toMessageDto = (m: Message): MessageDto => {
  const parent = m.replyTo?.unwrap();
  return {
    id: m.id,
    seq: m.seq,
    roomId: m.room.id,
    author: m.author ? toUserSummary(m.author) : null,
    body: m.deletedAt ? '' : m.body,
    clientMessageId: m.clientMessageId,
    createdAt: m.createdAt.toISOString(),
    editedAt: m.editedAt?.toISOString() ?? null,
    deletedAt: m.deletedAt?.toISOString() ?? null,
    replyTo: parent ? toMessagePreview(parent) : null,
    reactions: [],
    mentions: [],
    hidden: null,
    kind: m.kind,
    call: null,
    attachments: [],
  };
};

export const toRoomDto = ({ room, member, lastMessage, peer }: MyRoomRow, mentionCount = 0): RoomDto => ({
  id: room.id,
  kind: room.kind,
  name: room.name ?? null,
  topic: room.topic ?? null,
  iconUrl: roomIconUrl(room),
  visibility: room.visibility,
  role: member.role,
  lastSeq: room.lastSeq,
  lastReadSeq: member.lastReadSeq,
  unreadCount: Math.max(0, room.lastSeq - member.lastReadSeq),
  mentionCount,
  lastMessage: lastMessage ? toMessagePreview(lastMessage) : null,
  slowModeSeconds: room.slowModeSeconds,
  mutedUntil: activeMute(member),
  peer: peer ? toUserSummary(peer) : null,
  members: null,
  createdAt: room.createdAt.toISOString(),
});

export interface RoomMemberDto {
  user: UserSummaryDto;
  role: RoomRole;
  joinedAt: string;
  /** Until when they are muted here (null: not muted). */
  mutedUntil: string | null;
}

export interface RoomMemberPageDto {
  items: RoomMemberDto[];
  /** Members in the room overall. */
  total: number;
  /** The `offset` of the next page; null on the last one. */
  nextOffset: number | null;
}

export const toRoomMemberDto = (m: RoomMember): RoomMemberDto => ({
  user: toUserSummary(m.user),
  role: m.role,
  joinedAt: m.joinedAt.toISOString(),
  mutedUntil: activeMute(m),
});

/** The end of a member's mute while it lasts; null when not muted (or it has run out). */
export const activeMute = (m: Pick<RoomMember, 'mutedUntil'>) => (m.mutedUntil && m.mutedUntil.getTime() > Date.now() ? m.mutedUntil.toISOString() : null);
