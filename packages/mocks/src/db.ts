import type { MeDto, ProfileDto, TrackDto } from '@veza/api';
import { tracks as seedTracks, users as seedUsers, type MockUser } from './fixtures.ts';

/**
 * The mock back end's in-memory state. The signed-in user survives reloads in the browser (sessionStorage),
 * so a designer clicking through `pnpm dev:mock` stays signed in; tests call `resetMockDb()` between cases.
 */
const SESSION_KEY = 'veza-mock-session';

interface MockDb {
  users: MockUser[];
  tracks: TrackDto[];
  /** `${userId}:${trackId}` */
  likes: Set<string>;
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
  return { id: user.id, username: user.username, displayName: user.displayName, bio: user.bio, createdAt: user.createdAt, trackCount };
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
