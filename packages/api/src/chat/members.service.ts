// Room membership: leaving, roles, the member list (issue 10, "Rooms"). Access rules as in rooms.service.ts: a room
// you cannot see is NOT_FOUND; only members act in it.
//
// Roles: one owner, moderators, members. The owner gives and takes the moderator role and can hand the room over
// (`role: 'owner'`: the previous owner becomes a moderator). The owner cannot leave while anyone else is in the room
// (CONFLICT, reason `owner_must_transfer`): they hand it over first. An owner leaving as the last member deletes
// the room with its history (nobody could read or run it any more). DMs have no roles and cannot be left.
import { chatRepository } from '@veza/db';
import type { ListMembersInput, SetMemberRoleInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { toRoomMemberDto, type RoomMemberDto, type RoomMemberPageDto } from './chat.dto.ts';
import { loadMemberRoom, loadVisibleRoom } from './rooms.service.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;

export const notAMember = () => new DomainError('NOT_FOUND', 'This person is not a member of this room.');

/**
 * Leaves a room. Leaving a visible room one is not in changes nothing (`left: false`). The owner leaves only as the
 * last member, which deletes the room (`roomDeleted: true`).
 */
export async function leave(ctx: Ctx, viewer: Viewer, roomId: string): Promise<{ left: boolean; roomDeleted: boolean }> {
  const { room, member } = await loadVisibleRoom(ctx, viewer, roomId);
  if (room.kind === 'dm') throw new DomainError('BAD_REQUEST', 'You cannot leave a direct conversation.');
  if (!member) return { left: false, roomDeleted: false };
  const repo = chatRepository(ctx.em);
  if (member.role !== 'owner') return { left: await repo.removeMember(room.id, viewer.id), roomDeleted: false };
  if (await repo.deleteIfAlone(room.id, viewer.id)) return { left: true, roomDeleted: true };
  throw new DomainError('CONFLICT', 'You own this room: make another member its owner before leaving.', undefined, 'owner_must_transfer');
}

/** The owner changes a member's role, or hands the room over (`owner`). */
export async function setRole(ctx: Ctx, viewer: Viewer, input: SetMemberRoleInput): Promise<RoomMemberDto> {
  const { room, member } = await loadMemberRoom(ctx, viewer, input.roomId);
  if (member.role !== 'owner') throw new DomainError('FORBIDDEN', "Only the room's owner can change roles.");
  if (input.userId === viewer.id) {
    const message = 'You cannot change your own role: make another member the owner instead.';
    throw new DomainError('BAD_REQUEST', message, { userId: [message] });
  }
  const repo = chatRepository(ctx.em);
  const changed = input.role === 'owner' ? await repo.transferOwnership(room.id, viewer.id, input.userId) : await repo.setRole(room.id, input.userId, input.role);
  if (!changed) throw notAMember();
  const target = await repo.membership(room.id, input.userId);
  if (!target) throw notAMember();
  await ctx.em.populate(target, ['user']);
  return toRoomMemberDto(target);
}

/** A page of a room's members, for anyone who can see the room (public rooms: everyone signed in). */
export async function list(ctx: Ctx, viewer: Viewer, input: ListMembersInput): Promise<RoomMemberPageDto> {
  const { room } = await loadVisibleRoom(ctx, viewer, input.roomId);
  const { items, total } = await chatRepository(ctx.em).members(room.id, input);
  const end = input.offset + items.length;
  return { items: items.map(toRoomMemberDto), total, nextOffset: end < total ? end : null };
}
