import { fileTypeFromFile } from 'file-type';
import { tracksRepository, type Track, type TrackVisibility } from '@veza/db';
import { COVER_MAX_BYTES } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError, forbidden, notFound } from '../errors.ts';
import { seesTrack } from '../social/audience.ts';
import { shareGrants } from '../shares/share-access.ts';

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

/** What a cover holder needs: its stored key and type, swapped when a new cover replaces the old one. */
export interface CoverHolder {
  coverKey?: string | null | undefined;
  coverMimeType?: string | null | undefined;
}

/**
 * Stores an uploaded cover image (checked by its bytes) under `prefix`, puts it on `holder`, and saves: the old file is
 * deleted once the change is committed, the new one if it is not (no orphan either way).
 */
export async function replaceCover(ctx: Ctx, holder: CoverHolder, prefix: string, upload: { tempPath: string; sizeBytes: number }, save: () => Promise<void> = () => ctx.em.flush()) {
  if (upload.sizeBytes > COVER_MAX_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE', COVER_TOO_LARGE_MESSAGE);
  const type = await fileTypeFromFile(upload.tempPath);
  const ext = type && EXTENSIONS[type.mime];
  if (!type || !ext) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', COVER_TYPES_MESSAGE);
  const key = `${prefix}/cover-${Date.now().toString(36)}.${ext}`;
  await ctx.deps.storage.putFile(key, upload.tempPath, { contentType: type.mime });
  const previous = holder.coverKey;
  holder.coverKey = key;
  holder.coverMimeType = type.mime;
  try {
    await save();
  } catch (error) {
    await ctx.deps.storage.delete(key);
    throw error;
  }
  if (previous) await ctx.deps.storage.delete(previous);
}

/** Takes the cover off `holder` and saves; the file goes once that is committed. */
export async function dropCover(ctx: Ctx, holder: CoverHolder, save: () => Promise<void> = () => ctx.em.flush()) {
  const previous = holder.coverKey;
  holder.coverKey = null;
  holder.coverMimeType = null;
  await save();
  if (previous) await ctx.deps.storage.delete(previous);
}

/** Stores a cover image (checked by its bytes) for one of the viewer's tracks, replacing the old one. */
export async function setCover(ctx: Ctx, viewer: Viewer, id: string, upload: { tempPath: string; sizeBytes: number }) {
  const track = await loadOwned(ctx, viewer, id);
  await replaceCover(ctx, track, `tracks/${id}`, upload);
  return { coverUrl: coverUrlOf(track) };
}

export async function removeCover(ctx: Ctx, viewer: Viewer, id: string) {
  await dropCover(ctx, await loadOwned(ctx, viewer, id));
}

/** The stored cover of a track the viewer may see, or that a live private share link (`?share=`) opens. */
export async function coverSource(ctx: Ctx, id: string, shareToken?: string) {
  const track = await tracksRepository(ctx.em).byId(id);
  const shown = track && ((await seesTrack(ctx.em, track, ctx.viewer?.id ?? null)) ? 'seen' : (await shareGrants(ctx, id, shareToken)) ? 'shared' : null);
  if (!track || !track.coverKey || !track.coverMimeType || !shown) throw notFound('Cover');
  const visibility: TrackVisibility = track.owner.isPrivate || shown === 'shared' ? 'private' : track.visibility;
  return { key: track.coverKey, mimeType: track.coverMimeType, visibility };
}
