// Listening sessions (issue 11, "listen along"): a host plays tracks that everyone in the session hears at the same
// position, with a shared queue and the session's chat room.
//
// - Sync: the playhead is a position at a moment of the server's clock (`positionMs` at `anchorAt`, moving on while
//   playing). Every answer carries the server's time (`serverNow`); a client estimates its offset from the server's
//   clock (`listen.time`, half the round trip) and works out where the track is at any moment, correcting drift
//   itself. Nothing is sent while a track plays; a change (play, pause, seek, skip) is one event.
// - Who: anyone signed in with the link joins (the id is the secret), up to LISTEN_MEMBERS_MAX, unless a block stands
//   between them and the host. Joining joins the session's chat room too.
// - Control: the host plays, pauses, seeks, skips and locks the queue; members add to the queue unless it is locked;
//   a queued track is removed by the host or whoever added it. Only public, ready tracks of public profiles play in a
//   session (everyone in it must be allowed to hear them).
// - Leaving: a member's live view renews their presence; the silent are dropped by the sweep. A host who leaves (or
//   goes silent) hands the session to the member who joined first after them; the last one out ends it.
import { blocksRepository, chatRepository, ListeningSession, listenRepository, Track, tracksRepository, type TrackCard } from '@veza/db';
import { listen as listenBus } from '@veza/bus';
import { LISTEN_MEMBERS_MAX, LISTEN_QUEUE_MAX, listenControlInput, listenStartInput, type ListenControlInput, type ListenStartInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError, notFound } from '../errors.ts';
import { toTrackDtos } from '../tracks/tracks.service.ts';
import { toUserSummary } from '../users/users.dto.ts';
import type { ListenChangeEvent, ListeningSessionDto } from './listen.dto.ts';

type Ctx = Pick<Context, 'em' | 'viewer' | 'deps'>;

export const listenChannel = (id: string) => `listen:${id}`;
/** A member's live view renews their presence this often… */
export const LISTEN_SEEN_EVERY_MS = 15_000;
/** …and a member not seen for this long is dropped (a host hands over). */
export const LISTEN_SILENT_AFTER_MS = 45_000;
/** How often the server drops the silent. */
export const LISTEN_SWEEP_EVERY_MS = 15_000;

const notHost = () => new DomainError('FORBIDDEN', 'Only the host controls the playback of this session.', undefined, 'not_host');
const ended = () => new DomainError('BAD_REQUEST', 'This listening session has ended.', undefined, 'ended');

/** Where the playhead is at `now`, within the track. */
function positionAt(session: Pick<ListeningSession, 'positionMs' | 'playing' | 'anchorAt'>, durationMs: number | null, now: number) {
  const moved = session.playing ? session.positionMs + Math.max(0, now - session.anchorAt.getTime()) : session.positionMs;
  return durationMs === null ? moved : Math.min(moved, durationMs);
}

/** A track everyone in a session may hear: public, ready, of a public profile. */
async function playable(ctx: Ctx, trackId: string): Promise<TrackCard> {
  const [card] = await tracksRepository(ctx.em).cards([trackId]);
  if (!card || card.status !== 'ready' || card.visibility !== 'public' || (await ownerIsPrivate(ctx, card.owner.id))) {
    throw new DomainError('BAD_REQUEST', 'Only public, ready tracks can be played in a listening session.', undefined, 'track_unavailable');
  }
  return card;
}

async function ownerIsPrivate(ctx: Ctx, userId: string) {
  const rows = await ctx.em.execute<{ is_private: boolean }[]>('select is_private from users where id = ?', [userId]);
  return rows[0]?.is_private !== false;
}

async function publish(ctx: Ctx, id: string, version: number) {
  const event: ListenChangeEvent = { id, version };
  await ctx.deps.bus.publish(listenChannel(id), event);
}

async function loadSession(ctx: Ctx, id: string) {
  const session = await listenRepository(ctx.em).byId(id);
  if (!session) throw notFound('Listening session');
  return session;
}

