import type { MeDto, ProfileDto, TrackDto } from '@veza/api';
import { linkKindOf, linkLabelOf } from '@veza/validators';
import { tracks as seedTracks, users as seedUsers, type MockUser } from './fixtures.ts';
import { seededCommentCount } from './comments-seed.ts';
import { SEED_PLAY_COUNTS, seedReposts, type MockRepost } from './feed-seed.ts';

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
  /** Who follows (or asks to follow: `pending`, a private profile) whom, newest last. */
  follows: MockFollow[];
  /** Reposts (social.repost), newest last: a track's repostCount and repostedByMe are read from them. */
  reposts: MockRepost[];
}

/** A follow, or a request to follow a private profile that its owner has not answered yet. */
export interface MockFollow {
  followerId: string;
  followeeId: string;
  at: string;
  status: 'active' | 'pending';
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
  tracks: seedTracks.map((t) => ({ ...t, owner: { ...t.owner }, tags: [...t.tags], commentCount: seededCommentCount(t.id), playCount: SEED_PLAY_COUNTS[t.id] ?? t.playCount })),
  likes: new Set([`${seedUsers[1]?.id}:${seedTracks[0]?.id}`]),
  uploads: new Map(),
  follows: seedFollows(),
  reposts: seedReposts(),
});

/** Marc follows Ana; Léa asks to follow Inès (private). */
function seedFollows(): MockFollow[] {
  const [ana, marc, lea, ines] = seedUsers;
  if (!ana || !marc || !lea || !ines) return [];
  return [
    { followerId: marc.id, followeeId: ana.id, at: '2026-11-20T10:00:00.000Z', status: 'active' },
    { followerId: lea.id, followeeId: ines.id, at: '2026-12-01T09:00:00.000Z', status: 'pending' },
  ];
}

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
  const { password: _password, location: _location, links: _links, pinnedTrackId: _pinned, bannerUrl: _banner, ...me } = user;
  return me;
}

/** The follow (or request) of `followerId` to `followeeId`, if any. */
export const followOf = (followerId: string | undefined, followeeId: string) => (followerId ? db.follows.find((f) => f.followerId === followerId && f.followeeId === followeeId) : undefined);

/** Whether the viewer sees this person's tracks and lists: a public profile, their own, or one they follow (approved). */
export function seesProfile(owner: Pick<MockUser, 'id'>): boolean {
  const user = db.users.find((u) => u.id === owner.id);
  const me = viewer()?.id;
  return !user?.isPrivate || user.id === me || followOf(me, user.id)?.status === 'active';
}

/** How the viewer stands with `user`, and `user`'s counts (social.dto.ts RelationshipDto). */
export function relationship(user: MockUser) {
  const me = viewer()?.id;
  const mine = Boolean(me) && me !== user.id;
  const byMe = mine ? followOf(me, user.id) : undefined;
  const byThem = mine && me ? followOf(user.id, me) : undefined;
  const active = (f: MockFollow) => f.status === 'active';
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName },
    isPrivate: user.isPrivate,
    followedByMe: byMe?.status === 'active',
    requested: byMe?.status === 'pending',
    followsYou: byThem?.status === 'active',
    requestsYou: byThem?.status === 'pending',
    locked: !seesProfile(user),
    followerCount: db.follows.filter((f) => f.followeeId === user.id && active(f)).length,
    followingCount: db.follows.filter((f) => f.followerId === user.id && active(f)).length,
  };
}

export function toProfile(user: MockUser): ProfileDto {
  const own = viewer()?.id === user.id;
  const trackCount = db.tracks.filter((t) => t.owner.id === user.id && (own || t.visibility === 'public')).length;
  const { user: _summary, ...standing } = relationship(user);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    bio: user.bio,
    location: user.location ?? null,
    links: (user.links ?? []).map((url) => ({ url, kind: linkKindOf(url), label: linkLabelOf(url) })),
    avatarUrl: user.avatarUrl,
    bannerUrl: user.bannerUrl ?? null,
    pinnedTrack: pinnedTrackOf(user, own),
    createdAt: user.createdAt,
    trackCount,
    likeCount: [...db.likes].filter((key) => key.startsWith(`${user.id}:`)).length,
    ...standing,
    followRequestCount: own ? db.follows.filter((f) => f.followeeId === user.id && f.status === 'pending').length : 0,
  };
}

/** The pinned track as the profile's list would show it to the viewer (the owner: always; others: public and ready). */
function pinnedTrackOf(user: MockUser, own: boolean): TrackDto | null {
  const track = db.tracks.find((t) => t.id === user.pinnedTrackId && t.owner.id === user.id);
  if (!track || (!own && (track.visibility !== 'public' || track.status !== 'ready' || !seesProfile(user)))) return null;
  return listItem(track);
}

/** A track shows to its owner; to others when not private and its owner's profile is visible to them (audience.ts). */
const canSee = (t: TrackDto) => t.owner.id === viewer()?.id || (t.visibility !== 'private' && seesProfile(t.owner));

export const withViewer = (t: TrackDto): TrackDto => ({
  ...t,
  likedByMe: db.likes.has(`${viewer()?.id}:${t.id}`),
  repostCount: db.reposts.filter((r) => r.trackId === t.id).length,
  repostedByMe: db.reposts.some((r) => r.trackId === t.id && r.userId === viewer()?.id),
});

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
    repostCount: 0,
    repostedByMe: false,
    playCount: 0,
    commentCount: 0,
    commentsEnabled: true,
    genre: null,
    owner: { id: owner.id, username: owner.username, displayName: owner.displayName },
    status: 'queued',
    processingPercent: 0,
    failureReason: null,
    loudness: null,
    waveform: null,
    peaks: null,
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
    .filter((t) => ownsList || seesProfile(t.owner))
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
