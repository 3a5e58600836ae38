import { basename, extname } from 'node:path';
import { Track, tracksRepository, usersRepository, type TrackVisibility } from '@veza/db';
import { readAudioMetadata, sniffAudio, UnreadableAudioError } from '@veza/media';
import type { ListTracksInput, UpdateTrackInput } from '@veza/validators';
import { listTracksInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError, forbidden, notFound } from '../errors.ts';
import { trackLiked } from '../notifications/notifications.service.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { toTrackDto, type TrackDto, type TrackPageDto } from './tracks.dto.ts';

type Ctx = Pick<Context, 'em' | 'viewer' | 'deps'>;

const ALL: TrackVisibility[] = ['public', 'unlisted', 'private'];
const canSee = (t: Track, viewer: Viewer | null) => t.visibility !== 'private' || t.owner.id === viewer?.id;

async function loadVisible(ctx: Ctx, id: string) {
  const track = await tracksRepository(ctx.em).byId(id);
  if (!track || !canSee(track, ctx.viewer)) throw notFound('Track');
  return track;
}

async function loadOwned(ctx: Ctx, viewer: Viewer, id: string) {
  const track = await loadVisible(ctx, id);
  if (track.owner.id !== viewer.id) throw forbidden('Only the owner can change this track.');
  return track;
}

export async function list(ctx: Ctx, raw: ListTracksInput): Promise<TrackPageDto> {
  const input = listTracksInput.parse(raw);
  const tracks = tracksRepository(ctx.em);
  let ownerId: string | undefined;
  let visibilities: TrackVisibility[] = ['public'];
  if (input.username) {
    const owner = await usersRepository(ctx.em).byUsername(input.username);
    if (!owner) throw notFound('User');
    ownerId = owner.id;
    if (owner.id === ctx.viewer?.id) visibilities = ALL;
  }
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const { rows, hasMore } = await tracks.page({ limit: input.limit, after, visibilities, ...(ownerId ? { ownerId } : {}) });
  const liked = ctx.viewer ? await tracks.likedAmong(ctx.viewer.id, rows.map((r) => r.id)) : new Set<string>();
  const last = rows.at(-1);
  return {
    items: rows.map((t) => toTrackDto(t, liked.has(t.id))),
    nextCursor: hasMore && last ? encodeCursor(last) : null,
  };
}

export async function byId(ctx: Ctx, id: string): Promise<TrackDto> {
  const track = await loadVisible(ctx, id);
  const liked = ctx.viewer ? await tracksRepository(ctx.em).likedAmong(ctx.viewer.id, [id]) : new Set<string>();
  return toTrackDto(track, liked.has(id));
}

export async function update(ctx: Ctx, viewer: Viewer, input: UpdateTrackInput): Promise<TrackDto> {
  const track = await loadOwned(ctx, viewer, input.id);
  if (input.title !== undefined) track.title = input.title;
  if (input.description !== undefined) track.description = input.description || null;
  if (input.visibility !== undefined) track.visibility = input.visibility;
  await ctx.em.flush();
  return byId(ctx, track.id);
}

export async function remove(ctx: Ctx, viewer: Viewer, id: string): Promise<{ id: string }> {
  const track = await loadOwned(ctx, viewer, id);
  const key = track.storageKey;
  await ctx.em.remove(track).flush();
  await ctx.deps.storage.delete(key);
  return { id };
}

export async function like(ctx: Ctx, viewer: Viewer, id: string) {
  const track = await loadVisible(ctx, id);
  const tracks = tracksRepository(ctx.em);
  const added = await tracks.addLike(id, viewer.id);
  if (added && track.owner.id !== viewer.id) await trackLiked(ctx, { track, likerId: viewer.id });
  return { id, liked: true, likeCount: await tracks.likeCount(id) };
}

export async function unlike(ctx: Ctx, viewer: Viewer, id: string) {
  await loadVisible(ctx, id);
  const tracks = tracksRepository(ctx.em);
  await tracks.removeLike(id, viewer.id);
  return { id, liked: false, likeCount: await tracks.likeCount(id) };
}

/** What the audio route needs to stream the original file, after the visibility check. */
export async function audioSource(ctx: Ctx, id: string) {
  const track = await loadVisible(ctx, id);
  return { storageKey: track.storageKey, mimeType: track.mimeType, sizeBytes: track.sizeBytes, visibility: track.visibility };
}

export const UNSUPPORTED_AUDIO =
  'This file is not a supported audio format. Upload MP3, WAV, FLAC, OGG/Opus, M4A/AAC or AIFF.';

const titleFromFilename = (name: string) =>
  basename(name, extname(name)).replace(/[_]+/g, ' ').replace(/\p{Cc}/gu, '').trim().slice(0, 200);

/**
 * Turns a fully received upload (a local temp file) into a track: checks the bytes, reads the
 * metadata, moves the file into storage and inserts the row. On any failure nothing is left
 * behind; the caller removes the temp file if it still exists.
 */
export async function createFromUpload(
  ctx: Ctx,
  viewer: Viewer,
  upload: { tempPath: string; originalFilename: string; sizeBytes: number; title?: string | undefined },
): Promise<{ id: string }> {
  const sniffed = await sniffAudio(upload.tempPath);
  if (!sniffed) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', UNSUPPORTED_AUDIO);
  let meta;
  try {
    meta = await readAudioMetadata(upload.tempPath);
  } catch (error) {
    if (error instanceof UnreadableAudioError) {
      throw new DomainError('UNPROCESSABLE_CONTENT', 'This audio file is damaged or incomplete and could not be read.');
    }
    throw error;
  }
  if (!meta.durationMs) throw new DomainError('UNPROCESSABLE_CONTENT', 'This audio file contains no playable audio.');

  const id = crypto.randomUUID();
  const storageKey = `tracks/${id}/original.${sniffed.format}`;
  const safeName = basename(upload.originalFilename.replace(/\\/g, '/')).replace(/\p{Cc}/gu, '').slice(0, 255) || 'audio';
  const title = upload.title?.trim() || meta.title || titleFromFilename(safeName) || 'Untitled';
  await ctx.deps.storage.putFile(storageKey, upload.tempPath);
  try {
    ctx.em.create(Track, {
      id,
      owner: viewer.id,
      title: title.slice(0, 200),
      description: null,
      visibility: 'public',
      storageKey,
      originalFilename: safeName,
      mimeType: sniffed.mimeType,
      format: sniffed.format,
      sizeBytes: upload.sizeBytes,
      durationMs: meta.durationMs,
      sampleRate: meta.sampleRate,
      channels: meta.channels,
      artist: meta.artist,
      likeCount: 0,
    });
    await ctx.em.flush();
  } catch (error) {
    await ctx.deps.storage.delete(storageKey);
    throw error;
  }
  return { id };
}
