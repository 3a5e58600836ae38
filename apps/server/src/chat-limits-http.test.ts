// Chat rate limits over HTTP: a refused call answers 429 with `Retry-After` (and data.retryAfterSeconds) on every tRPC
// HTTP path — the fast path on a real socket (single calls and batches) and the Fastify route (inject()).
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, register, trpcMutation, type TestApp, type TestUser } from './test/harness.ts';

let t: TestApp;
let ana: TestUser;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  ana = await register(t.app, 'limited.ana');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

type Answer = { error?: { message: string; data: { code: string; retryAfterSeconds: number | null } }; result?: unknown };
const post = (path: string, body: unknown) =>
  fetch(`${base}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...ana.bearer }, body: JSON.stringify(body) });
const sendInput = (roomId: string) => ({ roomId, body: 'hi', clientMessageId: randomUUID() });

async function floodedRoom() {
  const { id } = await trpcMutation<{ id: string }>(t.app, 'chat.rooms.create', { name: 'Loud', visibility: 'public' }, ana.bearer);
  for (let i = 0; i < 10; i++) expect((await post('chat.messages.send', sendInput(id))).status).toBe(200);
  return id;
}

describe('chat rate limits over HTTP', () => {
  it('answers a refused send 429 with Retry-After and data.retryAfterSeconds on the fast path', async () => {
    const roomId = await floodedRoom();
    const refused = await post('chat.messages.send', sendInput(roomId));
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(5);
    const body = (await refused.json()) as Answer;
    expect(body.error).toMatchObject({ message: `You are sending messages too fast. Please wait ${wait} second${wait === 1 ? '' : 's'}.`, data: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: wait } });
  });

  it('does the same on the Fastify route, and in a batch only when every call was refused', async () => {
    const roomId = await floodedRoom();
    const injected = await t.app.inject({ method: 'POST', url: '/trpc/chat.messages.send', headers: { 'content-type': 'application/json', ...ana.bearer }, payload: JSON.stringify(sendInput(roomId)) });
    expect(injected.statusCode).toBe(429);
    expect(Number(injected.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(injected.json<Answer>().error?.data.retryAfterSeconds).toBe(Number(injected.headers['retry-after']));

    const allRefused = await post('chat.messages.send,chat.messages.send?batch=1', { 0: sendInput(roomId), 1: sendInput(roomId) });
    expect(allRefused.status).toBe(429);
    expect(Number(allRefused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const { id: quiet } = await trpcMutation<{ id: string }>(t.app, 'chat.rooms.create', { name: 'Quiet', visibility: 'public' }, ana.bearer);
    const mixed = await post('chat.messages.send,chat.messages.send?batch=1', { 0: sendInput(roomId), 1: sendInput(quiet) });
    expect(mixed.status).toBe(207);
    expect(mixed.headers.get('retry-after')).toBeNull();
    const [refused, accepted] = (await mixed.json()) as Answer[];
    expect(refused?.error?.data.code).toBe('TOO_MANY_REQUESTS');
    expect(accepted?.result).toBeDefined();
  });
});
