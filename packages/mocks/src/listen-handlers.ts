// Listening sessions of the mock back end (issue 11; the API's listen/listen.service.ts): start, join, leave (a host
// hands over to the next member, the last one out ends it), end, the host's controls, the shared queue with its lock,
// with the API's refusals and reasons. msw-trpc answers no subscriptions: every change is published to
// `listenMock.onChange` listeners instead (the web's MockListenFeed puts it where `listen.onSession` would). The
// store follows the mock database (a fresh one on `resetMockDb()`).
import type { ListeningSessionDto, TrackDto, UserSummaryDto } from '@veza/api';
import { LISTEN_MEMBERS_MAX, LISTEN_QUEUE_MAX } from '@veza/validators';
import { delay, type RequestHandler } from 'msw';
import { db, viewer, withViewer } from './db.ts';
import type { MockUser } from './fixtures.ts';
import { MOCK_ROOMS } from './chat-mock-state.ts';
import { MockTrpcError, trpcMsw } from './trpc-msw.ts';

export interface MockListenSession {
  id: string;
  hostId: string;
  roomId: string | null;
  trackId: string | null;
  positionMs: number;
  playing: boolean;
  /** When `positionMs` was true (epoch ms). */
  anchorAt: number;
  queueLocked: boolean;
  queue: { id: string; trackId: string; addedById: string | null }[];
  /** In joining order. */
  memberIds: string[];
  ended: boolean;
  version: number;
}

/** The seeded sessions' ids, for stories and tests. */
export const MOCK_LISTEN = {
  /** Marc hosts, Ana listens; "Rue des Martyrs" plays, two tracks queued (one by Ana). */
  live: '5e000000-0000-4000-8000-000000000001',
  /** Ana hosts with the queue locked; Marc and Léa listen. */
  locked: '5e000000-0000-4000-8000-000000000002',
  /** Ana alone, paused, nothing queued. */
  empty: '5e000000-0000-4000-8000-000000000003',
  /** Over. */
  ended: '5e000000-0000-4000-8000-000000000004',
} as const;

const trackId = (title: string) => db.tracks.find((t) => t.title === title)?.id ?? '';
const userId = (username: string) => db.users.find((u) => u.username === username)?.id ?? '';

function seed(): MockListenSession[] {
  const [ana, marc, lea] = [userId('ana'), userId('marc.dubois'), userId('lea_m')];
  const now = Date.now();
  const base = { roomId: MOCK_ROOMS.general, queueLocked: false, ended: false, version: 3 };
  return [
    {
      ...base,
      id: MOCK_LISTEN.live,
      hostId: marc,
      trackId: trackId('Rue des Martyrs'),
      positionMs: 42_000,
      playing: true,
      anchorAt: now,
      queue: [
        { id: '5e100000-0000-4000-8000-000000000001', trackId: trackId('Night Drive'), addedById: ana },
        { id: '5e100000-0000-4000-8000-000000000002', trackId: trackId('Le dernier métro'), addedById: marc },
      ],
      memberIds: [marc, ana],
    },
    {
      ...base,
      id: MOCK_LISTEN.locked,
      hostId: ana,
      trackId: trackId('Night Drive'),
      positionMs: 95_000,
      playing: true,
      anchorAt: now,
      queueLocked: true,
      queue: [{ id: '5e100000-0000-4000-8000-000000000003', trackId: trackId('Lumière froide'), addedById: ana }],
      memberIds: [ana, marc, lea],
    },
    { ...base, id: MOCK_LISTEN.empty, hostId: ana, trackId: trackId('Night Drive'), positionMs: 12_000, playing: false, anchorAt: now, queue: [], memberIds: [ana] },
    { ...base, id: MOCK_LISTEN.ended, hostId: ana, trackId: null, positionMs: 0, playing: false, anchorAt: now, queue: [], memberIds: [], ended: true },
  ];
}

// Like the playlists': `resetMockDb()` replaces `db.users`, which starts a fresh store.
const stores = new WeakMap<MockUser[], MockListenSession[]>();
function sessions(): MockListenSession[] {
  let s = stores.get(db.users);
  if (!s) {
    s = seed();
    stores.set(db.users, s);
  }
  return s;
}

type Listener = (session: ListeningSessionDto) => void;
const listeners = new Set<Listener>();

const summary = (u: MockUser): UserSummaryDto => ({ id: u.id, username: u.username, displayName: u.displayName });
const userById = (id: string) => db.users.find((u) => u.id === id);
const refusal = (code: MockTrpcError['code'], message: string, reason: string) => Object.assign(new MockTrpcError(code, message), { reason });
const trackById = (id: string | null) => (id ? db.tracks.find((t) => t.id === id) : undefined);

