// Chat rate limits through tRPC callers against the real database, on memory and, with REDIS_URL, on Redis:
// send (burst of 10, then 5 per 5 s, per user and room), history (5/s per user), and the budgets of typing, search,
// call signals and chat images.
import { randomUUID } from 'node:crypto';
import { getErrorShape, TRPCError } from '@trpc/server';
import { connectRedisClient, type RedisClient } from '@veza/bus';
import { Message } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../errors.ts';
import { appRouter } from '../root.ts';
import { createRateLimits } from '../security/rate-limits.ts';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import { CHAT_BUDGETS, createChatLimits, type ChatLimits } from './chat.limits.ts';

const redisUrl = process.env.REDIS_URL;
const kinds = redisUrl ? (['memory', 'redis'] as const) : (['memory'] as const);
const cid = () => randomUUID();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a client receives in the error's `data` (the router's error formatter). */
const dataOf = (error: unknown, path: string) =>
  getErrorShape({ config: appRouter._def._config, error: error as TRPCError, type: 'mutation', path, input: undefined, ctx: undefined }).data;

/** The refusal of `fn`, checked to be a rate limit with a human message and a retry-after. */
async function refused(fn: () => Promise<unknown>, path: string, message: RegExp) {
  const error = await trpcError(fn);
  expect(error).toBeInstanceOf(TRPCError);
  expect(error).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(message) });
  expect(error.cause).toBeInstanceOf(RateLimitedError);
  const data = dataOf(error, path);
  expect(data).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429, reason: 'rate_limited', retryAfterSeconds: expect.any(Number) });
  expect(error.message).toContain(`Please wait ${data.retryAfterSeconds} second`);
  return data.retryAfterSeconds as number;
}

