// Following (issue 11, "People"): follow and unfollow, followers and following lists, "follows you".
//
// - Following is idempotent (the first follow's date stays), unfollowing too; following yourself is BAD_REQUEST.
// - A block between two people, either way, ends their follows both ways (blocks.service.ts) and refuses new ones:
//   `blocked_by_me` when I blocked them (I know it), a neutral `blocked` when they blocked me (as for DMs).
// - One account follows at most FOLLOWING_MAX people.
// - Lists are public, newest follow first, keyset-paged; each person in them says whether I follow them and whether
//   they follow me.
import { blocksRepository, followsRepository, type User } from '@veza/db';
import { FOLLOWING_MAX, followListInput, type FollowListInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../tracks/cursor.ts';
import { toUserSummary } from '../users/users.dto.ts';
import { someoneNamed } from '../users/users.service.ts';
import type { FollowListPageDto, RelationshipDto } from './social.dto.ts';

type Ctx = Pick<Context, 'em'>;

/** How `viewer` (null: signed out) stands with `user`, and `user`'s counts. */
export async function relationship(ctx: Ctx, viewer: Pick<Viewer, 'id'> | null, user: Pick<User, 'id' | 'username' | 'displayName'>): Promise<RelationshipDto> {
  const follows = followsRepository(ctx.em);
  const counts = await follows.counts(user.id);
  const mine = viewer && viewer.id !== user.id;
  const [followedByMe, followsYou] = mine ? await Promise.all([follows.get(viewer.id, user.id), follows.get(user.id, viewer.id)]) : [null, null];
  return {
    user: toUserSummary(user),
    followedByMe: followedByMe?.status === 'active',
    followsYou: followsYou?.status === 'active',
    followerCount: counts.followers,
    followingCount: counts.following,
  };
}

/** Follows `username` (again: no change). */
export async function follow(ctx: Ctx, viewer: Viewer, username: string): Promise<RelationshipDto> {
  if (username === viewer.username) throw new DomainError('BAD_REQUEST', 'You cannot follow yourself.', { username: ['That is you.'] }, 'self');
  const target = await someoneNamed(ctx, username);
  const { byMe, byThem } = await blocksRepository(ctx.em).between(viewer.id, [target.id]);
  if (byMe.has(target.id)) throw new DomainError('FORBIDDEN', `You blocked @${target.username}: unblock them first.`, { username: [`You blocked @${target.username}.`] }, 'blocked_by_me');
  if (byThem.has(target.id)) throw new DomainError('FORBIDDEN', `You can't follow @${target.username}.`, undefined, 'blocked');
  const follows = followsRepository(ctx.em);
  if (!(await follows.get(viewer.id, target.id))) {
    const { following } = await follows.counts(viewer.id);
    if (following >= FOLLOWING_MAX) {
      throw new DomainError('BAD_REQUEST', `You can follow at most ${FOLLOWING_MAX.toLocaleString('en')} people. Unfollow someone first.`, undefined, 'too_many_follows');
    }
    await follows.follow(viewer.id, target.id);
  }
  return relationship(ctx, viewer, target);
}

/** Stops following `username` (not following: no change). */
export async function unfollow(ctx: Ctx, viewer: Viewer, username: string): Promise<RelationshipDto> {
  const target = await someoneNamed(ctx, username);
  await followsRepository(ctx.em).unfollow(viewer.id, target.id);
  return relationship(ctx, viewer, target);
}

/** A page of `username`'s followers or of the people they follow, newest follow first. */
export async function list(ctx: Ctx, viewer: Viewer | null, side: 'followers' | 'following', raw: FollowListInput): Promise<FollowListPageDto> {
  const input = followListInput.parse(raw);
  const user = await someoneNamed(ctx, input.username);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const follows = followsRepository(ctx.em);
  const { rows, more } = await follows.page(user.id, side, after ? { at: after.createdAt, id: after.id } : null, input.limit);
  const ids = rows.map((r) => r.id);
  const [followedByMe, followsYou] = viewer ? await Promise.all([follows.followedBy(viewer.id, ids), follows.followersAmong(viewer.id, ids)]) : [new Set<string>(), new Set<string>()];
  const last = rows.at(-1);
  return {
    items: rows.map((r) => ({
      user: toUserSummary(r),
      followedAt: r.followedAt.toISOString(),
      followedByMe: followedByMe.has(r.id),
      followsYou: followsYou.has(r.id),
    })),
    nextCursor: more && last ? encodeCursor({ createdAt: last.followedAt, id: last.id }) : null,
  };
}
