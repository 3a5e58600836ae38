import { basename, extname } from 'node:path';
import { repostsRepository, Track, trackUploadsRepository, tracksRepository, usersRepository, type TrackCard, type TrackStatus, type TrackVisibility } from '@veza/db';
import { extractCoverArt, readAudioMetadata, sniffAudio, UnreadableAudioError } from '@veza/media';
import type { ListTracksInput, UpdateTrackInput } from '@veza/validators';
import { listTracksInput, stripControlCharacters, trackTitleSchema } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError, forbidden, notFound } from '../errors.ts';
import { trackLiked } from '../notifications/notifications.service.ts';
import { listen } from '@veza/bus';
import { privateProfile, seesProfile, seesTrack } from '../social/audience.ts';
import { trackSeenOrShared } from '../shares/share-access.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { parseTrackStatusEvent, trackStatusChannel, type TrackStatusEvent } from './tracks.events.ts';
import { toTrackDto, type TrackDto, type TrackPageDto } from './tracks.dto.ts';

type Ctx = Pick<Context, 'em' | 'viewer' | 'deps'>;

const ALL: TrackVisibility[] = ['public', 'unlisted', 'private'];
/**
 * What a list shows: owners see all their tracks; everyone else sees public tracks that finished processing
 * (an upload still processing, or one that failed, is its owner's business until it plays for everyone).
 */
export const listingScope = (own: boolean): { visibilities: TrackVisibility[]; statuses?: TrackStatus[] } =>
  own ? { visibilities: ALL } : { visibilities: ['public'], statuses: ['ready'] };

/** The home list: public tracks that play for everyone, plus the viewer's own public uploads whatever their state. */
const homeScope = (viewer: Viewer | null) => ({ ...listingScope(false), anyStatusOwnerId: viewer?.id });

/** The track if the viewer may see it (audience.ts: its visibility, and its owner's profile if private). */
async function loadVisible(ctx: Ctx, id: string) {
  const track = await tracksRepository(ctx.em).byId(id);
  if (!track || !(await seesTrack(ctx.em, track, ctx.viewer?.id ?? null))) throw notFound('Track');
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
  let scope: Omit<Parameters<typeof tracks.page>[0], 'limit' | 'after' | 'viewerId'> = homeScope(ctx.viewer);
  if (input.username) {
    const owner = await usersRepository(ctx.em).byUsername(input.username);
    if (!owner) throw notFound('User');
    if (!(await seesProfile(ctx.em, owner, ctx.viewer?.id ?? null))) throw privateProfile(owner.username, 'tracks');
    scope = { ...listingScope(owner.id === ctx.viewer?.id), ownerId: owner.id };
  }
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const { rows, hasMore } = await tracks.page({ limit: input.limit, after, ...scope, tag: input.tag, viewerId: ctx.viewer?.id ?? null });
  const last = rows.at(-1);
  return { items: await toTrackDtos(ctx, rows), nextCursor: hasMore && last ? encodeCursor(last) : null };
}

/** Cards as DTOs for the viewer: whether they like and reposted each, in two queries for the whole list. */
export async function toTrackDtos(ctx: Ctx, cards: TrackCard[]): Promise<TrackDto[]> {
  const ids = cards.map((c) => c.id);
  const viewerId = ctx.viewer?.id;
  const [liked, reposted] = viewerId
    ? await Promise.all([tracksRepository(ctx.em.fork()).likedAmong(viewerId, ids), repostsRepository(ctx.em.fork()).repostedAmong(viewerId, ids)])
    : [new Set<string>(), new Set<string>()];
  return cards.map((t) => toTrackDto(t, { likedByMe: liked.has(t.id), repostedByMe: reposted.has(t.id), tokens: ctx.deps.tokens }));
}

