// Live-only chat events through tRPC callers on the real database: typing (chat.typing, rate limited), read
// receipts (markRead's `read` events, chat.rooms.readState), and membership (join, invite accept, leave, kick, ban).
import { randomUUID } from 'node:crypto';
import type { TrackedEnvelope } from '@trpc/server';
import { connectRedisClient, type RedisClient } from '@veza/bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimits } from '../security/rate-limits.ts';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import type { ChatRoomEvent } from './chat.events.ts';
import { TYPING_TTL_MS } from './typing.ts';

type Envelope = TrackedEnvelope<ChatRoomEvent>;
type Account = Awaited<ReturnType<Harness['signUp']>>;

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** A chat.onRoom subscription as `who`, listening before the test acts; `live()` is what arrived that is not a message. */
async function subscribe(who: Account, roomId: string) {
  const controller = new AbortController();
  const api = await h.caller({ token: who.token, signal: controller.signal });
  const iterator = ((await api.chat.onRoom({ roomId })) as AsyncIterable<Envelope>)[Symbol.asyncIterator]();
  const received: ChatRoomEvent[] = [];
  let failure: unknown;
  void (async () => {
    try {
      for (let step = await iterator.next(); !step.done; step = await iterator.next()) received.push(step.value[1]);
    } catch (error) {
      failure = error;
    }
  })();
  // The first next() reads the room and subscribes to the bus before yielding anything.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    received,
    failure: () => failure,
    live: () => received.filter((e) => !('message' in e)),
    stop: () => controller.abort(),
  };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
const room = async (owner: Account, visibility: 'public' | 'private' = 'public') => (await owner.api.chat.rooms.create({ name: 'Live', visibility })).id;
const send = (who: Account, roomId: string, body = 'hi') => who.api.chat.messages.send({ roomId, body, clientMessageId: randomUUID() });
const summary = (who: Account) => ({ id: who.user.id, username: who.user.username, displayName: null });

