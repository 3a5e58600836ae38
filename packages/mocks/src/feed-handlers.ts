// The home feed, reposts, likes lists and play counts (issue 11) for the mock back end: feed.home from the mock db's
// follows, uploads and reposts; social.repost / unrepost / reposts / likes; tracks.playStart / playCount. The rules
// follow the API's (feed/feed.service.ts, social/reposts.service.ts, tracks/plays.service.ts); the reposts live in
// `db.reposts` (seeded in feed-seed.ts), test and story hooks in `feedMock`.
import type { FeedItemDto, TrackDto, UserTrackItemDto } from '@veza/api';
import { delay, type RequestHandler } from 'msw';
import { db, findVisibleTrack, followOf, seesProfile, viewer, withViewer } from './db.ts';
import type { MockRepost } from './feed-seed.ts';
import type { MockUser } from './fixtures.ts';
import { MockTrpcError, trpcMsw } from './trpc-msw.ts';

/** A repost's caption at most (validators REPOST_CAPTION_MAX). */
export const MOCK_REPOST_CAPTION_MAX = 280;
/** How much of a track must be heard before its play counts (the whole track when shorter): plays.service.ts. */
const PLAY_THRESHOLD_MS = 30_000;
/** A listener's plays of a track count once in this window. */
const PLAY_DEDUP_MS = 30 * 60_000;

function requireViewer() {
  const user = viewer();
  if (!user) throw new MockTrpcError('UNAUTHORIZED', 'Please sign in to continue.');
  return user;
}

/** An error with the API's `reason` (msw-trpc copies the error's own fields into `error.data`). */
const refusal = (code: MockTrpcError['code'], message: string, reason: string) => Object.assign(new MockTrpcError(code, message), { reason });

const summary = (u: MockUser) => ({ id: u.id, username: u.username, displayName: u.displayName });

/** Lists carry neither the waveform nor the lyrics (like the API). */
const listItem = (t: TrackDto): TrackDto => ({ ...withViewer(t), waveform: null, lyrics: null });

/** Newest first; the cursor is the index of the next row. */
function pageOf<T>(rows: T[], input: { cursor?: string | null | undefined; limit?: number | undefined } | undefined, defaultLimit: number) {
  const start = Number(input?.cursor ?? 0) || 0;
  const limit = input?.limit ?? defaultLimit;
  return { rows: rows.slice(start, start + limit), nextCursor: start + limit < rows.length ? String(start + limit) : null };
}

/** What feeds and the reposts tab show: public, ready tracks the viewer may see (the API's audience rules). */
const shareable = (t: TrackDto | undefined): t is TrackDto => Boolean(t && t.visibility === 'public' && t.status === 'ready' && findVisibleTrack(t.id));

/** The repost state of a track for the signed-in user (social.dto.ts RepostStateDto). */
function repostState(userId: string, trackId: string) {
  const mine = db.reposts.find((r) => r.userId === userId && r.trackId === trackId);
  return { trackId, repostedByMe: Boolean(mine), caption: mine?.caption ?? null, repostCount: db.reposts.filter((r) => r.trackId === trackId).length };
}

/** feed.home: the tracks the people I follow uploaded or reposted, each once, newest activity first. */
export function homeFeed(me: MockUser): FeedItemDto[] {
  const followed = new Set(db.follows.filter((f) => f.followerId === me.id && f.status === 'active').map((f) => f.followeeId));
  const activity = new Map<string, { at: string; upload: boolean }>();
  const note = (trackId: string, at: string, upload: boolean) => {
    const seen = activity.get(trackId);
    // The newest activity wins; an upload and a repost at the same moment read as the upload (like the API).
    if (!seen || at > seen.at || (at === seen.at && upload)) activity.set(trackId, { at, upload });
  };
  for (const t of db.tracks) if (followed.has(t.owner.id)) note(t.id, t.createdAt, true);
  for (const r of db.reposts) if (followed.has(r.userId)) note(r.trackId, r.at, false);
  return [...activity.entries()]
    .flatMap(([trackId, { at, upload }]) => {
      const track = db.tracks.find((t) => t.id === trackId);
      if (!shareable(track)) return [];
      const reposts = db.reposts.filter((r) => r.trackId === trackId && followed.has(r.userId)).sort((a, b) => b.at.localeCompare(a.at));
      const reposters = reposts.slice(0, 3).flatMap((r) => {
        const user = db.users.find((u) => u.id === r.userId);
        return user ? [{ user: summary(user), caption: r.caption, at: r.at }] : [];
      });
      return [{ track: listItem(track), at, reason: upload ? ('upload' as const) : ('repost' as const), reposters, repostersCount: reposts.length }];
    })
    .sort((a, b) => b.at.localeCompare(a.at) || b.track.id.localeCompare(a.track.id));
}