/** The session as `viewer` sees it now. */
export async function state(ctx: Ctx, viewer: Viewer, id: string): Promise<ListeningSessionDto> {
  const session = await loadSession(ctx, id);
  const [members, queue] = await Promise.all([listenRepository(ctx.em.fork()).members(id), listenRepository(ctx.em.fork()).queue(id)]);
  const trackIds = [...new Set([...(session.track ? [session.track.id] : []), ...queue.map((q) => q.track.id)])];
  const cards = new Map((await tracksRepository(ctx.em).cards(trackIds)).map((c) => [c.id, c]));
  const ordered = trackIds.flatMap((tid) => (cards.has(tid) ? [cards.get(tid)!] : []));
  const dtos = new Map((await toTrackDtos(ctx, ordered)).map((d) => [d.id, d]));
  const current = session.track ? (dtos.get(session.track.id) ?? null) : null;
  const now = Date.now();
  return {
    id: session.id,
    host: toUserSummary(session.host),
    roomId: session.room?.id ?? null,
    track: current,
    positionMs: positionAt(session, current?.durationMs ?? null, now),
    playing: session.playing && current !== null,
    serverNow: now,
    queueLocked: session.queueLocked,
    queue: queue.flatMap((q) => {
      const track = dtos.get(q.track.id);
      return track ? [{ id: q.id, track, addedBy: q.addedBy ? toUserSummary(q.addedBy) : null }] : [];
    }),
    members: members.map((m) => ({ user: toUserSummary(m.user), isHost: m.user.id === session.host.id })),
    joined: members.some((m) => m.user.id === viewer.id),
    isHost: session.host.id === viewer.id,
    ended: session.endedAt !== null,
    version: session.version,
  };
}

/**
 * Starts a session hosted by the viewer, with its chat room, playing `trackId` if given. Another session the viewer
 * hosts carries on (its listeners stay); it ends when its people leave or go silent.
 */
export async function start(ctx: Ctx, viewer: Viewer, raw: ListenStartInput): Promise<ListeningSessionDto> {
  const input = listenStartInput.parse(raw);
  const card = input.trackId ? await playable(ctx, input.trackId) : null;
  const repo = listenRepository(ctx.em);
  const room = await chatRepository(ctx.em).createRoom({ name: `Listening with @${viewer.username}`.slice(0, 80), topic: null, visibility: 'private', ownerId: viewer.id });
  const now = new Date();
  const id = crypto.randomUUID();
  ctx.em.create(ListeningSession, {
    id,
    host: viewer.id,
    room: room.id,
    track: card?.id ?? null,
    positionMs: 0,
    playing: card !== null,
    anchorAt: now,
    queueLocked: false,
    version: 1,
    endedAt: null,
  });
  await ctx.em.flush();
  await repo.join(id, viewer.id, now);
  return state(ctx, viewer, id);
}

export async function join(ctx: Ctx, viewer: Viewer, id: string): Promise<ListeningSessionDto> {
  const session = await loadSession(ctx, id);
  if (session.endedAt) throw ended();
  const repo = listenRepository(ctx.em);
  if (!(await repo.member(id, viewer.id))) {
    const { byMe, byThem } = await blocksRepository(ctx.em).between(viewer.id, [session.host.id]);
    if (byMe.size > 0 || byThem.size > 0) throw new DomainError('FORBIDDEN', 'You cannot join this session.', undefined, 'blocked');
    if ((await repo.countMembers(id)) >= LISTEN_MEMBERS_MAX) throw new DomainError('BAD_REQUEST', `A listening session holds at most ${LISTEN_MEMBERS_MAX} people.`, undefined, 'full');
  }
  if (await repo.join(id, viewer.id, new Date())) {
    if (session.room) await chatRepository(ctx.em).join(session.room.id, viewer.id);
    const bumped = await repo.locked(id, async () => undefined);
    if (bumped) await publish(ctx, id, bumped.version);
  }
  return state(ctx, viewer, id);
}

/**
 * Takes `userId` out of a session; a host hands over to the member who joined first after them, and the last one
 * out ends it. Idempotent.
 */