describe('chat.typing', () => {
  let ana: Account;
  let bob: Account;
  let eve: Account;
  beforeAll(async () => {
    [ana, bob, eve] = [await h.signUp('ty.ana'), await h.signUp('ty.bob'), await h.signUp('ty.eve')];
  });

  it("reaches the room's subscribers with an expiry 6 s ahead, and nobody else's; never stored", async () => {
    const roomId = await room(ana, 'private');
    const { code } = await ana.api.chat.invites.create({ roomId });
    await bob.api.chat.invites.accept({ code });
    const other = await room(eve);
    const bobSub = await subscribe(bob, roomId);
    const eveSub = await subscribe(eve, other);
    const before = Date.now();
    const { expiresAt } = await ana.api.chat.typing({ roomId });
    await settle();
    expect(Date.parse(expiresAt) - before).toBeGreaterThanOrEqual(TYPING_TTL_MS - 50);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(TYPING_TTL_MS);
    expect(bobSub.live()).toEqual([{ type: 'typing', roomId, user: summary(ana), expiresAt }]);
    expect(eveSub.received).toEqual([]);
    // Not part of the history.
    expect((await bob.api.chat.messages.list({ roomId })).items).toEqual([]);
    bobSub.stop();
    eveSub.stop();
  });

  it('refuses non-members, muted members, someone else’s private room and bad input, publishing nothing', async () => {
    const roomId = await room(ana);
    const priv = await room(ana, 'private');
    await bob.api.chat.rooms.join({ roomId });
    const sub = await subscribe(ana, roomId);
    // A public room one has not joined: join first. A private room: it does not exist for them.
    expect(await trpcError(() => eve.api.chat.typing({ roomId }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await trpcError(() => eve.api.chat.typing({ roomId: priv }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => eve.api.chat.typing({ roomId: randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
    await ana.api.chat.members.mute({ roomId, userId: bob.user.id, untilSeconds: 600 });
    expect(await trpcError(() => bob.api.chat.typing({ roomId }))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('muted') });
    for (const input of [{ roomId: 'nope' }, {}, { roomId: 42 }]) {
      expect(await trpcError(() => bob.api.chat.typing(input as never))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect((await trpcError(async () => (await h.caller()).chat.typing({ roomId }))).code).toBe('UNAUTHORIZED');
    await settle();
    expect(sub.live()).toEqual([]);
    sub.stop();
  });
});

describe.each(process.env.REDIS_URL ? (['memory', 'redis'] as const) : (['memory'] as const))('chat.typing rate limit (%s)', (kind) => {
  let limited: Harness;
  let redis: RedisClient | undefined;
  beforeAll(async () => {
    redis = kind === 'redis' ? await connectRedisClient(process.env.REDIS_URL ?? '') : undefined;
    limited = await createHarness({ limits: createRateLimits({ redis, keyPrefix: `test:typing:${randomUUID()}` }) });
  });
  afterAll(async () => {
    await limited.close();
    redis?.disconnect();
  });

  it('answers 429 with a retry-after past 5 per second per user, then accepts again', async () => {
    const ana = await limited.signUp('tl.ana');
    const bob = await limited.signUp('tl.bob');
    const { id: roomId } = await ana.api.chat.rooms.create({ name: 'Busy', visibility: 'public' });
    const { id: other } = await ana.api.chat.rooms.create({ name: 'Other', visibility: 'public' });
    for (let i = 0; i < 5; i++) await ana.api.chat.typing({ roomId });
    // The budget is per user, across rooms.
    const error = await trpcError(() => ana.api.chat.typing({ roomId: other }));
    expect(error).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/^Too many typing updates\. Please wait 1 second\.$/) });
    expect((error.cause as { retryAfterSeconds?: number }).retryAfterSeconds).toBe(1);
    // Another user is not affected; bad input is not counted.
    await bob.api.chat.rooms.join({ roomId });
    expect(await bob.api.chat.typing({ roomId })).toMatchObject({ expiresAt: expect.any(String) });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await ana.api.chat.typing({ roomId })).toMatchObject({ expiresAt: expect.any(String) });
  });
});

describe('read receipts', () => {
  let ana: Account;
  let bob: Account;
  let eve: Account;
  beforeAll(async () => {
    [ana, bob, eve] = [await h.signUp('rr.ana'), await h.signUp('rr.bob'), await h.signUp('rr.eve')];
  });

  it('publishes `read` in a DM when the mark moves (not when it stays), and readState answers both members', async () => {
    const { roomId } = await ana.api.chat.dms.open({ username: 'rr.bob' });
    await send(ana, roomId, 'one');
    await send(ana, roomId, 'two');
    const sub = await subscribe(ana, roomId);
    expect(await ana.api.chat.rooms.readState({ roomId })).toEqual({
      roomId,
      lastSeq: 2,
      members: [
        { userId: ana.user.id, lastReadSeq: 2 },
        { userId: bob.user.id, lastReadSeq: 0 },
      ].sort((a, b) => a.userId.localeCompare(b.userId)),
    });
    await bob.api.chat.rooms.markRead({ roomId, seq: 1 });
    await bob.api.chat.rooms.markRead({ roomId, seq: 2 });
    // Behind the mark, or at it: nothing moves, nothing is said.
    await bob.api.chat.rooms.markRead({ roomId, seq: 1 });
    await bob.api.chat.rooms.markRead({ roomId, seq: 2 });
    await settle();
    expect(sub.live()).toEqual([
      { type: 'read', roomId, userId: bob.user.id, seq: 1 },
      { type: 'read', roomId, userId: bob.user.id, seq: 2 },
    ]);
    expect((await bob.api.chat.rooms.readState({ roomId })).members.find((m) => m.userId === bob.user.id)?.lastReadSeq).toBe(2);
    sub.stop();
  });

  it('is not shown in rooms (readState refused, no read events), nor to outsiders', async () => {
    const roomId = await room(ana);
    await bob.api.chat.rooms.join({ roomId });
    await send(ana, roomId);
    const sub = await subscribe(ana, roomId);
    await bob.api.chat.rooms.markRead({ roomId, seq: 1 });
    await settle();
    expect(sub.live()).toEqual([]);
    sub.stop();
    expect(await trpcError(() => ana.api.chat.rooms.readState({ roomId }))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('direct and group') });
    const { roomId: dm } = await ana.api.chat.dms.open({ username: 'rr.bob' });
    expect(await trpcError(() => eve.api.chat.rooms.readState({ roomId: dm }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => eve.api.chat.rooms.readState({ roomId: randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => eve.api.chat.rooms.readState({ roomId: 'x' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect((await trpcError(async () => (await h.caller()).chat.rooms.readState({ roomId: dm }))).code).toBe('UNAUTHORIZED');
  });
});

describe('membership events', () => {
  it('tells subscribers who joined (public join, invite) and left (leave, kick, ban), once each', async () => {
    const [owner, ana, bob, cat, dan] = [await h.signUp('me.owner'), await h.signUp('me.ana'), await h.signUp('me.bob'), await h.signUp('me.cat'), await h.signUp('me.dan')];
    const roomId = await room(owner);
    const sub = await subscribe(owner, roomId);
    await ana.api.chat.rooms.join({ roomId });
    await ana.api.chat.rooms.join({ roomId });
    const { code } = await owner.api.chat.invites.create({ roomId });
    await bob.api.chat.invites.accept({ code });
    await bob.api.chat.invites.accept({ code });
    await cat.api.chat.rooms.join({ roomId });
    await ana.api.chat.rooms.leave({ roomId });
    await ana.api.chat.rooms.leave({ roomId });
    await owner.api.chat.members.kick({ roomId, userId: bob.user.id });
    await owner.api.chat.members.ban({ roomId, userId: cat.user.id });
    // Banned before ever coming: nobody left.
    await owner.api.chat.members.ban({ roomId, userId: dan.user.id });
    await settle();
    expect(sub.live().map((e) => [e.type, 'user' in e ? e.user.username : null])).toEqual([
      ['member.joined', 'me.ana'],
      ['member.joined', 'me.bob'],
      ['member.joined', 'me.cat'],
      ['member.left', 'me.ana'],
      ['member.left', 'me.bob'],
      ['member.left', 'me.cat'],
    ]);
    expect(sub.live()[0]).toEqual({ type: 'member.joined', roomId, user: summary(ana) });
    expect(sub.failure()).toBeUndefined();
    sub.stop();
  });
});