/** social.reposts / social.likes: a page of someone's reposted or liked tracks, newest first. */
function userTracks(input: { username: string; cursor?: string | null | undefined; limit?: number | undefined }, side: 'reposts' | 'likes') {
  const user = db.users.find((u) => u.username === input.username.toLowerCase());
  if (!user) throw new MockTrpcError('NOT_FOUND', 'User not found.');
  if (!seesProfile(user)) throw refusal('FORBIDDEN', `@${user.username}'s account is private. Follow them to see who they follow and who follows them.`, 'private_profile');
  const rows: UserTrackItemDto[] =
    side === 'reposts'
      ? db.reposts
          .filter((r) => r.userId === user.id)
          .sort((a, b) => b.at.localeCompare(a.at))
          .flatMap((r) => {
            const track = db.tracks.find((t) => t.id === r.trackId);
            return shareable(track) ? [{ track: listItem(track), at: r.at, caption: r.caption }] : [];
          })
      : // The mock keeps no like dates: the newest like is the last one added, an hour apart.
        [...db.likes]
          .filter((key) => key.startsWith(`${user.id}:`))
          .reverse()
          .flatMap((key, i) => {
            const track = findVisibleTrack(key.slice(user.id.length + 1));
            return track ? [{ track: listItem(track), at: new Date(Date.UTC(2026, 11, 6, 12) - i * 3_600_000).toISOString(), caption: null }] : [];
          });
  const { rows: items, nextCursor } = pageOf(rows, input, 30);
  return { items, nextCursor };
}

interface PlayTicket {
  trackId: string;
  listener: string;
}

/** Tickets handed out and the last counted play per listener and track, per mock database (reset with it). */
const playStates = new WeakMap<object, { tickets: Map<string, PlayTicket>; counted: Map<string, number>; next: number }>();
function plays() {
  let s = playStates.get(db.users);
  if (!s) {
    s = { tickets: new Map(), counted: new Map(), next: 1 };
    playStates.set(db.users, s);
  }
  return s;
}

/** Every ticket tracks.playStart handed out and every play counted, for tests. */
const playLog = { started: [] as string[], counted: [] as string[] };

export const feedHandlers: RequestHandler[] = [
  trpcMsw.feed.home.query(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { rows, nextCursor } = pageOf(homeFeed(me), input || undefined, 20);
    return { items: rows, nextCursor };
  }),
  trpcMsw.social.repost.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const track = findVisibleTrack(input.trackId);
    if (!track) throw new MockTrpcError('NOT_FOUND', 'Track not found.');
    if (track.owner.id === me.id) throw refusal('BAD_REQUEST', 'You cannot repost your own track.', 'own_track');
    if (track.visibility !== 'public') throw refusal('BAD_REQUEST', 'Only public tracks can be reposted: this one is shared by link only.', 'not_public');
    const caption = input.caption?.trim() || null;
    if (caption && caption.length > MOCK_REPOST_CAPTION_MAX) {
      const message = `Captions must be at most ${MOCK_REPOST_CAPTION_MAX} characters.`;
      throw new MockTrpcError('BAD_REQUEST', message, { caption: [message] });
    }
    const mine = db.reposts.find((r) => r.userId === me.id && r.trackId === track.id);
    // Again: the caption is replaced, the date stays.
    if (mine) mine.caption = caption;
    else db.reposts.push({ userId: me.id, trackId: track.id, caption, at: new Date().toISOString() });
    return repostState(me.id, track.id);
  }),
  trpcMsw.social.unrepost.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    db.reposts = db.reposts.filter((r) => !(r.userId === me.id && r.trackId === input.trackId));
    return repostState(me.id, input.trackId);
  }),
  trpcMsw.social.reposts.query(async ({ input }) => {
    await delay();
    return userTracks(input, 'reposts');
  }),
  trpcMsw.social.likes.query(async ({ input }) => {
    await delay();
    return userTracks(input, 'likes');
  }),
  trpcMsw.tracks.playStart.mutation(async ({ input }) => {
    await delay();
    const track = findVisibleTrack(input.id);
    if (!track) throw new MockTrpcError('NOT_FOUND', 'Track not found.');
    const me = viewer();
    const countAfterMs = Math.min(PLAY_THRESHOLD_MS, track.durationMs ?? PLAY_THRESHOLD_MS);
    playLog.started.push(track.id);
    // Never the owner's plays.
    if (me?.id === track.owner.id) return { ticket: null, countAfterMs };
    const s = plays();
    const ticket = `mock-play-${s.next++}`;
    s.tickets.set(ticket, { trackId: track.id, listener: me?.id ?? 'signed-out' });
    return { ticket, countAfterMs };
  }),
  trpcMsw.tracks.playCount.mutation(async ({ input }) => {
    await delay();
    const s = plays();
    const ticket = s.tickets.get(input.ticket);
    if (!ticket || ticket.listener !== (viewer()?.id ?? 'signed-out')) throw refusal('BAD_REQUEST', 'This play ticket is not valid: start the track again.', 'invalid_ticket');
    const track = db.tracks.find((t) => t.id === ticket.trackId);
    if (!track) throw new MockTrpcError('NOT_FOUND', 'Track not found.');
    const key = `${ticket.listener}:${track.id}`;
    const now = Date.now();
    const last = s.counted.get(key);
    const counted = last === undefined || now - last >= PLAY_DEDUP_MS;
    if (counted) {
      s.counted.set(key, now);
      track.playCount += 1;
      playLog.counted.push(track.id);
    }
    return { id: track.id, counted, playCount: track.playCount };
  }),
];

