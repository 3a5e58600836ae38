// Droppable frames: a socket that falls behind (past DEFAULT_WS_DROP_ABOVE_BYTES queued, below the close bound) stops
// being sent typing indicators and presence changes, while every message is still queued for it.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createRateLimits } from '@veza/api';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, register, trpcMutation, type TestApp, type TestUser } from './test/harness.ts';
import { DEFAULT_WS_DROP_ABOVE_BYTES, isDroppableFrame } from './ws-backpressure.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tcpOf = (ws: WebSocket) => (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;

/** Frames exactly as tRPC's WebSocket adapter writes them. */
const frame = (result: object) => JSON.stringify({ id: 1, result: { type: 'data', ...result } });
const user = { id: 'u', username: 'ana', displayName: null };

describe('isDroppableFrame', () => {
  it('is true for typing (tracked chat.onRoom events) and presence events only', () => {
    const typing = { type: 'typing', roomId: 'r', user, expiresAt: '2026-12-06T12:00:00.000Z' };
    expect(isDroppableFrame(frame({ id: 'm:3:e:1', data: { id: 'm:3:e:1', data: typing } }))).toBe(true);
    expect(isDroppableFrame(Buffer.from(frame({ id: 'm:3:e:1', data: { id: 'm:3:e:1', data: typing } })))).toBe(true);
    expect(isDroppableFrame(frame({ data: { type: 'presence', userId: 'u', status: 'online', lastSeenAt: null, listeningTo: null } }))).toBe(true);
    // Messages are never dropped, whatever their body says.
    const message = { id: 'x', roomId: 'r', seq: 4, body: '{"type":"typing"} "type":"presence"', author: user };
    expect(isDroppableFrame(frame({ id: 'm:4', data: { id: 'm:4', data: { type: 'message.created', message } } }))).toBe(false);
    for (const other of [
      frame({ id: 'm:4:e:2', data: { id: 'm:4:e:2', data: { type: 'read', roomId: 'r', userId: 'u', seq: 4 } } }),
      frame({ id: 'm:4:e:3', data: { id: 'm:4:e:3', data: { type: 'member.joined', roomId: 'r', user } } }),
      // A tracked event whose payload merely has a `type` of presence one level too deep is not one.
      frame({ id: 'm:4:e:4', data: { id: 'm:4:e:4', data: { type: 'reaction.changed', extra: { type: 'typing' } } } }),
      JSON.stringify({ id: 1, result: { type: 'started' } }),
      JSON.stringify({ id: 1, error: { message: '"type":"typing"' } }),
      '"type":"typing" not json',
      'PING',
    ]) {
      expect(isDroppableFrame(other)).toBe(false);
    }
    expect(isDroppableFrame(new Uint8Array([1, 2]))).toBe(false);
  });
});

interface Received {
  /** Message events (created or edited), in order of arrival. */
  messages: number;
  typing: number;
}

/** A raw tRPC WebSocket client subscribed to chat.onRoom from the start, counting message and typing events. */
async function rawSubscriber(url: string, who: TestUser, roomId: string, app: TestApp['app']) {
  const accepted = once(app.websocketServer, 'connection') as Promise<[WebSocket]>;
  const client = new WebSocket(url, { headers: who.bearer });
  await once(client, 'open');
  const [server] = await accepted;
  const received: Received = { messages: 0, typing: 0 };
  let started!: () => void;
  const isStarted = new Promise<void>((resolve) => (started = resolve));
  client.on('message', (raw) => {
    if (String(raw) === 'PING') return void client.send('PONG');
    const msg = JSON.parse(String(raw)) as { result?: { type: string; data?: { data: { type: string } } } };
    if (msg.result?.type === 'started') started();
    const type = msg.result?.type === 'data' ? msg.result.data?.data.type : undefined;
    if (type?.startsWith('message.')) received.messages++;
    if (type === 'typing') received.typing++;
  });
  client.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'chat.onRoom', input: { roomId, lastEventId: 'm:0' } } }));
  await isStarted;
  return { client, server, received };
}

describe('a chat subscriber that falls behind', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('gets no typing indicators past the drop threshold but every message event; a reading subscriber gets both', async () => {
    const t = await createTestApp({ WS_MAX_BUFFERED_BYTES: String(8 * 1024 * 1024) });
    // The test types from one user on purpose.
    Object.assign(t.deps, { limits: createRateLimits({ chat: { send: null, history: null, typing: null, search: null } }) });
    apps.push(t);
    const { app } = t;
    const owner = await register(app, 'dr.owner');
    const slowUser = await register(app, 'dr.slow');
    const fastUser = await register(app, 'dr.fast');
    const { id: roomId } = await trpcMutation<{ id: string }>(app, 'chat.rooms.create', { name: 'Typing flood', visibility: 'public' }, owner.bearer);
    for (const u of [slowUser, fastUser]) await trpcMutation(app, 'chat.rooms.join', { roomId }, u.bearer);
    const message = await trpcMutation<{ id: string; seq: number }>(app, 'chat.messages.send', { roomId, body: 'first', clientMessageId: 'dr-message-1' }, owner.bearer);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/trpc`;
    const slow = await rawSubscriber(url, slowUser, roomId, app);
    const fast = await rawSubscriber(url, fastUser, roomId, app);
    const typing = () => trpcMutation(app, 'chat.typing', { roomId }, owner.bearer);

    // Below the threshold typing is delivered like anything else.
    await typing();
    await expect.poll(() => [slow.received.messages, slow.received.typing]).toEqual([1, 1]);
    tcpOf(slow.client).pause();

    // The room gets busy: 12 KB message events (edits of the first message, published on the room's channel as the
    // edit path does after its commit: cheap to repeat), in small batches so the subscription keeps up with the bus.
    let published = 0;
    const edit = { type: 'message.edited', message: { ...message, body: '音'.repeat(4000), editedAt: new Date().toISOString() } };
    const flood = async (count: number) => {
      for (let i = 0; i < count; i++) await t.deps.bus.publish(`chat-room:${roomId}`, edit);
      published += count;
      await sleep(2);
    };
    // The kernel's buffers fill first, then the server's queue passes the drop threshold (far below the close bound).
    while (slow.server.bufferedAmount <= DEFAULT_WS_DROP_ABOVE_BYTES + 32 * 1024 && published < 5_000) await flood(20);
    expect(slow.server.readyState).toBe(WebSocket.OPEN);
    const queued = slow.server.bufferedAmount;
    expect(queued).toBeGreaterThan(DEFAULT_WS_DROP_ABOVE_BYTES);

    for (let i = 0; i < 5; i++) await typing();
    await expect.poll(() => fast.received.typing).toBe(6);
    // Nothing was queued for the slow socket (the kernel may have taken a little meanwhile).
    expect(slow.server.bufferedAmount).toBeLessThanOrEqual(queued);
    // A message event still is.
    await flood(1);
    await expect.poll(() => slow.server.bufferedAmount).toBeGreaterThan(queued);
    expect(slow.server.readyState).toBe(WebSocket.OPEN);

    tcpOf(slow.client).resume();
    await expect.poll(() => slow.received.messages, { timeout: 30_000 }).toBe(1 + published);
    expect(slow.received.typing).toBe(1);
    await expect.poll(() => fast.received.messages, { timeout: 30_000 }).toBe(1 + published);
    // Caught up: typing reaches it again.
    await typing();
    await expect.poll(() => slow.received.typing).toBe(2);
    slow.client.close();
    fast.client.close();
  }, 120_000);
});
