// Following (issue 11, "People"): follow and unfollow, follow requests, followers and following lists, "follows you".
//
// - Following is idempotent (the first follow's date stays), unfollowing too; following yourself is BAD_REQUEST.
// - Following a private profile is a request (`pending`): its owner approves or declines it; unfollowing withdraws
//   it. A profile turned public approves every request waiting. Only approved follows count anywhere.
// - A block between two people, either way, ends their follows both ways (blocks.service.ts) and refuses new ones:
//   `blocked_by_me` when I blocked them (I know it), a neutral `blocked` when they blocked me (as for DMs).
// - One account follows (or asks to follow) at most FOLLOWING_MAX people.
// - Lists are newest follow first, keyset-paged; each person in them says whether I follow them and whether they
//   follow me. A private profile's lists show to its approved followers only (audience.ts).
// - The followed person is notified (`follow.new`, or `follow.request`), and the requester once approved
//   (`follow.accepted`).
import { blocksRepository, followsRepository, type User } from '@veza/db';
import { FOLLOWING_MAX, followListInput, followRequestsInput, type FollowListInput, type FollowRequestsInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../tracks/cursor.ts';
import { toUserSummary } from '../users/users.dto.ts';
import { someoneNamed } from '../users/users.service.ts';
import { followNotice } from '../notifications/notifications.service.ts';
import { privateProfile, seesProfile } from './audience.ts';
import type { FollowListPageDto, FollowRequestPageDto, RelationshipDto } from './social.dto.ts';

type Ctx = Pick<Context, 'em'>;
type NoticeCtx = Pick<Context, 'em' | 'deps'>;

/** How `viewer` (null: signed out) stands with `user`, and `user`'s counts. */
export async function relationship(ctx: Ctx, viewer: Pick<Viewer, 'id'> | null, user: Pick<User, 'id' | 'username' | 'displayName' | 'isPrivate'>): Promise<RelationshipDto> {
  const follows = followsRepository(ctx.em);
  const counts = await follows.counts(user.id);
  const mine = viewer && viewer.id !== user.id;
  const [byMe, byThem] = mine ? await Promise.all([follows.get(viewer.id, user.id), follows.get(user.id, viewer.id)]) : [null, null];
  const followedByMe = byMe?.status === 'active';
  return {
    user: toUserSummary(user),
    isPrivate: user.isPrivate,
    followedByMe,
    requested: byMe?.status === 'pending',
    followsYou: byThem?.status === 'active',
    requestsYou: byThem?.status === 'pending',
    locked: user.isPrivate && !followedByMe && viewer?.id !== user.id,
    followerCount: counts.followers,
    followingCount: counts.following,
  };
}

/** Follows `username`, or asks to when the profile is private (again: no change). */
export async function follow(ctx: NoticeCtx, viewer: Viewer, username: string): Promise<RelationshipDto> {
  if (username === viewer.username) throw new DomainError('BAD_REQUEST', 'You cannot follow yourself.', { username: ['That is you.'] }, 'self');
  const target = await someoneNamed(ctx, username);
  const { byMe, byThem } = await blocksRepository(ctx.em).between(viewer.id, [target.id]);
  if (byMe.has(target.id)) throw new DomainError('FORBIDDEN', `You blocked @${target.username}: unblock them first.`, { username: [`You blocked @${target.username}.`] }, 'blocked_by_me');
  if (byThem.has(target.id)) throw new DomainError('FORBIDDEN', `You can't follow @${target.username}.`, undefined, 'blocked');
  const follows = followsRepository(ctx.em);
  const existing = await follows.get(viewer.id, target.id);
  if (existing?.status === 'pending' && !target.isPrivate) await follows.approve(viewer.id, target.id);
  if (!existing) {
    const { following } = await follows.counts(viewer.id);
    if (following >= FOLLOWING_MAX) {
      throw new DomainError('BAD_REQUEST', `You can follow at most ${FOLLOWING_MAX.toLocaleString('en')} people. Unfollow someone first.`, undefined, 'too_many_follows');
    }
    const status = target.isPrivate ? 'pending' : 'active';
    if (await follows.follow(viewer.id, target.id, status)) {
      await followNotice(ctx, { type: status === 'pending' ? 'follow.request' : 'follow.new', recipientId: target.id, actorId: viewer.id });
    }
  }
  return relationship(ctx, viewer, target);
}

/** Stops following `username`, or withdraws the request (neither: no change). */
export async function unfollow(ctx: Ctx, viewer: Viewer, username: string): Promise<RelationshipDto> {
  const target = await someoneNamed(ctx, username);
  await followsRepository(ctx.em).unfollow(viewer.id, target.id);
  return relationship(ctx, viewer, target);
}

/** A page of `username`'s followers or of the people they follow, newest follow first. */
export async function list(ctx: Ctx, viewer: Viewer | null, side: 'followers' | 'following', raw: FollowListInput): Promise<FollowListPageDto> {
  const input = followListInput.parse(raw);
  const user = await someoneNamed(ctx, input.username);
  if (!(await seesProfile(ctx.em, user, viewer?.id ?? null))) throw privateProfile(user.username, 'lists');
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

/** The requests waiting for my approval, newest first. */
export async function requests(ctx: Ctx, viewer: Viewer, raw: FollowRequestsInput): Promise<FollowRequestPageDto> {
  const input = followRequestsInput.parse(raw);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const follows = followsRepository(ctx.em);
  const [{ rows, more }, total] = await Promise.all([
    follows.page(viewer.id, 'requests', after ? { at: after.createdAt, id: after.id } : null, input.limit),
    follows.pendingCount(viewer.id),
  ]);
  const last = rows.at(-1);
  return {
    items: rows.map((r) => ({ user: toUserSummary(r), requestedAt: r.followedAt.toISOString() })),
    total,
    nextCursor: more && last ? encodeCursor({ createdAt: last.followedAt, id: last.id }) : null,
  };
}

/** Approves `username`'s request to follow me; NOT_FOUND when there is none (withdrawn, or already answered). */
export async function approve(ctx: NoticeCtx, viewer: Viewer, username: string): Promise<RelationshipDto> {
  const requester = await someoneNamed(ctx, username);
  if (!(await followsRepository(ctx.em).approve(requester.id, viewer.id))) throw noRequest(requester.username);
  await followNotice(ctx, { type: 'follow.accepted', recipientId: requester.id, actorId: viewer.id });
  return relationship(ctx, viewer, requester);
}

/** Declines `username`'s request to follow me (they are not told); NOT_FOUND when there is none. */
export async function decline(ctx: Ctx, viewer: Viewer, username: string): Promise<RelationshipDto> {
  const requester = await someoneNamed(ctx, username);
  if (!(await followsRepository(ctx.em).decline(requester.id, viewer.id))) throw noRequest(requester.username);
  return relationship(ctx, viewer, requester);
}

const noRequest = (username: string) => new DomainError('NOT_FOUND', `@${username} has no follow request waiting for you.`, undefined, 'no_request');