export async function byId(ctx: Ctx, id: string): Promise<TrackDto> {
  const track = await loadVisible(ctx, id);
  await ctx.em.populate(track, ['waveform', 'lyrics']);
  const viewerId = ctx.viewer?.id;
  const liked = viewerId ? await tracksRepository(ctx.em).likedAmong(viewerId, [id]) : new Set<string>();
  const reposted = viewerId ? await repostsRepository(ctx.em).repostedAmong(viewerId, [id]) : new Set<string>();
  return toTrackDto(track, { likedByMe: liked.has(id), repostedByMe: reposted.has(id), tokens: ctx.deps.tokens, detail: true });
}

export async function update(ctx: Ctx, viewer: Viewer, input: UpdateTrackInput): Promise<TrackDto> {
  const track = await loadOwned(ctx, viewer, input.id);
  if (input.title !== undefined) track.title = input.title;
  if (input.description !== undefined) track.description = input.description || null;
  if (input.visibility !== undefined) track.visibility = input.visibility;
  if (input.tags !== undefined) track.tags = input.tags;
  if (input.bpm !== undefined) track.bpm = input.bpm;
  if (input.musicalKey !== undefined) track.musicalKey = input.musicalKey;
  if (input.commentsEnabled !== undefined) track.commentsEnabled = input.commentsEnabled;
  if (input.genre !== undefined) track.genre = input.genre;
  if (input.lyrics !== undefined) {
    await ctx.em.populate(track, ['lyrics']);
    track.lyrics = input.lyrics || null;
  }
  await ctx.em.flush();
  return byId(ctx, track.id);
}

export async function remove(ctx: Ctx, viewer: Viewer, id: string): Promise<{ id: string }> {
  const track = await loadOwned(ctx, viewer, id);
  await ctx.em.remove(track).flush();
  // The original, the cover and every HLS output live under the track's folder.
  await ctx.deps.storage.deletePrefix(`tracks/${id}/`);
  return { id };
}

/** The track if the viewer may see it (for other domains: reposts, comments, shares). */
export const visibleTrack = loadVisible;

export async function like(ctx: Ctx, viewer: Viewer, id: string) {
  const track = await loadVisible(ctx, id);
  const tracks = tracksRepository(ctx.em);
  const added = await tracks.addLike(id, viewer.id);
  if (added) ctx.deps.metrics?.like();
  if (added && track.owner.id !== viewer.id) await trackLiked(ctx, { track, likerId: viewer.id });
  return { id, liked: true, likeCount: await tracks.likeCount(id) };
}

export async function unlike(ctx: Ctx, viewer: Viewer, id: string) {
  await loadVisible(ctx, id);
  const tracks = tracksRepository(ctx.em);
  await tracks.removeLike(id, viewer.id);
  return { id, liked: false, likeCount: await tracks.likeCount(id) };
}

/**
 * A track's processing status: the current state first, then every change until it is ready or
 * failed. Listens before reading, so no change between the two is lost.
 */
export async function* statusStream(ctx: Ctx, id: string, signal: AbortSignal | undefined): AsyncGenerator<TrackStatusEvent> {
  const live = await listen(ctx.deps.bus, trackStatusChannel(id), signal, parseTrackStatusEvent);
  try {
    const track = await loadVisible(ctx, id);
    const current: TrackStatusEvent = {
      id,
      status: track.status,
      percent: track.processingPercent,
      failureReason: track.failureReason ?? null,
      renditions: track.hlsRenditions.map((r) => r.kbps),
    };
    yield current;
    if (current.status === 'ready' || current.status === 'failed') return;
    for await (const event of live) {
      yield event;
      if (event.status === 'ready' || event.status === 'failed') return;
    }
  } finally {
    await live.return(undefined);
  }
}

/**
 * What the audio route needs to stream the original file, after the visibility check (or the check of a private share
 * link's token, `?share=`: shares/share-access.ts).
 */
export async function audioSource(ctx: Ctx, id: string, shareToken?: string) {
  const { track, viaShare } = await trackSeenOrShared(ctx, id, shareToken);
  // A private profile's tracks, and what a share link opens, are not for shared caches either.
  const visibility: TrackVisibility = track.owner.isPrivate || viaShare ? 'private' : track.visibility;
  return { storageKey: track.storageKey, mimeType: track.mimeType, sizeBytes: track.sizeBytes, visibility };
}

