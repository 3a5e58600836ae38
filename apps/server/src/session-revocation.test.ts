// A revoked session loses its live WebSocket connections at once, on this instance and on every other one
// (the revocation travels on the bus: Redis when there are many instances).
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import type { AppRouter, NotificationEvent } from '@veza/api';
import { sineWav } from '@veza/media';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, PASSWORD, register, TEST_SECRET, trpcMutation, upload, type TestUser } from './test/harness.ts';
import { twoInstances as startTwoInstances } from './test/two-instances.ts';
import { SessionSockets, WS_SESSION_REVOKED } from './trpc.ts';

const CLI = fileURLToPath(new URL('./cli/user-role.ts', import.meta.url));
const sessionIdOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sid: string }).sid;

/** Signs in again through HTTP: a second session (another device) of the same user. */
async function signIn(app: FastifyInstance, username: string) {
  const res = await app.inject({ method: 'POST', url: '/trpc/auth.login', payload: { login: username, password: PASSWORD } });
  const token = res.json<{ result: { data: { accessToken: string } } }>().result.data.accessToken;
  return { token, cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}

const wsUrlOf = async (app: FastifyInstance) => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/trpc`;
};

/** A live notifications subscription over a socket whose upgrade carries `headers`; records events and the close code. */
async function liveSubscription(url: string, headers: Record<string, string>) {
  class HeaderedWebSocket extends WebSocket {
    constructor(u: string | URL, protocols?: string | string[]) {
      super(u, protocols, { headers });
    }
  }
  const events: NotificationEvent[] = [];
  let resolveClosed: (code: number | undefined) => void = () => undefined;
  const closed = new Promise<number | undefined>((resolve) => (resolveClosed = resolve));
  const client = createWSClient({
    url,
    WebSocket: HeaderedWebSocket as unknown as typeof globalThis.WebSocket,
    retryDelayMs: () => 60_000,
    onClose: (cause) => resolveClosed(cause?.code),
  });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client })] });
  await new Promise<void>((resolve, reject) => {
    trpc.notifications.onEvent.subscribe({}, { onStarted: () => resolve(), onData: (e) => events.push(e.data), onError: reject });
  });
  return { events, closed, close: () => client.close() };
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms))]);

describe('revoking a session closes its WebSockets', () => {
  it('closes the revoked session’s socket with 4401 and its subscription stops receiving; other sessions keep theirs', async () => {
    const t = await createTestApp();
    try {
      const [alice, bob] = [await register(t.app, 'alice'), await register(t.app, 'bob')];
      const phone = await signIn(t.app, 'alice');
      const url = await wsUrlOf(t.app);
      const onPhone = await liveSubscription(url, { cookie: phone.cookie });
      const onLaptop = await liveSubscription(url, alice.bearer);

      const trackId = await upload(t.app, alice, sineWav({ seconds: 0.2 }), 'a.wav', 'Live');
      await trpcMutation(t.app, 'tracks.like', { id: trackId }, bob.bearer);
      await expect.poll(() => onPhone.events.length).toBe(1);

      // The laptop session ends the phone session.
      await trpcMutation(t.app, 'auth.sessions.revoke', { id: sessionIdOf(phone.token) }, alice.bearer);
      expect(await within(onPhone.closed, 5000)).toBe(WS_SESSION_REVOKED);

      const second = await upload(t.app, alice, sineWav({ seconds: 0.2 }), 'b.wav', 'After');
      await trpcMutation(t.app, 'tracks.like', { id: second }, bob.bearer);
      await expect.poll(() => onLaptop.events.length).toBeGreaterThanOrEqual(2);
      expect(onPhone.events).toHaveLength(1);

      // A new connection with the revoked session's cookie is refused.
      const again = await liveSubscription(url, { cookie: phone.cookie }).catch((e: unknown) => e);
      expect((again as { data?: { code?: string } }).data?.code).toBe('UNAUTHORIZED');
      onLaptop.close();
    } finally {
      await t.close();
    }
  }, 60_000);

  it('log out everywhere closes every socket of the user, and the raw close frame says why', async () => {
    const t = await createTestApp();
    try {
      const ana = await register(t.app, 'ana');
      const url = await wsUrlOf(t.app);
      const sub = await liveSubscription(url, ana.bearer);
      const raw = new WebSocket(url, { headers: { cookie: ana.cookie } });
      const rawClosed = new Promise<[number, string]>((resolve) => raw.on('close', (code, reason) => resolve([code, reason.toString()])));
      await new Promise((resolve) => raw.once('open', resolve));
      // Wait until the server has resolved the raw connection's session (it answers a query).
      raw.send(JSON.stringify({ id: 1, method: 'query', params: { path: 'auth.me', input: undefined } }));
      await new Promise((resolve) => raw.once('message', resolve));

      await trpcMutation(t.app, 'auth.sessions.revokeAll', undefined, ana.bearer);
      expect(await within(sub.closed, 5000)).toBe(WS_SESSION_REVOKED);
      expect(await within(rawClosed, 5000)).toEqual([WS_SESSION_REVOKED, 'session revoked']);
    } finally {
      await t.close();
    }
  }, 30_000);
});

describe.runIf(process.env.REDIS_URL)('across instances (Redis bus)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  const twoInstances = () => startTwoInstances(cleanups);

  it('a session revoked on one instance loses its socket on another', async () => {
    const [a, b] = await twoInstances();
    const user: TestUser = await register(b, 'zoe');
    const phone = await signIn(b, 'zoe');
    const sub = await liveSubscription(await wsUrlOf(a), { cookie: phone.cookie });
    await trpcMutation(b, 'auth.sessions.revoke', { id: sessionIdOf(phone.token) }, user.bearer);
    expect(await within(sub.closed, 5000)).toBe(WS_SESSION_REVOKED);
  }, 30_000);

  describe.runIf(process.env.DATABASE_URL)('with session caches (needs DATABASE_URL: each instance has its own PostgreSQL pool, as separate processes would; an embedded PGlite belongs to one process)', () => {
    const me = (app: FastifyInstance, headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: '/trpc/auth.me', headers }).then((r) => ({ status: r.statusCode, role: r.statusCode === 200 ? r.json<{ result: { data: { role: string } } }>().result.data.role : null }));

    it('a session cached on B and revoked on A: B refuses it as soon as the revocation arrives, and closes its sockets', async () => {
      const [a, b] = await twoInstances();
      const user = await register(a, 'yan');
      const phone = await signIn(a, 'yan');
      const bearer = { authorization: `Bearer ${phone.token}` };
      expect(await me(b, bearer)).toMatchObject({ status: 200 });
      expect(b.deps.sessionCache.get(sessionIdOf(phone.token))).toBeDefined();
      const sub = await liveSubscription(await wsUrlOf(b), { cookie: phone.cookie });

      await trpcMutation(a, 'auth.sessions.revoke', { id: sessionIdOf(phone.token) }, user.bearer);
      // A drops its own entry before it answers; B drops its entry and the socket when the Redis message is read,
      // which is usually before the next call reaches it but, on a loaded machine, may be a few milliseconds after it.
      await expect.poll(async () => (await me(b, bearer)).status, { timeout: 2_000, interval: 20 }).toBe(401);
      expect(await within(sub.closed, 5000)).toBe(WS_SESSION_REVOKED);
      expect(await me(b, user.bearer)).toMatchObject({ status: 200 });
    }, 30_000);

    it('a role changed by `pnpm user:role` (with REDIS_URL) or on A is the role B uses once the change arrives', async () => {
      const instances = await twoInstances();
      const [a, b] = instances;
      const [ida, kim] = [await register(a, 'ida'), await register(a, 'kim')];
      expect(await me(b, kim.bearer)).toEqual({ status: 200, role: 'user' });
      expect(await me(a, ida.bearer)).toEqual({ status: 200, role: 'user' });

      const cli = (login: string, role: string) =>
        promisify(execFile)(process.execPath, [CLI, login, role], {
          env: { NODE_ENV: 'test', DATA_DIR: instances.dataDir, JWT_SECRET: TEST_SECRET, DATABASE_URL: instances.db.url, REDIS_URL: process.env.REDIS_URL, PATH: process.env.PATH ?? '' },
        });
      await cli('kim', 'moderator');
      await cli('ida', 'admin');
      // Each instance reads the change from the bus: usually before the next call, milliseconds after it when loaded.
      const roleOn = (app: FastifyInstance, bearer: Record<string, string>) => expect.poll(() => me(app, bearer), { timeout: 2_000, interval: 20 });
      await roleOn(b, kim.bearer).toEqual({ status: 200, role: 'moderator' });
      await roleOn(a, ida.bearer).toEqual({ status: 200, role: 'admin' });

      await trpcMutation(a, 'admin.users.setRole', { userId: kim.id, role: 'creator' }, ida.bearer);
      await roleOn(b, kim.bearer).toEqual({ status: 200, role: 'creator' });
    }, 30_000);
  });
});

describe('SessionSockets', () => {
  /** Just what SessionSockets uses of a socket: close, and the close event. */
  const fakeSocket = () => {
    const closes: number[] = [];
    const socket = { close: (code: number) => void closes.push(code), once: () => socket };
    return { socket: socket as unknown as WebSocket, closes };
  };

  it('cuts a connection that registers just after its session was revoked (its context was still resolving)', () => {
    let now = 1_000_000;
    const sockets = new SessionSockets(() => now);
    sockets.closeSessions(['s1']);
    const late = fakeSocket();
    sockets.add('s1', late.socket);
    expect(late.closes).toEqual([WS_SESSION_REVOKED]);
    // Other sessions are untouched, and the memory of a revocation is bounded in time.
    const other = fakeSocket();
    sockets.add('s2', other.socket);
    expect(other.closes).toEqual([]);
    now += 61_000;
    const muchLater = fakeSocket();
    sockets.add('s1', muchLater.socket);
    expect(muchLater.closes).toEqual([]);
    sockets.closeSessions(['s1']);
    expect(muchLater.closes).toEqual([WS_SESSION_REVOKED]);
  });
});
