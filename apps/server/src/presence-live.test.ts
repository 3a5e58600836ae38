// Live presence through the real server: a user whose last WebSocket closes goes offline at once and watchers
// (presence.onChange over their own WebSocket) are told; with two instances on Redis, the users of an instance that
// dies (no clean close, no more Redis writes) go offline when their heartbeats run out, announced by the other
// instance's sweeper to its own watchers.
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { createPresenceStore, type AppRouter, type PresenceEventDto } from '@veza/api';
import { connectRedisClient, RedisBus } from '@veza/bus';
import { createTestDatabase } from '@veza/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from './app.ts';
import { buildDeps } from './deps.ts';
import { loadConfig } from './env.ts';
import { createTestApp, register, TEST_SECRET, trpcMutation, trpcQuery, type TestUser } from './test/harness.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const wsUrlOf = async (app: FastifyInstance) => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/trpc`;
};

/** A bare signed-in WebSocket (an open app with no subscription yet): the server counts it as a connection of the user. */
async function openSocket(url: string, user: TestUser) {
  const socket = new WebSocket(url, { headers: user.bearer });
  await once(socket, 'open');
  return socket;
}

/** presence.onChange over the tRPC WebSocket client, as the web app subscribes. */
async function watchPresence(url: string, watcher: TestUser, userIds: string[]) {
  class HeaderedWebSocket extends WebSocket {
    constructor(u: string | URL, protocols?: string | string[]) {
      super(u, protocols, { headers: watcher.bearer });
    }
  }
  const client = createWSClient({ url, WebSocket: HeaderedWebSocket as unknown as typeof globalThis.WebSocket, retryDelayMs: () => 60_000 });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client })] });
  const received: PresenceEventDto[] = [];
  const errors: unknown[] = [];
  trpc.presence.onChange.subscribe({ userIds }, { onData: (e) => received.push(e), onError: (e) => errors.push(e) });
  await expect.poll(() => received.length).toBe(userIds.length);
  return { received, errors, statuses: () => received.map((e) => e.status), close: () => client.close() };
}

const presenceOf = async (app: FastifyInstance, viewer: TestUser, userId: string) =>
  (await trpcQuery<{ items: { status: string }[] }>(app, 'presence.get', { userIds: [userId] }, viewer.bearer)).items[0]?.status;

describe('presence on socket close (one instance)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('keeps a user online while one of their sockets is open, and shows them offline at once when the last one closes', async () => {
    const t = await createTestApp();
    cleanups.push(() => t.close());
    const url = await wsUrlOf(t.app);
    const ana = await register(t.app, 'pc.ana');
    const bob = await register(t.app, 'pc.bob');
    const tabs = [await openSocket(url, ana), await openSocket(url, ana)];
    await trpcMutation(t.app, 'presence.heartbeat', {}, ana.bearer);
    await trpcMutation(t.app, 'presence.set', { status: 'dnd' }, ana.bearer);
    const watch = await watchPresence(url, bob, [ana.id]);
    expect(watch.statuses()).toEqual(['dnd']);

    tabs[0]!.close();
    await once(tabs[0]!, 'close');
    await sleep(300);
    expect(watch.statuses()).toEqual(['dnd']);
    expect(await presenceOf(t.app, bob, ana.id)).toBe('dnd');

    tabs[1]!.terminate();
    await expect.poll(() => watch.statuses(), { timeout: 5_000 }).toEqual(['dnd', 'offline']);
    expect(watch.received.at(-1)?.lastSeenAt).not.toBeNull();
    expect(await presenceOf(t.app, bob, ana.id)).toBe('offline');
    // Back: a new socket and a heartbeat show the chosen status again.
    const again = await openSocket(url, ana);
    await trpcMutation(t.app, 'presence.heartbeat', {}, ana.bearer);
    await expect.poll(() => watch.statuses()).toEqual(['dnd', 'offline', 'dnd']);
    expect(watch.errors).toEqual([]);
    again.close();
    watch.close();
  }, 30_000);
});

describe.runIf(process.env.REDIS_URL)('presence across instances (Redis)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("announces offline a killed instance's user to the other instance's watchers once their heartbeats run out", async () => {
    const redisUrl = process.env.REDIS_URL ?? '';
    const dataDir = await mkdtemp(join(tmpdir(), 'veza-srv-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET: TEST_SECRET, WEB_DIST: join(dataDir, 'none') });
    const db = await createTestDatabase();
    cleanups.push(() => db.destroy());
    const keyPrefix = `test:presence:${crypto.randomUUID()}`;
    // Each instance: its own bus and Redis connections; presence on the shared Redis with a 1.5 s TTL (sweeps every 0.5 s).
    const instance = async () => {
      const bus = new RedisBus(redisUrl);
      await bus.ready();
      const redis = await connectRedisClient(redisUrl);
      redis.on('error', () => undefined);
      const deps = buildDeps(config, db, { enqueueTrackProcessing: async () => undefined }, { bus, redis });
      deps.presence = createPresenceStore({ redis, keyPrefix, ttlMs: 1_500 });
      await deps.sessionCache.ready;
      const app = await buildApp(config, deps);
      cleanups.push(async () => {
        await app.close();
        await deps.sessionCache.close();
        await bus.close();
        redis.disconnect();
      });
      return { app, redis, url: await wsUrlOf(app) };
    };
    const [a, b] = [await instance(), await instance()];
    const ana = await register(a.app, 'pk.ana');
    const bob = await register(b.app, 'pk.bob');

    const anaSocket = await openSocket(a.url, ana);
    await trpcMutation(a.app, 'presence.heartbeat', {}, ana.bearer);
    const watch = await watchPresence(b.url, bob, [ana.id]);
    expect(watch.statuses()).toEqual(['online']);
    // Still online a TTL later while A renews nothing but ana heartbeats (through either instance).
    await sleep(800);
    await trpcMutation(b.app, 'presence.heartbeat', {}, ana.bearer);
    await sleep(800);
    expect(watch.statuses()).toEqual(['online']);

    // Instance A dies: it loses Redis (it can neither renew nor say ana left) and its socket drops.
    a.redis.disconnect();
    anaSocket.terminate();
    const killedAt = Date.now();
    await expect.poll(() => watch.statuses(), { timeout: 8_000, interval: 100 }).toEqual(['online', 'offline']);
    // Offline within the TTL plus a sweep (1.5 s + 0.5 s here; 90 s + 30 s in production).
    expect(Date.now() - killedAt).toBeLessThan(4_000);
    expect(await presenceOf(b.app, bob, ana.id)).toBe('offline');
    await sleep(1_000);
    // Announced once.
    expect(watch.statuses()).toEqual(['online', 'offline']);
    expect(watch.errors).toEqual([]);
    watch.close();
  }, 60_000);
});
