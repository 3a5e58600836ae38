// Group conversations (issue 10, "small group DMs (≤ 10)"). A group is a room of kind `group`: private, no owner
// or moderators (every member is a plain member), at most GROUP_MAX_MEMBERS people.
// - `chat.dms.openGroup` with 2 to 9 other people: the existing group with exactly these members (me included) if
//   there is one (the oldest), else a new one. Unlike Discord, opening the same set twice finds the same group.
// - Any member adds people (`chat.dms.addToGroup`) up to 10 in all, renames it or sets its topic
//   (`chat.rooms.update`; slow mode is for rooms) and leaves (`chat.rooms.leave`; the last one out deletes it).
// - Nobody is brought together with someone they blocked or who blocked them (blocks.service.ts): FORBIDDEN.
//   Two other members who block each other may still share a group; their messages reach each other hidden.
// Access as everywhere in chat: a group you are not in is NOT_FOUND.
import { groupsRepository, type User } from '@veza/db';
import { GROUP_MAX_MEMBERS, type AddToGroupInput, type OpenGroupInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { refuseBlocked } from '../users/blocks.service.ts';
import { toUserSummary, type UserSummaryDto } from '../users/users.dto.ts';
import { publishMembership } from './membership-events.ts';
import { loadMemberRoom } from './rooms.service.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;

/** The accounts named, in order; NOT_FOUND naming who does not exist (or cannot be reached: locked, leaving). */
async function resolvePeople(ctx: Ctx, viewer: Viewer, usernames: string[]): Promise<User[]> {
  if (usernames.includes(viewer.username)) {
    const message = 'Leave yourself out: you are in the conversation already.';
    throw new DomainError('BAD_REQUEST', message, { usernames: [message] });
  }
  const found = await groupsRepository(ctx.em).people(usernames);
  const byName = new Map(found.filter((u) => !u.lockedAt && !u.deletionRequestedAt).map((u) => [u.username, u]));
  const missing = usernames.filter((name) => !byName.has(name));
  if (missing.length > 0) {
    const message = `Nobody is called ${missing.map((name) => `@${name}`).join(', ')} here.`;
    throw new DomainError('NOT_FOUND', message, { usernames: [message] });
  }
  return usernames.map((name) => byName.get(name) as User);
}

/** The group of me and `usernames` (2 to 9 other people): the existing one with exactly these members, or a new one. */
export async function openGroup(ctx: Ctx, viewer: Viewer, input: OpenGroupInput): Promise<{ roomId: string; created: boolean }> {
  const people = await resolvePeople(ctx, viewer, input.usernames);
  await refuseBlocked(ctx, viewer, people, 'group');
  return groupsRepository(ctx.em).open(viewer.id, [viewer.id, ...people.map((p) => p.id)]);
}

/** Adds people to a group I am in (people already in are skipped), up to GROUP_MAX_MEMBERS in all. */
export async function addToGroup(ctx: Ctx, viewer: Viewer, input: AddToGroupInput): Promise<{ roomId: string; added: UserSummaryDto[] }> {
  const { room } = await loadMemberRoom(ctx, viewer, input.roomId);
  if (room.kind !== 'group') throw new DomainError('BAD_REQUEST', 'People can only be added to a group conversation.');
  const people = await resolvePeople(ctx, viewer, input.usernames);
  await refuseBlocked(ctx, viewer, people, 'group');
  const outcome = await groupsRepository(ctx.em).add(room.id, people.map((p) => p.id), GROUP_MAX_MEMBERS);
  if ('full' in outcome) {
    const spaces = Math.max(0, GROUP_MAX_MEMBERS - outcome.members);
    throw new DomainError(
      'CONFLICT',
      `A group has at most ${GROUP_MAX_MEMBERS} people: there is room for ${spaces} more.`,
      { usernames: [`Room for ${spaces} more.`] },
      'group_full',
    );
  }
  const added = people.filter((p) => outcome.added.includes(p.id)).map(toUserSummary);
  for (const user of added) await publishMembership(ctx, 'member.joined', room.id, user.id);
  return { roomId: room.id, added };
}

/** A member leaves a group (chat.rooms.leave); the last one out deletes it with its history. */
export async function leaveGroup(ctx: Ctx, viewer: Viewer, roomId: string): Promise<{ left: boolean; roomDeleted: boolean }> {
  const outcome = await groupsRepository(ctx.em).leave(roomId, viewer.id);
  if (outcome.left && !outcome.roomDeleted) await publishMembership(ctx, 'member.left', roomId, viewer.id);
  return outcome;
}