export const UNSUPPORTED_AUDIO =
  'This file is not a supported audio format. Upload MP3, WAV, FLAC, OGG/Opus, M4A/AAC or AIFF.';

const titleFromFilename = (name: string) =>
  stripControlCharacters(basename(name, extname(name)).replace(/[_]+/g, ' ')).trim().slice(0, 200);

/** Text read from the file's tags: nobody typed it, so it is cleaned rather than refused. */
const fromTag = (value: string | null | undefined, max: number) => {
  const clean = value ? stripControlCharacters(value).trim().slice(0, max) : '';
  return clean || null;
};

/** The title typed with an upload (form field or tus metadata), held to the same rules as an edit; blank means none. */
export function uploadTitle(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const parsed = trackTitleSchema.safeParse(raw);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'This title is not valid.';
    throw new DomainError('BAD_REQUEST', message, { title: [message] });
  }
  return parsed.data;
}

/**
 * Turns a fully received upload (a local temp file) into a track: checks the bytes, reads the
 * metadata, moves the file into storage and inserts the row. On any failure nothing is left
 * behind; the caller removes the temp file if it still exists.
 */
export async function createFromUpload(
  ctx: Ctx,
  viewer: Viewer,
  upload: {
    tempPath: string;
    originalFilename: string;
    sizeBytes: number;
    title?: string | undefined;
    /** A resumable upload's id: the details saved for it (uploads.service.ts) win over the title sent with the file. */
    uploadId?: string | undefined;
  },
): Promise<{ id: string }> {
  const typedTitle = uploadTitle(upload.title);
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
  const safeName = stripControlCharacters(basename(upload.originalFilename.replace(/\\/g, '/'))).slice(0, 255) || 'audio';
  const fallbackTitle = typedTitle || fromTag(meta.title, 200) || titleFromFilename(safeName) || 'Untitled';
  // Embedded cover art becomes the track's cover (it can be replaced later).
  const cover = await extractCoverArt(upload.tempPath);
  const coverKey = cover ? `tracks/${id}/cover-embedded.${cover.mimeType.split('/')[1] === 'jpeg' ? 'jpg' : cover.mimeType.split('/')[1]}` : null;
  await ctx.deps.storage.putFile(storageKey, upload.tempPath);
  if (cover && coverKey) await ctx.deps.storage.putBytes(coverKey, cover.data, { contentType: cover.mimeType });
  try {
    // The upload's row stays locked until the track exists and names it: details saved meanwhile wait, then go to it.
    await ctx.em.transactional(async (tx) => {
      const pending = upload.uploadId ? await trackUploadsRepository(tx).lockOwned(upload.uploadId, viewer.id) : null;
      const track = tx.create(Track, {
        id,
        owner: viewer.id,
        title: (pending?.title || fallbackTitle).slice(0, 200),
        description: null,
        visibility: pending?.visibility ?? 'public',
        storageKey,
        originalFilename: safeName,
        mimeType: sniffed.mimeType,
        format: sniffed.format,
        sizeBytes: upload.sizeBytes,
        durationMs: meta.durationMs,
        sampleRate: meta.sampleRate,
        channels: meta.channels,
        artist: fromTag(meta.artist, 200),
        likeCount: 0,
        status: 'queued',
        processingPercent: 0,
        failureReason: null,
        integratedLufs: null,
        truePeakDb: null,
        waveform: null,
        peaks: null,
        hlsRenditions: [],
        tags: pending?.tags ?? [],
        genre: null,
        bpm: null,
        musicalKey: null,
        lyrics: null,
        coverKey,
        coverMimeType: cover?.mimeType ?? null,
      });
      if (pending) pending.track = track;
    });
  } catch (error) {
    await ctx.deps.storage.delete(storageKey);
    if (coverKey) await ctx.deps.storage.delete(coverKey);
    throw error;
  }
  ctx.deps.metrics?.trackUploaded();
  // The row says `queued`; if queuing fails now, start-up recovery queues it again.
  await ctx.deps.jobs.enqueueTrackProcessing(id);
  return { id };
}