async function depart(ctx: Ctx, id: string, userId: string) {
  const repo = listenRepository(ctx.em);
  const done = await repo.locked(id, async (tx, session) => {
    if (session.endedAt) return false;
    const removed = (await repo.removeMember(tx, id, userId)) > 0;
    if (session.host.id !== userId) return removed;
    const next = (await listenRepository(tx).members(id)).find((m) => m.user.id !== userId);
    if (next) {
      session.host = next.user;
    } else {
      session.endedAt = new Date();
      session.playing = false;
    }
    return true;
  });
  if (done?.result) await publish(ctx, id, done.version);
  return done?.result ?? false;
}

export async function leave(ctx: Ctx, viewer: Viewer, id: string): Promise<{ id: string; left: boolean }> {
  await loadSession(ctx, id);
  return { id, left: await depart(ctx, id, viewer.id) };
}

async function endSession(ctx: Ctx, id: string) {
  const done = await listenRepository(ctx.em).locked(id, async (_tx, session) => {
    session.endedAt ??= new Date();
    session.playing = false;
  });
  if (done) await publish(ctx, id, done.version);
}

export async function end(ctx: Ctx, viewer: Viewer, id: string): Promise<ListeningSessionDto> {
  const session = await loadSession(ctx, id);
  if (session.host.id !== viewer.id) throw notHost();
  await endSession(ctx, id);
  return state(ctx, viewer, id);
}

export async function control(ctx: Ctx, viewer: Viewer, raw: ListenControlInput): Promise<ListeningSessionDto> {
  const input = listenControlInput.parse(raw);
  const session = await loadSession(ctx, input.id);
  if (session.host.id !== viewer.id) throw notHost();
  if (session.endedAt) throw ended();
  const card = input.action === 'playTrack' ? await playable(ctx, input.trackId) : null;
  const repo = listenRepository(ctx.em);
  const done = await repo.locked(input.id, async (tx, s) => {
    if (s.host.id !== viewer.id) throw notHost();
    const now = new Date();
    const [current] = s.track ? await tracksRepository(tx).cards([s.track.id]) : [];
    const here = positionAt(s, current?.durationMs ?? null, now.getTime());
    const within = (ms: number) => (current?.durationMs != null ? Math.min(ms, current.durationMs) : ms);
    switch (input.action) {
      case 'play':
        if (!s.track) throw new DomainError('BAD_REQUEST', 'Choose a track to play first.', undefined, 'no_track');
        s.positionMs = within(input.positionMs ?? here);
        s.playing = true;
        break;
      case 'pause':
        s.positionMs = within(input.positionMs ?? here);
        s.playing = false;
        break;
      case 'seek':
        if (!s.track) throw new DomainError('BAD_REQUEST', 'Choose a track to play first.', undefined, 'no_track');
        s.positionMs = within(input.positionMs);
        break;
      case 'next': {
        const next = await repo.shift(tx, input.id);
        s.track = next ? tx.getReference(Track, next) : null;
        s.positionMs = 0;
        s.playing = next !== null;
        break;
      }
      case 'playTrack':
        s.track = tx.getReference(Track, card!.id);
        s.positionMs = 0;
        s.playing = true;
        break;
    }
    s.anchorAt = now;
  });
  if (!done) throw notFound('Listening session');
  await publish(ctx, input.id, done.version);
  return state(ctx, viewer, input.id);
}

async function memberOf(ctx: Ctx, viewer: Viewer, id: string) {
  const session = await loadSession(ctx, id);
  if (!(await listenRepository(ctx.em).member(id, viewer.id))) throw new DomainError('FORBIDDEN', 'Join this listening session first.', undefined, 'not_member');
  if (session.endedAt) throw ended();
  return session;
}

export async function queueAdd(ctx: Ctx, viewer: Viewer, id: string, trackId: string): Promise<ListeningSessionDto> {
  const session = await memberOf(ctx, viewer, id);
  if (session.queueLocked && session.host.id !== viewer.id) throw new DomainError('FORBIDDEN', 'The host has locked the queue.', undefined, 'queue_locked');
  await playable(ctx, trackId);
  const repo = listenRepository(ctx.em);
  const done = await repo.locked(id, async (tx, s) => {
    if (s.queueLocked && s.host.id !== viewer.id) throw new DomainError('FORBIDDEN', 'The host has locked the queue.', undefined, 'queue_locked');
    if ((await repo.queueLength(tx, id)) >= LISTEN_QUEUE_MAX) throw new DomainError('BAD_REQUEST', `The queue holds at most ${LISTEN_QUEUE_MAX} tracks.`, undefined, 'queue_full');
    await repo.enqueue(tx, id, trackId, viewer.id);
  });
  if (done) await publish(ctx, id, done.version);
  return state(ctx, viewer, id);
}

