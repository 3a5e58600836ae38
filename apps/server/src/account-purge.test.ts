import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthChallenge, User, usersRepository } from '@veza/db';
import { sineWav } from '@veza/media';
import { connectRedisClient } from '@veza/bus';
import { startAccountPurge } from './account-purge.ts';
import { redisLease, type IntervalLease } from './lease.ts';
import { createTestApp, register, upload, type TestApp } from './test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ ACCOUNT_DELETION_GRACE_DAYS: '7' });
});
afterAll(() => t.close());

const DAY = 86_400_000;

function memoryLog() {
  const lines: { level: 'info' | 'warn' | 'error'; details: object; message: string }[] = [];
  return {
    lines,
    info: (details: object, message: string) => void lines.push({ level: 'info', details, message }),
    warn: (details: object, message: string) => void lines.push({ level: 'warn', details, message }),
    error: (details: object, message: string) => void lines.push({ level: 'error', details, message }),
  };
}

describe('account purge in the server', () => {
  it('runs at start and then on its interval, deleting due accounts with their files', async () => {
    const ana = await register(t.app, 'ana');
    const bob = await register(t.app, 'bob');
    const trackId = await upload(t.app, ana, sineWav({ seconds: 1 }));
    const em = t.deps.db.fork();
    await em.nativeUpdate(User, { id: ana.id }, { deletionRequestedAt: new Date(Date.now() - 8 * DAY) });
    await em.nativeUpdate(User, { id: bob.id }, { deletionRequestedAt: new Date(Date.now() - 6 * DAY) });
    const challenge = (id: string, expiresAt: Date) =>
      em.insert(AuthChallenge, { id, purpose: 'passkey_login', user: null, secret: 'x', attempts: 0, createdAt: new Date(), expiresAt, usedAt: null });
    const expired = crypto.randomUUID();
    const live = crypto.randomUUID();
    await challenge(expired, new Date(Date.now() - 60_000));
    await challenge(live, new Date(Date.now() + 3 * DAY));

    let clock = Date.now();
    const log = memoryLog();
    const purge = startAccountPurge(t.deps, log, { everyMs: 50, now: () => new Date(clock) });
    try {
      // The pass at start deletes ana (8 days > 7), not bob (6 days).
      // The pass logs once the accounts and their files are gone.
      await expect.poll(() => log.lines.some((l) => l.message.startsWith('deleted 1 account')), { timeout: 5000 }).toBe(true);
      expect(await usersRepository(t.deps.db.fork()).byId(ana.id)).toBeNull();
      expect(await t.filesUnder('media')).not.toEqual(expect.arrayContaining([expect.stringContaining(trackId)]));
      expect(await usersRepository(t.deps.db.fork()).byId(bob.id)).not.toBeNull();
      expect(log.lines).toContainEqual({ level: 'info', details: { accounts: [ana.id] }, message: 'deleted 1 account(s) whose deletion grace period ended' });
      // Expired sign-in challenges go in the same pass; live ones stay.
      // (after the accounts, in the same pass: polled, as the pass may still be running)
      await expect.poll(() => t.deps.db.fork().count(AuthChallenge, { id: { $in: [expired, live] } }), { timeout: 5000 }).toBe(1);
      expect(await t.deps.db.fork().count(AuthChallenge, { id: live })).toBe(1);

      // Two days later, the interval picks bob up.
      clock += 2 * DAY;
      await expect.poll(async () => usersRepository(t.deps.db.fork()).byId(bob.id), { timeout: 5000 }).toBeNull();
      expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
    } finally {
      await purge.stop();
    }
  });

  it('reports a failing pass to the log and keeps going', async () => {
    const log = memoryLog();
    const broken = { ...t.deps, db: { ...t.deps.db, fork: () => { throw new Error('database unavailable'); } } };
    const purge = startAccountPurge(broken, log, { everyMs: 20 });
    try {
      await expect.poll(() => log.lines.filter((l) => l.level === 'error').length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
      expect(log.lines[0]?.message).toMatch(/account purge failed/);
    } finally {
      await purge.stop();
    }
  });
});

// Two instances sharing Redis: each scheduled pass runs on one of them only (CI sets REDIS_URL).
describe.runIf(process.env.REDIS_URL)('account purge across instances', () => {
  it('runs each scheduled pass on the instance that claims the interval, and moves on when its owner is gone', async () => {
    const redis = await connectRedisClient(process.env.REDIS_URL ?? '');
    const key = `veza:test:lease:${crypto.randomUUID()}`;
    const passes: string[] = [];
    const counted = (name: string, lease: IntervalLease): IntervalLease => ({
      async claim() {
        const owned = await lease.claim();
        if (owned) passes.push(name);
        return owned;
      },
    });
    const ana = await register(t.app, 'lease-ana');
    await t.deps.db.fork().nativeUpdate(User, { id: ana.id }, { deletionRequestedAt: new Date(Date.now() - 8 * DAY) });
    const logA = memoryLog();
    const logB = memoryLog();
    // A long interval: only the pass at start is scheduled during the test.
    const a = startAccountPurge(t.deps, logA, { everyMs: 60_000, lease: counted('a', redisLease(redis, key, 50_000)) });
    const b = startAccountPurge(t.deps, logB, { everyMs: 60_000, lease: counted('b', redisLease(redis, key, 50_000)) });
    try {
      const deletions = () => [...logA.lines, ...logB.lines].filter((l) => l.message.startsWith('deleted 1 account'));
      await expect.poll(() => deletions().length, { timeout: 5000 }).toBe(1);
      expect(await usersRepository(t.deps.db.fork()).byId(ana.id)).toBeNull();
      expect(passes).toHaveLength(1);
      // The other instance skipped its pass, and said so.
      await expect.poll(() => [...logA.lines, ...logB.lines].filter((l) => l.message === 'account purge: another instance runs this interval').length).toBe(1);
      // The owner stops (its lease expires, here at once): the next instance to ask takes the interval over.
      await redis.del(key);
      const c = startAccountPurge(t.deps, memoryLog(), { everyMs: 60_000, lease: counted('c', redisLease(redis, key, 50_000)) });
      await expect.poll(() => passes).toEqual([expect.stringMatching(/^[ab]$/), 'c']);
      await c.stop();
    } finally {
      await a.stop();
      await b.stop();
      await redis.del(key);
      redis.disconnect();
    }
  });
});
