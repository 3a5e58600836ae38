// Search rate limits (issue 12), through tRPC callers on the real database, on memory and, with REDIS_URL, on Redis:
// per signed-in person or per address signed out; suggestions (as you type) on a larger budget than results pages;
// a refusal is TOO_MANY_REQUESTS with a human message and a retry-after, and does nothing (no history recorded).
import { randomUUID } from 'node:crypto';
import { getErrorShape, TRPCError } from '@trpc/server';
import { connectRedisClient, type RedisClient } from '@veza/bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../errors.ts';
import { appRouter } from '../root.ts';
import { createRateLimits } from '../security/rate-limits.ts';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import { createSearchLimits, SEARCH_BUDGETS } from './search.limits.ts';

const redisUrl = process.env.REDIS_URL;
const kinds = redisUrl ? (['memory', 'redis'] as const) : (['memory'] as const);

/** The refusal of `fn`: a rate limit, with a human message and the seconds to wait in the error's data. */
async function refused(fn: () => Promise<unknown>, path: string) {
  const error = await trpcError(fn);
  expect(error).toBeInstanceOf(TRPCError);
  expect(error).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/^You are searching too fast\. Please wait \d+ seconds?\.$/) });
  expect(error.cause).toBeInstanceOf(RateLimitedError);
  const data = getErrorShape({ config: appRouter._def._config, error: error as TRPCError, type: 'query', path, input: undefined, ctx: undefined }).data;
  expect(data).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429, reason: 'rate_limited', retryAfterSeconds: expect.any(Number) });
  expect(data.retryAfterSeconds).toBeGreaterThan(0);
  return data.retryAfterSeconds as number;
}

describe.each(kinds)('search rate limits (%s)', (kind) => {
  let h: Harness;
  let redis: RedisClient | undefined;
  beforeAll(async () => {
    redis = kind === 'redis' ? await connectRedisClient(redisUrl!) : undefined;
    // Small budgets over a minute, so that the test does not race the clock.
    const limits = createRateLimits({ redis, keyPrefix: `test:${randomUUID()}`, search: { suggest: { points: 3, duration: 60 }, page: { points: 2, duration: 60 } } });
    h = await createHarness({ limits });
  });
  afterAll(async () => {
    await h.close();
    await redis?.quit();
  });

  it('counts results pages per person, across kinds, and refuses the one over budget without recording it', async () => {
    const ana = await h.signUp(`sl${kind}ana`);
    const bob = await h.signUp(`sl${kind}bob`);
    await ana.api.search.tracks({ q: 'first' });
    await ana.api.search.groups({ q: 'second' });
    expect(await refused(() => ana.api.search.people({ q: 'third' }), 'search.people')).toBeLessThanOrEqual(60);
    await refused(() => ana.api.search.playlists({ q: 'third' }), 'search.playlists');
    await refused(() => ana.api.search.tracks({ q: 'third', genres: ['house'] }), 'search.tracks');
    expect((await ana.api.search.history.list()).map((e) => e.query)).toEqual(['second', 'first']);
    // Someone else has their own budget; suggestions have theirs.
    await bob.api.search.tracks({ q: 'first' });
    for (let i = 0; i < 3; i++) await ana.api.search.suggest({ q: `typing ${i}` });
    await refused(() => ana.api.search.suggest({ q: 'typing more' }), 'search.suggest');
    // The history procedures are not counted.
    expect(await ana.api.search.history.clear()).toEqual({ removed: 2 });
  });

  it('counts people signed out by their address', async () => {
    const here = await h.caller({ ip: '198.51.100.7' });
    const there = await h.caller({ ip: '198.51.100.8' });
    await here.search.tracks({ q: 'one' });
    await here.search.people({ q: 'two' });
    await refused(() => here.search.tracks({ q: 'three' }), 'search.tracks');
    await there.search.tracks({ q: 'one' });
    // The same address signed in is counted as the person instead.
    const cid = await h.signUp(`sl${kind}cid`);
    await cid.api.search.tracks({ q: 'one' });
  });
});

describe('search rate limits: the default budgets', () => {
  it('let someone type a long query fast (suggest) and click through filters (pages), then refuse', async () => {
    const limits = createSearchLimits();
    const suggest = SEARCH_BUDGETS.suggest.points + SEARCH_BUDGETS.suggest.burst!.points;
    const page = SEARCH_BUDGETS.page.points + SEARCH_BUDGETS.page.burst!.points;
    expect(suggest).toBeGreaterThanOrEqual(30);
    for (let i = 0; i < suggest; i++) await limits.consume('suggest', 'user:typist');
    await expect(limits.consume('suggest', 'user:typist')).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 1, message: 'You are searching too fast. Please wait 1 second.' });
    for (let i = 0; i < page; i++) await limits.consume('page', 'user:typist');
    await expect(limits.consume('page', 'user:typist')).rejects.toBeInstanceOf(RateLimitedError);
    await limits.consume('page', 'ip:203.0.113.9');
  });
});
