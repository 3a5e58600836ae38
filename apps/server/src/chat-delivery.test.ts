// chat.onRoom across instances: a subscriber on one instance hears messages sent on another (Redis bus), and one
// that drops and reconnects to the other instance with its last event id ends with every message exactly once,
// in seq order (catch-up from the database, then live).
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { roomSubscription, type ReceivedRoomEvent } from './test/chat-subscription.ts';
import { register, trpcMutation, type TestUser } from './test/harness.ts';
import { twoInstances as startTwoInstances } from './test/two-instances.ts';

const wsUrlOf = async (app: FastifyInstance) => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/trpc`;
};


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(process.env.REDIS_URL)('chat.onRoom across instances (Redis bus; PostgreSQL with DATABASE_URL, each instance its own pool)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('a subscriber on A hears messages sent on B, drops mid-stream, resumes on B with its last id and has every message once, in order', async () => {
    const [a, b] = await startTwoInstances(cleanups);
    // Several senders, each within its send burst, on both instances.
    const senders: TestUser[] = [];
    for (const name of ['cd.ana', 'cd.bob', 'cd.cat', 'cd.dan', 'cd.eve']) senders.push(await register(b, name));
    const [owner] = senders as [TestUser];
    const { id: roomId } = await trpcMutation<{ id: string }>(b, 'chat.rooms.create', { name: 'Across', visibility: 'public' }, owner.bearer);
    for (const s of senders.slice(1)) await trpcMutation(a, 'chat.rooms.join', { roomId }, s.bearer);
    const listener = await register(a, 'cd.listener');
    const [urlA, urlB] = [await wsUrlOf(a), await wsUrlOf(b)];

    const TOTAL = 40;
    const received: ReceivedRoomEvent[] = [];
    // From the start of the room (a client passes the last seq it loaded), so nothing sent as it connects is missed.
    const first = await roomSubscription(urlA, listener.bearer, { roomId, lastEventId: 'm:0' }, received);

    let sent = 0;
    const sending = (async () => {
      for (let i = 1; i <= TOTAL; i++) {
        // Mostly B (the other instance than the first subscriber's), some on A.
        const on = i % 4 === 0 ? a : b;
        await trpcMutation(on, 'chat.messages.send', { roomId, body: `message ${i}`, clientMessageId: `cd-message-${i}` }, senders[i % senders.length]!.bearer);
        sent = i;
        await sleep(15);
      }
    })();

    // Messages sent on B reach the subscriber on A live.
    await expect.poll(() => received.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(10);
    first.close();
    const lastId = received.at(-1)!.id;
    const countAtDrop = received.length;
    // Messages keep coming while it is away.
    await expect.poll(() => sent, { timeout: 10_000 }).toBeGreaterThanOrEqual(countAtDrop + 8);
    expect(received.length).toBe(countAtDrop);

    const second = await roomSubscription(urlB, listener.bearer, { roomId, lastEventId: lastId }, received);
    await sending;
    await expect.poll(() => received.at(-1)?.seq, { timeout: 10_000 }).toBe(TOTAL);
    await sleep(200);
    second.close();

    expect(received.map((r) => r.seq)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    expect(received.every((r) => r.type === 'message.created' && r.id === `m:${r.seq}`)).toBe(true);
    expect(received.map((r) => r.body)).toEqual(Array.from({ length: TOTAL }, (_, i) => `message ${i + 1}`));
    expect([...first.errors, ...second.errors]).toEqual([]);
  }, 60_000);
});
