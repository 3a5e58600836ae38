// Invitations to a group (issue 12): by username (an admin invites; the person accepts or declines) and by invite link
// (an admin makes one, optionally expiring; whoever holds its token joins, private groups too, until it is revoked).
// Tokens are 256 random bits (base64url); only their SHA-256 is stored. Nobody banned joins, and invitations between
// two people when either blocked the other are refused with the same words either way. Changes run under the group's
// lock (membership.service.ts).
import { createHash, randomBytes } from 'node:crypto';
import { blocksRepository, communityGroupsRepository } from '@veza/db';
import type { Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { groupInvite } from '../notifications/notifications.service.ts';
import { someoneNamed } from '../users/users.service.ts';
import { toUserSummary } from '../users/users.dto.ts';
import type { GroupDto, GroupInvitationDto, GroupInviteResultDto, GroupLinkDto, GroupLinkSummaryDto } from './groups.dto.ts';
import { groupDto, loadGroup, managed, manages, notAdmin, toGroupDtos, type Ctx } from './groups.service.ts';
import { bannedHere, changing, roomJoined } from './membership.service.ts';

const linkInvalid = () => new DomainError('NOT_FOUND', 'This invite link is not valid (it may have been revoked).', undefined, 'link_invalid');
const linkExpired = () => new DomainError('CONFLICT', 'This invite link has expired: ask for a new one.', undefined, 'link_expired');

/**
 * An admin invites someone by username (again: nothing changes). A block between them, either way, is refused with
 * the same words. `created` tells that a new invitation (and so a notification to `user`) is due.
 */
export async function invite(ctx: Ctx, viewer: Viewer, id: string, username: string): Promise<GroupInviteResultDto> {
  const { group } = await managed(ctx, id);
  const person = await someoneNamed(ctx, username);
  if (person.id === viewer.id) throw new DomainError('BAD_REQUEST', 'You are in this group already.', undefined, 'self');
  const { byMe, byThem } = await blocksRepository(ctx.em).between(viewer.id, [person.id]);
  if (byMe.size > 0 || byThem.size > 0) throw new DomainError('FORBIDDEN', `You can't invite @${person.username} to this group.`, undefined, 'cannot_invite');
  const outcome = await changing(ctx, group.id, async (ops) => {
    if (!manages(await ops.role(viewer.id))) throw notAdmin();
    if (await ops.role(person.id)) return { status: 'member' as const, created: false };
    if (await ops.banned(person.id)) throw new DomainError('BAD_REQUEST', `@${person.username} is banned from this group: lift the ban first.`, undefined, 'banned');
    return { status: 'invited' as const, created: await ops.invite(person.id, viewer.id) };
  });
  if (outcome.created) await groupInvite(ctx, { recipientId: person.id, actorId: viewer.id, groupId: group.id });
  return { groupId: group.id, user: toUserSummary(person), ...outcome };
}

/** Accepts an invitation: I am a member. */
export async function acceptInvite(ctx: Ctx, viewer: Viewer, id: string): Promise<GroupDto> {
  const group = await loadGroup(ctx, id);
  const joined = await changing(ctx, group.id, async (ops) => {
    if (await ops.role(viewer.id)) return false;
    if (!(await ops.hasInvitation(viewer.id))) throw new DomainError('NOT_FOUND', 'There is no invitation to this group for you.', undefined, 'no_invitation');
    if (await ops.banned(viewer.id)) throw bannedHere();
    return ops.addMember(viewer.id);
  });
  if (joined) await roomJoined(ctx, group.room?.id ?? null, viewer.id);
  return groupDto(ctx, group.id);
}

export async function declineInvite(ctx: Ctx, viewer: Viewer, id: string): Promise<{ declined: boolean }> {
  const group = await loadGroup(ctx, id);
  return { declined: await changing(ctx, group.id, (ops) => ops.dropInvitation(viewer.id)) };
}

/** Most invitations `groups.invitations` returns (the newest). */
export const INVITATIONS_MAX = 100;

/** The invitations waiting for me, newest first. */
export async function invitations(ctx: Ctx, viewer: Viewer): Promise<GroupInvitationDto[]> {
  const rows = await communityGroupsRepository(ctx.em).invitationsOf(viewer.id, INVITATIONS_MAX);
  const groups = await toGroupDtos(ctx, rows.map((r) => r.group));
  return rows.map((r, i) => ({ group: groups[i]!, invitedBy: r.invitedBy ? toUserSummary(r.invitedBy) : null, createdAt: r.createdAt.toISOString() }));
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** An admin makes an invite link (256 random bits; only the hash is kept), optionally expiring. */
export async function createLink(ctx: Ctx, viewer: Viewer, id: string, expiresInSeconds: number | undefined): Promise<GroupLinkDto> {
  const { group } = await managed(ctx, id);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = expiresInSeconds === undefined ? null : new Date(Date.now() + expiresInSeconds * 1000);
  const link = await communityGroupsRepository(ctx.em).createLink({ groupId: group.id, tokenHash: hashToken(token), createdById: viewer.id, expiresAt });
  return { id: link.id, groupId: group.id, token, path: `/groups/join/${token}`, expiresAt: expiresAt?.toISOString() ?? null };
}

/** Most links `groups.links` returns (the newest). */
export const LINKS_MAX = 100;

const linkLive = (link: { revokedAt?: Date | null; expiresAt?: Date | null }) => !link.revokedAt && !(link.expiresAt && link.expiresAt.getTime() <= Date.now());

export async function links(ctx: Ctx, viewer: Viewer, id: string): Promise<GroupLinkSummaryDto[]> {
  const { group } = await managed(ctx, id);
  const rows = await communityGroupsRepository(ctx.em).linksOf(group.id, LINKS_MAX);
  return rows.map((l) => ({
    id: l.id,
    createdBy: l.createdBy ? toUserSummary(l.createdBy) : null,
    createdAt: l.createdAt.toISOString(),
    expiresAt: l.expiresAt?.toISOString() ?? null,
    uses: l.uses,
    revokedAt: l.revokedAt?.toISOString() ?? null,
    active: linkLive(l),
  }));
}

/** An admin revokes a link: it stops working at once. */
export async function revokeLink(ctx: Ctx, viewer: Viewer, linkId: string): Promise<{ revoked: boolean }> {
  const repo = communityGroupsRepository(ctx.em);
  const link = await repo.linkById(linkId);
  if (!link) throw new DomainError('NOT_FOUND', 'This invite link does not exist.', undefined, 'link_invalid');
  await managed(ctx, link.group.id);
  return { revoked: await repo.revokeLink(link.id) };
}

/** Joins the group of an invite link (private groups too), unless banned there. */
export async function joinByLink(ctx: Ctx, viewer: Viewer, token: string): Promise<GroupDto> {
  const repo = communityGroupsRepository(ctx.em);
  const link = await repo.linkByHash(hashToken(token));
  if (!link || link.revokedAt) throw linkInvalid();
  if (!linkLive(link)) throw linkExpired();
  const group = await loadGroup(ctx, link.group.id);
  const joined = await changing(ctx, group.id, async (ops) => {
    if (await ops.role(viewer.id)) return false;
    if (await ops.banned(viewer.id)) throw bannedHere();
    if (!(await ops.useLink(link.id))) throw linkInvalid();
    return ops.addMember(viewer.id);
  });
  if (joined) await roomJoined(ctx, group.room?.id ?? null, viewer.id);
  return groupDto(ctx, group.id);
}
