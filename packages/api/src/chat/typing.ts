// Typing indicators (issue 10, "Read state"): a member says they are typing; the room's live subscribers
// (chat.onRoom, every instance) show it until `expiresAt` unless renewed. Never stored; the event may be dropped
// for a subscriber that falls behind (bus listener and socket guard), which only hides an indicator for a moment.
//
// Clients call chat.typing at most every ~3 s while the composer changes (TYPING_RENEW_MS), so the indicator stays
// up while someone types and goes away within TYPING_TTL_MS after they stop. Rate limited per user (5/s, chat.limits.ts).
import { usersRepository } from '@veza/db';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { toUserSummary } from '../users/users.dto.ts';
import { activeMute } from './chat.dto.ts';
import { publishRoomEvent } from './chat.events.ts';
import { loadMemberRoom } from './rooms.service.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;

/** How long a typing indicator shows without being renewed. */
export const TYPING_TTL_MS = 6_000;
/** How often a client that keeps typing should renew it. */
export const TYPING_RENEW_MS = 3_000;

/** Tells the room's other members the viewer is typing (members only; a muted member is refused). */
export async function typing(ctx: Ctx, viewer: Viewer, roomId: string): Promise<{ expiresAt: string }> {
  const { room, member } = await loadMemberRoom(ctx, viewer, roomId);
  const mutedUntil = activeMute(member);
  if (mutedUntil) throw new DomainError('FORBIDDEN', `You are muted in this room until ${mutedUntil.slice(0, 16).replace('T', ' ')} UTC.`, undefined, 'muted');
  const user = await usersRepository(ctx.em).byId(viewer.id);
  if (!user) throw new DomainError('UNAUTHORIZED', 'Sign in again.');
  const expiresAt = new Date(Date.now() + TYPING_TTL_MS).toISOString();
  await publishRoomEvent(ctx.deps.bus, { type: 'typing', roomId: room.id, user: toUserSummary(user), expiresAt });
  return { expiresAt };
}
