// The presence store on memory and, with REDIS_URL (CI sets it), on Redis: TTL expiry, invisible, sharing.
import { randomUUID } from 'node:crypto';
import { connectRedisClient, type RedisClient } from '@veza/bus';
import { afterAll, describe, expect, it } from 'vitest';
import { presenceFor } from './presence.record.ts';
import { createPresenceStore, type PresenceStoreOptions } from './presence.store.ts';

const redisUrl = process.env.REDIS_URL;
const kinds = redisUrl ? (['memory', 'redis'] as const) : (['memory'] as const);
const clients: RedisClient[] = [];
afterAll(() => {
  for (const c of clients) c.disconnect();
});

async function storeFor(kind: 'memory' | 'redis', options: PresenceStoreOptions = {}) {
  if (kind === 'memory') return createPresenceStore(options);
  const redis = await connectRedisClient(redisUrl ?? '');
  clients.push(redis);
  return createPresenceStore({ ...options, redis, keyPrefix: `test:presence:${randomUUID()}` });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TRACK = randomUUID();

describe.each(kinds)('presence store on %s', (kind) => {
  it('shows a user online while heartbeats are younger than the TTL, then offline with the last heartbeat as last seen', async () => {
    const store = await storeFor(kind, { ttlMs: 300 });
    const [ana, bob] = [randomUUID(), randomUUID()];
    expect(presenceFor((await store.read([ana]))[0]!, bob)).toEqual({ userId: ana, status: 'offline', lastSeenAt: null, listeningTo: null, shareListening: null });
    const before = Date.now();
    await store.heartbeat(ana, { listeningTo: TRACK, idle: false });
    let seen = presenceFor((await store.read([ana]))[0]!, bob);
    expect(seen).toMatchObject({ status: 'online', listeningTo: TRACK });
    expect(Date.parse(seen.lastSeenAt ?? '')).toBeGreaterThanOrEqual(before);
    // A second connection's heartbeat keeps the user live past the first one's TTL.
    await sleep(200);
    await store.heartbeat(ana, { listeningTo: TRACK, idle: false });
    await sleep(200);
    expect(presenceFor((await store.read([ana]))[0]!, bob).status).toBe('online');
    // No heartbeat for longer than the TTL (an instance killed): offline, nothing live, last seen kept.
    await sleep(350);
    seen = presenceFor((await store.read([ana]))[0]!, bob);
    expect(seen).toMatchObject({ status: 'offline', listeningTo: null });
    expect(seen.lastSeenAt).not.toBeNull();
    await store.close();
  });

  it('keeps the chosen status; idle online reads away; dnd stays dnd', async () => {
    const store = await storeFor(kind);
    const [ana, bob] = [randomUUID(), randomUUID()];
    await store.heartbeat(ana, { listeningTo: null, idle: true });
    expect(presenceFor((await store.read([ana]))[0]!, bob).status).toBe('away');
    await store.choose(ana, { status: 'dnd' });
    await store.heartbeat(ana, { listeningTo: null, idle: true });
    expect(presenceFor((await store.read([ana]))[0]!, bob).status).toBe('dnd');
    await store.choose(ana, { status: 'away' });
    await store.heartbeat(ana, { listeningTo: null, idle: false });
    expect(presenceFor((await store.read([ana]))[0]!, bob).status).toBe('away');
    await store.close();
  });

  it('shows an invisible user offline to others, with the last seen of before, and as invisible to themself', async () => {
    const store = await storeFor(kind);
    const [ana, bob] = [randomUUID(), randomUUID()];
    await store.heartbeat(ana, { listeningTo: TRACK, idle: false });
    const visibleSeen = presenceFor((await store.read([ana]))[0]!, bob).lastSeenAt;
    await store.choose(ana, { status: 'invisible' });
    await sleep(20);
    await store.heartbeat(ana, { listeningTo: TRACK, idle: false });
    const record = (await store.read([ana]))[0]!;
    expect(presenceFor(record, bob)).toEqual({ userId: ana, status: 'offline', lastSeenAt: visibleSeen, listeningTo: null, shareListening: null });
    expect(presenceFor(record, ana)).toMatchObject({ status: 'invisible', listeningTo: TRACK, lastSeenAt: visibleSeen });
    // Back to online: last seen moves again.
    await store.choose(ana, { status: 'online' });
    await store.heartbeat(ana, { listeningTo: null, idle: false });
    expect(Date.parse(presenceFor((await store.read([ana]))[0]!, bob).lastSeenAt ?? '')).toBeGreaterThan(Date.parse(visibleSeen ?? ''));
    await store.close();
  });

  it('does not keep or show the track of a user who turned sharing off', async () => {
    const store = await storeFor(kind);
    const [ana, bob] = [randomUUID(), randomUUID()];
    await store.heartbeat(ana, { listeningTo: TRACK, idle: false });
    await store.choose(ana, { shareListening: false });
    // Forgotten at once, not at the next heartbeat.
    expect((await store.read([ana]))[0]).toMatchObject({ live: true, listeningTo: null, shareListening: false });
    await store.heartbeat(ana, { listeningTo: TRACK, idle: false });
    expect(presenceFor((await store.read([ana]))[0]!, bob).listeningTo).toBeNull();
    await store.choose(ana, { shareListening: true });
    await store.heartbeat(ana, { listeningTo: TRACK, idle: false });
    expect(presenceFor((await store.read([ana]))[0]!, bob).listeningTo).toBe(TRACK);
    await store.close();
  });

  it('reads many users at once, in the order asked', async () => {
    const store = await storeFor(kind);
    const ids = Array.from({ length: 100 }, () => randomUUID());
    await store.heartbeat(ids[3]!, { listeningTo: null, idle: false });
    const records = await store.read(ids);
    expect(records.map((r) => r.userId)).toEqual(ids);
    expect(records.filter((r) => r.live).map((r) => r.userId)).toEqual([ids[3]]);
    expect(await store.read([])).toEqual([]);
    await store.close();
  });
});

describe.each(kinds)('presence store on %s: choices, going offline, connections', (kind) => {
  it('loads the choices from the caller once when it does not know them, and a choice made meanwhile wins', async () => {
    const store = await storeFor(kind);
    const [ana, bob] = [randomUUID(), randomUUID()];
    let loads = 0;
    const load = async () => {
      loads++;
      return { status: 'dnd' as const, shareListening: false };
    };
    const first = await store.heartbeat(ana, { listeningTo: TRACK, idle: false }, load);
    expect(presenceFor(first.record, bob)).toMatchObject({ status: 'dnd', listeningTo: null });
    expect(first.previous.live).toBe(false);
    await store.heartbeat(ana, { listeningTo: TRACK, idle: false }, load);
    expect(loads).toBe(1);
    // Known choices (both given to choose) are never loaded again.
    await store.choose(bob, { status: 'away', shareListening: true });
    await store.heartbeat(bob, { listeningTo: null, idle: false }, load);
    expect(loads).toBe(1);
    expect((await store.read([bob]))[0]?.status).toBe('away');
    await store.close();
  });

  it('takes a user offline at once on disconnect (last seen now, or frozen while invisible)', async () => {
    const store = await storeFor(kind);
    const [ana, bob, cat] = [randomUUID(), randomUUID(), randomUUID()];
    await store.heartbeat(ana, { listeningTo: TRACK, idle: false });
    await sleep(20);
    const change = await store.disconnect(ana);
    expect(change.previous.live).toBe(true);
    expect(presenceFor(change.record, bob)).toMatchObject({ status: 'offline', listeningTo: null });
    expect(change.record.seenAt).toBeGreaterThan(change.previous.seenAt ?? 0);
    await store.choose(cat, { status: 'invisible', shareListening: true });
    await store.heartbeat(cat, { listeningTo: null, idle: false });
    expect((await store.disconnect(cat)).record).toMatchObject({ live: false, seenAt: null });
    // Nobody to take offline: nothing changes.
    const none = await store.disconnect(randomUUID());
    expect(none.record).toEqual(none.previous);
    // Disconnected users are not claimed as expired later.
    expect(await store.claimExpired()).toEqual([]);
    await store.close();
  });

  it('hands each expired user to one claimer only, not users who came back', async () => {
    const keyPrefix = `test:presence:${randomUUID()}`;
    const redis = kind === 'redis' ? await connectRedisClient(redisUrl ?? '') : undefined;
    if (redis) clients.push(redis);
    const a = createPresenceStore({ redis, keyPrefix, ttlMs: 200 });
    // A second instance on the same Redis (on memory, the same store claims twice).
    const b = redis ? createPresenceStore({ redis, keyPrefix, ttlMs: 200 }) : a;
    const [ana, bob] = [randomUUID(), randomUUID()];
    await a.heartbeat(ana, { listeningTo: null, idle: false });
    await a.heartbeat(bob, { listeningTo: null, idle: false });
    expect(await a.claimExpired()).toEqual([]);
    await sleep(120);
    await b.heartbeat(bob, { listeningTo: null, idle: false });
    await sleep(120);
    const claims = [...(await a.claimExpired()), ...(await b.claimExpired())];
    expect(claims).toEqual([ana]);
    await sleep(150);
    expect([...(await b.claimExpired()), ...(await a.claimExpired())]).toEqual([bob]);
    await a.close();
  });

  it('counts the instances holding a user’s sockets; a lease not renewed runs out', async () => {
    const store = await storeFor(kind, { ttlMs: 300 });
    const ana = randomUUID();
    await store.connectionOpened(ana, 'i1');
    await store.connectionOpened(ana, 'i2');
    expect(await store.connectionClosed(ana, 'i1')).toBe(1);
    expect(await store.connectionClosed(ana, 'i2')).toBe(0);
    await store.connectionOpened(ana, 'i1');
    await store.connectionOpened(ana, 'dead');
    for (let i = 0; i < 4; i++) {
      await sleep(100);
      await store.renewConnections('i1', [ana]);
    }
    // 'dead' stopped renewing: only i1 counted, then nobody.
    expect(await store.connectionClosed(ana, 'other')).toBe(1);
    expect(await store.connectionClosed(ana, 'i1')).toBe(0);
    await store.close();
  });
});

describe('memory presence store', () => {
  it('forgets users not seen for the keep period, so it does not grow with everyone ever seen', async () => {
    let t = 1_000_000;
    const store = createPresenceStore({ now: () => t, ttlMs: 1_000, keepMs: 10_000 });
    const [ana, bob] = [randomUUID(), randomUUID()];
    await store.choose(ana, { status: 'dnd' });
    await store.heartbeat(ana, { listeningTo: null, idle: false });
    t += 5_000;
    expect((await store.read([ana]))[0]).toMatchObject({ status: 'dnd', live: false, seenAt: 1_000_000 });
    t += 6_000;
    await store.heartbeat(bob, { listeningTo: null, idle: false });
    expect((await store.read([ana]))[0]).toMatchObject({ status: 'online', live: false, seenAt: null });
    await store.close();
  });
});

describe.runIf(redisUrl)('Redis presence store across instances', () => {
  it("shares presence between instances, and a killed instance's users go offline when the TTL passes", async () => {
    const keyPrefix = `test:presence:${randomUUID()}`;
    const [a, b] = [await connectRedisClient(redisUrl ?? ''), await connectRedisClient(redisUrl ?? '')];
    clients.push(a, b);
    const instanceA = createPresenceStore({ redis: a, keyPrefix, ttlMs: 300 });
    const instanceB = createPresenceStore({ redis: b, keyPrefix, ttlMs: 300 });
    const [ana, bob] = [randomUUID(), randomUUID()];
    await instanceA.choose(ana, { status: 'dnd' });
    await instanceA.heartbeat(ana, { listeningTo: TRACK, idle: false });
    expect(presenceFor((await instanceB.read([ana]))[0]!, bob)).toMatchObject({ status: 'dnd', listeningTo: TRACK });
    a.disconnect(); // instance A dies: no more heartbeats
    await sleep(400);
    expect(presenceFor((await instanceB.read([ana]))[0]!, bob)).toMatchObject({ status: 'offline', listeningTo: null });
    // The choice survives: ana's next heartbeat through instance B shows dnd again.
    await instanceB.heartbeat(ana, { listeningTo: null, idle: false });
    expect(presenceFor((await instanceB.read([ana]))[0]!, bob).status).toBe('dnd');
  });
});
