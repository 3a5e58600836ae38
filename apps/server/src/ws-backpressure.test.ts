// Slow WebSocket consumers: a socket whose client stops reading is closed with 4408 once its unread queue passes
// the bound, the server's queue for it stays bounded, other sockets keep receiving, and the client resumes from its
// last event id without missing anything.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { createRateLimits, type AppRouter } from '@veza/api';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { ConfigError, loadConfig } from './env.ts';
import { roomSubscription, type ReceivedRoomEvent } from './test/chat-subscription.ts';
import { createTestApp, register, TEST_SECRET, trpcMutation, type TestApp } from './test/harness.ts';
import { DEFAULT_WS_MAX_BUFFERED_BYTES, guardSlowConsumer, WS_TOO_SLOW, WS_TOO_SLOW_REASON } from './ws-backpressure.ts';

type RoomEvent = Pick<ReceivedRoomEvent, 'id' | 'seq'>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The client's TCP socket, to stop and restart reading (the kernel buffers fill, then the server's queue grows). */
const tcpOf = (ws: WebSocket) => (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;

/** A plain `ws` server whose sockets are guarded; resolves with the server side of the next connection. */
async function guardedServer(options: Parameters<typeof guardSlowConsumer>[1]) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(wss, 'listening');
  wss.on('connection', (socket) => guardSlowConsumer(socket, options));
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  async function connect() {
    const accepted = once(wss, 'connection') as Promise<[WebSocket]>;
    const client = new WebSocket(url);
    await once(client, 'open');
    const [server] = await accepted;
    return { client, server };
  }
  return { connect, close: () => new Promise<void>((resolve) => wss.close(() => resolve())) };
}

/** Sends `frame` on `server` until it stops being open (or `max` frames), tracking the largest queue seen. */
async function floodUntilClosed(server: WebSocket, frame: (i: number) => string, max: number) {
  let sent = 0;
  let maxBuffered = 0;
  while (server.readyState === WebSocket.OPEN && sent < max) {
    server.send(frame(sent++));
    maxBuffered = Math.max(maxBuffered, server.bufferedAmount);
    // Let the kernel move what it can (loopback buffers fill first).
    if (sent % 32 === 0) await sleep(1);
  }
  return { sent, maxBuffered };
}

describe('WS_MAX_BUFFERED_BYTES', () => {
  const env = { NODE_ENV: 'test', JWT_SECRET: TEST_SECRET, DATA_DIR: tmpdir() };
  it('defaults to 4 MB, takes a byte count and refuses less than 64 KB', () => {
    expect(loadConfig(env).wsMaxBufferedBytes).toBe(DEFAULT_WS_MAX_BUFFERED_BYTES);
    expect(DEFAULT_WS_MAX_BUFFERED_BYTES).toBe(4 * 1024 * 1024);
    expect(loadConfig({ ...env, WS_MAX_BUFFERED_BYTES: '1048576' }).wsMaxBufferedBytes).toBe(1_048_576);
    expect(() => loadConfig({ ...env, WS_MAX_BUFFERED_BYTES: '1000' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, WS_MAX_BUFFERED_BYTES: 'lots' })).toThrow(/WS_MAX_BUFFERED_BYTES must be a whole number \(bytes\)/);
  });
});

