import { auditRepository } from '@veza/db';
import { connectRedisClient, type RedisClient } from '@veza/bus';
import { afterAll, describe, expect, it } from 'vitest';
import { createRateLimits } from '../security/rate-limits.ts';
import { createHarness, MemoryJar, PASSWORD, trpcError, type Harness } from '../test/harness.ts';
import { DEVICE_COOKIE, makeDeviceCookie, verifyDeviceCookie } from './device-cookie.ts';

const redisUrl = process.env.REDIS_URL;
const kinds = redisUrl ? (['memory', 'redis'] as const) : (['memory'] as const);
const clients: RedisClient[] = [];
afterAll(() => {
  for (const c of clients) c.disconnect();
});

/** Real default thresholds; the slow-down delay is shortened so the test does not sit waiting. */
async function harness(kind: 'memory' | 'redis'): Promise<Harness> {
  let redis: RedisClient | undefined;
  if (kind === 'redis') {
    redis = await connectRedisClient(redisUrl ?? '');
    clients.push(redis);
  }
  return createHarness({ limits: createRateLimits({ redis, keyPrefix: `test:${crypto.randomUUID()}`, login: { baseDelayMs: 1, maxDelayMs: 4 } }) });
}

describe.each(kinds)('sign-in protection (%s)', (kind) => {
  it('101 failed logins stay throttled and the real user can still sign in from their usual device', async () => {
    const h = await harness(kind);
    try {
      const ana = await h.signUp('ana');
      // Ana signs in from her laptop: it becomes a known device.
      const laptop = new MemoryJar();
      const asAna = { jar: laptop, ip: '192.0.2.10' };
      expect(await (await h.caller(asAna)).auth.login({ login: 'ana', password: PASSWORD })).toMatchObject({ status: 'signed_in' });
      expect(verifyDeviceCookie(h.deps, laptop.get(DEVICE_COOKIE), ana.user.id)).toEqual(expect.any(String));
      expect(laptop.values.get(DEVICE_COOKIE)?.options.sameSite).toBe('strict');

      // 101 guesses from a botnet of 25 addresses.
      const codes: string[] = [];
      for (let i = 0; i < 101; i++) {
        const api = await h.caller({ ip: `203.0.113.${i % 25}` });
        codes.push((await trpcError(() => api.auth.login({ login: i % 2 ? 'ana' : 'ana@example.com', password: `guess-${i}` }))).code);
      }
      const firstThrottled = codes.indexOf('TOO_MANY_REQUESTS');
      expect(codes.slice(0, firstThrottled).every((c) => c === 'UNAUTHORIZED')).toBe(true);
      expect(firstThrottled).toBe(50); // the per-account budget
      expect(codes.slice(firstThrottled).every((c) => c === 'TOO_MANY_REQUESTS')).toBe(true);

      // Even the right password is refused to the attackers and to a browser Ana never used.
      const right = await trpcError(async () => (await h.caller({ ip: '203.0.113.3' })).auth.login({ login: 'ana', password: PASSWORD }));
      expect(right).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/^Too many attempts\. Please try again in \d+ minutes?\.$/) });
      expect((await trpcError(async () => (await h.caller({ ip: '192.0.2.10' })).auth.login({ login: 'ana', password: PASSWORD }))).code).toBe('TOO_MANY_REQUESTS');
      // A forged device cookie does not help.
      const forged = new MemoryJar();
      forged.set(DEVICE_COOKIE, makeDeviceCookie({ tokens: { ...h.deps.tokens, jwtSecret: 'another-secret-another-secret-another' } }, ana.user.id), { maxAgeSeconds: 60, sameSite: 'strict' });
      expect((await trpcError(async () => (await h.caller({ jar: forged, ip: '203.0.113.4' })).auth.login({ login: 'ana', password: PASSWORD }))).code).toBe('TOO_MANY_REQUESTS');

      // Ana, from her laptop, still signs in.
      expect(await (await h.caller(asAna)).auth.login({ login: 'ana', password: PASSWORD })).toMatchObject({ status: 'signed_in', user: { username: 'ana' } });

      const events = await auditRepository(h.db.fork()).list({ types: ['login.throttled'], limit: 200 });
      expect(events.length).toBeGreaterThanOrEqual(51);
      expect(events[0]).toMatchObject({ subjectId: ana.user.id, details: { limit: 'account', knownDevice: false } });
    } finally {
      await h.close();
    }
  }, 60_000);

  it('a device cookie of another account does not bypass the lock', async () => {
    const h = await harness(kind);
    try {
      const [ana, bob] = [await h.signUp('ana'), await h.signUp('bob')];
      const bobsBrowser = new MemoryJar();
      await (await h.caller({ jar: bobsBrowser })).auth.login({ login: 'bob', password: PASSWORD });
      expect(verifyDeviceCookie(h.deps, bobsBrowser.get(DEVICE_COOKIE), ana.user.id)).toBeNull();
      expect(verifyDeviceCookie(h.deps, bobsBrowser.get(DEVICE_COOKIE), bob.user.id)).not.toBeNull();
      for (let i = 0; i < 10; i++) await trpcError(async () => (await h.caller({ jar: bobsBrowser })).auth.login({ login: 'ana', password: 'wrong-guess' }));
      const err = await trpcError(async () => (await h.caller({ jar: bobsBrowser })).auth.login({ login: 'ana', password: PASSWORD }));
      expect(err.code).toBe('TOO_MANY_REQUESTS');
    } finally {
      await h.close();
    }
  }, 30_000);
});