const named = (username: string) => {
  const user = db.users.find((u) => u.username === username);
  if (!user) throw new Error(`no mock user ${username}`);
  return user;
};

const trackNamed = (title: string) => {
  const track = db.tracks.find((t) => t.title === title);
  if (!track) throw new Error(`no mock track ${title}`);
  return track;
};

/** Test and story hooks for the home feed and reposts. */
export const feedMock = {
  /** `follower` follows `followee` (approved). */
  follow(follower: string, followee: string, at = new Date().toISOString()) {
    const [a, b] = [named(follower), named(followee)];
    const existing = followOf(a.id, b.id);
    if (existing) existing.status = 'active';
    else db.follows.push({ followerId: a.id, followeeId: b.id, at, status: 'active' });
  },
  /** `username` reposts the track titled `title` (the caption replaced when they had). */
  repost(username: string, title: string, caption: string | null = null, at = new Date().toISOString()) {
    const [user, track] = [named(username), trackNamed(title)];
    const mine = db.reposts.find((r) => r.userId === user.id && r.trackId === track.id);
    if (mine) mine.caption = caption;
    else db.reposts.push({ userId: user.id, trackId: track.id, caption, at });
  },
  /**
   * `count` new people, all followed by `viewer`, repost the track titled `title` one minute apart (newest first:
   * `reposter1`, `reposter2`…): "Reposted by Reposter 1 and 4 others".
   */
  crowdReposts(viewer: string, title: string, count: number) {
    const me = named(viewer);
    const track = trackNamed(title);
    const start = Date.parse('2026-12-06T18:00:00.000Z');
    for (let n = 1; n <= count; n++) {
      const user: MockUser = {
        ...me,
        id: `5f000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        username: `reposter${n}`,
        displayName: `Reposter ${n}`,
        email: `reposter${n}@example.com`,
        bio: null,
        isPrivate: false,
        createdAt: new Date(start - 86_400_000).toISOString(),
      };
      db.users.push(user);
      db.follows.push({ followerId: me.id, followeeId: user.id, at: new Date(start - 86_400_000).toISOString(), status: 'active' });
      db.reposts.push({ userId: user.id, trackId: track.id, caption: n === 1 ? 'Everyone should hear this one.' : null, at: new Date(start - n * 60_000).toISOString() });
    }
  },
  /** `count` more public, ready tracks by `owner`, a day apart from `newest` back (for paging the feed and lists). */
  manyTracks(owner: string, count: number, newest = '2026-12-05T12:00:00.000Z') {
    const user = named(owner);
    const base = db.tracks.find((t) => t.status === 'ready' && t.visibility === 'public');
    if (!base) throw new Error('no ready public mock track');
    for (let n = 1; n <= count; n++) {
      const at = new Date(Date.parse(newest) - (n - 1) * 86_400_000).toISOString();
      db.tracks.push({ ...base, id: `6a000000-0000-4000-8000-${String(n).padStart(12, '0')}`, title: `Sketch ${n}`, owner: summary(user), likeCount: 0, playCount: 0, coverUrl: null, tags: [], createdAt: at, updatedAt: at });
    }
  },
  /** `username` likes the track titled `title`. */
  like(username: string, title: string) {
    const track = trackNamed(title);
    const key = `${named(username).id}:${track.id}`;
    if (!db.likes.has(key)) {
      db.likes.add(key);
      track.likeCount += 1;
    }
  },
  /** The reposts as they stand (e.g. after a story's click). */
  reposts: (): readonly MockRepost[] => db.reposts,
  /** Track ids of every playStart and of every play counted since `clearPlays()`. */
  playLog: () => ({ started: [...playLog.started], counted: [...playLog.counted] }),
  clearPlays() {
    playLog.started.length = 0;
    playLog.counted.length = 0;
  },
};