describe('guardSlowConsumer', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('closes a socket that stops reading with 4408 past the bound; its queue stays bounded and the client gets every frame, then the code', async () => {
    const bound = 128 * 1024;
    let reported = 0;
    const srv = await guardedServer({ maxBufferedBytes: bound, onTooSlow: (b) => (reported = b) });
    cleanups.push(srv.close);
    const { client, server } = await srv.connect();
    tcpOf(client).pause();
    const frame = (i: number) => `${i}:${'x'.repeat(8 * 1024)}`;
    const { sent, maxBuffered } = await floodUntilClosed(server, frame, 20_000);
    expect(server.readyState).toBe(WebSocket.CLOSING);
    expect(sent).toBeLessThan(20_000);
    expect(reported).toBeGreaterThan(bound);
    // One frame of slack: the check runs before each send.
    expect(maxBuffered).toBeLessThanOrEqual(bound + 9 * 1024);
    // Nothing more is queued for a closing socket.
    const before = server.bufferedAmount;
    let refused: Error | undefined;
    server.send('late', (err) => (refused = err));
    await sleep(5);
    expect(server.bufferedAmount).toBeLessThanOrEqual(before);
    expect(refused?.message).toMatch(/too slow/);

    const received: string[] = [];
    client.on('message', (data) => received.push(String(data)));
    const closed = once(client, 'close') as Promise<[number, Buffer]>;
    tcpOf(client).resume();
    const [code, reason] = await closed;
    expect(code).toBe(WS_TOO_SLOW);
    expect(String(reason)).toBe(WS_TOO_SLOW_REASON);
    // Every frame sent before the close, in order: the last one it has is where it resumes.
    expect(received.map((m) => Number(m.split(':')[0]))).toEqual(Array.from({ length: received.length }, (_, i) => i));
    expect(received.length).toBeGreaterThan(0);
  });

  it('cuts a closed socket that never reads again after the grace', async () => {
    const srv = await guardedServer({ maxBufferedBytes: 64 * 1024, closeGraceMs: 200 });
    cleanups.push(srv.close);
    const { client, server } = await srv.connect();
    tcpOf(client).pause();
    const serverClosed = once(server, 'close');
    await floodUntilClosed(server, (i) => `${i}:${'y'.repeat(8 * 1024)}`, 20_000);
    await serverClosed;
    expect(server.readyState).toBe(WebSocket.CLOSED);
    client.terminate();
  });

  it('past the drop threshold, drops the frames `droppable` allows and keeps queuing the others; a reading client is untouched', async () => {
    const bound = 256 * 1024;
    const srv = await guardedServer({
      maxBufferedBytes: bound,
      dropAboveBytes: 64 * 1024,
      droppable: (data) => typeof data === 'string' && data.startsWith('typing'),
    });
    cleanups.push(srv.close);
    const slow = await srv.connect();
    tcpOf(slow.client).pause();
    // Fill past the drop threshold (but under the bound) with frames that must not be dropped.
    let n = 0;
    while (slow.server.bufferedAmount <= 64 * 1024 && n < 5_000) {
      slow.server.send(`message ${n++} ${'z'.repeat(4 * 1024)}`);
      if (n % 32 === 0) await sleep(1);
    }
    expect(slow.server.bufferedAmount).toBeGreaterThan(64 * 1024);
    const queued = slow.server.bufferedAmount;
    let typingRefused: Error | undefined;
    slow.server.send('typing alice', (err) => (typingRefused = err));
    slow.server.send('message last');
    await sleep(5);
    expect(typingRefused?.message).toMatch(/dropped/);
    // Only the last message was queued (the kernel may have taken a little meanwhile).
    expect(slow.server.bufferedAmount).toBeLessThanOrEqual(queued + 'message last'.length + 2);
    expect(slow.server.readyState).toBe(WebSocket.OPEN);

    const received: string[] = [];
    slow.client.on('message', (data) => received.push(String(data)));
    tcpOf(slow.client).resume();
    await expect.poll(() => received.at(-1)).toBe('message last');
    expect(received.filter((m) => m.startsWith('typing'))).toEqual([]);
    expect(received.length).toBe(n + 1);

    // A client that reads gets its typing frames.
    const fast = await srv.connect();
    const got: string[] = [];
    fast.client.on('message', (data) => got.push(String(data)));
    fast.server.send('typing bob');
    await expect.poll(() => got).toEqual(['typing bob']);
    slow.client.close();
    fast.client.close();
  });
});


/** A test app whose WebSocket bound is `bound`, with chat rate limits off (as the API's test harness has them): the tests flood one room from one sender on purpose. */
async function floodableApp(bound: number) {
  const t = await createTestApp({ WS_MAX_BUFFERED_BYTES: String(bound) });
  Object.assign(t.deps, { limits: createRateLimits({ chat: { send: null, history: null, typing: null, search: null } }) });
  return t;
}

