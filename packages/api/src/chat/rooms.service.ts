// Rooms and DMs. Who sees what, one rule everywhere in chat:
// - A room you cannot see answers NOT_FOUND, exactly like a room that does not exist: private rooms and DMs you
//   are not in (their existence is not leaked).
// - Public rooms are visible to everyone signed in: they can read the history before joining, and join.
// - Only members write: sending to a public room you have not joined is FORBIDDEN ("join this room first").
import { chatRepository, mentionsRepository, usersRepository, type Room, type RoomMember } from '@veza/db';
import type { CreateRoomInput, UpdateRoomInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { refuseBlocked } from '../users/blocks.service.ts';
import { toRoomDto, type RoomDto } from './chat.dto.ts';
import { refuseInGroupRoom } from './group-rooms.ts';
import { addRoomPreviews } from './room-previews.ts';
import { publishMembership } from './membership-events.ts';
import { publishRead } from './read-state.ts';
import { publishOwnRead } from './inbox.events.ts';

type Ctx = Pick<Context, 'em'>;

export const roomNotFound = () => new DomainError('NOT_FOUND', 'This conversation does not exist or you are not in it.');

/** The room and the viewer's membership (null when they have not joined a public room); NOT_FOUND when they may not see it. */
export async function loadVisibleRoom(ctx: Ctx, viewer: Viewer, roomId: string): Promise<{ room: Room; member: RoomMember | null }> {
  const repo = chatRepository(ctx.em);
  const room = await repo.roomById(roomId);
  if (!room) throw roomNotFound();
  const member = await repo.membership(roomId, viewer.id);
  if (!member && !(room.kind === 'room' && room.visibility === 'public')) throw roomNotFound();
  // Someone banned from a public room can neither read it nor join it again.
  if (!member && (await repo.banOf(roomId, viewer.id))) throw bannedHere();
  return { room, member };
}

export const bannedHere = () => new DomainError('FORBIDDEN', 'You were banned from this room.', undefined, 'banned');

/** The room's owner and moderators moderate it (delete any message, kick, ban, mute, invites, settings). */
export const moderates = (member: Pick<RoomMember, 'role'> | null) => member?.role === 'owner' || member?.role === 'moderator';

export function requireModerator(member: Pick<RoomMember, 'role'>, message: string) {
  if (!moderates(member)) throw new DomainError('FORBIDDEN', message);
}

/** The room and the viewer's membership; a visible room the viewer has not joined is FORBIDDEN. */
export async function loadMemberRoom(ctx: Ctx, viewer: Viewer, roomId: string): Promise<{ room: Room; member: RoomMember }> {
  const { room, member } = await loadVisibleRoom(ctx, viewer, roomId);
  if (!member) throw new DomainError('FORBIDDEN', 'Join this room to take part in it.', undefined, 'not_a_member');
  return { room, member };
}

/** A named room; the creator is its owner. */
export async function create(ctx: Ctx, viewer: Viewer, input: CreateRoomInput): Promise<{ id: string }> {
  const room = await chatRepository(ctx.em).createRoom({
    name: input.name,
    topic: input.topic ? input.topic : null,
    visibility: input.visibility,
    ownerId: viewer.id,
  });
  return { id: room.id };
}

/** Joins a public room (again: no change). Private rooms and DMs are joined by invitation only, and answer NOT_FOUND. */
export async function join(ctx: Pick<Context, 'em' | 'deps'>, viewer: Viewer, roomId: string): Promise<{ id: string }> {
  const { room, member } = await loadVisibleRoom(ctx, viewer, roomId);
  if (!member && (await chatRepository(ctx.em).join(room.id, viewer.id))) await publishMembership(ctx, 'member.joined', room.id, viewer.id);
  return { id: room.id };
}

/** A room's settings as `chat.rooms.update` answers them. */
export interface RoomSettingsDto {
  id: string;
  name: string | null;
  topic: string | null;
  slowModeSeconds: number;
}

/** The owner and moderators rename a room, change its topic (empty clears it) or slow mode (0: off); in a group, any member (no slow mode). */
export async function update(ctx: Ctx, viewer: Viewer, input: UpdateRoomInput): Promise<RoomSettingsDto> {
  const { room, member } = await loadMemberRoom(ctx, viewer, input.roomId);
  if (room.kind === 'dm') throw new DomainError('BAD_REQUEST', 'A direct conversation has no settings to change.');
  // A group has no moderators: any member renames it or sets its topic (groups.service.ts); slow mode is for rooms.
  if (room.kind === 'group' && input.slowModeSeconds !== undefined) {
    const message = 'A group conversation has no slow mode.';
    throw new DomainError('BAD_REQUEST', message, { slowModeSeconds: [message] });
  }
  if (room.kind !== 'group') requireModerator(member, "Only the room's owner and moderators can change its settings.");
  if (input.name !== undefined && input.name !== room.name) await refuseInGroupRoom(ctx, room.id, 'rename');
  const updated = await chatRepository(ctx.em).updateRoom(room.id, {
    name: input.name,
    topic: input.topic === undefined ? undefined : input.topic || null,
    slowModeSeconds: input.slowModeSeconds,
  });
  return { id: updated.id, name: updated.name ?? null, topic: updated.topic ?? null, slowModeSeconds: updated.slowModeSeconds };
}

/** The viewer's rooms and DMs, most recently active first, with unread and unread-mention counts and the last message. */
export async function list(ctx: Ctx, viewer: Viewer): Promise<RoomDto[]> {
  const rows = await chatRepository(ctx.em).myRooms(viewer.id);
  const mentions = await mentionsRepository(ctx.em).unreadCounts(viewer.id);
  const activity = (r: (typeof rows)[number]) => (r.lastMessage ?? r.room).createdAt.getTime();
  const rooms = rows.sort((a, b) => activity(b) - activity(a) || a.room.id.localeCompare(b.room.id)).map((row) => toRoomDto(row, mentions.get(row.room.id) ?? 0));
  return addRoomPreviews(ctx.em, viewer.id, rooms);
}

/** The DM with `username`, opened on first use; the same room from either side. */
export async function openDm(ctx: Ctx, viewer: Viewer, username: string): Promise<{ roomId: string }> {
  if (username === viewer.username) throw new DomainError('BAD_REQUEST', 'You cannot start a conversation with yourself.', { username: ['That is you.'] });
  const peer = await usersRepository(ctx.em).byUsername(username);
  if (!peer || peer.lockedAt || peer.deletionRequestedAt) throw new DomainError('NOT_FOUND', `Nobody is called @${username} here.`);
  // Either of them blocked the other: no DM (an existing one stays readable, but nobody sends in it).
  await refuseBlocked(ctx, viewer, [peer], 'dm');
  return { roomId: await chatRepository(ctx.em).openDm(viewer.id, peer.id) };
}

/**
 * Marks the viewer's messages read up to `seq` in a room they are in. The mark only moves forward: an older
 * `seq` (another tab behind this one) leaves it where it is. A seq past the room's last message is BAD_REQUEST.
 */
export async function markRead(ctx: Pick<Context, 'em' | 'deps'>, viewer: Viewer, roomId: string, seq: number): Promise<{ lastReadSeq: number; unreadCount: number }> {
  const { room, member } = await loadMemberRoom(ctx, viewer, roomId);
  if (seq > room.lastSeq) {
    const message = 'There is no message at this position yet.';
    throw new DomainError('BAD_REQUEST', message, { seq: [message] });
  }
  const lastReadSeq = await chatRepository(ctx.em).markRead(room.id, viewer.id, seq);
  // Read receipts (DMs and groups): told when the mark moved.
  await publishRead(ctx, room, viewer.id, member.lastReadSeq, lastReadSeq);
  // The viewer's other tabs and devices clear the room's badges (chat.onInbox).
  await publishOwnRead(ctx, viewer.id, room.id, member.lastReadSeq, lastReadSeq);
  return { lastReadSeq, unreadCount: Math.max(0, room.lastSeq - lastReadSeq) };
}
