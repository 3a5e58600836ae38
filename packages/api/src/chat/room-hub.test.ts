// Fan-out inside one instance: one bus subscription per room, each event validated and serialised once for all the
// room's subscribers, per-subscriber bounds (cut off past the cap, typing dropped under a backlog), hubs released.
import { randomUUID } from 'node:crypto';
import type { TrackedEnvelope } from '@trpc/server';
import { InMemoryBus, type EventBus } from '@veza/bus';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHarness, type Harness } from '../test/harness.ts';
import { LIVE_BUFFER_MAX, roomChannel, roomHubs, type ChatRoomEvent } from './chat.events.ts';
import { RoomHubs, share, sharedJson, type HubOptions } from './room-hub.ts';

type Envelope = TrackedEnvelope<ChatRoomEvent>;

afterEach(() => {
  vi.restoreAllMocks();
});

/** A bus that counts subscriptions and unsubscriptions per channel. */
function countingBus(inner: EventBus = new InMemoryBus()) {
  const subscribed = new Map<string, number>();
  const unsubscribed = new Map<string, number>();
  const bump = (map: Map<string, number>, channel: string) => map.set(channel, (map.get(channel) ?? 0) + 1);
  const bus: EventBus = {
    publish: (channel, payload) => inner.publish(channel, payload),
    async subscribe(channel, handler) {
      bump(subscribed, channel);
      const off = await inner.subscribe(channel, handler);
      return async () => {
        bump(unsubscribed, channel);
        await off();
      };
    },
    close: () => inner.close(),
  };
  return { bus, subscribed, unsubscribed };
}

describe('chat.onRoom fan-out (tRPC callers)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  /** A started subscription reading everything into `received` until stopped. */
  async function follow(token: string, roomId: string) {
    const controller = new AbortController();
    const api = await h.caller({ token, signal: controller.signal });
    const iterable = (await api.chat.onRoom({ roomId })) as AsyncIterable<Envelope>;
    const received: Envelope[] = [];
    const errors: unknown[] = [];
    const reading = (async () => {
      try {
        for await (const envelope of iterable) received.push(envelope);
      } catch (error) {
        errors.push(error);
      }
    })();
    return { received, errors, stop: async () => (controller.abort(), await reading) };
  }

  it('gives every subscriber each message once, in seq order, from one bus subscription and one serialisation', async () => {
    const counts = new Map<string, number>();
    const subscribe = h.deps.bus.subscribe.bind(h.deps.bus);
    vi.spyOn(h.deps.bus, 'subscribe').mockImplementation((channel, handler) => {
      counts.set(channel, (counts.get(channel) ?? 0) + 1);
      return subscribe(channel, handler);
    });
    const [ana, bob, eve] = [await h.signUp('hub.ana'), await h.signUp('hub.bob'), await h.signUp('hub.eve')];
    const roomId = (await ana.api.chat.rooms.create({ name: 'Hub', visibility: 'public' })).id;
    // 30 subscriptions: three users, ten tabs each.
    const subs: Awaited<ReturnType<typeof follow>>[] = [];
    for (const who of [ana, bob, eve]) for (let i = 0; i < 10; i++) subs.push(await follow(who.token, roomId));
    await expect.poll(() => roomHubs(h.deps.bus).has(roomChannel(roomId))).toBe(true);
    for (let i = 1; i <= 12; i++) await ana.api.chat.messages.send({ roomId, body: `m${i}`, clientMessageId: randomUUID() });
    await expect.poll(() => Math.min(...subs.map((s) => s.received.length)), { timeout: 5000 }).toBe(12);

    expect(counts.get(roomChannel(roomId))).toBe(1);
    for (const sub of subs) {
      expect(sub.received.map(([id]) => id)).toEqual(Array.from({ length: 12 }, (_, i) => `m:${i + 1}`));
      expect(sub.errors).toEqual([]);
    }
    // Every subscriber holds the very same event object, whose JSON text is made once, whoever asks for it.
    const stringify = vi.spyOn(JSON, 'stringify');
    for (let n = 0; n < 12; n++) {
      const event = subs[0]!.received[n]![1];
      expect(subs.every((s) => s.received[n]![1] === event)).toBe(true);
      const texts = subs.map((s) => sharedJson(s.received[n]![1]));
      expect(new Set(texts).size).toBe(1);
      expect(JSON.parse(texts[0]!)).toEqual(event);
      expect(event).toMatchObject({ type: 'message.created', message: { seq: n + 1, body: `m${n + 1}`, roomId } });
    }
    const events = new Set(subs[0]!.received.map(([, e]) => e));
    expect(stringify.mock.calls.filter(([value]) => events.has(value as ChatRoomEvent))).toHaveLength(12);
    stringify.mockRestore();

    // The last subscriber to leave releases the room's hub and its bus subscription.
    for (const sub of subs.slice(0, -1)) await sub.stop();
    expect(roomHubs(h.deps.bus).has(roomChannel(roomId))).toBe(true);
    await subs.at(-1)!.stop();
    expect(roomHubs(h.deps.bus).has(roomChannel(roomId))).toBe(false);
    // A new subscriber subscribes afresh, and still gets what follows.
    const again = await follow(bob.token, roomId);
    await expect.poll(() => roomHubs(h.deps.bus).has(roomChannel(roomId))).toBe(true);
    await ana.api.chat.messages.send({ roomId, body: 'm13', clientMessageId: randomUUID() });
    await expect.poll(() => again.received.map(([id]) => id)).toEqual(['m:13']);
    await again.stop();
    expect(counts.get(roomChannel(roomId))).toBe(2);
  });

  it('cuts off only the subscriber that stopped reading; the others get everything', async () => {
    const ana = await h.signUp('hub.cut');
    const roomId = (await ana.api.chat.rooms.create({ name: 'Cap', visibility: 'public' })).id;
    const fast = await follow(ana.token, roomId);
    // A subscriber that reads one event, then stops reading.
    const controller = new AbortController();
    const api = await h.caller({ token: ana.token, signal: controller.signal });
    const slow = ((await api.chat.onRoom({ roomId })) as AsyncIterable<Envelope>)[Symbol.asyncIterator]();
    const first = slow.next();
    await expect.poll(() => roomHubs(h.deps.bus).has(roomChannel(roomId))).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    const message = await ana.api.chat.messages.send({ roomId, body: 'one', clientMessageId: randomUUID() });
    expect((await first).value?.[0]).toBe('m:1');
    for (let i = 0; i <= LIVE_BUFFER_MAX; i++) {
      // The reading subscriber keeps up (it gets a turn every 100 events); the other never reads again.
      if (i % 100 === 0) await new Promise((r) => setImmediate(r));
      await h.deps.bus.publish(roomChannel(roomId), { type: 'message.edited', message: { ...message, body: `edit ${i}`, editedAt: new Date(i).toISOString() } });
    }
    await expect(slow.next()).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('fell too far behind') });
    await expect.poll(() => fast.received.length, { timeout: 5000 }).toBe(LIVE_BUFFER_MAX + 2);
    expect(fast.errors).toEqual([]);
    await fast.stop();
    controller.abort();
    expect(roomHubs(h.deps.bus).has(roomChannel(roomId))).toBe(false);
  });
});

