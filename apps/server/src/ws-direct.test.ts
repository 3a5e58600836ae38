// The direct lane (ws-direct.ts): a chat.onRoom or chat.onInbox subscription opened alone in its message writes its
// live events to its socket itself. Its frames must be exactly tRPC's: the test subscribes the same user three times
// to the same room and three times to their inbox on one socket, once through the lane and twice in one batch (which
// the lane cannot tell apart, so tRPC's own path serves them), and compares every frame each receives, through a
// conversation and the member's removal.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createRateLimits } from '@veza/api';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createTestApp, register, trpcMutation, type TestApp } from './test/harness.ts';
import { guardSlowConsumer, WS_TOO_SLOW } from './ws-backpressure.ts';
import { laneClaims, laneFor, openingsIn, watchOpenings } from './ws-direct.ts';

describe('openingsIn', () => {
  const sub = (id: unknown, path = 'chat.onRoom', extra: object = {}) => ({ id, method: 'subscription', params: { path, input: { roomId: 'r' } }, ...extra });
  const of = (value: unknown) => openingsIn(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)), ['chat.onRoom']);

  it('finds the subscriptions to lane paths a message or a batch opens, with their ids', () => {
    expect(of(sub(1))).toEqual([{ id: 1, jsonrpc: undefined, path: 'chat.onRoom', input: { roomId: 'r' }, claimed: false }]);
    expect(of(sub('a', 'chat.onRoom', { jsonrpc: '2.0' }))).toMatchObject([{ id: 'a', jsonrpc: '2.0' }]);
    expect(of([sub(2), sub(3, 'presence.onChange'), { id: 4, method: 'query', params: { path: 'chat.onRoom' } }, sub(5)]).map((o) => o.id)).toEqual([2, 5]);
  });

  it('finds nothing in other calls, garbage, or openings without a usable id', () => {
    for (const value of [sub(1, 'presence.onChange'), { id: 1, method: 'subscription.stop' }, sub(null), sub({ x: 1 }), sub(1, 'chat.onRoom', { jsonrpc: '1.0' }), '{"method":"subscription","chat.onRoom"', 'PONG', [null, 3, 'x']]) {
      expect(of(value)).toEqual([]);
    }
  });
});

interface Frame {
  id: number;
  text: string;
}

