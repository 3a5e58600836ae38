import { followsRepository, tracksRepository, usersRepository, type User } from '@veza/db';
import type { UpdateProfileInput } from '@veza/validators';
import { accountsChanged } from '../auth/invalidate.ts';
import type { Context, Viewer } from '../context.ts';
import { DomainError, notFound, unauthorized } from '../errors.ts';
import { relationship } from '../social/follows.service.ts';
import { listingScope } from '../tracks/tracks.service.ts';
import { accountOf, toMe, toUserSummary, type MeDto, type ProfileDto } from './users.dto.ts';

type Ctx = Pick<Context, 'em' | 'viewer' | 'deps'>;

/** The account called `username`, for acting on a person (block, follow): NOT_FOUND naming them otherwise. */
export async function someoneNamed(ctx: Pick<Context, 'em'>, username: string): Promise<User> {
  const user = await usersRepository(ctx.em).byUsername(username);
  if (!user) throw new DomainError('NOT_FOUND', `Nobody is called @${username} here.`, { username: ['No such person.'] });
  return user;
}

export async function byUsername(ctx: Ctx, username: string): Promise<ProfileDto> {
  const user = await usersRepository(ctx.em).byUsername(username);
  if (!user) throw notFound('User');
  const own = ctx.viewer?.id === user.id;
  const { visibilities, statuses } = listingScope(own);
  // The same tracks the profile's list shows to this viewer.
  const trackCount = await tracksRepository(ctx.em).countByOwner(user.id, visibilities, statuses);
  const { followedByMe, requested, followsYou, requestsYou, locked, followerCount, followingCount } = await relationship(ctx, ctx.viewer, user);
  const followRequestCount = own ? await followsRepository(ctx.em).pendingCount(user.id) : 0;
  return {
    ...toUserSummary(user),
    bio: user.bio ?? null,
    createdAt: user.createdAt.toISOString(),
    isPrivate: user.isPrivate,
    trackCount,
    followerCount,
    followingCount,
    followedByMe,
    requested,
    followsYou,
    requestsYou,
    locked,
    followRequestCount,
  };
}

export async function updateProfile(ctx: Ctx, viewer: Viewer, input: UpdateProfileInput): Promise<MeDto> {
  const user = await usersRepository(ctx.em).byIdWithPassword(viewer.id);
  if (!user) throw unauthorized('Your account no longer exists.');
  if (input.displayName !== undefined) user.displayName = input.displayName || null;
  if (input.bio !== undefined) user.bio = input.bio || null;
  const nowPublic = input.isPrivate === false && user.isPrivate;
  if (input.isPrivate !== undefined) user.isPrivate = input.isPrivate;
  await ctx.em.flush();
  // A profile turned public has nothing left to approve: everyone waiting becomes a follower (and should this
  // fail, asking again approves: follows.service `follow`).
  if (nowPublic) await followsRepository(ctx.em).approveAll(user.id);
  await accountsChanged(ctx.deps, [user.id]);
  return toMe(accountOf(user), ctx.deps.security.deletionGraceDays);
}
