// A community group's chat room (packages/api/src/groups) follows the group: who is in it, their roles and its name
// are the group's. The chat procedures that would change those on their own refuse such a room, so a group admin
// cannot invite a non-member into a private group's room, and leaving the room means leaving the group.
import { Group } from '@veza/db';
import type { Context } from '../context.ts';
import { DomainError } from '../errors.ts';

/** What is refused in a group's room, and where to do it instead. */
const REFUSALS = {
  leave: "This is a group's room: leave the group to leave it.",
  members: "This is a group's room: its members and their roles are managed from the group.",
  invite: "This is a group's room: invite people to the group instead.",
  rename: "This is a group's room: it is named after the group (rename the group instead).",
} as const;

/** Throws FORBIDDEN (reason `group_room`) when `roomId` is a community group's room. */
export async function refuseInGroupRoom(ctx: Pick<Context, 'em'>, roomId: string, what: keyof typeof REFUSALS): Promise<void> {
  if ((await ctx.em.count(Group, { room: roomId })) > 0) throw new DomainError('FORBIDDEN', REFUSALS[what], undefined, 'group_room');
}