describe('chat.onRoom on the direct lane', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('sends exactly the frames tRPC sends, in the same order, through messages, edits, reactions, typing, deletion and removal (room and inbox)', async () => {
    const t = await createTestApp();
    Object.assign(t.deps, { limits: createRateLimits({ chat: { send: null, history: null, typing: null, search: null } }) });
    apps.push(t);
    const { app } = t;
    const owner = await register(app, 'dl.owner');
    const member = await register(app, 'dl.member');
    const { id: roomId } = await trpcMutation<{ id: string }>(app, 'chat.rooms.create', { name: 'Lane', visibility: 'public' }, owner.bearer);
    await trpcMutation(app, 'chat.rooms.join', { roomId }, member.bearer);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/trpc`;

    const client = new WebSocket(url, { headers: member.bearer });
    await once(client, 'open');
    const frames: Frame[] = [];
    client.on('message', (raw, isBinary) => {
      const text = String(raw);
      if (text === 'PING') return void client.send('PONG');
      // Text frames only, as tRPC's client requires.
      expect(isBinary).toBe(false);
      frames.push({ id: (JSON.parse(text) as { id: number }).id, text });
    });
    const subscription = (id: number) => ({ id, method: 'subscription', params: { path: 'chat.onRoom', input: { roomId } } });
    const inbox = (id: number) => ({ id, method: 'subscription', params: { path: 'chat.onInbox', input: {} } });
    const claimsBefore = laneClaims();
    client.send(JSON.stringify(subscription(1)));
    client.send(JSON.stringify([subscription(2), subscription(3)]));
    client.send(JSON.stringify(inbox(4)));
    client.send(JSON.stringify([inbox(5), inbox(6)]));
    const started = (id: number) => frames.some((f) => f.id === id && f.text.includes('"type":"started"'));
    const synced = (id: number) => frames.some((f) => f.id === id && f.text.includes('"type":"sync"'));
    await expect.poll(() => [1, 2, 3, 4, 5, 6].every(started) && [4, 5, 6].every(synced)).toBe(true);
    // The lone openings took the lane; the ones alike in one batch did not.
    expect(laneClaims() - claimsBefore).toBe(2);

    const send = (body: string, n: number) => trpcMutation<{ id: string; seq: number }>(app, 'chat.messages.send', { roomId, body, clientMessageId: `dl-lane-${n}` }, owner.bearer);
    const first = await send('first on the lane', 1);
    await send('second, "quoted" </script> 🎸', 2);
    await trpcMutation(app, 'chat.messages.edit', { messageId: first.id, body: 'first, edited' }, owner.bearer);
    await trpcMutation(app, 'chat.reactions.add', { messageId: first.id, emoji: '🔥' }, owner.bearer);
    await trpcMutation(app, 'chat.typing', { roomId }, owner.bearer);
    await trpcMutation(app, 'chat.messages.delete', { messageId: first.id }, owner.bearer);
    await send('third', 3);
    await trpcMutation(app, 'chat.members.kick', { roomId, userId: member.id }, owner.bearer);

    const of = (id: number) => frames.filter((f) => f.id === id).map((f) => f.text.replace(`{"id":${id},`, '{"id":0,'));
    // started, 3 messages, edit, reaction, typing, delete, then the removal's error and tRPC's stopped frame.
    await expect.poll(() => [1, 2, 3].map((id) => of(id).length)).toEqual([10, 10, 10]);
    expect(of(1)).toEqual(of(2));
    expect(of(3)).toEqual(of(2));
    const kinds = of(1).map((text) => {
      const frame = JSON.parse(text) as { result?: { type: string; data?: { data: { type: string } } }; error?: { data: { code: string } } };
      return frame.error ? frame.error.data.code : frame.result?.type === 'data' ? frame.result.data?.data.type : frame.result?.type;
    });
    expect(kinds).toEqual(['started', 'message.created', 'message.created', 'message.edited', 'reaction.changed', 'typing', 'message.deleted', 'message.created', 'FORBIDDEN', 'stopped']);
    // The inbox: its sync, each new message of the room, then the member's departure (the subscription goes on).
    await expect.poll(() => [4, 5, 6].map((id) => of(id).length)).toEqual([6, 6, 6]);
    expect(of(4)).toEqual(of(5));
    expect(of(6)).toEqual(of(5));
    const inboxKinds = of(4).map((text) => {
      const frame = JSON.parse(text) as { result: { type: string; data?: { data: { type: string } } } };
      return frame.result.type === 'data' ? frame.result.data?.data.type : frame.result.type;
    });
    expect(inboxKinds).toEqual(['started', 'sync', 'message', 'message', 'message', 'left']);
    client.close();
  }, 60_000);
});

describe('the lane\'s writes', () => {
  /** A server socket and its client, the lane claimed for subscription 7 on the server side. */
  async function connected(options: { perMessageDeflate?: boolean; guard?: Parameters<typeof guardSlowConsumer>[1] } = {}) {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: options.perMessageDeflate ?? false });
    await once(server, 'listening');
    const accepted = once(server, 'connection') as Promise<[WebSocket]>;
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate: options.perMessageDeflate ?? false });
    const [socket] = await accepted;
    await once(client, 'open');
    watchOpenings(socket, ['chat.onRoom']);
    if (options.guard) guardSlowConsumer(socket, options.guard);
    const sink = new Promise<ReturnType<ReturnType<typeof laneFor>['claim']>>((resolve) => socket.once('message', () => resolve(laneFor(socket).claim('chat.onRoom', () => true))));
    client.send(JSON.stringify({ id: 7, method: 'subscription', params: { path: 'chat.onRoom', input: { roomId: 'r' } } }));
    const lane = await sink;
    expect(lane).not.toBeNull();
    const received: string[] = [];
    client.on('message', (raw) => received.push(String(raw)));
    const close = () => {
      client.terminate();
      server.close();
    };
    return { socket, client, lane: lane as NonNullable<typeof lane>, received, close };
  }
  const event = (n: number) => ({ type: 'message.created', message: { seq: n, body: `message ${n}` } });
  const frameOf = (n: number) => ({ id: 7, result: { type: 'data', data: { id: `m:${n}`, data: event(n) }, id: `m:${n}` } });

  it('joins the frames one tick sends to a socket into one write, in order, and writes a later tick\'s on their own', async () => {
    const { socket, lane, received, close } = await connected();
    // The TCP socket's writes: what the kernel is handed, one call per write.
    const tcp = (socket as unknown as { _socket: { _writev: (...args: unknown[]) => void; _write: (...args: unknown[]) => void } })._socket;
    const writes: number[] = [];
    const writev = tcp._writev.bind(tcp);
    const write = tcp._write.bind(tcp);
    tcp._writev = (chunks: unknown, cb: unknown) => (writes.push((chunks as unknown[]).length), writev(chunks, cb));
    tcp._write = (chunk: unknown, encoding: unknown, cb: unknown) => (writes.push(1), write(chunk, encoding, cb));

    // A burst (a bus read carrying three messages): one write of the three frames (each header and payload in one
    // piece, built once).
    lane.send('m:1', event(1));
    lane.send('m:2', event(2));
    lane.send('m:3', event(3));
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([3]);
    // The next tick's event is written at the end of that tick, on its own.
    lane.send('m:4', event(4));
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([3, 1]);

    await expect.poll(() => received.length).toBe(4);
    expect(received.map((text) => JSON.parse(text))).toEqual([1, 2, 3, 4].map(frameOf));
    // Frames of `ws`'s own (here a tRPC frame sent by the adapter) go between the lane's, never inside one.
    lane.send('m:5', event(5));
    socket.send(JSON.stringify({ id: 8, result: { type: 'started' } }));
    lane.send('m:6', event(6));
    await expect.poll(() => received.length).toBe(7);
    expect(received.slice(4).map((text) => JSON.parse(text))).toEqual([frameOf(5), { id: 8, result: { type: 'started' } }, frameOf(6)]);
    close();
  });

  it('sends through `ws` on a socket that negotiated compression', async () => {
    const { socket, lane, received, close } = await connected({ perMessageDeflate: true });
    expect(socket.extensions).toContain('permessage-deflate');
    for (let n = 1; n <= 3; n++) lane.send(`m:${n}`, event(n));
    await expect.poll(() => received.length).toBe(3);
    expect(received.map((text) => JSON.parse(text))).toEqual([1, 2, 3].map(frameOf));
    close();
  });

  it('is held to the socket\'s slow-consumer guard: past its bound the socket is closed as too slow, nothing more queued', async () => {
    const tooSlow: number[] = [];
    const { socket, client, lane, close } = await connected({ guard: { maxBufferedBytes: 4096, onTooSlow: (buffered) => tooSlow.push(buffered) } });
    const closed = once(client, 'close') as Promise<[number, Buffer]>;
    // Within one tick the frames wait in the corked socket: its buffered bytes grow past the bound.
    for (let n = 1; n <= 100; n++) lane.send(`m:${n}`, event(n));
    expect(tooSlow).toHaveLength(1);
    const buffered = socket.bufferedAmount;
    expect(buffered).toBeLessThan(4096 + 200);
    lane.send('m:101', event(101));
    expect(socket.bufferedAmount).toBe(buffered);
    const [code] = await closed;
    expect(code).toBe(WS_TOO_SLOW);
    close();
  });
});
