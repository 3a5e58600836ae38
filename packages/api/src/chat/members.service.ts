// Room membership: leaving, roles, the member list (issue 10, "Rooms"). Access rules as in rooms.service.ts: a room
// you cannot see is NOT_FOUND; only members act in it.
//
// Roles: one owner, moderators, members. The owner gives and takes the moderator role and can hand the room over
// (`role: 'owner'`: the previous owner becomes a moderator). The owner cannot leave while anyone else is in the room
// (CONFLICT, reason `owner_must_transfer`): they hand it over first. An owner leaving as the last member deletes
// the room with its history (nobody could read or run it any more). DMs have no roles and cannot be left.
//
// Moderation: the owner and moderators kick, ban (with a reason; unban) and mute for a while (muted members read
// but cannot send). Moderators act on members only; the owner on everyone but themselves. A kicked member can join
// a public room again; a banned one cannot join (nor use an invite, nor read a public room) until unbanned. Kicks
// and bans end the person's live `chat.onRoom` subscriptions (a member.removed event on the room's channel).
import { chatRepository, usersRepository, type RoomMember, type RoomRole } from '@veza/db';
import type { BanInput, ListMembersInput, MuteInput, SetMemberRoleInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { toUserSummary, type UserSummaryDto } from '../users/users.dto.ts';
import { toRoomMemberDto, type RoomMemberDto, type RoomMemberPageDto } from './chat.dto.ts';
import { publishMemberRemoved } from './chat.events.ts';
import { publishMembership } from './membership-events.ts';
import { refuseInGroupRoom } from './group-rooms.ts';
import { leaveGroup } from './groups.service.ts';
import { loadMemberRoom, loadVisibleRoom, requireModerator } from './rooms.service.ts';

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
  // A group has no owner: anyone leaves, and the last one out deletes it.
  if (room.kind === 'group') return leaveGroup(ctx, viewer, room.id);
  await refuseInGroupRoom(ctx, room.id, 'leave');
  const repo = chatRepository(ctx.em);
  if (member.role !== 'owner') {
    const left = await repo.removeMember(room.id, viewer.id);
    if (left) await publishMembership(ctx, 'member.left', room.id, viewer.id);
    return { left, roomDeleted: false };
  }
  if (await repo.deleteIfAlone(room.id, viewer.id)) return { left: true, roomDeleted: true };
  throw new DomainError('CONFLICT', 'You own this room: make another member its owner before leaving.', undefined, 'owner_must_transfer');
}

