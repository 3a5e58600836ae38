// member.joined / member.left on a room's live channel (chat.onRoom), published after the change is committed by
// every path that changes who is in a room: public join, invite accept, leave, kick, ban (as "left"), group add.
import { usersRepository } from '@veza/db';
import type { Context } from '../context.ts';
import { toUserSummary } from '../users/users.dto.ts';
import { publishRoomEvent } from './chat.events.ts';
import { publishOwnMembership } from './inbox.events.ts';

/**
 * Tells the room's live subscribers that `userId` joined or left (nothing when the account is gone), and that
 * person's own inboxes (chat.onInbox: their room list adds or drops the room).
 */
export async function publishMembership(ctx: Pick<Context, 'em' | 'deps'>, type: 'member.joined' | 'member.left', roomId: string, userId: string): Promise<void> {
  await publishOwnMembership(ctx, userId, roomId, type === 'member.joined' ? 'joined' : 'left');
  const user = await usersRepository(ctx.em).byId(userId);
  if (!user) return;
  await publishRoomEvent(ctx.deps.bus, { type, roomId, user: toUserSummary(user) });
}
