// Invite links (issue 10, "Rooms"): the owner and moderators create them, with an optional expiry and number of
// uses; anyone signed in with the code joins (private rooms too) unless banned there. The code is 256 random bits
// (base64url); only its SHA-256 is stored. Accepting counts a use atomically (chatRepository.acceptInvite):
// concurrent accepts never pass `maxUses`; someone already in the room uses nothing.
import { createHash, randomBytes } from 'node:crypto';
import { chatRepository, type RoomInvite } from '@veza/db';
import type { CreateInviteInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { toUserSummary, type UserSummaryDto } from '../users/users.dto.ts';
import { refuseInGroupRoom } from './group-rooms.ts';
import { publishMembership } from './membership-events.ts';
import { bannedHere, loadMemberRoom, requireModerator } from './rooms.service.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;

export interface InviteDto {
  id: string;
  roomId: string;
  /** Shown once, at creation: only its hash is kept. */
  code: string;
  /** The web app's path that accepts it. */
  path: string;
  expiresAt: string | null;
  maxUses: number | null;
}

export const hashInviteCode = (code: string) => createHash('sha256').update(code).digest('hex');
export const invitePath = (code: string) => `/chat/invite/${code}`;

const invalidInvite = () => new DomainError('NOT_FOUND', 'This invite link is not valid (it may have been revoked).', undefined, 'invite_invalid');

export async function create(ctx: Ctx, viewer: Viewer, input: CreateInviteInput): Promise<InviteDto> {
  const { room, member } = await loadMemberRoom(ctx, viewer, input.roomId);
  if (room.kind === 'dm') throw new DomainError('BAD_REQUEST', 'A direct conversation has no invite links.');
  requireModerator(member, "Only the room's owner and moderators can create invite links.");
  await refuseInGroupRoom(ctx, room.id, 'invite');
  const code = randomBytes(32).toString('base64url');
  const expiresAt = input.expiresInSeconds === undefined ? null : new Date(Date.now() + input.expiresInSeconds * 1000);
  const invite = await chatRepository(ctx.em).createInvite({
    roomId: room.id,
    codeHash: hashInviteCode(code),
    createdById: viewer.id,
    expiresAt,
    maxUses: input.maxUses ?? null,
  });
  return { id: invite.id, roomId: room.id, code, path: invitePath(code), expiresAt: expiresAt?.toISOString() ?? null, maxUses: invite.maxUses ?? null };
}

/** Why an invite cannot be used now, as a typed error; null when it can. */
export function unusable(invite: RoomInvite): DomainError | null {
  if (invite.revokedAt) return invalidInvite();
  if (invite.expiresAt && invite.expiresAt.getTime() <= Date.now()) {
    return new DomainError('CONFLICT', 'This invite link has expired: ask for a new one.', undefined, 'invite_expired');
  }
  if (invite.maxUses !== null && invite.maxUses !== undefined && invite.uses >= invite.maxUses) {
    return new DomainError('CONFLICT', 'This invite link has been used as many times as it allows: ask for a new one.', undefined, 'invite_used_up');
  }
  return null;
}

/** Joins the invite's room (someone already in it: `joined: false`, no use counted). */
export async function accept(ctx: Ctx, viewer: Viewer, code: string): Promise<{ roomId: string; joined: boolean }> {
  const repo = chatRepository(ctx.em);
  const invite = await repo.inviteByHash(hashInviteCode(code));
  if (!invite) throw invalidInvite();
  const roomId = invite.room.id;
  if (await repo.membership(roomId, viewer.id)) return { roomId, joined: false };
  if (await repo.banOf(roomId, viewer.id)) throw bannedHere();
  const refusal = unusable(invite);
  if (refusal) throw refusal;
  const outcome = await repo.acceptInvite(invite.id, roomId, viewer.id);
  if (outcome === 'refused') {
    // Used up, expired or revoked between the read and the join: say which.
    const now = await repo.inviteById(invite.id);
    throw (now && unusable(now)) ?? invalidInvite();
  }
  // Not inserted and not in the room: a ban landed meanwhile.
  if (outcome === 'already' && !(await repo.membership(roomId, viewer.id))) throw bannedHere();
  if (outcome === 'joined') await publishMembership(ctx, 'member.joined', roomId, viewer.id);
  return { roomId, joined: outcome === 'joined' };
}

/** An invite as room settings list it (the code itself is never shown again). */
export interface InviteSummaryDto {
  id: string;
  createdBy: UserSummaryDto | null;
  createdAt: string;
  expiresAt: string | null;
  maxUses: number | null;
  uses: number;
  revokedAt: string | null;
  /** Usable now: not revoked, not expired, not used up. */
  active: boolean;
}

/** Most invites `chat.invites.list` returns (the newest). */
export const INVITES_LIST_MAX = 100;

/** The room's invites, newest first, for its owner and moderators. */
export async function list(ctx: Ctx, viewer: Viewer, roomId: string): Promise<InviteSummaryDto[]> {
  const { room, member } = await loadMemberRoom(ctx, viewer, roomId);
  requireModerator(member, "Only the room's owner and moderators can see its invite links.");
  const invites = await chatRepository(ctx.em).invitesOf(room.id, INVITES_LIST_MAX);
  return invites.map((invite) => ({
    id: invite.id,
    createdBy: invite.createdBy ? toUserSummary(invite.createdBy) : null,
    createdAt: invite.createdAt.toISOString(),
    expiresAt: invite.expiresAt?.toISOString() ?? null,
    maxUses: invite.maxUses ?? null,
    uses: invite.uses,
    revokedAt: invite.revokedAt?.toISOString() ?? null,
    active: unusable(invite) === null,
  }));
}

/** The room's owner and moderators revoke an invite: it stops working at once. */
export async function revoke(ctx: Ctx, viewer: Viewer, inviteId: string): Promise<{ revoked: boolean }> {
  const repo = chatRepository(ctx.em);
  const invite = await repo.inviteById(inviteId);
  if (!invite) throw new DomainError('NOT_FOUND', 'This invite does not exist.');
  const { member } = await loadMemberRoom(ctx, viewer, invite.room.id);
  requireModerator(member, "Only the room's owner and moderators can revoke invite links.");
  return { revoked: await repo.revokeInvite(invite.id) };
}
