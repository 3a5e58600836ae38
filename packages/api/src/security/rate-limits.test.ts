import { connectRedisClient, createRedisClient, type RedisClient } from '@veza/bus';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { createRateLimits, retryMessage, type LoginAttempt, type RateLimitsOptions } from './rate-limits.ts';

// Memory always; the Redis store against this machine's Redis when REDIS_URL is set (CI sets it).
const redisUrl = process.env.REDIS_URL;
const kinds = redisUrl ? (['memory', 'redis'] as const) : (['memory'] as const);
const clients: RedisClient[] = [];
afterAll(() => {
  for (const c of clients) c.disconnect();
});

async function limitsFor(kind: 'memory' | 'redis', options: RateLimitsOptions = {}, keyPrefix = `test:${crypto.randomUUID()}`) {
  if (kind === 'memory') return createRateLimits(options);
  const redis = await connectRedisClient(redisUrl ?? '');
  clients.push(redis);
  return createRateLimits({ ...options, redis, keyPrefix });
}

const tooMany = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  return null;
};

const attempt = (over: Partial<LoginAttempt> = {}): LoginAttempt => ({ ip: '203.0.113.7', login: 'user-1', device: null, ...over });

describe.each(kinds)('rate limits on %s', (kind) => {
  it('allows a bucket its budget, then refuses with TOO_MANY_REQUESTS and a human message', async () => {
    const limits = await limitsFor(kind);
    for (let i = 0; i < 3; i++) await limits.consume('password_reset_account', 'ana');
    const error = await tooMany(() => limits.consume('password_reset_account', 'ana'));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('TOO_MANY_REQUESTS');
    expect((error as DomainError).message).toMatch(/^Too many attempts\. Please try again in \d+ minutes\.$/);
    // Other keys and other buckets are counted apart.
    await limits.consume('password_reset_account', 'bob');
    await limits.consume('password_reset_ip', 'ana');
  });

  it('slows down consecutive failures for one IP + account, then blocks that pair only', async () => {
    const limits = await limitsFor(kind, { login: { slowAfter: 2, baseDelayMs: 100, maxDelayMs: 350, ipAccountFailures: 6 } });
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const gate = await limits.login.check(attempt());
      expect(gate.throttled).toBeNull();
      delays.push(gate.delayMs);
      await limits.login.failed(attempt());
    }
    expect(delays).toEqual([0, 0, 100, 200, 350, 350]);
    expect((await limits.login.check(attempt())).throttled).toMatchObject({ limit: 'ip_account', retryAfterSeconds: expect.any(Number) });
    // The same account from another address, and another account from this address, are not blocked.
    expect((await limits.login.check(attempt({ ip: '198.51.100.1' }))).throttled).toBeNull();
    expect((await limits.login.check(attempt({ login: 'user-2' }))).throttled).toBeNull();
  });

  it('a success clears the consecutive failures of that IP + account', async () => {
    const limits = await limitsFor(kind, { login: { slowAfter: 1, baseDelayMs: 100 } });
    for (let i = 0; i < 3; i++) await limits.login.failed(attempt());
    expect((await limits.login.check(attempt())).delayMs).toBeGreaterThan(0);
    await limits.login.succeeded(attempt());
    expect((await limits.login.check(attempt())).delayMs).toBe(0);
  });

  it('locks an account guessed at from many addresses, except from a known device', async () => {
    const limits = await limitsFor(kind, { login: { accountFailures: 5 } });
    for (let i = 0; i < 5; i++) await limits.login.failed(attempt({ ip: `203.0.113.${i}` }));
    expect((await limits.login.check(attempt({ ip: '192.0.2.1' }))).throttled).toMatchObject({ limit: 'account', knownDevice: false });
    expect((await limits.login.check(attempt({ ip: '192.0.2.1', device: 'device-1' }))).throttled).toBeNull();
  });

  it('a device cookie used for guessing stops bypassing the account lock', async () => {
    const limits = await limitsFor(kind, { login: { accountFailures: 2, deviceFailures: 3 } });
    for (let i = 0; i < 2; i++) await limits.login.failed(attempt({ ip: `203.0.113.${i}` }));
    const stolen = attempt({ ip: '198.51.100.9', device: 'stolen' });
    for (let i = 0; i < 3; i++) {
      expect((await limits.login.check(stolen)).throttled).toBeNull();
      await limits.login.failed(stolen);
    }
    expect((await limits.login.check(stolen)).throttled).toMatchObject({ limit: 'account' });
    expect((await limits.login.check(attempt({ ip: '198.51.100.9', device: 'genuine' }))).throttled).toBeNull();
  });

  it('blocks an address after its daily failures, whatever the account and even from a known device', async () => {
    const limits = await limitsFor(kind, { login: { ipFailures: 4 } });
    for (let i = 0; i < 4; i++) await limits.login.failed(attempt({ login: `user-${i}` }));
    expect((await limits.login.check(attempt({ login: 'someone-else', device: 'device-1' }))).throttled).toMatchObject({ limit: 'ip', knownDevice: true });
    expect((await limits.login.check(attempt({ ip: '192.0.2.50' }))).throttled).toBeNull();
  });

  it('counts requests per IP for the global budget and answers with the seconds to wait', async () => {
    const limits = await limitsFor(kind, { requestsPerMinute: 3 });
    expect([await limits.hit('a'), await limits.hit('a'), await limits.hit('a')]).toEqual([null, null, null]);
    const wait = await limits.hit('a');
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await limits.hit('b')).toBeNull();
  });

  it('has no global budget when it is set to 0 (the login limits still apply)', async () => {
    const limits = await limitsFor(kind, { requestsPerMinute: 0, login: { ipFailures: 1 } });
    for (let i = 0; i < 1000; i++) expect(await limits.hit('a')).toBeNull();
    await limits.login.failed(attempt({}));
    expect((await limits.login.check(attempt({}))).throttled).not.toBeNull();
  });
});

