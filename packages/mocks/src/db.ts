import type { MeDto, ProfileDto, TrackDto } from '@veza/api';
import { tracks as seedTracks, users as seedUsers, type MockUser } from './fixtures.ts';

/**
 * The mock back end's in-memory state. The signed-in user survives reloads in the browser (sessionStorage),
 * so a designer clicking through `pnpm dev:mock` stays signed in; tests call `resetMockDb()` between cases.
 */
const SESSION_KEY = 'veza-mock-session';

/** A resumable upload the mock server knows, with the details typed for it (null: not set). */
export interface MockPendingUpload {
  ownerId: string;
  title: string | null;
  tags: string[] | null;
  visibility: TrackDto['visibility'] | null;
  /** The track it became, once the last byte arrived. */
  trackId: string | null;
}

interface MockDb {
  users: MockUser[];
  tracks: TrackDto[];
  /** `${userId}:${trackId}` */
  likes: Set<string>;
  /** By tus upload id. */
  uploads: Map<string, MockPendingUpload>;
  /** Who follows whom, newest last. */
  follows: { followerId: string; followeeId: string; at: string }[];
}

const storage = (): Storage | null => {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
};

let sessionUserId: string | null = storage()?.getItem(SESSION_KEY) ?? null;

const fresh = (): MockDb => ({
  users: seedUsers.map((u) => ({ ...u })),
  tracks: seedTracks.map((t) => ({ ...t, owner: { ...t.owner }, tags: [...t.tags] })),
  likes: new Set([`${seedUsers[1]?.id}:${seedTracks[0]?.id}`]),
  uploads: new Map(),
  follows: seedUsers[1] && seedUsers[0] ? [{ followerId: seedUsers[1].id, followeeId: seedUsers[0].id, at: '2026-11-20T10:00:00.000Z' }] : [],
});

export const db: MockDb = fresh();

export function resetMockDb(options: { signedInAs?: string | null } = {}) {
  Object.assign(db, fresh());
  setSession(options.signedInAs ? (db.users.find((u) => u.username === options.signedInAs)?.id ?? null) : null);
}

export function setSession(userId: string | null) {
  sessionUserId = userId;
  if (userId) storage()?.setItem(SESSION_KEY, userId);
  else storage()?.removeItem(SESSION_KEY);
}

export const viewer = (): MockUser | null => db.users.find((u) => u.id === sessionUserId) ?? null;

export function toMe(user: MockUser): MeDto {
  const { password: _password, ...me } = user;
  return me;
}

export function toProfile(user: MockUser): ProfileDto {
  const own = viewer()?.id === user.id;
  const trackCount = db.tracks.filter((t) => t.owner.id === user.id && (own || t.visibility === 'public')).length;
  const me = viewer()?.id;
  const follows = (a: string | undefined, b: string) => Boolean(a) && db.follows.some((f) => f.followerId === a && f.followeeId === b);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    bio: user.bio,
    createdAt: user.createdAt,
    trackCount,
    followerCount: db.follows.filter((f) => f.followeeId === user.id).length,
    followingCount: db.follows.filter((f) => f.followerId === user.id).length,
    followedByMe: !own && follows(me, user.id),
    followsYou: !own && Boolean(me) && db.follows.some((f) => f.followerId === user.id && f.followeeId === me),
  };
}

const canSee = (t: TrackDto) => t.visibility !== 'private' || t.owner.id === viewer()?.id;

export const withViewer = (t: TrackDto): TrackDto => ({ ...t, likedByMe: db.likes.has(`${viewer()?.id}:${t.id}`) });

/** Lists carry neither the waveform nor the lyrics (like the API: those come from `tracks.byId`). */
const listItem = (t: TrackDto): TrackDto => ({ ...withViewer(t), waveform: null, lyrics: null });

