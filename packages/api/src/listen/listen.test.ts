// Listening sessions (issue 11), through tRPC callers on the real database (PGlite, or PostgreSQL when DATABASE_URL is
// set): the playhead on the server's clock, the host's controls, the shared queue, joining (and the chat room), the
// live view, handing over when the host leaves or goes silent, and every refusal changing nothing.
import type { TrackedEnvelope } from '@trpc/server';
import { ListeningMember, ListeningQueueEntry, RoomMember, Track } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, peopleOf, trpcError, type Account, type Harness } from '../test/harness.ts';
import type { ListeningSessionDto } from './listen.dto.ts';
import { LISTEN_SILENT_AFTER_MS, sweepListening } from './listen.service.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'ls');
async function readyTrack(owner: Account, title: string, durationMs = 180_000) {
  const { id } = await h.upload(owner.token, undefined, { title });
  await h.db.fork().nativeUpdate(Track, { id }, { status: 'ready', durationMs });
  return id;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('listen: the playhead and the host', () => {
  it("keeps the playhead on the server's clock: it moves with time while playing, holds while paused", async () => {
    const [host, guest] = await people('host', 'guest');
    const song = await readyTrack(host, 'Song');
    const started = await host.api.listen.start({ trackId: song });
    expect(started).toMatchObject({ track: { id: song }, playing: true, isHost: true, joined: true, ended: false, queueLocked: false });
    expect(started.members).toEqual([{ user: expect.objectContaining({ username: host.user.username }), isHost: true }]);

    const joined = await guest.api.listen.join({ id: started.id });
    expect(joined).toMatchObject({ joined: true, isHost: false, host: { username: host.user.username } });
    await sleep(40);
    const later = await guest.api.listen.byId({ id: started.id });
    // Both views are the same line: position moves exactly as the server's clock does.
    expect(later.positionMs - joined.positionMs).toBe(later.serverNow - joined.serverNow);
    expect(later.positionMs).toBeGreaterThan(0);

    const paused = await host.api.listen.control({ id: started.id, action: 'pause', positionMs: 42_000 });
    expect(paused).toMatchObject({ playing: false, positionMs: 42_000 });
    await sleep(30);
    expect(await guest.api.listen.byId({ id: started.id })).toMatchObject({ playing: false, positionMs: 42_000 });

    const sought = await host.api.listen.control({ id: started.id, action: 'seek', positionMs: 999_999 });
    expect(sought.positionMs).toBe(180_000);
    const resumed = await host.api.listen.control({ id: started.id, action: 'play', positionMs: 10_000 });
    expect(resumed.playing).toBe(true);
    const after = await guest.api.listen.byId({ id: started.id });
    expect(after.positionMs - 10_000).toBe(after.serverNow - resumed.serverNow + (resumed.positionMs - 10_000));
  });

  it('plays the shared queue in order; members add to it unless the host locks it; a queued track is removed by the host or its adder', async () => {
    const [host, guest, other] = await people('host', 'guest', 'other');
    const [a, b, c] = [await readyTrack(host, 'A'), await readyTrack(guest, 'B'), await readyTrack(other, 'C')];
    const session = await host.api.listen.start({});
    expect(session).toMatchObject({ track: null, playing: false });
    await guest.api.listen.join({ id: session.id });
    await other.api.listen.join({ id: session.id });
    await host.api.listen.queueAdd({ id: session.id, trackId: a });
    const queued = await guest.api.listen.queueAdd({ id: session.id, trackId: b });
    expect(queued.queue.map((q) => [q.track.title, q.addedBy?.username])).toEqual([
      ['A', host.user.username],
      ['B', guest.user.username],
    ]);
    const bEntry = queued.queue[1]!.id;
    expect(await trpcError(() => other.api.listen.queueRemove({ id: session.id, entryId: bEntry }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_yours' } });

    await host.api.listen.lockQueue({ id: session.id, locked: true });
    expect(await trpcError(() => other.api.listen.queueAdd({ id: session.id, trackId: c }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'queue_locked' } });
    await host.api.listen.lockQueue({ id: session.id, locked: false });
    await other.api.listen.queueAdd({ id: session.id, trackId: c });
    await guest.api.listen.queueRemove({ id: session.id, entryId: bEntry });

    const first = await host.api.listen.control({ id: session.id, action: 'next' });
    expect(first).toMatchObject({ track: { title: 'A' }, playing: true, positionMs: expect.any(Number) });
    expect(first.queue.map((q) => q.track.title)).toEqual(['C']);
    const second = await host.api.listen.control({ id: session.id, action: 'next' });
    expect(second).toMatchObject({ track: { title: 'C' }, queue: [] });
    expect(await host.api.listen.control({ id: session.id, action: 'next' })).toMatchObject({ track: null, playing: false });
    const now = await host.api.listen.control({ id: session.id, action: 'playTrack', trackId: b });
    expect(now).toMatchObject({ track: { title: 'B' }, playing: true });
  });

  it('refuses controls from others, tracks not everyone may hear, bad input and non-members, changing nothing', async () => {
    const [host, guest, stranger] = await people('host', 'guest', 'stranger');
    const song = await readyTrack(host, 'Song');
    const secret = await readyTrack(host, 'Secret');
    await host.api.tracks.update({ id: secret, visibility: 'private' });
    const byLink = await readyTrack(host, 'By link');
    await host.api.tracks.update({ id: byLink, visibility: 'unlisted' });
    const session = await host.api.listen.start({ trackId: song });
    await guest.api.listen.join({ id: session.id });

    expect(await trpcError(() => guest.api.listen.control({ id: session.id, action: 'pause' }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_host' } });
    expect(await trpcError(() => guest.api.listen.lockQueue({ id: session.id, locked: true }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_host' } });
    for (const trackId of [secret, byLink, crypto.randomUUID()]) {
      expect(await trpcError(() => host.api.listen.control({ id: session.id, action: 'playTrack', trackId }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'track_unavailable' } });
      expect(await trpcError(() => guest.api.listen.queueAdd({ id: session.id, trackId }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'track_unavailable' } });
    }
    expect(await trpcError(() => host.api.listen.start({ trackId: secret }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'track_unavailable' } });
    expect(await trpcError(() => stranger.api.listen.queueAdd({ id: session.id, trackId: song }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_member' } });
    for (const bad of [{ id: session.id, action: 'seek', positionMs: -1 }, { id: session.id, action: 'seek' }, { id: session.id, action: 'dance' }, { id: 'nope', action: 'pause' }, { id: session.id, action: 'seek', positionMs: 1.5 }]) {
      expect(await trpcError(() => host.api.listen.control(bad as never))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await trpcError(() => host.api.listen.join({ id: crypto.randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(async () => (await h.caller()).listen.join({ id: session.id }))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await h.db.fork().count(ListeningQueueEntry, { session: session.id })).toBe(0);
    expect(await host.api.listen.byId({ id: session.id })).toMatchObject({ track: { id: song }, playing: true, queueLocked: false });
  });
});

describe('listen: joining and leaving', () => {
  it("joins the session's chat room; refuses a block with the host and an ended session", async () => {
    const [host, guest, blocker] = await people('host', 'guest', 'blocker');
    const session = await host.api.listen.start({});
    await guest.api.listen.join({ id: session.id });
    expect(await h.db.fork().count(RoomMember, { room: session.roomId!, user: guest.user.id })).toBe(1);
    await blocker.api.users.block({ username: host.user.username });
    expect(await trpcError(() => blocker.api.listen.join({ id: session.id }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'blocked' } });
    expect(await h.db.fork().count(ListeningMember, { session: session.id, user: blocker.user.id })).toBe(0);

    expect(await trpcError(() => guest.api.listen.end({ id: session.id }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_host' } });
    expect(await host.api.listen.end({ id: session.id })).toMatchObject({ ended: true, playing: false });
    const [late] = await people('late');
    expect(await trpcError(() => late.api.listen.join({ id: session.id }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'ended' } });
  });

  it('hands over to the next member when the host leaves, and ends when the last one leaves', async () => {
    const [host, first, second] = await people('host', 'first', 'second');
    const session = await host.api.listen.start({});
    await first.api.listen.join({ id: session.id });
    await second.api.listen.join({ id: session.id });
    expect(await host.api.listen.leave({ id: session.id })).toEqual({ id: session.id, left: true });
    expect(await first.api.listen.byId({ id: session.id })).toMatchObject({ isHost: true, host: { username: first.user.username }, ended: false });
    await first.api.listen.leave({ id: session.id });
    expect(await second.api.listen.byId({ id: session.id })).toMatchObject({ isHost: true });
    await second.api.listen.leave({ id: session.id });
    expect(await second.api.listen.byId({ id: session.id })).toMatchObject({ ended: true, members: [] });
    expect(await second.api.listen.leave({ id: session.id })).toEqual({ id: session.id, left: false });
  });

  it('drops a host who went silent (closed the tab) and hands over, through the sweep', async () => {
    const [host, guest] = await people('host', 'guest');
    const session = await host.api.listen.start({});
    await guest.api.listen.join({ id: session.id });
    // The guest's view is open (seen now); the host was last seen long ago.
    await h.db.fork().nativeUpdate(ListeningMember, { session: session.id, user: host.user.id }, { lastSeenAt: new Date(Date.now() - LISTEN_SILENT_AFTER_MS - 5_000) });
    const { dropped } = await sweepListening(h.deps);
    expect(dropped).toBeGreaterThanOrEqual(1);
    expect(await guest.api.listen.byId({ id: session.id })).toMatchObject({ isHost: true, members: [{ user: { username: guest.user.username }, isHost: true }] });
  });
});

describe('listen: live', () => {
  it("shows every change to the members' live views, in order, and ends them with the session", async () => {
    const [host, guest] = await people('host', 'guest');
    const song = await readyTrack(host, 'Song');
    const session = await host.api.listen.start({ trackId: song });
    await guest.api.listen.join({ id: session.id });
    const controller = new AbortController();
    const api = await h.caller({ token: guest.token, signal: controller.signal });
    const iterator = ((await api.listen.onSession({ id: session.id })) as AsyncIterable<TrackedEnvelope<ListeningSessionDto>>)[Symbol.asyncIterator]();
    const next = async () => {
      const result = await Promise.race([iterator.next(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event')), 5000))]);
      return result.done ? null : result.value[1];
    };
    const first = await next();
    expect(first).toMatchObject({ joined: true, playing: true, track: { id: song } });
    const paused = await host.api.listen.control({ id: session.id, action: 'pause', positionMs: 5_000 });
    expect(await next()).toMatchObject({ version: paused.version, playing: false, positionMs: 5_000 });
    await host.api.listen.control({ id: session.id, action: 'seek', positionMs: 7_000 });
    expect(await next()).toMatchObject({ positionMs: 7_000 });
    await host.api.listen.end({ id: session.id });
    expect(await next()).toMatchObject({ ended: true });
    expect(await next()).toBeNull();
    controller.abort();

    const [stranger] = await people('stranger');
    const other = await host.api.listen.start({});
    expect(await trpcError(async () => {
      const it = ((await stranger.api.listen.onSession({ id: other.id })) as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      await it.next();
    })).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_member' } });
  });
});