describe('RoomHubs', () => {
  type Ev = { n: number; typing?: boolean };
  const parse = (p: unknown) => (typeof p === 'object' && p !== null && typeof (p as Ev).n === 'number' ? share({ ...(p as Ev) }) : null);
  const options: HubOptions<Ev> = { max: 5, overflow: () => new Error('behind'), droppable: (e) => e.typing === true, droppableAt: 2 };

  it('subscribes to the bus once per channel, even for subscribers joining while that subscription is being made', async () => {
    let release: () => void = () => undefined;
    const { bus, subscribed, unsubscribed } = countingBus();
    const slowBus: EventBus = {
      ...bus,
      async subscribe(channel, handler) {
        await new Promise<void>((r) => (release = r));
        return bus.subscribe(channel, handler);
      },
    };
    const hubs = new RoomHubs(slowBus, parse);
    const joining = Array.from({ length: 5 }, () => hubs.subscribe('c', undefined, options));
    await new Promise((r) => setTimeout(r, 10));
    release();
    const subs = await Promise.all(joining);
    expect(subscribed.get('c')).toBe(1);
    await bus.publish('c', { n: 1 });
    for (const sub of subs) expect(await sub.next()).toEqual({ done: false, value: { n: 1 } });
    for (const sub of subs) await sub.return();
    await expect.poll(() => unsubscribed.get('c')).toBe(1);
    expect(hubs.size).toBe(0);
  });

  it('holds at most `max` events per subscriber, drops droppable ones under a backlog, and ends on abort', async () => {
    const { bus } = countingBus();
    const hubs = new RoomHubs(bus, parse);
    const controller = new AbortController();
    const sub = await hubs.subscribe('d', controller.signal, options);
    const other = await hubs.subscribe('d', undefined, options);
    // Typing with nothing waiting is kept; with two or more waiting, dropped.
    for (const e of [{ n: 1, typing: true }, { n: 2 }, { n: 3, typing: true }, { n: 4 }]) await bus.publish('d', e);
    await bus.publish('d', 'not an event');
    expect((await sub.next()).value).toEqual({ n: 1, typing: true });
    expect((await sub.next()).value).toEqual({ n: 2 });
    expect((await sub.next()).value).toEqual({ n: 4 });
    const waiting = sub.next();
    controller.abort();
    expect(await waiting).toEqual({ done: true, value: undefined });
    // The other subscriber was not touched by the first one's abort; then it overflows: past 5 held, cut off.
    for (let n = 5; n <= 10; n++) await bus.publish('d', { n });
    await expect(other.next()).rejects.toThrow('behind');
    expect(await other.next()).toEqual({ done: true, value: undefined });
    expect(hubs.size).toBe(0);
  });

  it('forgets a hub whose bus subscription failed, so the next subscriber tries again', async () => {
    let fail = true;
    const inner = new InMemoryBus();
    const bus: EventBus = {
      ...inner,
      publish: (c, p) => inner.publish(c, p),
      subscribe: async (c, h) => {
        if (fail) throw new Error('redis down');
        return inner.subscribe(c, h);
      },
      close: () => inner.close(),
    };
    const hubs = new RoomHubs(bus, parse);
    await expect(hubs.subscribe('e', undefined, options)).rejects.toThrow('redis down');
    expect(hubs.size).toBe(0);
    fail = false;
    const sub = await hubs.subscribe('e', undefined, options);
    await inner.publish('e', { n: 7 });
    expect((await sub.next()).value).toEqual({ n: 7 });
    await sub.return();
  });
});

