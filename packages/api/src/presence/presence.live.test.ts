// Persisted presence choices and live presence (presence.onChange, the connection tracker and the sweeper) through
// tRPC callers against the real database, on the memory store and, with REDIS_URL, on the Redis store.
import { randomUUID } from 'node:crypto';
import { connectRedisClient, type RedisClient } from '@veza/bus';
import { UserPresenceSettings } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import { startPresenceTracker, type PresenceEventDto } from './presence.live.ts';
import { createPresenceStore, type PresenceStoreOptions } from './presence.store.ts';

const redisUrl = process.env.REDIS_URL;
const kinds = redisUrl ? (['memory', 'redis'] as const) : (['memory'] as const);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(kinds)('live presence (%s store)', (kind) => {
  /** In usernames (no look-alikes between the two runs). */
  const k = kind === 'memory' ? 'x' : 'y';
  let h: Harness;
  let redis: RedisClient | undefined;
  type Account = Awaited<ReturnType<Harness['signUp']>>;
  const store = (options: PresenceStoreOptions = {}) => createPresenceStore({ redis, keyPrefix: `test:presence:${randomUUID()}`, ...options });

  beforeAll(async () => {
    redis = kind === 'redis' ? await connectRedisClient(redisUrl ?? '') : undefined;
    h = await createHarness({ presence: store() });
  });
  afterAll(async () => {
    await h.close();
    redis?.disconnect();
  });

  /** presence.onChange as `who`, recording what arrives. */
  async function watch(who: Account, userIds: string[]) {
    const controller = new AbortController();
    const api = await h.caller({ token: who.token, signal: controller.signal });
    const iterator = (await api.presence.onChange({ userIds }))[Symbol.asyncIterator]();
    const received: PresenceEventDto[] = [];
    let failure: unknown;
    void (async () => {
      try {
        for (let step = await iterator.next(); !step.done; step = await iterator.next()) received.push(step.value);
      } catch (error) {
        failure = error;
      }
    })();
    await expect.poll(() => received.length).toBe(new Set(userIds).size);
    return {
      received,
      failure: () => failure,
      /** [username or id, status] of what arrived after the first state. */
      changes: () => received.slice(new Set(userIds).size).map((e) => [e.userId, e.status, e.listeningTo]),
      stop: () => controller.abort(),
    };
  }

  it('keeps the chosen status and sharing across a store that forgot them (restart, expiry)', async () => {
    const ana = await h.signUp(`pl.${k}.ana`);
    const bob = await h.signUp(`pl.${k}.bob`);
    const track = (await h.upload(ana.token, undefined, { title: 'Open' })).id;
    await ana.api.presence.set({ status: 'dnd' });
    await ana.api.presence.set({ shareListening: false });
    const row = await h.db.fork().findOneOrFail(UserPresenceSettings, { user: ana.user.id });
    expect(row).toMatchObject({ status: 'dnd', shareListening: false });
    const previous = h.deps.presence;
    h.deps.presence = store();
    try {
      // The new store knows nothing: the first heartbeat loads the choices.
      expect(await ana.api.presence.heartbeat({ listeningTo: track })).toMatchObject({ status: 'dnd', listeningTo: null });
      expect((await bob.api.presence.get({ userIds: [ana.user.id] })).items[0]).toMatchObject({ status: 'dnd', listeningTo: null });
      // A user who never chose: defaults.
      expect(await bob.api.presence.heartbeat({ listeningTo: track })).toMatchObject({ status: 'online', listeningTo: track });
      // A change answered is kept in both.
      await ana.api.presence.set({ status: 'online', shareListening: true });
      expect(await h.db.fork().findOneOrFail(UserPresenceSettings, { user: ana.user.id })).toMatchObject({ status: 'online', shareListening: true });
    } finally {
      await h.deps.presence.close();
      h.deps.presence = previous;
    }
    // The older store had dnd and no sharing: the database is what it now agrees with after a set.
    await ana.api.presence.set({ status: 'away' });
    expect((await bob.api.presence.get({ userIds: [ana.user.id] })).items[0]?.status).toBe('offline');
    expect(await ana.api.presence.heartbeat({ listeningTo: track })).toMatchObject({ status: 'away', listeningTo: track });
  });

  it('pushes online → dnd → offline (last socket closed) to a watcher, first with the state as it is', async () => {
    const ana = await h.signUp(`pw.${k}.ana`);
    const bob = await h.signUp(`pw.${k}.bob`);
    const tracker = startPresenceTracker(h.deps);
    try {
      const w = await watch(bob, [ana.user.id, ana.user.id, bob.user.id]);
      expect(w.received.map((e) => [e.type, e.userId, e.status])).toEqual([
        ['presence', ana.user.id, 'offline'],
        ['presence', bob.user.id, 'offline'],
      ]);
      // ana's app connects twice (two tabs), heartbeats, and chooses do not disturb.
      tracker.opened(ana.user.id);
      tracker.opened(ana.user.id);
      await ana.api.presence.heartbeat({});
      await ana.api.presence.heartbeat({});
      await ana.api.presence.set({ status: 'dnd' });
      await expect.poll(() => w.changes()).toEqual([
        [ana.user.id, 'online', null],
        [ana.user.id, 'dnd', null],
      ]);
      // One tab closes: still there. The last one closes: offline at once, with last seen.
      tracker.closed(ana.user.id);
      await tracker.idle();
      await sleep(50);
      expect(w.changes()).toHaveLength(2);
      tracker.closed(ana.user.id);
      await tracker.idle();
      await expect.poll(() => w.changes().at(-1)).toEqual([ana.user.id, 'offline', null]);
      expect(w.received.at(-1)?.lastSeenAt).not.toBeNull();
      expect((await bob.api.presence.get({ userIds: [ana.user.id] })).items[0]?.status).toBe('offline');
      expect(w.failure()).toBeUndefined();
      w.stop();
    } finally {
      await tracker.stop();
    }
  });

  it('shows an invisible user offline to watchers (and invisible to themself), and nothing of their moves', async () => {
    const cat = await h.signUp(`pv.${k}.cat`);
    const bob = await h.signUp(`pv.${k}.bob`);
    const track = (await h.upload(cat.token, undefined, { title: 'Hidden' })).id;
    await cat.api.presence.set({ status: 'invisible' });
    const others = await watch(bob, [cat.user.id]);
    const own = await watch(cat, [cat.user.id]);
    await cat.api.presence.heartbeat({ listeningTo: track });
    await cat.api.presence.heartbeat({ idle: true });
    await expect.poll(() => own.changes()).toEqual([[cat.user.id, 'invisible', track], [cat.user.id, 'invisible', null]]);
    expect(others.received.map((e) => [e.status, e.listeningTo])).toEqual([['offline', null]]);
    // Becoming visible shows at once.
    await cat.api.presence.set({ status: 'online' });
    await expect.poll(() => others.changes()).toEqual([[cat.user.id, 'away', null]]);
    others.stop();
    own.stop();
  });

  it('announces offline the users whose heartbeats stopped, once, through any instance’s sweeper', async () => {
    const previous = h.deps.presence;
    h.deps.presence = store({ ttlMs: 300 });
    const a = startPresenceTracker(h.deps, { sweepEveryMs: 60_000 });
    const b = startPresenceTracker(h.deps, { sweepEveryMs: 60_000 });
    try {
      const dan = await h.signUp(`ps.${k}.dan`);
      const bob = await h.signUp(`ps.${k}.bob`);
      const w = await watch(bob, [dan.user.id]);
      await dan.api.presence.heartbeat({});
      await expect.poll(() => w.changes()).toEqual([[dan.user.id, 'online', null]]);
      expect(await a.sweep()).toBe(0);
      await sleep(400);
      expect((await a.sweep()) + (await b.sweep())).toBe(1);
      await expect.poll(() => w.changes()).toEqual([
        [dan.user.id, 'online', null],
        [dan.user.id, 'offline', null],
      ]);
      w.stop();
    } finally {
      await a.stop();
      await b.stop();
      await h.deps.presence.close();
      h.deps.presence = previous;
    }
  });

  it('refuses bad input and anonymous watchers', async () => {
    const bob = await h.signUp(`pb.${k}.bob`);
    for (const userIds of [[], Array.from({ length: 101 }, () => randomUUID()), ['nope'], 'x']) {
      expect(await trpcError(async () => (await bob.api.presence.onChange({ userIds } as never))[Symbol.asyncIterator]().next())).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await trpcError(async () => (await h.caller()).presence.onChange({ userIds: [bob.user.id] }))).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
