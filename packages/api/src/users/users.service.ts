import { followsRepository, repostsRepository, tracksRepository, usersRepository, type User } from '@veza/db';
import { linkKindOf, linkLabelOf, type UpdateProfileInput } from '@veza/validators';
import { accountsChanged } from '../auth/invalidate.ts';
import type { Context, Viewer } from '../context.ts';
import { DomainError, notFound, unauthorized } from '../errors.ts';
import { seesProfile } from '../social/audience.ts';
import { relationship } from '../social/follows.service.ts';
import { toTrackDto, type TrackDto } from '../tracks/tracks.dto.ts';
import { listingScope } from '../tracks/tracks.service.ts';
import { accountOf, profileImageUrl, toMe, toUserSummary, type MeDto, type ProfileDto } from './users.dto.ts';

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
  const likeCount = await tracksRepository(ctx.em).countLikedBy(user.id);
  const { followedByMe, requested, followsYou, requestsYou, locked, followerCount, followingCount } = await relationship(ctx, ctx.viewer, user);
  const followRequestCount = own ? await followsRepository(ctx.em).pendingCount(user.id) : 0;
  return {
    ...toUserSummary(user),
    bio: user.bio ?? null,
    location: user.location ?? null,
    // Rows created before the links existed may hold a JSON string: no links.
    links: (Array.isArray(user.links) ? user.links : []).map(({ url }) => ({ url, kind: linkKindOf(url), label: linkLabelOf(url) })),
    avatarUrl: profileImageUrl(user.id, 'avatar', user.avatarKey),
    bannerUrl: profileImageUrl(user.id, 'banner', user.bannerKey),
    pinnedTrack: locked ? null : await pinnedTrackFor(ctx, user),
    createdAt: user.createdAt.toISOString(),
    isPrivate: user.isPrivate,
    trackCount,
    likeCount,
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

/**
 * The pinned track as this viewer may see it: only as the profile's own list would show it (the owner: always;
 * others: public and ready, on a profile they see; audience.ts). Null otherwise, as if nothing were pinned.
 */
async function pinnedTrackFor(ctx: Ctx, user: User): Promise<TrackDto | null> {
  if (!user.pinnedTrack) return null;
  const track = await tracksRepository(ctx.em).byId(user.pinnedTrack.id);
  if (!track || track.owner.id !== user.id) return null;
  const viewerId = ctx.viewer?.id ?? null;
  const { visibilities, statuses } = listingScope(viewerId === user.id);
  if (!visibilities.includes(track.visibility) || (statuses && !statuses.includes(track.status))) return null;
  if (!(await seesProfile(ctx.em, user, viewerId))) return null;
  const [liked, reposted] = viewerId
    ? await Promise.all([tracksRepository(ctx.em).likedAmong(viewerId, [track.id]), repostsRepository(ctx.em).repostedAmong(viewerId, [track.id])])
    : [new Set<string>(), new Set<string>()];
  return toTrackDto(track, { likedByMe: liked.has(track.id), repostedByMe: reposted.has(track.id), tokens: ctx.deps.tokens });
}

/** What can be pinned: one of the caller's own tracks that finished processing; BAD_REQUEST (`pin_refused`) otherwise. */
async function pinnable(ctx: Ctx, viewer: Viewer, trackId: string) {
  const track = await tracksRepository(ctx.em).byId(trackId);
  if (!track || track.owner.id !== viewer.id) {
    throw new DomainError('BAD_REQUEST', 'You can only pin one of your own tracks.', { pinnedTrackId: ['Choose one of your tracks.'] }, 'pin_refused');
  }
  if (track.status !== 'ready') {
    throw new DomainError('BAD_REQUEST', 'This track is still processing: pin it once it plays.', { pinnedTrackId: ['This track is not ready yet.'] }, 'pin_refused');
  }
  return track;
}

export async function updateProfile(ctx: Ctx, viewer: Viewer, input: UpdateProfileInput): Promise<MeDto> {
  const user = await usersRepository(ctx.em).byIdWithPassword(viewer.id);
  if (!user) throw unauthorized('Your account no longer exists.');
  // Checked before anything changes: a refused pin leaves the whole profile as it was.
  if (input.pinnedTrackId !== undefined) user.pinnedTrack = input.pinnedTrackId === null ? null : await pinnable(ctx, viewer, input.pinnedTrackId);
  if (input.location !== undefined) user.location = input.location;
  if (input.links !== undefined) user.links = input.links.map((url) => ({ url }));
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
