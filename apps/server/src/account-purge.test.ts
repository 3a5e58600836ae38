import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthChallenge, User, usersRepository } from '@veza/db';
import { sineWav } from '@veza/media';
import { startAccountPurge } from './account-purge.ts';
import { createTestApp, register, upload, type TestApp } from './test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ ACCOUNT_DELETION_GRACE_DAYS: '7' });
});
afterAll(() => t.close());

const DAY = 86_400_000;

function memoryLog() {
  const lines: { level: 'info' | 'error'; details: object; message: string }[] = [];
  return {
    lines,
    info: (details: object, message: string) => void lines.push({ level: 'info', details, message }),
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
      await expect.poll(async () => usersRepository(t.deps.db.fork()).byId(ana.id), { timeout: 5000 }).toBeNull();
      expect(await t.filesUnder('media')).not.toEqual(expect.arrayContaining([expect.stringContaining(trackId)]));
      expect(await usersRepository(t.deps.db.fork()).byId(bob.id)).not.toBeNull();
      expect(log.lines).toContainEqual({ level: 'info', details: { accounts: [ana.id] }, message: 'deleted 1 account(s) whose deletion grace period ended' });
      // Expired sign-in challenges go in the same pass; live ones stay.
      expect(await t.deps.db.fork().count(AuthChallenge, { id: { $in: [expired, live] } })).toBe(1);
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
