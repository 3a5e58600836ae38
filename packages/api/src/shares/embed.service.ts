// The embeddable player and oEmbed (issue 11). Embeds are seen by strangers on other sites, so they answer as to a
// signed-out visitor whoever asks: public and unlisted tracks of public profiles, or any track with a live private
// share link of it (`share`). Everything else, like a track that does not exist, is NOT_FOUND.
import { buffer } from 'node:stream/consumers';
import { tracksRepository, type Track } from '@veza/db';
import sharp from 'sharp';
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import { toTrackDto } from '../tracks/tracks.dto.ts';
import { coverUrlOf } from '../tracks/cover.service.ts';
import { shareGrants, withShareToken } from './share-access.ts';
import type { EmbedTrackDto } from './shares.dto.ts';
import { shareUrl } from './shares.service.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;

const displayNameOf = (u: { username: string; displayName?: string | null | undefined }) => u.displayName?.trim() || u.username;

/** Whether a stranger may see the track: not private, and its owner's profile not private. */
export const openToStrangers = (track: Pick<Track, 'visibility'> & { owner: { isPrivate: boolean } }) => track.visibility !== 'private' && !track.owner.isPrivate;

const absolute = (ctx: Ctx, path: string | null) => (path ? new URL(path, ctx.deps.security.appOrigin).toString() : null);

/** The cover's size in pixels (oEmbed's thumbnail needs it), read from the image's first bytes; null when unreadable. */
async function coverSize(ctx: Ctx, key: string): Promise<{ width: number; height: number } | null> {
  try {
    const head = await buffer(ctx.deps.storage.read(key, { start: 0, end: 256 * 1024 - 1 }));
    const { width, height } = await sharp(head, { failOn: 'none' }).metadata();
    return width && height ? { width, height } : null;
  } catch {
    return null;
  }
}

export const trackPageUrl = (ctx: Ctx, trackId: string) => new URL(`/tracks/${trackId}`, ctx.deps.security.appOrigin).toString();

/** The embed's data for a track, as anyone holding the embed's URL may see it. */
export async function embedTrack(ctx: Ctx, input: { trackId: string; share?: string | undefined }): Promise<EmbedTrackDto> {
  const track = await tracksRepository(ctx.em).byId(input.trackId);
  if (!track) throw notFound('Track');
  const open = openToStrangers(track);
  const share = !open && input.share && (await shareGrants(ctx, track.id, input.share)) ? input.share : null;
  if (!open && !share) throw notFound('Track');
  await ctx.em.populate(track, ['waveform']);
  const dto = toTrackDto(track, { likedByMe: false, repostedByMe: false, tokens: ctx.deps.tokens, detail: true });
  const carry = (url: string) => (share ? withShareToken(url, share) : url);
  return {
    id: track.id,
    title: track.title,
    artistName: displayNameOf(track.owner),
    username: track.owner.username,
    durationMs: dto.durationMs,
    coverUrl: dto.coverUrl ? carry(dto.coverUrl) : null,
    waveform: dto.waveform,
    hls: dto.hls,
    audioUrl: carry(dto.audioUrl),
    pageUrl: share ? shareUrl({ ...ctx, viewer: null }, share) : trackPageUrl(ctx, track.id),
  };
}

/**
 * What oEmbed and a page's link preview say of a track a stranger may see; null for any other. `measureCover`: read
 * the cover's size too (oEmbed's thumbnail).
 */
export async function publicTrackCard(ctx: Ctx, trackId: string, { measureCover = false }: { measureCover?: boolean } = {}) {
  const track = await tracksRepository(ctx.em).byId(trackId);
  if (!track || !openToStrangers(track)) return null;
  const coverUrl = absolute(ctx, coverUrlOf(track));
  return {
    id: track.id,
    title: track.title,
    visibility: track.visibility,
    artistName: displayNameOf(track.owner),
    artistUrl: new URL(`/u/${track.owner.username}`, ctx.deps.security.appOrigin).toString(),
    pageUrl: trackPageUrl(ctx, track.id),
    /** Only for public tracks: an unlisted track's cover is not advertised. */
    cover: track.visibility === 'public' && coverUrl && track.coverKey ? { url: coverUrl, size: measureCover ? await coverSize(ctx, track.coverKey) : null } : null,
    description: track.description ?? null,
  };
}
