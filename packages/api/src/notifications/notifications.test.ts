import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackedEnvelope } from '@trpc/server';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import { Notification } from '@veza/db';
import type { NotificationEvent } from './notifications.events.ts';
import { LIKE_NOTIFICATION_WINDOW_MS } from './notifications.service.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
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
    const [[eventId, event]] = (await sub.take(1)) as [Envelope];
    expect(event).toMatchObject({ type: 'track.liked', actor: { username: 'bob' }, track: { id, title: 'Night Drive' } });
    expect(eventId).toBe(event.id);
    sub.stop();
  });

  it('resumes from lastEventId without loss or duplicates', async () => {
    const cid = await h.signUp('cid');
    const fans = [await h.signUp('dee'), await h.signUp('eve'), await h.signUp('fay')];
    const { id } = await h.upload(cid.token, undefined, { title: 'Loop' });

    const first = await subscribe(cid.token);
    await fans[0]?.api.tracks.like({ id });
    const [[lastId]] = (await first.take(1)) as [Envelope];
    first.stop();

    // Missed while disconnected.
    await fans[1]?.api.tracks.like({ id });
    const resumed = await subscribe(cid.token, lastId);
    await fans[2]?.api.tracks.like({ id });
    const events = await resumed.take(2);
    expect(events.map(([, e]) => e.actor.username)).toEqual(['eve', 'fay']);
    expect(new Set(events.map(([eid]) => eid)).size).toBe(2);
    resumed.stop();
  });

  it('notifies once when a fan unlikes and likes again within the window, again once the window has passed', async () => {
    const joe = await h.signUp('joe');
    const kim = await h.signUp('kim');
    const lee = await h.signUp('lee');
    const { id } = await h.upload(joe.token, undefined, { title: 'Twice' });
    const stored = () => h.db.fork().find(Notification, { recipient: joe.user.id, track: id }, { orderBy: { id: 'asc' }, populate: ['actor'] });

    const sub = await subscribe(joe.token);
    await kim.api.tracks.like({ id });
    await kim.api.tracks.unlike({ id });
    await kim.api.tracks.like({ id });
    // Another fan still notifies: the dedupe is per liker.
    await lee.api.tracks.like({ id });
    const events = await sub.take(2);
    expect(events.map(([, e]) => e.actor.username)).toEqual(['kim', 'lee']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sub.received).toHaveLength(2);
    sub.stop();
    expect((await stored()).map((n) => n.actor?.username)).toEqual(['kim', 'lee']);

    // A day later the same like is news again.
    const dayAgo = new Date(Date.now() - LIKE_NOTIFICATION_WINDOW_MS - 60_000);
    await h.db.fork().nativeUpdate(Notification, { recipient: joe.user.id, track: id }, { createdAt: dayAgo });
    await kim.api.tracks.unlike({ id });
    await kim.api.tracks.like({ id });
    expect((await stored()).map((n) => n.actor?.username)).toEqual(['kim', 'lee', 'kim']);
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