describe('RoomHubs: events handled directly', () => {
  type E = { n: number; slow?: boolean };
  const options: HubOptions<E> = { max: 100, overflow: () => new Error('behind'), droppable: () => false };

  it('hands events to the handler while the reader waits; a declined one and everything after it go to the reader, in order', async () => {
    const bus = new InMemoryBus();
    const hubs = new RoomHubs<E>(bus, (payload) => payload as E);
    const controller = new AbortController();
    const sub = await hubs.subscribe('h', controller.signal, options);
    const handled: number[] = [];
    sub.handleDirectly((event) => {
      if (event.slow) return false;
      handled.push(event.n);
      return true;
    });
    // Not waiting yet (a back-fill in progress): events queue for the reader.
    await bus.publish('h', { n: 1 });
    expect(handled).toEqual([]);
    expect((await sub.next()).value).toEqual({ n: 1 });
    // The reader now waits with nothing queued: events go straight to the handler.
    const read = sub.next();
    await bus.publish('h', { n: 2 });
    await bus.publish('h', { n: 3 });
    expect(handled).toEqual([2, 3]);
    // Declined: the reader gets it, and the events after it queue behind it, not to the handler.
    await bus.publish('h', { n: 4, slow: true });
    await bus.publish('h', { n: 5 });
    expect(await read).toEqual({ done: false, value: { n: 4, slow: true } });
    expect(handled).toEqual([2, 3]);
    expect((await sub.next()).value).toEqual({ n: 5 });
    // Caught up: straight through again.
    const waiting = sub.next();
    await bus.publish('h', { n: 6 });
    expect(handled).toEqual([2, 3, 6]);
    // Once aborted, nothing more is handled, and the reader ends.
    controller.abort();
    await bus.publish('h', { n: 7 });
    expect(handled).toEqual([2, 3, 6]);
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(hubs.size).toBe(0);
  });
});

describe('sharedJson', () => {
  it('serialises a shared (frozen) event once and nothing else', () => {
    const event = share({ type: 'read', roomId: 'r', userId: 'u', seq: 3, nested: { a: [1, 2] } });
    expect(Object.isFrozen(event.nested)).toBe(true);
    const stringify = vi.spyOn(JSON, 'stringify');
    const texts = Array.from({ length: 100 }, () => sharedJson(event));
    expect(stringify).toHaveBeenCalledTimes(1);
    expect(texts.every((t) => t === texts[0])).toBe(true);
    expect(texts[0]).toBe('{"type":"read","roomId":"r","userId":"u","seq":3,"nested":{"a":[1,2]}}');
    expect(sharedJson({ type: 'read' })).toBeUndefined();
    expect(sharedJson('text')).toBeUndefined();
  });
});
