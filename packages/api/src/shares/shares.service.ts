// Private share links of tracks (issue 11): the owner makes a link (a 256-bit token, shown once; only its SHA-256 is
// stored), optionally labelled and expiring, lists their links with their state and revokes them. Whoever holds a
// live link hears the track whatever its visibility or its owner's private profile: `shares.track` answers the track
// with media URLs that carry the token (`?share=`), which the audio and cover routes accept (share-access.ts); HLS
// URLs are signed per track already. A revoked, expired or unknown link answers NOT_FOUND with a reason.
import { randomBytes } from 'node:crypto';
import { repostsRepository, trackSharesRepository, tracksRepository, type TrackShare } from '@veza/db';
import { createShareInput, SHARE_LINKS_PER_TRACK_MAX, type CreateShareInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError, forbidden, notFound } from '../errors.ts';
import { toTrackDto } from '../tracks/tracks.dto.ts';
import { visibleTrack } from '../tracks/tracks.service.ts';
import { hashShareToken, withShareToken } from './share-access.ts';
import { shareStatusOf, toShareLinkDto, type CreatedShareDto, type ShareLinkDto, type ShareLinkListDto, type SharedTrackDto } from './shares.dto.ts';

type Ctx = Pick<Context, 'em' | 'viewer' | 'deps'>;

/** Links a list shows at most (newest first): live ones are capped, revoked and expired ones are history. */
const LIST_MAX = 200;

export const shareUrl = (ctx: Ctx, token: string) => new URL(`/share/${token}`, ctx.deps.security.appOrigin).toString();

/** The track, if the viewer sees it and owns it: others get NOT_FOUND (unseen) or FORBIDDEN. */
async function ownedTrack(ctx: Ctx, viewer: Viewer, trackId: string) {
  const track = await visibleTrack(ctx, trackId);
  if (track.owner.id !== viewer.id) throw forbidden('Only the track’s owner can manage its private links.');
  return track;
}

export async function create(ctx: Ctx, viewer: Viewer, raw: CreateShareInput): Promise<CreatedShareDto> {
  const input = createShareInput.parse(raw);
  const track = await ownedTrack(ctx, viewer, input.trackId);
  const token = randomBytes(32).toString('base64url');
  const id = crypto.randomUUID();
  const now = new Date();
  const added = await trackSharesRepository(ctx.em).create(
    { id, trackId: track.id, createdById: viewer.id, tokenHash: hashShareToken(token), label: input.label || null, expiresAt: input.expiresAt ? new Date(input.expiresAt) : null },
    SHARE_LINKS_PER_TRACK_MAX,
    now,
  );
  if (!added) {
    throw new DomainError('CONFLICT', `A track can have at most ${SHARE_LINKS_PER_TRACK_MAX} working private links. Revoke one you no longer need first.`, undefined, 'share_limit');
  }
  const link = await trackSharesRepository(ctx.em).byId(id);
  if (!link) throw notFound('Share link');
  return { id, token, url: shareUrl(ctx, token), link: toShareLinkDto(link, now) };
}

export async function list(ctx: Ctx, viewer: Viewer, trackId: string): Promise<ShareLinkListDto> {
  const track = await ownedTrack(ctx, viewer, trackId);
  const now = new Date();
  const items = (await trackSharesRepository(ctx.em).forTrack(track.id, LIST_MAX)).map((s) => toShareLinkDto(s, now));
  const live = items.filter((s) => s.status === 'active').length;
  return { items, remaining: Math.max(0, SHARE_LINKS_PER_TRACK_MAX - live) };
}

/** Revokes one of the viewer's links; revoking a revoked link changes nothing and answers the same. */
export async function revoke(ctx: Ctx, viewer: Viewer, id: string): Promise<ShareLinkDto> {
  const shares = trackSharesRepository(ctx.em);
  const share = await shares.byId(id);
  // Someone else's link is as unknown as a link that does not exist.
  if (!share || share.track.owner.id !== viewer.id) throw notFound('Share link');
  const now = new Date();
  await shares.revoke(id, now);
  const fresh = await shares.byId(id);
  return toShareLinkDto(fresh ?? share, now);
}

/** Why a link does not open: NOT_FOUND with a reason the page acts on, and words for people. */
export function refusalOf(share: TrackShare | null, now: Date): DomainError | null {
  if (!share) return new DomainError('NOT_FOUND', 'This share link does not exist. Check that it was copied whole.', undefined, 'share_not_found');
  const status = shareStatusOf(share, now);
  if (status === 'revoked') return new DomainError('NOT_FOUND', 'This share link was turned off by the person who shared it.', undefined, 'share_revoked');
  if (status === 'expired') return new DomainError('NOT_FOUND', 'This share link has expired. Ask the person who shared it for a new one.', undefined, 'share_expired');
  return null;
}

/** GetSharedTrack: the track a live link opens, for anyone holding it; each opening is counted. */
export async function sharedTrack(ctx: Ctx, token: string): Promise<SharedTrackDto> {
  const now = new Date();
  const shares = trackSharesRepository(ctx.em);
  const share = await shares.byTokenHash(hashShareToken(token));
  const refusal = refusalOf(share, now);
  if (refusal || !share) throw refusal ?? notFound('Share link');
  await shares.markUsed(share.id, now);
  const track = share.track;
  await ctx.em.populate(track, ['waveform', 'lyrics']);
  const viewerId = ctx.viewer?.id;
  const liked = viewerId ? await tracksRepository(ctx.em).likedAmong(viewerId, [track.id]) : new Set<string>();
  const reposted = viewerId ? await repostsRepository(ctx.em).repostedAmong(viewerId, [track.id]) : new Set<string>();
  const dto = toTrackDto(track, { likedByMe: liked.has(track.id), repostedByMe: reposted.has(track.id), tokens: ctx.deps.tokens, detail: true });
  return {
    track: { ...dto, audioUrl: withShareToken(dto.audioUrl, token), coverUrl: dto.coverUrl ? withShareToken(dto.coverUrl, token) : null },
    expiresAt: share.expiresAt?.toISOString() ?? null,
  };
}
