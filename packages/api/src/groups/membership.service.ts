// Who is in a group (issue 12): joining, asking to join, leaving, removing, banning, roles (invitations and invite
// links: invites.service.ts, which shares the lock helpers below).
//
// Every change runs under the group's row lock (communityGroupsRepository.change) and re-reads the roles it checks
// there, so two admins acting at once, or a double click, never do a thing twice: inserts are `on conflict do
// nothing` against the primary keys and the second call finds the work done. The group's chat room changes in the
// same transaction; its live subscribers are told after the commit (member.joined / member.left, member.removed).
//
// - Public group: `join`. Asking to join one is refused (reason `public_group`).
// - Private group: `requestJoin`, then an admin `approve`s or `decline`s; or an admin `invite`s by username (then
//   `acceptInvite`), or shares an invite link (`joinByLink`; links can expire and be revoked).
// - Nobody banned from a group joins, asks, accepts or is invited until unbanned.
// - Invitations between two people when either blocked the other are refused, with the same words either way.
// - Admins remove and ban plain members; the owner removes and bans anyone else. The owner cannot leave: they hand the
//   group over (`transferOwnership`) or delete it.
import { communityGroupsRepository, usersRepository, type GroupOps, type GroupPersonRow } from '@veza/db';
import type { GroupRole } from '@veza/validators';
import type { Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { groupJoinRequest } from '../notifications/notifications.service.ts';
import { publishMemberRemoved } from '../chat/chat.events.ts';
import { publishMembership } from '../chat/membership-events.ts';
import { decodeCursor, encodeCursor } from '../tracks/cursor.ts';
import { toUserSummary } from '../users/users.dto.ts';
import type {
  GroupBanDto,
  GroupDto,
  GroupJoinRequestPageDto,
  GroupJoinRequestResultDto,
  GroupMemberDto,
  GroupMemberPageDto,
} from './groups.dto.ts';
import { groupDto, groupNotFound, loadGroup, managed, manages, notAdmin, notOwner, readable, withRole, type Ctx } from './groups.service.ts';

export const bannedHere = () => new DomainError('FORBIDDEN', 'You cannot join this group.', undefined, 'banned');
const notAMember = () => new DomainError('NOT_FOUND', 'This person is not a member of this group.', undefined, 'not_a_member');
const outranked = () => new DomainError('FORBIDDEN', 'Admins can only act on members, not on the owner or other admins.', undefined, 'outranked');

/** Runs a membership change under the group's lock; NOT_FOUND when the group went meanwhile. */
export async function changing<T>(ctx: Ctx, groupId: string, fn: (ops: GroupOps) => Promise<T>): Promise<T> {
  const result = await communityGroupsRepository(ctx.em).change(groupId, fn);
  if (result === null) throw groupNotFound();
  return result;
}

/** Tells the room's live subscribers and the person's inboxes (after the commit). */
export async function roomJoined(ctx: Ctx, roomId: string | null, userId: string) {
  if (roomId) await publishMembership(ctx, 'member.joined', roomId, userId);
}
async function roomLeft(ctx: Ctx, roomId: string | null, userId: string, removed?: 'kicked' | 'banned') {
  if (!roomId) return;
  if (removed) await publishMemberRemoved(ctx.deps.bus, roomId, userId, removed);
  await publishMembership(ctx, 'member.left', roomId, userId);
}

/** Joins a public group (again: nothing changes), or a private one I was invited to. */
export async function join(ctx: Ctx, viewer: Viewer, id: string): Promise<GroupDto> {
  const group = await loadGroup(ctx, id);
  const joined = await changing(ctx, group.id, async (ops) => {
    if (await ops.role(viewer.id)) return false;
    if (await ops.banned(viewer.id)) throw bannedHere();
    if (!ops.group.isPublic && !(await ops.hasInvitation(viewer.id))) {
      throw new DomainError('FORBIDDEN', 'This group is private: ask to join it.', undefined, 'private_group');
    }
    return ops.addMember(viewer.id);
  });
  if (joined) await roomJoined(ctx, group.room?.id ?? null, viewer.id);
  return groupDto(ctx, group.id);
}

/**
 * Asks to join a private group (again: nothing changes). Someone invited joins at once. A new request (`created`)
 * is for the group's owner and admins (`notify`).
 */
export async function requestJoin(ctx: Ctx, viewer: Viewer, id: string): Promise<GroupJoinRequestResultDto> {
  const group = await loadGroup(ctx, id);
  if (group.isPublic) throw new DomainError('BAD_REQUEST', 'This group is public: join it directly.', undefined, 'public_group');
  const outcome = await changing(ctx, group.id, async (ops) => {
    if (await ops.role(viewer.id)) return { status: 'member' as const, created: false, joined: false };
    if (await ops.banned(viewer.id)) throw bannedHere();
    if (ops.group.isPublic) throw new DomainError('BAD_REQUEST', 'This group is public: join it directly.', undefined, 'public_group');
    if (await ops.hasInvitation(viewer.id)) return { status: 'member' as const, created: false, joined: await ops.addMember(viewer.id) };
    return { status: 'requested' as const, created: await ops.request(viewer.id), joined: false };
  });
  if (outcome.joined) await roomJoined(ctx, group.room?.id ?? null, viewer.id);
  const notify = outcome.created ? await communityGroupsRepository(ctx.em).adminIds(group.id) : [];
  if (notify.length > 0) await groupJoinRequest(ctx, { recipientIds: notify, actorId: viewer.id, groupId: group.id });
  return { groupId: group.id, status: outcome.status, created: outcome.created, notify };
}

/** Withdraws my request to join. */
export async function cancelRequest(ctx: Ctx, viewer: Viewer, id: string): Promise<{ cancelled: boolean }> {
  const group = await loadGroup(ctx, id);
  return { cancelled: await changing(ctx, group.id, (ops) => ops.dropRequest(viewer.id)) };
}

const noRequest = () => new DomainError('NOT_FOUND', 'This person has not asked to join (or was answered already).', undefined, 'no_request');

/** An admin lets someone who asked in; they are a member (their room membership too). */
export async function approve(ctx: Ctx, viewer: Viewer, id: string, userId: string): Promise<GroupMemberDto> {
  const { group } = await managed(ctx, id);
  const joined = await changing(ctx, group.id, async (ops) => {
    if (!manages(await ops.role(viewer.id))) throw notAdmin();
    if (await ops.role(userId)) return false;
    if (!(await ops.hasRequest(userId))) throw noRequest();
    return ops.addMember(userId);
  });
  if (joined) await roomJoined(ctx, group.room?.id ?? null, userId);
  return memberDto(ctx, group.id, userId);
}

/** An admin turns a request down (`declined: false` when there was none any more). */
export async function decline(ctx: Ctx, viewer: Viewer, id: string, userId: string): Promise<{ declined: boolean }> {
  const { group } = await managed(ctx, id);
  const declined = await changing(ctx, group.id, async (ops) => {
    if (!manages(await ops.role(viewer.id))) throw notAdmin();
    return ops.dropRequest(userId);
  });
  return { declined };
}

async function memberDto(ctx: Ctx, groupId: string, userId: string): Promise<GroupMemberDto> {
  const em = ctx.em.fork();
  const [role, user] = await Promise.all([communityGroupsRepository(em).roleOf(groupId, userId), usersRepository(em.fork()).byId(userId)]);
  if (!role || !user) throw notAMember();
  const [row] = await em.execute<{ joined_at: Date | string }[]>('select joined_at from group_members where group_id = ? and user_id = ?', [groupId, userId]);
  return { user: toUserSummary(user), role, joinedAt: new Date(row?.joined_at ?? Date.now()).toISOString() };
}

/** Leaves a group (not in it: `left: false`). The owner hands it over first. */
export async function leave(ctx: Ctx, viewer: Viewer, id: string): Promise<{ left: boolean }> {
  const group = await loadGroup(ctx, id);
  const left = await changing(ctx, group.id, async (ops) => {
    const role = await ops.role(viewer.id);
    if (role === null) return false;
    if (role === 'owner') {
      throw new DomainError('CONFLICT', 'You own this group: make another member its owner (or delete the group) before leaving.', undefined, 'owner_must_transfer');
    }
    return ops.removeMember(viewer.id);
  });
  if (left) await roomLeft(ctx, group.room?.id ?? null, viewer.id);
  return { left };
}

/** The checks shared by removing and banning: a manager acting on someone else of a lower rank. */
async function mayActOn(ops: GroupOps, viewer: Viewer, userId: string, what: string): Promise<GroupRole | null> {
  const mine = await ops.role(viewer.id);
  if (!manages(mine)) throw notAdmin();
  if (userId === viewer.id) throw new DomainError('BAD_REQUEST', `You cannot ${what} yourself.`, undefined, 'self');
  const theirs = await ops.role(userId);
  if (theirs === 'owner' || (theirs === 'admin' && mine !== 'owner')) throw outranked();
  return theirs;
}

/** Removes a member (and from the room); they may join or ask again. */
export async function removeMember(ctx: Ctx, viewer: Viewer, id: string, userId: string): Promise<{ removed: boolean }> {
  const { group } = await managed(ctx, id);
  const removed = await changing(ctx, group.id, async (ops) => {
    if ((await mayActOn(ops, viewer, userId, 'remove')) === null) throw notAMember();
    return ops.removeMember(userId);
  });
  if (removed) await roomLeft(ctx, group.room?.id ?? null, userId, 'kicked');
  return { removed };
}

/** Bans someone (a member, or someone asking): out of the group and its room, and kept out until unbanned. */
export async function ban(ctx: Ctx, viewer: Viewer, id: string, userId: string): Promise<{ banned: true }> {
  const { group } = await managed(ctx, id);
  if (!(await usersRepository(ctx.em).byId(userId))) throw new DomainError('NOT_FOUND', 'This person does not exist.', undefined, 'not_a_member');
  const { wasMember } = await changing(ctx, group.id, async (ops) => {
    await mayActOn(ops, viewer, userId, 'ban');
    return ops.ban(userId, viewer.id);
  });
  if (wasMember) await roomLeft(ctx, group.room?.id ?? null, userId, 'banned');
  return { banned: true };
}

export async function unban(ctx: Ctx, viewer: Viewer, id: string, userId: string): Promise<{ unbanned: true }> {
  const { group } = await managed(ctx, id);
  const lifted = await changing(ctx, group.id, async (ops) => {
    if (!manages(await ops.role(viewer.id))) throw notAdmin();
    return ops.unban(userId);
  });
  if (!lifted) throw new DomainError('NOT_FOUND', 'This person is not banned from this group.', undefined, 'not_banned');
  return { unbanned: true };
}

/** Most bans `groups.bans` returns (the newest). */
export const BANS_MAX = 200;

export async function bans(ctx: Ctx, viewer: Viewer, id: string): Promise<GroupBanDto[]> {
  const { group } = await managed(ctx, id);
  const rows = await communityGroupsRepository(ctx.em).bansOf(group.id, BANS_MAX);
  return rows.map((b) => ({ user: toUserSummary(b.user), bannedBy: b.bannedBy ? toUserSummary(b.bannedBy) : null, createdAt: b.createdAt.toISOString() }));
}

/** The owner makes a member an admin (a moderator of the room) or a member again. */
export async function setRole(ctx: Ctx, viewer: Viewer, id: string, userId: string, role: 'admin' | 'member'): Promise<GroupMemberDto> {
  const { group } = await ownedGroup(ctx, id);
  if (userId === viewer.id) throw new DomainError('BAD_REQUEST', 'You cannot change your own role: make another member the owner instead.', undefined, 'self');
  await changing(ctx, group.id, async (ops) => {
    if ((await ops.role(viewer.id)) !== 'owner') throw notOwner();
    if (!(await ops.setRole(userId, role))) throw notAMember();
  });
  return memberDto(ctx, group.id, userId);
}

/** The owner hands the group (and its room) to a member; they become an admin. */
export async function transferOwnership(ctx: Ctx, viewer: Viewer, id: string, userId: string): Promise<GroupDto> {
  const { group } = await ownedGroup(ctx, id);
  if (userId === viewer.id) throw new DomainError('BAD_REQUEST', 'You own this group already.', undefined, 'self');
  await changing(ctx, group.id, async (ops) => {
    if ((await ops.role(viewer.id)) !== 'owner') throw notOwner();
    if (!(await ops.transfer(userId))) throw notAMember();
  });
  return groupDto(ctx, group.id);
}

async function ownedGroup(ctx: Ctx, id: string) {
  const seen = await managed(ctx, id);
  if (seen.role !== 'owner') throw notOwner();
  return seen;
}

const personDto = (r: GroupPersonRow) => toUserSummary({ id: r.userId, username: r.username, displayName: r.displayName });
const cursorOf = (rows: GroupPersonRow[], more: boolean) => {
  const last = rows.at(-1);
  return more && last ? encodeCursor({ createdAt: last.at, id: last.userId }) : null;
};
const afterOf = (cursor: string | null | undefined) => {
  const c = cursor ? decodeCursor(cursor) : null;
  return c ? { at: c.createdAt, id: c.id } : null;
};

/** A page of the members, longest-standing first (a public group's to anyone, a private group's to members). */
export async function members(ctx: Ctx, id: string, cursor: string | null | undefined, limit: number): Promise<GroupMemberPageDto> {
  const { group } = await readable(ctx, id);
  const page = await communityGroupsRepository(ctx.em).membersPage(group.id, afterOf(cursor), limit);
  return { items: page.rows.map((r) => ({ user: personDto(r), role: r.role!, joinedAt: r.at.toISOString() })), nextCursor: cursorOf(page.rows, page.more) };
}

/** A page of the requests to join, oldest first, for the owner and admins. */
export async function requests(ctx: Ctx, viewer: Viewer, id: string, cursor: string | null | undefined, limit: number): Promise<GroupJoinRequestPageDto> {
  const { group } = await managed(ctx, id);
  const page = await communityGroupsRepository(ctx.em).requestsPage(group.id, afterOf(cursor), limit);
  return { items: page.rows.map((r) => ({ user: personDto(r), createdAt: r.at.toISOString() })), nextCursor: cursorOf(page.rows, page.more) };
}

/** The owner and admins of a group (who a join request notification goes to). */
export async function groupAdminIds(ctx: Ctx, id: string): Promise<string[]> {
  const { group } = await withRole(ctx, id);
  return communityGroupsRepository(ctx.em).adminIds(group.id);
}