/** A freshly uploaded track, queued for processing (playable from the original at once). */
export function newTrack(owner: MockUser, file: { name: string; type: string; size: number }, title: string): TrackDto {
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  const track: TrackDto = {
    id,
    title: title.slice(0, 200),
    description: null,
    visibility: 'public',
    format: file.name.split('.').pop()?.toLowerCase() ?? 'mp3',
    mimeType: file.type || 'audio/mpeg',
    sizeBytes: file.size,
    durationMs: 30_000,
    sampleRate: 44_100,
    channels: 2,
    artistTag: null,
    likeCount: 0,
    likedByMe: false,
    owner: { id: owner.id, username: owner.username, displayName: owner.displayName },
    status: 'queued',
    processingPercent: 0,
    failureReason: null,
    loudness: null,
    waveform: null,
    hls: null,
    tags: [],
    bpm: null,
    musicalKey: null,
    lyrics: null,
    coverUrl: null,
    audioUrl: `/api/tracks/${id}/audio`,
    createdAt: now,
    updatedAt: now,
  };
  db.tracks.push(track);
  return track;
}

const normalTags = (tags: readonly string[]) => [...new Set(tags.map((tag) => tag.trim().toLowerCase()))];

/** Records an upload as the server does when it is created, with the details in its tus metadata. */
export function startUpload(uploadId: string, owner: MockUser, metadata: Record<string, string | null | undefined>) {
  let tags: string[] | null = null;
  try {
    const parsed: unknown = metadata.tags ? JSON.parse(metadata.tags) : null;
    if (Array.isArray(parsed)) tags = normalTags(parsed.map(String));
  } catch {
    tags = null;
  }
  const visibility = metadata.visibility === 'private' || metadata.visibility === 'unlisted' || metadata.visibility === 'public' ? metadata.visibility : null;
  db.uploads.set(uploadId, { ownerId: owner.id, title: metadata.title?.trim() || null, tags, visibility, trackId: null });
}

/** Details saved for an upload: kept for the track to come, or applied to it if it exists (tracks.setUploadDetails). */
export function saveUploadDetails(pending: MockPendingUpload, change: { title?: string | undefined; tags?: string[] | undefined; visibility?: TrackDto['visibility'] | undefined }) {
  const track = pending.trackId ? db.tracks.find((t) => t.id === pending.trackId) : undefined;
  const target = track ?? pending;
  if (change.title !== undefined) target.title = change.title.trim();
  if (change.tags !== undefined) target.tags = normalTags(change.tags);
  if (change.visibility !== undefined) target.visibility = change.visibility;
  if (track) track.updatedAt = new Date().toISOString();
}

/** A finished upload becomes a track with the details saved for it. */
export function trackFromUpload(uploadId: string, track: TrackDto) {
  const pending = db.uploads.get(uploadId);
  if (!pending) return;
  if (pending.title) track.title = pending.title;
  if (pending.tags) track.tags = [...pending.tags];
  if (pending.visibility) track.visibility = pending.visibility;
  pending.trackId = track.id;
}

/** The title the server would pick: the one given, else the file name without extension. */
export const titleFrom = (given: string | null | undefined, fileName: string) =>
  given?.trim() || fileName.replace(/\.[^.]+$/, '').replace(/_+/g, ' ') || 'Untitled';

export const findVisibleTrack = (id: string) => {
  const t = db.tracks.find((x) => x.id === id);
  return t && canSee(t) ? t : undefined;
};

/** Newest first; the cursor is simply the index of the next item. */
export function listTracks(input: { cursor?: string | null; limit?: number; username?: string; tag?: string } | undefined) {
  const limit = input?.limit ?? 20;
  const start = Number(input?.cursor ?? 0) || 0;
  const owner = input?.username ? db.users.find((u) => u.username === input.username) : undefined;
  const ownsList = owner && owner.id === viewer()?.id;
  const visible = db.tracks
    .filter((t) => (owner ? t.owner.id === owner.id : true))
    .filter((t) => t.visibility === 'public' || ownsList)
    .filter((t) => (input?.tag ? t.tags.includes(input.tag.trim().toLowerCase()) : true))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const items = visible.slice(start, start + limit).map(listItem);
  const next = start + limit;
  return { owner, items, nextCursor: next < visible.length ? String(next) : null };
}

export function setLike(trackId: string, userId: string, liked: boolean) {
  const key = `${userId}:${trackId}`;
  const had = db.likes.has(key);
  const t = db.tracks.find((x) => x.id === trackId);
  if (t && had !== liked) {
    if (liked) db.likes.add(key);
    else db.likes.delete(key);
    t.likeCount += liked ? 1 : -1;
  }
  return { id: trackId, liked, likeCount: t?.likeCount ?? 0 };
}