describe('known devices', () => {
  it('the browser that created the account, or signed in to it, is remembered for that account only', async () => {
    const h = await createHarness();
    try {
      const jar = new MemoryJar();
      const res = await (await h.caller({ jar, ip: '192.0.2.90' })).auth.register({ email: 'dana@example.com', username: 'dana', password: PASSWORD });
      const nonce = verifyDeviceCookie(h.deps, jar.get(DEVICE_COOKIE), res.user.id);
      expect(nonce).toEqual(expect.any(String));
      expect(jar.values.get(DEVICE_COOKIE)?.options).toEqual({ maxAgeSeconds: 365 * 24 * 3600, sameSite: 'strict' });
      const value = jar.get(DEVICE_COOKIE) ?? '';
      // Tampering with any part, or an expired cookie, is not a known device.
      expect(verifyDeviceCookie(h.deps, value.replace(res.user.id, crypto.randomUUID()), res.user.id)).toBeNull();
      expect(verifyDeviceCookie(h.deps, `${value.slice(0, -2)}xx`, res.user.id)).toBeNull();
      expect(verifyDeviceCookie(h.deps, makeDeviceCookie(h.deps, res.user.id, Date.now() - 366 * 24 * 3600 * 1000), res.user.id)).toBeNull();
      expect(verifyDeviceCookie(h.deps, 'garbage', res.user.id)).toBeNull();
      // A failed sign-in does not hand out a device cookie.
      const stranger = new MemoryJar();
      await trpcError(async () => (await h.caller({ jar: stranger })).auth.login({ login: 'dana', password: 'wrong password' }));
      expect(stranger.get(DEVICE_COOKIE)).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});

describe('sign-up limit', () => {
  it('refuses an address its 21st sign-up within the hour and creates nothing', async () => {
    const h = await createHarness();
    try {
      const api = await h.caller({ ip: '192.0.2.77' });
      for (let i = 0; i < 20; i++) await api.auth.register({ email: `u${i}@example.com`, username: `user${i}`, password: PASSWORD });
      const err = await trpcError(() => api.auth.register({ email: 'u20@example.com', username: 'user20', password: PASSWORD }));
      expect(err.code).toBe('TOO_MANY_REQUESTS');
      await (await h.caller({ ip: '192.0.2.78' })).auth.register({ email: 'u20@example.com', username: 'user20', password: PASSWORD });
    } finally {
      await h.close();
    }
  }, 60_000);
});