/** The owner changes a member's role, or hands the room over (`owner`). */
export async function setRole(ctx: Ctx, viewer: Viewer, input: SetMemberRoleInput): Promise<RoomMemberDto> {
  const { room, member } = await loadMemberRoom(ctx, viewer, input.roomId);
  if (member.role !== 'owner') throw new DomainError('FORBIDDEN', "Only the room's owner can change roles.");
  await refuseInGroupRoom(ctx, room.id, 'members');
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

/** Whether someone with `actor`'s role may kick, ban or mute someone with `target`'s role (null: not a member). */
export const mayModerate = (actor: RoomRole, target: RoomRole | null) => actor === 'owner' ? target !== 'owner' : actor === 'moderator' && (target ?? 'member') === 'member';

/**
 * The acting moderator's room and the target's membership (null when not in the room), after the shared checks:
 * a room (not a DM) the viewer moderates, someone other than themselves, of a lower rank.
 */
async function loadModeration(ctx: Ctx, viewer: Viewer, roomId: string, userId: string, what: string): Promise<{ roomId: string; target: RoomMember | null }> {
  const { room, member } = await loadMemberRoom(ctx, viewer, roomId);
  if (room.kind === 'dm') throw new DomainError('BAD_REQUEST', 'A direct conversation has no moderation.');
  requireModerator(member, `Only the room's owner and moderators can ${what}.`);
  if (userId === viewer.id) {
    const message = `You cannot ${what} yourself.`;
    throw new DomainError('BAD_REQUEST', message, { userId: [message] });
  }
  const target = await chatRepository(ctx.em).membership(room.id, userId);
  if (!mayModerate(member.role, target?.role ?? null)) {
    throw new DomainError('FORBIDDEN', target?.role === 'owner' ? "Nobody can act on the room's owner." : 'Moderators can only act on members, not on other moderators.');
  }
  return { roomId: room.id, target };
}

/** Removes a member (they can join a public room again). */
export async function kick(ctx: Ctx, viewer: Viewer, roomId: string, userId: string): Promise<{ removed: boolean }> {
  const { roomId: id, target } = await loadModeration(ctx, viewer, roomId, userId, 'remove members');
  await refuseInGroupRoom(ctx, id, 'members');
  if (!target) throw notAMember();
  const removed = await chatRepository(ctx.em).removeMember(id, userId);
  if (removed) {
    await publishMemberRemoved(ctx.deps.bus, id, userId, 'kicked');
    await publishMembership(ctx, 'member.left', id, userId);
  }
  return { removed };
}

/** Bans someone (a member, or anyone, before they come) and removes them from the room. */
export async function ban(ctx: Ctx, viewer: Viewer, input: BanInput): Promise<{ banned: true }> {
  const { roomId, target } = await loadModeration(ctx, viewer, input.roomId, input.userId, 'ban people');
  await refuseInGroupRoom(ctx, roomId, 'members');
  if (!target && !(await usersRepository(ctx.em).byId(input.userId))) throw new DomainError('NOT_FOUND', 'This person does not exist.');
  await chatRepository(ctx.em).ban({ roomId, userId: input.userId, bannedById: viewer.id, reason: input.reason ? input.reason : null });
  await publishMemberRemoved(ctx.deps.bus, roomId, input.userId, 'banned');
  // Someone banned before they came was never in the room: nobody left.
  if (target) await publishMembership(ctx, 'member.left', roomId, input.userId);
  return { banned: true };
}

export interface RoomBanDto {
  user: UserSummaryDto;
  bannedBy: UserSummaryDto | null;
  reason: string | null;
  createdAt: string;
}

/** Most bans `chat.members.bans` returns (the newest). */
export const BANS_LIST_MAX = 200;

/** The room's bans, newest first, for its owner and moderators (to lift them). */
export async function bans(ctx: Ctx, viewer: Viewer, roomId: string): Promise<RoomBanDto[]> {
  const { room, member } = await loadMemberRoom(ctx, viewer, roomId);
  requireModerator(member, "Only the room's owner and moderators can see its bans.");
  const rows = await chatRepository(ctx.em).bansOf(room.id, BANS_LIST_MAX);
  return rows.map((b) => ({
    user: toUserSummary(b.user),
    bannedBy: b.bannedBy ? toUserSummary(b.bannedBy) : null,
    reason: b.reason ?? null,
    createdAt: b.createdAt.toISOString(),
  }));
}

/** Lifts a ban (they may join again; they are not added back). */
export async function unban(ctx: Ctx, viewer: Viewer, roomId: string, userId: string): Promise<{ unbanned: true }> {
  const { room, member } = await loadMemberRoom(ctx, viewer, roomId);
  requireModerator(member, "Only the room's owner and moderators can lift bans.");
  await refuseInGroupRoom(ctx, room.id, 'members');
  if (!(await chatRepository(ctx.em).unban(room.id, userId))) throw new DomainError('NOT_FOUND', 'This person is not banned from this room.');
  return { unbanned: true };
}

/** Mutes a member for `untilSeconds` from now (a new mute replaces the previous one). */
export async function mute(ctx: Ctx, viewer: Viewer, input: MuteInput): Promise<{ mutedUntil: string }> {
  const { roomId, target } = await loadModeration(ctx, viewer, input.roomId, input.userId, 'mute members');
  if (!target) throw notAMember();
  const until = new Date(Date.now() + input.untilSeconds * 1000);
  if (!(await chatRepository(ctx.em).setMutedUntil(roomId, input.userId, until))) throw notAMember();
  return { mutedUntil: until.toISOString() };
}

/** Ends a member's mute now. */
export async function unmute(ctx: Ctx, viewer: Viewer, roomId: string, userId: string): Promise<{ mutedUntil: null }> {
  const { roomId: id, target } = await loadModeration(ctx, viewer, roomId, userId, 'unmute members');
  if (!target || !(await chatRepository(ctx.em).setMutedUntil(id, userId, null))) throw notAMember();
  return { mutedUntil: null };
}