function requireViewer() {
  const user = viewer();
  if (!user) throw new MockTrpcError('UNAUTHORIZED', 'Please sign in to continue.');
  return user;
}

function find(id: string) {
  const s = sessions().find((x) => x.id === id);
  if (!s) throw new MockTrpcError('NOT_FOUND', 'Listening session not found.');
  return s;
}

const ended = () => refusal('BAD_REQUEST', 'This listening session has ended.', 'ended');
const notHost = () => refusal('FORBIDDEN', 'Only the host controls the playback of this session.', 'not_host');

function positionAt(s: MockListenSession, now: number) {
  const duration = trackById(s.trackId)?.durationMs ?? null;
  const moved = s.playing ? s.positionMs + Math.max(0, now - s.anchorAt) : s.positionMs;
  return duration === null ? moved : Math.min(moved, duration);
}

/** A track everyone may hear: public, ready, of a public profile. */
function playable(id: string): TrackDto {
  const t = trackById(id);
  if (!t || t.status !== 'ready' || t.visibility !== 'public' || userById(t.owner.id)?.isPrivate) {
    throw refusal('BAD_REQUEST', 'Only public, ready tracks can be played in a listening session.', 'track_unavailable');
  }
  return t;
}

function toDto(s: MockListenSession): ListeningSessionDto {
  const me = viewer()?.id;
  const now = Date.now();
  const track = trackById(s.trackId);
  const host = userById(s.hostId)!;
  return {
    id: s.id,
    host: summary(host),
    roomId: s.roomId,
    track: track ? withViewer(track) : null,
    positionMs: positionAt(s, now),
    playing: s.playing && track !== undefined,
    serverNow: now,
    queueLocked: s.queueLocked,
    queue: s.queue.flatMap((q) => {
      const t = trackById(q.trackId);
      const by = q.addedById ? userById(q.addedById) : undefined;
      return t ? [{ id: q.id, track: withViewer(t), addedBy: by ? summary(by) : null }] : [];
    }),
    members: s.memberIds.flatMap((id) => {
      const u = userById(id);
      return u ? [{ user: summary(u), isHost: id === s.hostId }] : [];
    }),
    joined: me !== undefined && s.memberIds.includes(me),
    isHost: s.hostId === me,
    ended: s.ended,
    version: s.version,
  };
}

function changed(s: MockListenSession) {
  s.version += 1;
  const dto = toDto(s);
  for (const listener of listeners) listener(dto);
}

function memberOf(s: MockListenSession, me: MockUser) {
  if (!s.memberIds.includes(me.id)) throw refusal('FORBIDDEN', 'Join this listening session first.', 'not_member');
  if (s.ended) throw ended();
}

function hosted(id: string) {
  const me = requireViewer();
  const s = find(id);
  if (s.hostId !== me.id) throw notHost();
  if (s.ended) throw ended();
  return s;
}

/** Takes `id` out; a host hands over to the member who joined first after them, the last one out ends it. */
function depart(s: MockListenSession, id: string) {
  if (s.ended || !s.memberIds.includes(id)) return false;
  s.memberIds = s.memberIds.filter((m) => m !== id);
  if (s.hostId === id) {
    const next = s.memberIds[0];
    if (next) s.hostId = next;
    else {
      s.positionMs = positionAt(s, Date.now());
      s.anchorAt = Date.now();
      s.ended = true;
      s.playing = false;
    }
  }
  changed(s);
  return true;
}

