// Details typed while a file uploads (title, tags, visibility) are kept on the server beside the upload, so the
// track is created with them: a track marked private is private from its first row.
import { trackUploadsRepository, type UploadDetailsChange } from '@veza/db';
import { trackTagsSchema, trackVisibilitySchema, type UploadDetailsInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { update, uploadTitle } from './tracks.service.ts';

type Ctx = Pick<Context, 'em' | 'viewer' | 'deps'>;

/** Upload metadata keys (tus `Upload-Metadata`) that carry the details known when the upload starts. */
export interface UploadMetadata {
  title?: string | null | undefined;
  visibility?: string | null | undefined;
  /** A JSON array of tags. */
  tags?: string | null | undefined;
}

const badDetail = (field: string, message: string) => new DomainError('BAD_REQUEST', message, { [field]: [message] });

/** The details sent when an upload is created, checked like an edit (a bad one refuses the upload before any byte). */
export function uploadMetadataDetails(metadata: UploadMetadata): UploadDetailsChange {
  const details: UploadDetailsChange = { title: uploadTitle(metadata.title ?? undefined) };
  if (metadata.visibility) {
    const parsed = trackVisibilitySchema.safeParse(metadata.visibility);
    if (!parsed.success) throw badDetail('visibility', parsed.error.issues[0]?.message ?? 'This visibility is not valid.');
    details.visibility = parsed.data;
  }
  if (metadata.tags) {
    let raw: unknown;
    try {
      raw = JSON.parse(metadata.tags);
    } catch {
      throw badDetail('tags', 'Tags must be sent as a JSON array.');
    }
    const parsed = trackTagsSchema.safeParse(raw);
    if (!parsed.success) throw badDetail('tags', parsed.error.issues[0]?.message ?? 'These tags are not valid.');
    details.tags = parsed.data;
  }
  return details;
}

/** Records a new upload of the viewer's with the details it was created with. */
export async function startUpload(ctx: Pick<Ctx, 'em'>, viewer: Viewer, uploadId: string, metadata: UploadMetadata): Promise<void> {
  const details = uploadMetadataDetails(metadata);
  await trackUploadsRepository(ctx.em).start(uploadId, viewer.id, details);
}

/** An upload that ended without a track (its file was refused, or finishing it failed). */
export async function forgetUpload(ctx: Pick<Ctx, 'em'>, uploadId: string): Promise<void> {
  await trackUploadsRepository(ctx.em).forget(uploadId);
}

/** Drops the records of uploads older than `maxAgeMs` (the uploads themselves expire then). */
export async function removeExpiredUploads(ctx: Pick<Ctx, 'em'>, maxAgeMs: number): Promise<number> {
  return trackUploadsRepository(ctx.em).removeOlderThan(new Date(Date.now() - maxAgeMs));
}

/**
 * Saves details for one of the viewer's uploads. Before the last byte arrives they wait beside the upload and the
 * track is created with them; after it (the upload finished while they were on their way) they go to the track.
 * The upload's row is locked either way, so creation and saving never miss each other.
 */
export async function setUploadDetails(ctx: Ctx, viewer: Viewer, input: UploadDetailsInput): Promise<{ trackId: string | null }> {
  const { uploadId, ...change } = input;
  const trackId = await ctx.em.transactional(async (tx) => {
    const upload = await trackUploadsRepository(tx).lockOwned(uploadId, viewer.id);
    // Someone else's upload looks exactly like a missing one.
    if (!upload) throw new DomainError('NOT_FOUND', 'No such upload: it may have expired. Start the upload again.');
    if (upload.track) return upload.track.id;
    if (change.title !== undefined) upload.title = change.title;
    if (change.tags !== undefined) upload.tags = change.tags;
    if (change.visibility !== undefined) upload.visibility = change.visibility;
    return null;
  });
  if (trackId) await update(ctx, viewer, { id: trackId, ...change });
  return { trackId };
}
