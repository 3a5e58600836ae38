import { afterAll, describe, expect, it } from 'vitest';
import { InMemoryBus, listen, type EventBus } from './bus.ts';
import { RedisBus } from './redis.ts';

// The Redis implementation runs against this machine's Redis when REDIS_URL is set (CI sets it).
const redisUrl = process.env.REDIS_URL;
const buses: EventBus[] = [];
afterAll(() => Promise.all(buses.map((b) => b.close())));

const pair = (kind: 'memory' | 'redis'): [EventBus, EventBus] => {
  if (kind === 'memory') {
    const bus = new InMemoryBus();
    buses.push(bus);
    return [bus, bus];
  }
  // Two connections stand for two server instances.
  const a = new RedisBus(redisUrl ?? '');
  const b = new RedisBus(redisUrl ?? '');
  buses.push(a, b);
  return [a, b];
};

const kinds = redisUrl ? (['memory', 'redis'] as const) : (['memory'] as const);

describe.each(kinds)('%s bus', (kind) => {
  const channel = `test:${kind}:${crypto.randomUUID()}`;

  it('delivers to every listener of a channel, in order, and stops after abort', async () => {
    const [writer, reader] = pair(kind);
    const controller = new AbortController();
    const events = await listen(reader, channel, controller.signal, (p) => (typeof p === 'object' && p ? (p as { n: number }) : null));
    const other = await listen(reader, `${channel}:other`, controller.signal, (p) => p);
    for (let n = 1; n <= 3; n++) await writer.publish(channel, { n });
    await writer.publish(channel, 'not an object');
    const got: number[] = [];
    for await (const e of events) {
      got.push(e.n);
      if (got.length === 3) break;
    }
    expect(got).toEqual([1, 2, 3]);
    controller.abort();
    const next = await other.next();
    expect(next.done).toBe(true);
  });

  it('ends a listener waiting for its next event when the signal aborts, and unsubscribes it', async () => {
    const [writer, reader] = pair(kind);
    const controller = new AbortController();
    const events = await listen(reader, `${channel}:wait`, controller.signal, (p) => p);
    await writer.publish(`${channel}:wait`, 1);
    expect(await events.next()).toEqual({ done: false, value: 1 });
    const waiting = events.next();
    controller.abort();
    expect(await waiting).toEqual({ done: true, value: undefined });
    // Many events later, a fresh listener on the same channel still gets exactly what is published.
    const again = await listen(reader, `${channel}:wait`, undefined, (p) => p);
    for (let n = 2; n <= 200; n++) await writer.publish(`${channel}:wait`, n);
    const got: unknown[] = [];
    for await (const e of again) {
      got.push(e);
      if (got.length === 199) break;
    }
    expect(got).toEqual(Array.from({ length: 199 }, (_, i) => i + 2));
  });

  it('unsubscribe stops delivery', async () => {
    const [writer, reader] = pair(kind);
    const seen: unknown[] = [];
    const off = await reader.subscribe(`${channel}:u`, (p) => seen.push(p));
    await writer.publish(`${channel}:u`, 1);
    await expect.poll(() => seen.length).toBe(1);
    await off();
    await writer.publish(`${channel}:u`, 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([1]);
  });
});

describe('listen with a cap', () => {
  const asNumber = (p: unknown) => (typeof p === 'number' ? p : null);

  it('holds at most `max` values, then stops listening and throws once what it holds is gone', async () => {
    const bus = new InMemoryBus();
    const controller = new AbortController();
    const live = await listen(bus, 'c', controller.signal, asNumber, { max: 3, overflow: () => new Error('behind') });
    for (const n of [1, 2, 3]) await bus.publish('c', n);
    expect((await live.next()).value).toBe(1);
    for (const n of [4, 5]) await bus.publish('c', n);
    await expect(live.next()).rejects.toThrow('behind');
    await bus.close();
  });

  it('drops droppable values while others wait, and never overflows because of them', async () => {
    const bus = new InMemoryBus();
    const controller = new AbortController();
    // Negative numbers stand for typing events.
    const live = await listen(bus, 'd', controller.signal, asNumber, { max: 4, droppableAt: 2, droppable: (n) => n < 0 });
    for (const n of [-1, 1, -2, -3, 2, -4, 3]) await bus.publish('d', n);
    const got: number[] = [];
    for (let i = 0; i < 4; i++) got.push((await live.next()).value as number);
    // -1 came with nothing waiting; -2, -3 and -4 with two or more. Four kept values fit: no overflow.
    expect(got).toEqual([-1, 1, 2, 3]);
    await bus.publish('d', -5);
    expect((await live.next()).value).toBe(-5);
    controller.abort();
    await bus.close();
  });
});
