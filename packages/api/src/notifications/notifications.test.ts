import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackedEnvelope } from '@trpc/server';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import { Notification } from '@veza/db';
import type { NotificationEvent } from './notifications.events.ts';
import { flushNotifications, setCoalesceDelay } from './notifications.service.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  // Counted groups wait for the tests' explicit flushes (which end the wait): one flush, one event.
  setCoalesceDelay(h.deps, 60_000);
});
afterAll(() => h.close());

type Envelope = TrackedEnvelope<NotificationEvent>;

/** Subscribes as `token` and collects events until `count` arrive (or the timeout). */
async function subscribe(token: string, lastEventId?: string) {
  const controller = new AbortController();
  const api = await h.caller({ token, signal: controller.signal });
  const iterable = (await api.notifications.onEvent(lastEventId ? { lastEventId } : {})) as AsyncIterable<Envelope>;
  const iterator = iterable[Symbol.asyncIterator]();
  const received: Envelope[] = [];
  // Start the generator now, as the WebSocket adapter does, so it is listening before we act.
  let pending: Promise<IteratorResult<Envelope>> | null = iterator.next();
  await new Promise((resolve) => setTimeout(resolve, 50));
  return {
    received,
    async take(count: number) {
      while (received.length < count) {
        const next = await Promise.race([
          pending ?? iterator.next(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`only ${received.length} events`)), 5000)),
        ]);
        pending = null;
        if (next.done) break;
        received.push(next.value);
      }
      return received;
    },
    stop: () => controller.abort(),
  };
}

describe('notifications.onEvent', () => {
  it('tells the owner live when someone likes their track, not when they like it themselves', async () => {
    const ana = await h.signUp('ana');
    const bob = await h.signUp('bob');
    const { id } = await h.upload(ana.token, undefined, { title: 'Night Drive' });
    const sub = await subscribe(ana.token);
    await ana.api.tracks.like({ id });
    await bob.api.tracks.like({ id });
    await flushNotifications(h.deps);
    const [[eventId, event]] = (await sub.take(1)) as [Envelope];
    expect(event).toMatchObject({ type: 'track.liked', actor: { username: 'bob' }, track: { id, title: 'Night Drive' } });
    expect(eventId).toBe(event.id);
    sub.stop();
  });

  it('resumes from lastEventId without loss or duplicates (likes counted together send their latest)', async () => {
    const cid = await h.signUp('cid');
    const fans = [await h.signUp('dee'), await h.signUp('eve'), await h.signUp('fay')];
    const { id } = await h.upload(cid.token, undefined, { title: 'Loop' });

    const first = await subscribe(cid.token);
    await fans[0]?.api.tracks.like({ id });
    await flushNotifications(h.deps);
    const [[lastId]] = (await first.take(1)) as [Envelope];
    first.stop();

    // Missed while disconnected: the group moved on (dee and eve); resuming sends it once, then fay's update live.
    await fans[1]?.api.tracks.like({ id });
    await flushNotifications(h.deps);
    const resumed = await subscribe(cid.token, lastId);
    await fans[2]?.api.tracks.like({ id });
    await flushNotifications(h.deps);
    const events = await resumed.take(2);
    expect(events.map(([, e]) => e.actor.username)).toEqual(['eve', 'fay']);
    expect(new Set(events.map(([eid]) => eid)).size).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(resumed.received).toHaveLength(2);
    resumed.stop();
    const [group] = (await cid.api.notifications.list({})).items;
    expect(group).toMatchObject({ actorCount: 3, actors: [{ username: 'fay' }, { username: 'eve' }, { username: 'dee' }] });
  });

  it('counts a fan who unlikes and likes again once, and sends one event for likes counted together', async () => {
    const joe = await h.signUp('joe');
    const kim = await h.signUp('kim');
    const lee = await h.signUp('lee');
    const { id } = await h.upload(joe.token, undefined, { title: 'Twice' });
    const stored = () => h.db.fork().find(Notification, { recipient: joe.user.id, track: id }, { orderBy: { id: 'asc' } });

    const sub = await subscribe(joe.token);
    await kim.api.tracks.like({ id });
    await kim.api.tracks.unlike({ id });
    await kim.api.tracks.like({ id });
    await lee.api.tracks.like({ id });
    await flushNotifications(h.deps);
    const [[, event]] = (await sub.take(1)) as [Envelope];
    expect(event).toMatchObject({ type: 'track.liked', actor: { username: 'lee' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sub.received).toHaveLength(1);
    sub.stop();
    expect((await stored()).map((n) => [n.actorCount, n.actorIds])).toEqual([[2, [lee.user.id, kim.user.id]]]);
  });

  it('requires a session and a well-formed lastEventId', async () => {
    expect((await trpcError(async () => (await h.caller()).notifications.onEvent({}))).code).toBe('UNAUTHORIZED');
    const gus = await h.signUp('gus');
    expect((await trpcError(() => gus.api.notifications.onEvent({ lastEventId: 'abc' }))).code).toBe('BAD_REQUEST');
  });
});

describe.runIf(process.env.REDIS_URL)('across server instances (Redis)', () => {
  it('a like handled by one instance reaches a subscriber on another', async () => {
    const { RedisBus } = await import('@veza/bus');
    const { createContext } = await import('../context.ts');
    const { createCaller } = await import('../root.ts');
    const url = process.env.REDIS_URL ?? '';
    const [busA, busB] = [new RedisBus(url), new RedisBus(url)];
    const instance = (bus: InstanceType<typeof RedisBus>, token: string, signal?: AbortSignal) =>
      createContext({ ...h.deps, bus }, { authorization: `Bearer ${token}`, cookies: null, meta: { ip: null, userAgent: null } }).then((ctx) =>
        createCaller(ctx, signal ? { signal } : {}),
      );
    try {
      const owner = await h.signUp('hal');
      const fan = await h.signUp('ida');
      const { id } = await h.upload(owner.token, undefined, { title: 'Across' });
      const controller = new AbortController();
      const iterable = (await (await instance(busB, owner.token, controller.signal)).notifications.onEvent({})) as AsyncIterable<Envelope>;
      const iterator = iterable[Symbol.asyncIterator]();
      const first = iterator.next();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await (await instance(busA, fan.token)).tracks.like({ id });
      const result = await first;
      expect(result.value?.[1]).toMatchObject({ actor: { username: 'ida' }, track: { title: 'Across' } });
      controller.abort();
    } finally {
      await Promise.all([busA.close(), busB.close()]);
    }
  });
});
