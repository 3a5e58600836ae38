// Play counts (issue 11): a ticket at the start, the count after 30 s (or the whole of a shorter track), once per
// listener per track per 30 minutes, never the owner's; forged, early, expired, replayed and parallel tickets.
// Through tRPC callers on the real database (PGlite, or PostgreSQL when DATABASE_URL is set), the clock faked.
import { Track, TrackPlay } from '@veza/db';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());
afterEach(() => vi.useRealTimers());

let n = 0;
async function setUp(durationMs = 200_000) {
  n += 1;
  const ana = await h.signUp(`pl${n}.ana`);
  const bob = await h.signUp(`pl${n}.bob`);
  const { id } = await h.upload(ana.token, undefined, { title: 'Long song' });
  await h.db.fork().nativeUpdate(Track, { id }, { status: 'ready', durationMs });
  // Only Date is faked (the database and its timers run as usual), from now: sessions stay valid for 15 minutes.
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
  return { ana, bob, id };
}
const later = (ms: number) => vi.setSystemTime(Date.now() + ms);
const rows = (id: string) => h.db.fork().count(TrackPlay, { track: id });

describe('tracks.playStart / playCount', () => {
  it('counts a play after 30 s, once per listener per 30 minutes', async () => {
    const { bob, id } = await setUp();
    const first = await bob.api.tracks.playStart({ id });
    expect(first).toEqual({ ticket: expect.any(String), countAfterMs: 30_000 });
    later(10_000);
    expect(await trpcError(() => bob.api.tracks.playCount({ ticket: first.ticket! }))).toMatchObject({ code: 'BAD_REQUEST', message: 'A play counts after 30 seconds of listening.', cause: { reason: 'too_early' } });
    expect(await rows(id)).toBe(0);
    later(20_000);
    expect(await bob.api.tracks.playCount({ ticket: first.ticket! })).toEqual({ id, counted: true, playCount: 1 });
    // The same ticket again, and a new play ten minutes later: not counted.
    expect(await bob.api.tracks.playCount({ ticket: first.ticket! })).toMatchObject({ counted: false, playCount: 1 });
    later(10 * 60_000);
    const second = await bob.api.tracks.playStart({ id });
    later(31_000);
    expect(await bob.api.tracks.playCount({ ticket: second.ticket! })).toMatchObject({ counted: false, playCount: 1 });
    // Past 30 minutes since the counted one: counted.
    later(30 * 60_000);
    const third = await bob.api.tracks.playStart({ id });
    later(31_000);
    expect(await bob.api.tracks.playCount({ ticket: third.ticket! })).toMatchObject({ counted: true, playCount: 2 });
    expect(await rows(id)).toBe(2);
    expect(await bob.api.tracks.byId({ id })).toMatchObject({ playCount: 2 });
    expect((await bob.api.tracks.list({ username: `pl${n}.ana` })).items[0]).toMatchObject({ playCount: 2 });
  });

  it("never counts the owner's plays, nor a ticket used by someone else", async () => {
    const { ana, bob, id } = await setUp();
    expect(await ana.api.tracks.playStart({ id })).toEqual({ ticket: null, countAfterMs: 30_000 });
    const bobs = await bob.api.tracks.playStart({ id });
    later(31_000);
    expect(await trpcError(() => ana.api.tracks.playCount({ ticket: bobs.ticket! }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'invalid_ticket' } });
    expect(await trpcError(async () => (await h.caller({ ip: '203.0.113.9' })).tracks.playCount({ ticket: bobs.ticket! }))).toMatchObject({ cause: { reason: 'invalid_ticket' } });
    expect(await rows(id)).toBe(0);
  });

  it('counts a shorter track once heard whole, and tells signed-out listeners apart by address and browser', async () => {
    const { id } = await setUp(12_000);
    const a = await h.caller({ ip: '203.0.113.1', userAgent: 'Firefox' });
    const sameA = await h.caller({ ip: '203.0.113.1', userAgent: 'Firefox' });
    const b = await h.caller({ ip: '203.0.113.2', userAgent: 'Firefox' });
    const ticketA = await a.tracks.playStart({ id });
    expect(ticketA.countAfterMs).toBe(12_000);
    const ticketB = await b.tracks.playStart({ id });
    later(12_000);
    expect(await a.tracks.playCount({ ticket: ticketA.ticket! })).toMatchObject({ counted: true, playCount: 1 });
    expect(await sameA.tracks.playCount({ ticket: (await sameA.tracks.playStart({ id })).ticket! }).catch((e: Error) => e.message)).toBe('A play counts after 30 seconds of listening.');
    expect(await b.tracks.playCount({ ticket: ticketB.ticket! })).toMatchObject({ counted: true, playCount: 2 });
  });

  it('counts a ticket sent many times at once exactly once', async () => {
    const { bob, id } = await setUp();
    const { ticket } = await bob.api.tracks.playStart({ id });
    later(31_000);
    const answers = await Promise.all(Array.from({ length: 6 }, async () => (await h.caller({ token: bob.token })).tracks.playCount({ ticket: ticket! })));
    expect(answers.filter((a) => a.counted)).toHaveLength(1);
    expect(await rows(id)).toBe(1);
    expect((await (await h.caller({ token: bob.token })).tracks.byId({ id })).playCount).toBe(1);
  });

  it('refuses forged, malformed and expired tickets and tracks one may not see, changing nothing', async () => {
    const { ana, bob, id } = await setUp();
    const { ticket } = await bob.api.tracks.playStart({ id });
    later(31_000);
    const [body, mac] = ticket!.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as { s: number };
    const forged = `${Buffer.from(JSON.stringify({ ...claims, s: claims.s - 3_600_000 })).toString('base64url')}.${mac}`;
    for (const bad of [forged, 'garbage', `${body}.`, `.${mac}`, `${body}.${mac}x`]) {
      expect(await trpcError(() => bob.api.tracks.playCount({ ticket: bad })), bad).toMatchObject({ code: 'BAD_REQUEST', message: 'This play ticket is not valid: start the track again.' });
    }
    for (const bad of ['', 'x'.repeat(401), 42]) expect(await trpcError(() => bob.api.tracks.playCount({ ticket: bad as never })), String(bad)).toMatchObject({ code: 'BAD_REQUEST' });
    later(7 * 3_600_000);
    expect(await trpcError(() => bob.api.tracks.playCount({ ticket: ticket! }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'expired_ticket' } });
    await ana.api.tracks.update({ id, visibility: 'private' });
    expect(await trpcError(async () => (await h.caller({ token: bob.token })).tracks.playStart({ id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await rows(id)).toBe(0);
  });
});