export const listenHandlers: RequestHandler[] = [
  trpcMsw.listen.time.query(() => ({ serverNow: Date.now() })),
  trpcMsw.listen.start.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const track = input?.trackId ? playable(input.trackId) : null;
    const s: MockListenSession = {
      id: crypto.randomUUID(),
      hostId: me.id,
      roomId: MOCK_ROOMS.general,
      trackId: track?.id ?? null,
      positionMs: 0,
      playing: track !== null,
      anchorAt: Date.now(),
      queueLocked: false,
      queue: [],
      memberIds: [me.id],
      ended: false,
      version: 1,
    };
    sessions().push(s);
    return toDto(s);
  }),
  trpcMsw.listen.byId.query(async ({ input }) => {
    await delay();
    requireViewer();
    return toDto(find(input.id));
  }),
  trpcMsw.listen.join.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const s = find(input.id);
    if (s.ended) throw ended();
    if (!s.memberIds.includes(me.id)) {
      if (s.memberIds.length >= LISTEN_MEMBERS_MAX) throw refusal('BAD_REQUEST', `A listening session holds at most ${LISTEN_MEMBERS_MAX} people.`, 'full');
      s.memberIds.push(me.id);
      changed(s);
    }
    return toDto(s);
  }),
  trpcMsw.listen.leave.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    return { id: input.id, left: depart(find(input.id), me.id) };
  }),
  trpcMsw.listen.end.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const s = find(input.id);
    if (s.hostId !== me.id) throw notHost();
    if (!s.ended) {
      s.positionMs = positionAt(s, Date.now());
      s.anchorAt = Date.now();
      s.ended = true;
      s.playing = false;
      changed(s);
    }
    return toDto(s);
  }),
  trpcMsw.listen.control.mutation(async ({ input }) => {
    await delay();
    const s = hosted(input.id);
    const now = Date.now();
    const duration = trackById(s.trackId)?.durationMs ?? null;
    const within = (ms: number) => (duration !== null ? Math.min(ms, duration) : ms);
    const here = positionAt(s, now);
    const noTrack = () => refusal('BAD_REQUEST', 'Choose a track to play first.', 'no_track');
    switch (input.action) {
      case 'play':
        if (!s.trackId) throw noTrack();
        s.positionMs = within(input.positionMs ?? here);
        s.playing = true;
        break;
      case 'pause':
        s.positionMs = within(input.positionMs ?? here);
        s.playing = false;
        break;
      case 'seek':
        if (!s.trackId) throw noTrack();
        s.positionMs = within(input.positionMs);
        break;
      case 'next': {
        const next = s.queue.shift();
        s.trackId = next?.trackId ?? null;
        s.positionMs = 0;
        s.playing = next !== undefined;
        break;
      }
      case 'playTrack':
        s.trackId = playable(input.trackId).id;
        s.positionMs = 0;
        s.playing = true;
        break;
    }
    s.anchorAt = now;
    changed(s);
    return toDto(s);
  }),
  trpcMsw.listen.queueAdd.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const s = find(input.id);
    memberOf(s, me);
    if (s.queueLocked && s.hostId !== me.id) throw refusal('FORBIDDEN', 'The host has locked the queue.', 'queue_locked');
    playable(input.trackId);
    if (s.queue.length >= LISTEN_QUEUE_MAX) throw refusal('BAD_REQUEST', `The queue holds at most ${LISTEN_QUEUE_MAX} tracks.`, 'queue_full');
    s.queue.push({ id: crypto.randomUUID(), trackId: input.trackId, addedById: me.id });
    changed(s);
    return toDto(s);
  }),
  trpcMsw.listen.queueRemove.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const s = find(input.id);
    memberOf(s, me);
    const entry = s.queue.find((q) => q.id === input.entryId);
    if (entry) {
      if (s.hostId !== me.id && entry.addedById !== me.id) throw refusal('FORBIDDEN', 'Only the host or whoever added a track can take it off the queue.', 'not_yours');
      s.queue = s.queue.filter((q) => q !== entry);
      changed(s);
    }
    return toDto(s);
  }),
  trpcMsw.listen.lockQueue.mutation(async ({ input }) => {
    await delay();
    const s = hosted(input.id);
    s.queueLocked = input.locked;
    changed(s);
    return toDto(s);
  }),
];

/** Story and test hooks: what others do in a session while the screen is open. */
export const listenMock = {
  /** Listens to every change (as `listen.onSession` would stream them, seen by the signed-in viewer); returns the unsubscribe function. */
  onChange(listener: Listener) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
  /** The session as the mock holds it. */
  session(id: string): MockListenSession {
    return find(id);
  },
  /** `username` leaves, elsewhere (a host hands over to the next member). */
  leaveAs(username: string, id: string) {
    depart(find(id), userId(username));
  },
  /** `username` joins, elsewhere. */
  joinAs(username: string, id: string) {
    const s = find(id);
    const uid = userId(username);
    if (!s.memberIds.includes(uid)) {
      s.memberIds.push(uid);
      changed(s);
    }
  },
  /** The host ends it, elsewhere. */
  endElsewhere(id: string) {
    const s = find(id);
    s.ended = true;
    s.playing = false;
    changed(s);
  },
  /** The host seeks, elsewhere. */
  seekElsewhere(id: string, positionMs: number) {
    const s = find(id);
    s.positionMs = positionMs;
    s.anchorAt = Date.now();
    changed(s);
  },
};
