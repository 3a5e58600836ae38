import type { AddressInfo } from 'node:net';
import { createTRPCClient, createWSClient, TRPCClientError, wsLink } from '@trpc/client';
import type { AppRouter, NotificationEvent } from '@veza/api';
import { sineWav } from '@veza/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, register, trpcMutation, upload, type TestApp, type TestUser } from './test/harness.ts';
import { MAX_BATCH_SIZE } from './trpc.ts';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let wsUrl: string;

beforeAll(async () => {
  t = await createTestApp();
  [alice, bob] = [await register(t.app, 'alice'), await register(t.app, 'bob')];
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/trpc`;
});
afterAll(() => t.close());

/** A tRPC client over a `ws` socket whose upgrade request carries these headers (as a browser sends cookies). */
function wsClient(headers: Record<string, string>) {
  class HeaderedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const client = createWSClient({ url: wsUrl, WebSocket: HeaderedWebSocket as unknown as typeof globalThis.WebSocket, retryDelayMs: () => 60_000 });
  return { trpc: createTRPCClient<AppRouter>({ links: [wsLink({ client })] }), close: () => client.close() };
}

/** Subscribes to the live notifications and resolves with the first event (or rejects with the error). */
async function firstNotification(headers: Record<string, string>, trigger: () => Promise<unknown>) {
  const { trpc, close } = wsClient(headers);
  try {
    return await new Promise<NotificationEvent>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no event within 5 s')), 5000);
      const sub = trpc.notifications.onEvent.subscribe(
        {},
        {
          onStarted: () => void trigger().catch(reject),
          onData: (event) => {
            clearTimeout(timer);
            sub.unsubscribe();
            resolve(event.data);
          },
          onError: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        },
      );
    });
  } finally {
    close();
  }
}

describe('tRPC over WebSocket', () => {
  it('delivers a like to the owner signed in with a Bearer header on the upgrade', async () => {
    const trackId = await upload(t.app, alice, sineWav({ seconds: 0.3 }), 'a.wav', 'Bearer tune');
    const event = await firstNotification(alice.bearer, () => trpcMutation(t.app, 'tracks.like', { id: trackId }, bob.bearer));
    expect(event.type).toBe('track.liked');
    expect(event.actor.username).toBe('bob');
    // NotificationEvent is a union (likes, chat mentions): matched as an object rather than narrowed.
    expect(event).toMatchObject({ track: { id: trackId, title: 'Bearer tune' } });
  });

  it('delivers a like to the owner signed in with the session cookie on the upgrade', async () => {
    const trackId = await upload(t.app, alice, sineWav({ seconds: 0.3 }), 'b.wav', 'Cookie tune');
    const event = await firstNotification({ cookie: alice.cookie }, () => trpcMutation(t.app, 'tracks.like', { id: trackId }, { cookie: bob.cookie }));
    expect(event).toMatchObject({ type: 'track.liked', track: { title: 'Cookie tune' } });
  });

  it('refuses an anonymous subscription with UNAUTHORIZED', async () => {
    const error = await firstNotification({}, async () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe('UNAUTHORIZED');
  });

  it("refuses an upgrade from another site's page, accepts the app's own origin", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(wsUrl, { headers: { origin: 'https://evil.example', cookie: alice.cookie } });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => reject(new Error('opened')));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(403);
    const own = new URL(wsUrl);
    const opened = await new Promise<boolean>((resolve) => {
      const socket = new WebSocket(wsUrl, { headers: { origin: `http://${own.host}` } });
      socket.on('open', () => {
        socket.close();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    expect(opened).toBe(true);
  });
});

describe('tRPC over HTTP', () => {
  it('sets httpOnly session cookies on sign-in and clears them on sign-out', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      payload: { login: 'alice', password: 'correct horse battery staple' },
    });
    expect(res.statusCode).toBe(200);
    const byName = Object.fromEntries(res.cookies.map((c) => [c.name, c]));
    expect(byName.veza_at).toMatchObject({ httpOnly: true, path: '/', sameSite: 'Lax', maxAge: 900 });
    expect(byName.veza_rt).toMatchObject({ httpOnly: true, path: '/', sameSite: 'Strict' });
    expect(byName.veza_at?.secure).toBeUndefined();
    // The non-secret "signed in" flag the web app reads: not HttpOnly, the refresh cookie's lifetime.
    expect(byName.veza_session).toMatchObject({ value: '1', path: '/', sameSite: 'Lax', maxAge: byName.veza_rt?.maxAge });
    expect(byName.veza_session?.httpOnly).toBeUndefined();

    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const me = await t.app.inject({ method: 'GET', url: '/trpc/auth.me', headers: { cookie } });
    expect(me.json<{ result: { data: { username: string } } }>().result.data.username).toBe('alice');

    const out = await t.app.inject({ method: 'POST', url: '/trpc/auth.logout', headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' } });
    expect(out.statusCode).toBe(200);
    expect(out.cookies.map((c) => [c.name, c.value, c.maxAge])).toEqual([
      ['veza_at', '', 0],
      ['veza_rt', '', 0],
      ['veza_session', '', 0],
    ]);
  });

  it(`accepts batches of up to ${MAX_BATCH_SIZE} calls and refuses bigger ones`, async () => {
    const batch = (n: number) => {
      const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, {}]));
      return t.app.inject({ method: 'GET', url: `/trpc/${Array(n).fill('tracks.list').join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}` });
    };
    expect((await batch(MAX_BATCH_SIZE)).statusCode).toBe(200);
    expect((await batch(MAX_BATCH_SIZE + 1)).statusCode).toBe(400);
  });

  it('refuses calls that are not JSON, so no form on another site can make them', async () => {
    const trackId = await upload(t.app, alice, sineWav({ seconds: 0.2 }), 'c.wav');
    const bodies = [
      { type: 'text/plain', payload: JSON.stringify({ id: trackId }) },
      { type: 'application/x-www-form-urlencoded', payload: `id=${trackId}` },
      { type: 'multipart/form-data; boundary=x', payload: `--x\r\nContent-Disposition: form-data; name="id"\r\n\r\n${trackId}\r\n--x--\r\n` },
    ];
    for (const { type, payload } of bodies) {
      const res = await t.app.inject({ method: 'POST', url: '/trpc/tracks.like', payload, headers: { 'content-type': type, cookie: bob.cookie, origin: 'http://localhost' } });
      expect(res.statusCode, type).toBe(415);
      expect(res.json<{ error: { data: { code: string } } }>().error.data.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const liked = await t.app.inject({ method: 'GET', url: `/trpc/tracks.byId?input=${encodeURIComponent(JSON.stringify({ id: trackId }))}` });
    expect(liked.json<{ result: { data: { likeCount: number } } }>().result.data.likeCount).toBe(0);
  });

  it('answers a procedure error in the tRPC envelope with the HTTP status', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/trpc/auth.me' });
    expect(res.statusCode).toBe(401);
    expect(res.json<{ error: { message: string; data: { code: string } } }>().error).toMatchObject({
      message: 'Please sign in to continue.',
      data: { code: 'UNAUTHORIZED' },
    });
  });
});