export async function queueRemove(ctx: Ctx, viewer: Viewer, id: string, entryId: string): Promise<ListeningSessionDto> {
  const session = await memberOf(ctx, viewer, id);
  const repo = listenRepository(ctx.em);
  const done = await repo.locked(id, async (tx) => {
    const entry = await repo.queueEntry(tx, id, entryId);
    if (!entry) return false;
    if (session.host.id !== viewer.id && entry.addedBy?.id !== viewer.id) {
      throw new DomainError('FORBIDDEN', 'Only the host or whoever added a track can take it off the queue.', undefined, 'not_yours');
    }
    await repo.removeEntry(tx, entryId);
    return true;
  });
  if (done?.result) await publish(ctx, id, done.version);
  return state(ctx, viewer, id);
}

export async function lockQueue(ctx: Ctx, viewer: Viewer, id: string, locked: boolean): Promise<ListeningSessionDto> {
  const session = await loadSession(ctx, id);
  if (session.host.id !== viewer.id) throw notHost();
  if (session.endedAt) throw ended();
  const done = await listenRepository(ctx.em).locked(id, async (_tx, s) => {
    s.queueLocked = locked;
  });
  if (done) await publish(ctx, id, done.version);
  return state(ctx, viewer, id);
}

/**
 * The session live, for a member: its state now, then again after every change, until it ends or the member leaves.
 * Keeps the member's presence fresh meanwhile.
 */
export async function* stream(ctx: Ctx, viewer: Viewer, id: string, signal: AbortSignal | undefined): AsyncGenerator<ListeningSessionDto> {
  const live = await listenBus(ctx.deps.bus, listenChannel(id), signal, parseChange, { max: 100 });
  const em = ctx.deps.db.fork();
  const sub = { ...ctx, em };
  const heartbeat = setInterval(() => {
    void listenRepository(ctx.deps.db.fork()).seen(id, viewer.id, new Date()).catch(() => undefined);
  }, LISTEN_SEEN_EVERY_MS);
  heartbeat.unref?.();
  try {
    await memberOf(sub, viewer, id);
    await listenRepository(em).seen(id, viewer.id, new Date());
    let shown = await state(sub, viewer, id);
    yield shown;
    for await (const event of live) {
      if (event.version <= shown.version) continue;
      em.clear();
      shown = await state(sub, viewer, id);
      yield shown;
      if (shown.ended || !shown.joined) return;
    }
  } finally {
    clearInterval(heartbeat);
    await live.return(undefined);
  }
}

function parseChange(payload: unknown): ListenChangeEvent | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Partial<ListenChangeEvent>;
  return typeof p.id === 'string' && Number.isSafeInteger(p.version) ? (p as ListenChangeEvent) : null;
}

/**
 * Drops members not seen for LISTEN_SILENT_AFTER_MS (a host hands over) and settles sessions whose host is gone.
 * Run periodically (on every instance: each step takes the session's lock, so running twice does no harm).
 */
export async function sweepListening(deps: Context['deps'], now = new Date()): Promise<{ dropped: number }> {
  const ctx = { deps, em: deps.db.fork(), viewer: null };
  const repo = listenRepository(ctx.em);
  let dropped = 0;
  for (const { sessionId, userId } of await repo.silent(new Date(now.getTime() - LISTEN_SILENT_AFTER_MS))) {
    if (await depart({ ...ctx, em: deps.db.fork() }, sessionId, userId)) dropped += 1;
  }
  for (const sessionId of await repo.orphaned()) {
    const session = await repo.byId(sessionId);
    if (session) await depart({ ...ctx, em: deps.db.fork() }, sessionId, session.host.id);
  }
  return { dropped };
}
