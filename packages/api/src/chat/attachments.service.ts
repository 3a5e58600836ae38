// Chat attachments (issue 10): images uploaded before the message that carries them, and Veza tracks shared as
// cards. Images are checked by their bytes (JPEG, PNG, WebP, GIF), re-encoded (which drops EXIF and every other
// metadata, after applying the EXIF orientation) and kept in storage; GIF and WebP animations stay animated. An
// upload belongs to its uploader until a send claims it (in the send's transaction: one upload, one message);
// unsent ones are purged after a day. Image files are served only to people who may read the room
// (`chatImageSource`), so images of private rooms never become public.
//
// Track cards depend on who reads them (a private track shows only to its owner, a private profile's tracks to its
// approved followers: social/audience.ts). Published DTOs (`viewerId` null, sent to every subscriber of a room) carry
// only cards everyone may see — public and unlisted tracks of public profiles — and
// `{ unavailable: true, restricted: true }` for the others: a client that gets such a
// card reads the message again through `chat.messages.list`, which resolves cards for the reader.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { attachmentsRepository, tracksRepository, UNSENT_ATTACHMENT_TTL_MS, type AttachmentClaim, type Em, type MessageAttachment, type Track, type TrackStatus, type TrackVisibility } from '@veza/db';
import { CHAT_IMAGE_MAX_BYTES, type MessageAttachmentInput } from '@veza/validators';
import type { ApiDeps, Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { coverUrlOf } from '../tracks/cover.service.ts';
import { profilesSeenBy, seesTrack, trackShows } from '../social/audience.ts';
import { toUserSummary, type UserSummaryDto } from '../users/users.dto.ts';
import type { MessageDto } from './chat.dto.ts';
import { CHAT_IMAGE_EXTENSIONS, chatImageType, encodeChatImage } from './image-encoding.ts';
import type { MessageExtra } from './message-extras.ts';
import { loadVisibleRoom } from './rooms.service.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;
/** Longest side kept; larger images are scaled down (never up). */
export const CHAT_IMAGE_MAX_SIDE = 4096;
/** Uploads one person may have waiting to be sent at once (each is kept up to a day). */
export const CHAT_UNSENT_IMAGES_MAX = 20;
export { CHAT_IMAGE_TYPES_MESSAGE } from './image-encoding.ts';
export const CHAT_IMAGE_TOO_LARGE_MESSAGE = 'Images must be at most 10 MB.';

export interface ImageAttachmentDto {
  kind: 'image';
  id: string;
  /** Served only to people who may read the room (and to the uploader before it is sent). */
  url: string;
  width: number;
  height: number;
  mime: string;
  bytes: number;
}

/** What a track card shows: enough to draw it and start playing (the player loads the stream with `tracks.byId`). */
export interface TrackCardDto {
  id: string;
  title: string;
  owner: UserSummaryDto;
  /** Artist tag read from the file, if any. */
  artistTag: string | null;
  durationMs: number | null;
  coverUrl: string | null;
  visibility: TrackVisibility;
  status: TrackStatus;
  /** True once it can be played (ready, or a first rendition is out). */
  playable: boolean;
}

export type TrackAttachmentDto =
  | { kind: 'track'; id: string; unavailable: false; track: TrackCardDto }
  /**
   * Deleted, or not visible to this reader. `restricted`: the track is private, so whether it shows depends on who
   * reads: a client that got this card live reads the message again (`chat.messages.list`) to get its own view.
   */
  | { kind: 'track'; id: string; unavailable: true; restricted: boolean };

export type AttachmentDto = ImageAttachmentDto | TrackAttachmentDto;

export interface ImageUploadDto {
  attachmentId: string;
  width: number;
  height: number;
  mime: string;
  bytes: number;
  url: string;
}

export const chatImageUrl = (id: string) => `/api/chat/attachments/${id}`;


const toTrackCard = (t: Track): TrackCardDto => ({
  id: t.id,
  title: t.title,
  owner: toUserSummary(t.owner),
  artistTag: t.artist ?? null,
  durationMs: t.durationMs ?? null,
  coverUrl: coverUrlOf(t),
  visibility: t.visibility,
  status: t.status,
  playable: t.status === 'ready' || t.hlsRenditions.length > 0,
});

function toAttachmentDto(a: MessageAttachment, viewerId: string | null, seenProfiles: Set<string>): AttachmentDto | null {
  if (a.kind === 'image') {
    if (!a.storageKey || !a.mime || a.width == null || a.height == null || a.bytes == null) return null;
    return { kind: 'image', id: a.id, url: chatImageUrl(a.id), width: a.width, height: a.height, mime: a.mime, bytes: a.bytes };
  }
  const track = a.track;
  if (!track) return { kind: 'track', id: a.id, unavailable: true, restricted: false };
  if (!trackShows(track, viewerId, seenProfiles.has(track.owner.id))) return { kind: 'track', id: a.id, unavailable: true, restricted: true };
  return { kind: 'track', id: a.id, unavailable: false, track: toTrackCard(track) };
}

/** Fills `attachments` on each message (a deleted message has none), in one query for the whole batch. */
export const attachmentsExtra: MessageExtra = async (em: Em, messages: MessageDto[], viewerId: string | null) => {
  const live = messages.filter((m) => !m.deletedAt);
  for (const m of messages) m.attachments = [];
  if (live.length === 0) return;
  const rows = await attachmentsRepository(em).ofMessages(live.map((m) => m.id));
  const owners = rows.flatMap((r) => (r.track ? [r.track.owner] : []));
  const seenProfiles = owners.length ? await profilesSeenBy(em, owners, viewerId) : new Set<string>();
  const byMessage = new Map<string, AttachmentDto[]>();
  for (const row of rows) {
    const messageId = row.message?.id;
    const dto = messageId ? toAttachmentDto(row, viewerId, seenProfiles) : null;
    if (!messageId || !dto) continue;
    const list = byMessage.get(messageId) ?? [];
    list.push(dto);
    byMessage.set(messageId, list);
  }
  for (const m of live) m.attachments = byMessage.get(m.id) ?? [];
};

/**
 * Stores an image for a message the viewer is about to send: checked by its bytes, re-encoded (metadata dropped,
 * EXIF orientation applied, at most CHAT_IMAGE_MAX_SIDE pixels a side), kept in storage as the viewer's unsent
 * upload. The temp file stays the caller's to remove.
 */
export async function uploadChatImage(ctx: Ctx, viewer: Viewer, upload: { tempPath: string; sizeBytes: number }): Promise<ImageUploadDto> {
  if (upload.sizeBytes > CHAT_IMAGE_MAX_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE', CHAT_IMAGE_TOO_LARGE_MESSAGE);
  if ((await attachmentsRepository(ctx.em).unsentCount(viewer.id)) >= CHAT_UNSENT_IMAGES_MAX) {
    throw new DomainError(
      'TOO_MANY_REQUESTS',
      `You already have ${CHAT_UNSENT_IMAGES_MAX} images waiting to be sent: send them, or wait a day for them to expire.`,
      undefined,
      'unsent_images',
    );
  }
  const mime = await chatImageType(upload.tempPath);
  const id = randomUUID();
  const outPath = `${upload.tempPath}.${CHAT_IMAGE_EXTENSIONS[mime]}`;
  try {
    const { width, height, bytes } = await encodeChatImage(upload.tempPath, mime, outPath, { kind: 'inside', maxSide: CHAT_IMAGE_MAX_SIDE });
    const key = `chat/attachments/${id}.${CHAT_IMAGE_EXTENSIONS[mime]}`;
    await ctx.deps.storage.putFile(key, outPath, { contentType: mime });
    try {
      await attachmentsRepository(ctx.em).createImage({ id, uploaderId: viewer.id, storageKey: key, mime, width, height, bytes });
    } catch (error) {
      await ctx.deps.storage.delete(key);
      throw error;
    }
    return { attachmentId: id, width, height, mime, bytes, url: chatImageUrl(id) };
  } finally {
    await rm(outPath, { force: true });
  }
}

const imageNotFound = () => new DomainError('NOT_FOUND', 'This image upload was not found (uploads are kept for a day): upload it again.', { attachments: ['Upload this image again.'] });

/**
 * Checks a send's attachments before anything is written, and returns what claims them inside the send's
 * transaction (undefined without attachments). Images must be the sender's own unsent uploads (someone else's, or
 * an unknown one, is NOT_FOUND; one already sent is BAD_REQUEST); tracks must be visible to the sender.
 */
export async function prepareAttachments(ctx: Ctx, viewer: Viewer, input: MessageAttachmentInput[] | undefined) {
  if (!input || input.length === 0) return undefined;
  const imageIds = input.flatMap((a) => (a.kind === 'image' ? [a.attachmentId] : []));
  const images = imageIds.length ? await attachmentsRepository(ctx.em).imagesByIds(imageIds) : [];
  const since = Date.now() - UNSENT_ATTACHMENT_TTL_MS;
  for (const id of imageIds) {
    const image = images.find((i) => i.id === id);
    if (!image || image.uploader?.id !== viewer.id || (!image.message && image.createdAt.getTime() <= since)) throw imageNotFound();
    if (image.message) throw alreadySent();
  }
  const tracks = tracksRepository(ctx.em);
  for (const a of input) {
    if (a.kind !== 'track') continue;
    const track = await tracks.byId(a.trackId);
    if (!track || !(await seesTrack(ctx.em, track, viewer.id))) {
      throw new DomainError('NOT_FOUND', 'This track does not exist or you cannot see it.', { attachments: ['Unknown track.'] });
    }
  }
  const claims: AttachmentClaim[] = input.map((a) => (a.kind === 'image' ? { kind: 'image', id: a.attachmentId } : { kind: 'track', trackId: a.trackId }));
  return async (tx: Em, messageId: string) => {
    if (!(await attachmentsRepository(tx).attach(tx, messageId, viewer.id, claims))) throw alreadySent();
  };
}

const alreadySent = () =>
  new DomainError('BAD_REQUEST', 'This image was already sent in a message: upload it again to send it again.', { attachments: ['Already sent.'] });

/** After a message is deleted: its attachments go, and their files once that is committed. */
export async function removeMessageAttachments(ctx: Ctx, messageId: string): Promise<void> {
  const keys = await attachmentsRepository(ctx.em).removeOf(messageId);
  for (const key of keys) await ctx.deps.storage.delete(key);
}

/** The stored file of an image the viewer may see: the room's readers once sent, its uploader before. */
export async function chatImageSource(ctx: Ctx, viewer: Viewer | null, id: string): Promise<{ key: string; mime: string }> {
  const notFound = () => new DomainError('NOT_FOUND', 'Image not found.');
  if (!viewer) throw notFound();
  const row = await attachmentsRepository(ctx.em).byId(id);
  if (!row || row.kind !== 'image' || !row.storageKey || !row.mime) throw notFound();
  const message = row.message;
  if (!message) {
    if (row.uploader?.id !== viewer.id) throw notFound();
  } else {
    if (message.deletedAt) throw notFound();
    try {
      await loadVisibleRoom(ctx, viewer, message.room.id);
    } catch (error) {
      if (error instanceof DomainError) throw notFound();
      throw error;
    }
  }
  return { key: row.storageKey, mime: row.mime };
}

/**
 * Deletes unsent uploads older than a day (and anything a deleted message still holds), rows first, then files.
 * Returns how many files went; a file that cannot be deleted is reported, not retried (its row is gone).
 */
export async function purgeChatAttachments(deps: ApiDeps, now: Date = new Date()) {
  const keys = await attachmentsRepository(deps.db.fork()).purge(new Date(now.getTime() - UNSENT_ATTACHMENT_TTL_MS));
  const failures: { key: string; error: string }[] = [];
  for (const key of keys) {
    try {
      await deps.storage.delete(key);
    } catch (error) {
      failures.push({ key, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { deleted: keys.length - failures.length, failures };
}