/** 4,000 characters of CJK text: 12 KB per event on the wire. */
const bigBody = (i: number) => `${i} ${'音'.repeat(3990)}`;

describe('a chat subscriber that stops reading', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  const wsUrlOf = async (app: FastifyInstance) => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    return `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/trpc`;
  };

  it('is closed with 4408, the server queues at most the bound for it, others keep receiving, and it resumes from its last event id', async () => {
    const bound = 256 * 1024;
    const t = await floodableApp(bound);
    apps.push(t);
    const { app } = t;
    const owner = await register(app, 'bp.owner');
    const slowUser = await register(app, 'bp.slow');
    const other = await register(app, 'bp.other');
    const { id: roomId } = await trpcMutation<{ id: string }>(app, 'chat.rooms.create', { name: 'Flood', visibility: 'public' }, owner.bearer);
    for (const u of [slowUser, other]) await trpcMutation(app, 'chat.rooms.join', { roomId }, u.bearer);
    const url = await wsUrlOf(app);

    // The slow client speaks tRPC's WebSocket protocol itself, so it can stop reading its TCP socket.
    const accepted = once(app.websocketServer, 'connection') as Promise<[WebSocket]>;
    const slow = new WebSocket(url, { headers: slowUser.bearer });
    await once(slow, 'open');
    const [serverSide] = await accepted;
    const slowReceived: RoomEvent[] = [];
    let started!: () => void;
    const isStarted = new Promise<void>((resolve) => (started = resolve));
    slow.on('message', (raw) => {
      // Tracked events come as { id, data: event }.
      const msg = JSON.parse(String(raw)) as { id: number; result?: { type: string; id?: string; data?: { data: { message: { seq: number } } } } };
      if (msg.result?.type === 'started') started();
      if (msg.result?.type === 'data') slowReceived.push({ id: msg.result.id!, seq: msg.result.data!.data.message.seq });
    });
    slow.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'chat.onRoom', input: { roomId, lastEventId: 'm:0' } } }));
    await isStarted;
    tcpOf(slow).pause();

    const otherReceived: RoomEvent[] = [];
    const otherSub = await roomSubscription(url, other.bearer, { roomId, lastEventId: 'm:0' }, otherReceived);

    let sent = 0;
    let maxBuffered = 0;
    const sendBatch = async (count: number) => {
      const batch = Array.from({ length: count }, () => ++sent);
      await Promise.all(batch.map((i) => trpcMutation(app, 'chat.messages.send', { roomId, body: bigBody(i), clientMessageId: `bp-message-${i}` }, owner.bearer)));
      await sleep(5);
      maxBuffered = Math.max(maxBuffered, serverSide.bufferedAmount);
    };
    // The kernel's loopback buffers fill first (a few MB), then the server's queue for the socket.
    while (serverSide.readyState === WebSocket.OPEN && sent < 1_500) await sendBatch(10);
    // Closing, or already cut if the last batch outlasted the close grace (a loaded machine).
    expect([WebSocket.CLOSING, WebSocket.CLOSED]).toContain(serverSide.readyState);
    const sentAtClose = sent;
    // The room goes on: the closing socket's queue does not grow, the other subscriber keeps receiving.
    for (let k = 0; k < 3; k++) await sendBatch(10);
    const TOTAL = sent;
    expect(maxBuffered).toBeLessThanOrEqual(bound + 16 * 1024);
    expect(serverSide.bufferedAmount).toBeLessThanOrEqual(bound + 16 * 1024);
    await expect.poll(() => otherReceived.length, { timeout: 20_000 }).toBe(TOTAL);
    expect(otherReceived.map((e) => e.seq)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    expect(otherSub.errors).toEqual([]);

    // The slow client reads again: what was queued before the close, then 4408.
    const closed = once(slow, 'close') as Promise<[number, Buffer]>;
    tcpOf(slow).resume();
    const [code] = await closed;
    expect(code).toBe(WS_TOO_SLOW);
    expect(slowReceived.length).toBeGreaterThan(0);
    expect(slowReceived.length).toBeLessThan(sentAtClose + 1);
    expect(slowReceived.map((e) => e.seq)).toEqual(Array.from({ length: slowReceived.length }, (_, i) => i + 1));

    // It resumes from its last event id and ends with every message exactly once, in order.
    const resumed = await roomSubscription(url, slowUser.bearer, { roomId, lastEventId: slowReceived.at(-1)!.id }, slowReceived);
    await expect.poll(() => slowReceived.at(-1)?.seq, { timeout: 20_000 }).toBe(TOTAL);
    await sleep(100);
    expect(slowReceived.map((e) => e.seq)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    expect(resumed.errors).toEqual([]);
    resumed.close();
    otherSub.close();
  }, 120_000);

  it('the web app’s WebSocket client reconnects by itself after 4408 and resumes with its last event id: every message once, in order', async () => {
    const bound = 128 * 1024;
    const t = await floodableApp(bound);
    apps.push(t);
    const { app } = t;
    const owner = await register(app, 'bpw.owner');
    const reader = await register(app, 'bpw.reader');
    const { id: roomId } = await trpcMutation<{ id: string }>(app, 'chat.rooms.create', { name: 'Flood again', visibility: 'public' }, owner.bearer);
    await trpcMutation(app, 'chat.rooms.join', { roomId }, reader.bearer);
    const url = await wsUrlOf(app);

    // createWSClient and wsLink as apps/web/src/trpc.ts uses them; the sockets it opens are kept to pause the first.
    const sockets: WebSocket[] = [];
    class RecordedWebSocket extends WebSocket {
      constructor(u: string | URL, protocols?: string | string[]) {
        super(u, protocols, { headers: reader.bearer });
        sockets.push(this);
      }
    }
    const closeCodes: (number | undefined)[] = [];
    const client = createWSClient({
      url,
      WebSocket: RecordedWebSocket as unknown as typeof globalThis.WebSocket,
      retryDelayMs: () => 50,
      onClose: (cause) => closeCodes.push(cause?.code),
    });
    const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client })] });
    const received: RoomEvent[] = [];
    const errors: unknown[] = [];
    const accepted = once(app.websocketServer, 'connection') as Promise<[WebSocket]>;
    await new Promise<void>((resolve) => {
      trpc.chat.onRoom.subscribe(
        { roomId, lastEventId: 'm:0' },
        {
          onStarted: () => resolve(),
          // Message events only (typing, reactions… are live-only and not counted here).
          onData: (e) => {
            if ('message' in e.data) received.push({ id: e.id, seq: e.data.message.seq });
          },
          onError: (error) => errors.push(error),
        },
      );
    });
    const [serverSide] = await accepted;
    tcpOf(sockets[0]!).pause();

    let sent = 0;
    const sendBatch = async (count: number) => {
      const batch = Array.from({ length: count }, () => ++sent);
      await Promise.all(batch.map((i) => trpcMutation(app, 'chat.messages.send', { roomId, body: bigBody(i), clientMessageId: `bpw-message-${i}` }, owner.bearer)));
      await sleep(5);
    };
    while (serverSide.readyState === WebSocket.OPEN && sent < 1_500) await sendBatch(10);
    // Closing, or already cut if the last batch outlasted the close grace (a loaded machine).
    expect([WebSocket.CLOSING, WebSocket.CLOSED]).toContain(serverSide.readyState);
    const receivedAtClose = received.length;
    await sendBatch(10);

    tcpOf(sockets[0]!).resume();
    // It reads what was queued, gets 4408, reconnects on a new socket and catches up from the database.
    await expect.poll(() => received.at(-1)?.seq, { timeout: 30_000 }).toBe(sent);
    for (let k = 0; k < 2; k++) await sendBatch(5);
    await expect.poll(() => received.at(-1)?.seq, { timeout: 10_000 }).toBe(sent);
    await sleep(100);
    expect(receivedAtClose).toBeLessThan(sent);
    expect(closeCodes).toContain(WS_TOO_SLOW);
    expect(sockets.length).toBe(2);
    expect(received.map((e) => e.seq)).toEqual(Array.from({ length: sent }, (_, i) => i + 1));
    expect(errors).toEqual([]);
    client.close();
  }, 120_000);
});
