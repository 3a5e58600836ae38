// What an invite link shows before it is accepted (issue 10): the room's name, topic, icon and size, to anyone
// signed in holding a usable code (private rooms included: the code is the invitation). A revoked, expired or
// used-up code answers the same typed errors as accepting it would.
import { chatRepository, inboxRepository, type RoomVisibility } from '@veza/db';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { hashInviteCode, unusable } from './invites.service.ts';
import { roomIconUrl } from './chat.dto.ts';
import { bannedHere } from './rooms.service.ts';

type Ctx = Pick<Context, 'em'>;

export interface InvitePreviewDto {
  roomId: string;
  name: string | null;
  topic: string | null;
  visibility: RoomVisibility;
  /** The icon's URL for this invite's holder (it carries the code: private rooms' icons need it), null without one. */
  iconUrl: string | null;
  memberCount: number;
  /** The viewer is in the room already (accepting only opens it). */
  member: boolean;
}

const invalidInvite = () => new DomainError('NOT_FOUND', 'This invite link is not valid (it may have been revoked).', undefined, 'invite_invalid');

export async function preview(ctx: Ctx, viewer: Viewer, code: string): Promise<InvitePreviewDto> {
  const repo = chatRepository(ctx.em);
  const invite = await repo.inviteByHash(hashInviteCode(code));
  if (!invite) throw invalidInvite();
  const member = (await repo.membership(invite.room.id, viewer.id)) !== null;
  if (!member) {
    if (await repo.banOf(invite.room.id, viewer.id)) throw bannedHere();
    const refusal = unusable(invite);
    if (refusal) throw refusal;
  }
  const room = invite.room;
  const iconUrl = roomIconUrl(room);
  return {
    roomId: room.id,
    name: room.name ?? null,
    topic: room.topic ?? null,
    visibility: room.visibility,
    iconUrl: iconUrl && `${iconUrl}&invite=${encodeURIComponent(code)}`,
    memberCount: await inboxRepository(ctx.em).memberCount(room.id),
    member,
  };
}