describe.runIf(redisUrl)('rate limits shared through Redis', () => {
  it('two instances with the same Redis share their counters', async () => {
    const prefix = `test:${crypto.randomUUID()}`;
    const [a, b] = [await limitsFor('redis', {}, prefix), await limitsFor('redis', {}, prefix)];
    await a.consume('password_reset_account', 'ana');
    await b.consume('password_reset_account', 'ana');
    await a.consume('password_reset_account', 'ana');
    expect(await tooMany(() => b.consume('password_reset_account', 'ana'))).toBeInstanceOf(DomainError);
  });
});

describe('Redis down: the in-memory insurance limiter answers at once', () => {
  it('still limits (and never hangs) when Redis cannot be reached', async () => {
    const redis = createRedisClient('redis://127.0.0.1:9'); // nothing listens on the discard port
    redis.on('error', () => undefined);
    clients.push(redis);
    const limits = createRateLimits({ redis, keyPrefix: `test:${crypto.randomUUID()}`, login: { ipAccountFailures: 2 } });
    const started = Date.now();
    for (let i = 0; i < 3; i++) await limits.consume('password_reset_account', 'ana');
    expect(await tooMany(() => limits.consume('password_reset_account', 'ana'))).toBeInstanceOf(DomainError);
    await limits.login.failed(attempt());
    await limits.login.failed(attempt());
    expect((await limits.login.check(attempt())).throttled).toMatchObject({ limit: 'ip_account' });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('retryMessage', () => {
  it('speaks in seconds, minutes or hours', () => {
    expect(retryMessage(0.2)).toBe('Too many attempts. Please try again in 1 second.');
    expect(retryMessage(45)).toBe('Too many attempts. Please try again in 45 seconds.');
    expect(retryMessage(61)).toBe('Too many attempts. Please try again in 2 minutes.');
    expect(retryMessage(7200)).toBe('Too many attempts. Please try again in 2 hours.');
  });
});
