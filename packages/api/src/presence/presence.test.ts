// presence.set / heartbeat / get through tRPC callers against the real database, on the memory store and, with
// REDIS_URL, on the Redis store.
import { randomUUID } from 'node:crypto';
import { connectRedisClient, type RedisClient } from '@veza/bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import { createPresenceStore } from './presence.store.ts';

const redisUrl = process.env.REDIS_URL;
/** The human message of a refused input (what the error formatter sends to clients). */
const issueOf = (error: { cause?: unknown }) => (error.cause as { issues?: { message: string }[] } | undefined)?.issues?.[0]?.message;
const kinds = redisUrl ? (['memory', 'redis'] as const) : (['memory'] as const);

describe.each(kinds)('presence procedures (%s store)', (kind) => {
  let h: Harness;
  let redis: RedisClient | undefined;
  let ana: Awaited<ReturnType<Harness['signUp']>>;
  let bob: Awaited<ReturnType<Harness['signUp']>>;
  let publicTrack: string;
  let privateTrack: string;

  beforeAll(async () => {
    redis = kind === 'redis' ? await connectRedisClient(redisUrl ?? '') : undefined;
    h = await createHarness({ presence: createPresenceStore({ redis, keyPrefix: `test:presence:${randomUUID()}` }) });
    ana = await h.signUp('ana');
    bob = await h.signUp('bob');
    publicTrack = (await h.upload(ana.token, undefined, { title: 'Open' })).id;
    privateTrack = (await h.upload(ana.token, undefined, { title: 'Secret' })).id;
    await ana.api.tracks.update({ id: privateTrack, visibility: 'private' });
  });
  afterAll(async () => {
    await h.close();
    redis?.disconnect();
  });

  const seenBy = async (viewer: typeof bob, userId: string) => (await viewer.api.presence.get({ userIds: [userId] })).items[0];

  it('needs a signed-in user for every presence procedure', async () => {
    const anon = await h.caller();
    for (const call of [() => anon.presence.set({ status: 'dnd' }), () => anon.presence.heartbeat({}), () => anon.presence.get({ userIds: [ana.user.id] })]) {
      expect((await trpcError(call)).code).toBe('UNAUTHORIZED');
    }
  });

  it('shows a user online with a heartbeat, their status and last seen; offline and never seen before', async () => {
    const cleo = await h.signUp('cleo');
    expect(await seenBy(bob, cleo.user.id)).toEqual({ userId: cleo.user.id, status: 'offline', lastSeenAt: null, listeningTo: null, shareListening: null });
    const own = await cleo.api.presence.heartbeat({});
    expect(own).toMatchObject({ userId: cleo.user.id, status: 'online', listeningTo: null });
    expect(await seenBy(bob, cleo.user.id)).toMatchObject({ status: 'online', lastSeenAt: own.lastSeenAt });
    await cleo.api.presence.heartbeat({ idle: true });
    expect((await seenBy(bob, cleo.user.id))?.status).toBe('away');
    expect(await cleo.api.presence.set({ status: 'dnd' })).toMatchObject({ status: 'dnd' });
    expect((await seenBy(bob, cleo.user.id))?.status).toBe('dnd');
  });

  it('shows an invisible user as offline to others (last seen frozen at going invisible) and as invisible to themself', async () => {
    const dora = await h.signUp('dora');
    const before = await dora.api.presence.heartbeat({ listeningTo: publicTrack });
    expect(await dora.api.presence.set({ status: 'invisible' })).toMatchObject({ status: 'invisible' });
    await new Promise((r) => setTimeout(r, 10));
    await dora.api.presence.heartbeat({ listeningTo: publicTrack });
    expect(await seenBy(bob, dora.user.id)).toEqual({ userId: dora.user.id, status: 'offline', lastSeenAt: before.lastSeenAt, listeningTo: null, shareListening: null });
    expect(await seenBy(dora, dora.user.id)).toMatchObject({ status: 'invisible', listeningTo: publicTrack });
  });

  it('shows "listening to" for public tracks only, and never for a user who opted out', async () => {
    const erin = await h.signUp('erin');
    await erin.api.presence.heartbeat({ listeningTo: publicTrack });
    expect((await seenBy(bob, erin.user.id))?.listeningTo).toBe(publicTrack);
    // A private track (or an unknown id) is not shown, and the heartbeat still counts.
    expect(await erin.api.presence.heartbeat({ listeningTo: privateTrack })).toMatchObject({ status: 'online', listeningTo: null });
    await erin.api.presence.heartbeat({ listeningTo: randomUUID() });
    expect(await seenBy(bob, erin.user.id)).toMatchObject({ status: 'online', listeningTo: null });
    await erin.api.presence.heartbeat({ listeningTo: publicTrack });
    expect(await erin.api.presence.set({ shareListening: false })).toMatchObject({ listeningTo: null });
    expect((await seenBy(bob, erin.user.id))?.listeningTo).toBeNull();
    await erin.api.presence.heartbeat({ listeningTo: publicTrack });
    expect((await seenBy(bob, erin.user.id))?.listeningTo).toBeNull();
    // Her own presence says she opted out (so every device shows the switch off); others never see the choice.
    expect((await seenBy(erin, erin.user.id))?.shareListening).toBe(false);
    expect((await seenBy(bob, erin.user.id))?.shareListening).toBeNull();
    await erin.api.presence.set({ shareListening: true });
    expect((await seenBy(erin, erin.user.id))?.shareListening).toBe(true);
  });

  it('answers up to 100 users in the order asked, each once', async () => {
    const ids = [bob.user.id, ...Array.from({ length: 97 }, () => randomUUID()), ana.user.id];
    await bob.api.presence.heartbeat({});
    const { items } = await ana.api.presence.get({ userIds: [...ids, bob.user.id] });
    expect(items.map((i) => i.userId)).toEqual(ids);
    expect(items[0]).toMatchObject({ userId: bob.user.id, status: 'online' });
  });

  it('refuses bad input with a clear message and stores nothing', async () => {
    const finn = await h.signUp('finn');
    const bad = [
      () => finn.api.presence.set({ status: 'busy' as never }),
      () => finn.api.presence.set({}),
      () => finn.api.presence.set({ status: 'invisible', shareListening: 'no' as never }),
      () => finn.api.presence.heartbeat({ listeningTo: 'not-a-track' }),
      () => finn.api.presence.heartbeat({ idle: 'yes' as never, listeningTo: publicTrack }),
    ];
    const messages = [];
    for (const call of bad) {
      const error = await trpcError(call);
      expect(error.code).toBe('BAD_REQUEST');
      messages.push(issueOf(error));
    }
    expect(messages).toEqual([
      'Choose online, away, do not disturb or invisible.',
      'Choose a status or whether to share what you listen to.',
      'Sharing what you listen to is either on or off.',
      'Unknown track id.',
      'Idle is either true or false.',
    ]);
    // Nothing stored: finn is still never seen, not invisible.
    expect(await seenBy(bob, finn.user.id)).toEqual({ userId: finn.user.id, status: 'offline', lastSeenAt: null, listeningTo: null, shareListening: null });
    expect(await seenBy(finn, finn.user.id)).toMatchObject({ status: 'offline', lastSeenAt: null });
    await finn.api.presence.heartbeat({});
    expect((await seenBy(bob, finn.user.id))?.status).toBe('online');

    for (const [userIds, message] of [
      [Array.from({ length: 101 }, () => randomUUID()), 'Ask for at most 100 users at a time.'],
      [[], 'Give at least one user.'],
      [['1 OR 1=1'], 'Unknown user id.'],
    ] as const) {
      const error = await trpcError(() => bob.api.presence.get({ userIds: [...userIds] }));
      expect(error.code).toBe('BAD_REQUEST');
      expect(issueOf(error)).toBe(message);
    }
  });

  it("changes only the caller's own presence", async () => {
    const gus = await h.signUp('gus');
    await gus.api.presence.heartbeat({});
    // There is no way to name another user in set or heartbeat: bob's calls change bob only.
    await bob.api.presence.set({ status: 'invisible' });
    await bob.api.presence.heartbeat({});
    expect((await seenBy(ana, gus.user.id))?.status).toBe('online');
    expect((await seenBy(ana, bob.user.id))?.status).toBe('offline');
    await bob.api.presence.set({ status: 'online' });
  });
});
