import { fileTypeFromFile } from 'file-type';
import { tracksRepository, type Track, type TrackVisibility } from '@veza/db';
import { COVER_MAX_BYTES } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError, forbidden, notFound } from '../errors.ts';
import { seesTrack } from '../social/audience.ts';

type Ctx = Pick<Context, 'em' | 'viewer' | 'deps'>;

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
export const COVER_TYPES_MESSAGE = 'Covers must be JPEG, PNG or WebP images.';
export const COVER_TOO_LARGE_MESSAGE = 'Covers must be at most 5 MB.';

export const coverUrlOf = (t: Pick<Track, 'id' | 'coverKey' | 'updatedAt'>) => (t.coverKey ? `/api/tracks/${t.id}/cover?v=${t.updatedAt.getTime()}` : null);

async function loadOwned(ctx: Ctx, viewer: Viewer, id: string) {
  const track = await tracksRepository(ctx.em).byId(id);
  if (!track || (track.visibility === 'private' && track.owner.id !== viewer.id)) throw notFound('Track');
  if (track.owner.id !== viewer.id) throw forbidden('Only the owner can change this track.');
  return track;
}

/** Stores a cover image (checked by its bytes) for one of the viewer's tracks, replacing the old one. */
export async function setCover(ctx: Ctx, viewer: Viewer, id: string, upload: { tempPath: string; sizeBytes: number }) {
  const track = await loadOwned(ctx, viewer, id);
  if (upload.sizeBytes > COVER_MAX_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE', COVER_TOO_LARGE_MESSAGE);
  const type = await fileTypeFromFile(upload.tempPath);
  const ext = type && EXTENSIONS[type.mime];
  if (!type || !ext) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', COVER_TYPES_MESSAGE);
  const key = `tracks/${id}/cover-${Date.now().toString(36)}.${ext}`;
  await ctx.deps.storage.putFile(key, upload.tempPath, { contentType: type.mime });
  const previous = track.coverKey;
  track.coverKey = key;
  track.coverMimeType = type.mime;
  try {
    await ctx.em.flush();
  } catch (error) {
    await ctx.deps.storage.delete(key);
    throw error;
  }
  if (previous) await ctx.deps.storage.delete(previous);
  return { coverUrl: coverUrlOf(track) };
}

export async function removeCover(ctx: Ctx, viewer: Viewer, id: string) {
  const track = await loadOwned(ctx, viewer, id);
  const previous = track.coverKey;
  track.coverKey = null;
  track.coverMimeType = null;
  await ctx.em.flush();
  if (previous) await ctx.deps.storage.delete(previous);
}

/** The stored cover of a track the viewer may see. */
export async function coverSource(ctx: Ctx, id: string) {
  const track = await tracksRepository(ctx.em).byId(id);
  if (!track || !track.coverKey || !track.coverMimeType || !(await seesTrack(ctx.em, track, ctx.viewer?.id ?? null))) {
    throw notFound('Cover');
  }
  const visibility: TrackVisibility = track.owner.isPrivate ? 'private' : track.visibility;
  return { key: track.coverKey, mimeType: track.coverMimeType, visibility };
}