describe.each(kinds)('chat rate limits (%s)', (kind) => {
  let h: Harness;
  let redis: RedisClient | undefined;
  type Account = Awaited<ReturnType<Harness['signUp']>>;
  let ana: Account;
  let bob: Account;
  const count = (where: Record<string, unknown>) => h.db.fork().count(Message, where);
  const room = async (owner: Account, ...members: Account[]) => {
    const { id } = await owner.api.chat.rooms.create({ name: 'Jam', visibility: 'public' });
    for (const m of members) await m.api.chat.rooms.join({ roomId: id });
    return id;
  };
  const send = (who: Account, roomId: string, body: string, clientMessageId = cid()) => who.api.chat.messages.send({ roomId, body, clientMessageId });

  beforeAll(async () => {
    redis = kind === 'redis' ? await connectRedisClient(redisUrl ?? '') : undefined;
    // The real budgets (the harness turns chat limits off by default).
    h = await createHarness({ limits: createRateLimits({ redis, keyPrefix: `test:chat:${randomUUID()}` }) });
    ana = await h.signUp('lim.ana');
    bob = await h.signUp('lim.bob');
  });
  afterAll(async () => {
    await h.close();
    redis?.disconnect();
  });

  it('refuses the 11th send within a second with retry-after, stores nothing, and lets sends through after the wait', async () => {
    const roomId = await room(ana);
    const accepted = [];
    for (let i = 1; i <= 10; i++) accepted.push(await send(ana, roomId, `m${i}`));
    expect(accepted.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const flood = cid();
    const wait = await refused(() => send(ana, roomId, 'm11', flood), 'chat.messages.send', /sending messages too fast/);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(CHAT_BUDGETS.send.duration);
    expect(await count({ room: roomId })).toBe(10);
    expect(await count({ clientMessageId: flood })).toBe(0);

    await sleep(wait * 1000 + 100);
    // The refused message, sent again, is accepted at the next seq: nothing lost, no gap.
    expect(await send(ana, roomId, 'm11', flood)).toMatchObject({ seq: 11, body: 'm11' });
    expect(await send(ana, roomId, 'm12')).toMatchObject({ seq: 12 });
    const page = await ana.api.chat.messages.list({ roomId, limit: 100 });
    expect(page.items.map((m) => m.body)).toEqual(Array.from({ length: 12 }, (_, i) => `m${i + 1}`));
  }, 20_000);

  it('counts sends per user and per room', async () => {
    const first = await room(ana, bob);
    const second = await room(ana);
    for (let i = 0; i < 10; i++) await send(ana, first, `a${i}`);
    await refused(() => send(ana, first, 'over'), 'chat.messages.send', /too fast/);
    // Another room of the same user, and another user in the same room, have their own budgets.
    expect(await send(ana, second, 'elsewhere')).toMatchObject({ seq: 1 });
    expect(await send(bob, first, 'me too')).toMatchObject({ seq: 11 });
    expect(await count({ room: first })).toBe(11);
  });

  it('answers a retried send of a stored message without counting it, even past the limit', async () => {
    const roomId = await room(ana);
    const once = cid();
    const original = await send(ana, roomId, 'hello', once);
    // Retries (a lost answer) do not use the budget: nine more new messages still fit in the burst of ten.
    for (let i = 0; i < 5; i++) expect(await send(ana, roomId, 'hello', once)).toEqual(original);
    for (let i = 2; i <= 10; i++) await send(ana, roomId, `n${i}`);
    await refused(() => send(ana, roomId, 'n11'), 'chat.messages.send', /too fast/);
    // Over the limit, the retry of an accepted message is still answered with it, never refused.
    expect(await send(ana, roomId, 'hello', once)).toEqual(original);
    expect(await count({ room: roomId })).toBe(10);
    expect(await count({ clientMessageId: once })).toBe(1);
  });

  it('does not count refused input, unknown rooms or signed-out calls as sends', async () => {
    const roomId = await room(ana);
    const anon = await h.caller();
    expect(await trpcError(() => anon.chat.messages.send({ roomId, body: 'x', clientMessageId: cid() }))).toMatchObject({ code: 'UNAUTHORIZED' });
    for (let i = 0; i < 12; i++) {
      expect(await trpcError(() => send(ana, roomId, '   '))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    // Someone else's private room: NOT_FOUND, and it is counted in that room only.
    const { id: hidden } = await bob.api.chat.rooms.create({ name: 'Mine', visibility: 'private' });
    expect(await trpcError(() => send(ana, hidden, 'let me in'))).toMatchObject({ code: 'NOT_FOUND' });
    for (let i = 0; i < 10; i++) await send(ana, roomId, `ok${i}`);
    expect(await count({ room: roomId })).toBe(10);
    expect(await count({ room: hidden })).toBe(0);
  });

  it('limits history to 5 pages a second per user, across rooms', async () => {
    const one = await room(ana, bob);
    const two = await room(ana, bob);
    for (let i = 0; i < 5; i++) {
      expect(await trpcError(() => bob.api.chat.messages.list({ roomId: one, limit: 0 }))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    await bob.api.chat.messages.list({ roomId: one });
    await bob.api.chat.messages.list({ roomId: two });
    await bob.api.chat.messages.list({ roomId: one, afterSeq: 0 });
    await bob.api.chat.messages.list({ roomId: two });
    await bob.api.chat.messages.list({ roomId: one });
    const wait = await refused(() => bob.api.chat.messages.list({ roomId: two }), 'chat.messages.list', /loading messages too fast/);
    expect(wait).toBe(1);
    // Another user's budget is their own.
    expect((await ana.api.chat.messages.list({ roomId: one })).items).toEqual([]);
    await sleep(wait * 1000 + 100);
    expect((await bob.api.chat.messages.list({ roomId: two })).items).toEqual([]);
  }, 10_000);

  it('has typing (5/s) and search (2/s) budgets per user, ready for their procedures', async () => {
    const limits: ChatLimits = createChatLimits({ redis, keyPrefix: `test:chat:${randomUUID()}` });
    const user = randomUUID();
    for (let i = 0; i < 5; i++) await limits.consume('typing', user, randomUUID());
    await expect(limits.consume('typing', user)).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 1, message: 'Too many typing updates. Please wait 1 second.' });
    await limits.consume('search', user);
    await limits.consume('search', user);
    await expect(limits.consume('search', user)).rejects.toBeInstanceOf(RateLimitedError);
    await limits.consume('search', randomUUID());
    // An action given no budget is not limited.
    const open = createChatLimits({ redis, keyPrefix: `test:chat:${randomUUID()}`, budgets: { search: null } });
    for (let i = 0; i < 20; i++) await open.consume('search', user);
  });

  it('has call signal (a burst of 50, then 10/s) and chat image (a burst of 10, then 1/s) budgets per user', async () => {
    const limits: ChatLimits = createChatLimits({ redis, keyPrefix: `test:chat:${randomUUID()}` });
    const user = randomUUID();
    await Promise.all(Array.from({ length: 50 }, () => limits.consume('signal', user)));
    await expect(limits.consume('signal', user)).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 1, message: 'Too many call signals. Please wait 1 second.' });
    await limits.consume('signal', randomUUID());
    await Promise.all(Array.from({ length: 10 }, () => limits.consume('image', user)));
    await expect(limits.consume('image', user)).rejects.toMatchObject({ retryAfterSeconds: 1, message: 'You are sharing images too fast. Please wait 1 second.' });
    // The steady rate once the second is over: 10 signals, 1 image.
    await sleep(1100);
    for (let i = 0; i < 10; i++) await limits.consume('signal', user);
    await expect(limits.consume('signal', user)).rejects.toBeInstanceOf(RateLimitedError);
    await limits.consume('image', user);
    await expect(limits.consume('image', user)).rejects.toBeInstanceOf(RateLimitedError);
  });
});
