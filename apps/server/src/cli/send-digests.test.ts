// The real command on an embedded database (issue 12): sends the digests due, once per person and period however often
// it runs, into the dev mailbox when no SMTP_URL is set.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DevMail, notificationsRepository, openDatabase, usersRepository } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET } from '../test/harness.ts';

const SCRIPT = fileURLToPath(new URL('./send-digests.ts', import.meta.url));
let dataDir: string;

const run = (...args: string[]) =>
  promisify(execFile)(process.execPath, [SCRIPT, ...args], { env: { NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET: TEST_SECRET, PATH: process.env.PATH ?? '' } }).then(
    (out) => ({ code: 0, stdout: out.stdout, stderr: out.stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir: join(dataDir, 'db') });
  try {
    await db.migrate();
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'veza-cli-'));
  await withDb(async (db) => {
    const users = usersRepository(db.fork());
    const ana = await users.create({ id: crypto.randomUUID(), email: 'ana@example.com', username: 'ana', usernameSkeleton: 'ana', passwordHash: null });
    const bob = await users.create({ id: crypto.randomUUID(), email: 'bob@example.com', username: 'bob', usernameSkeleton: 'bob', passwordHash: null });
    const em = db.fork();
    await em.execute('update users set email_verified_at = now() where id = ?', [ana.id]);
    await notificationsRepository(em).touch({ recipientId: ana.id, type: 'follow.new', groupKey: '', actorId: bob.id });
  });
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('pnpm notifications:digests', () => {
  // Each run starts a process on the embedded database: slow on a busy machine.
  it('sends the weekly digests due, once per period', { timeout: 180_000 }, async () => {
    const first = await run('weekly');
    expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(/^weekly digests for the period from \S+Z: 1 sent, 0 skipped, 0 failed\n$/) });
    expect(await run('weekly')).toMatchObject({ code: 0, stdout: expect.stringMatching(/: 0 sent, 0 skipped, 0 failed\n$/) });
    // Ana's digest is weekly (the default): nothing daily.
    expect(await run('daily')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^daily digests .*: 0 sent/) });
    await withDb(async (db) => {
      const mails = await db.fork().find(DevMail, {});
      expect(mails.map((m) => [m.to, m.subject])).toEqual([['ana@example.com', 'Your weekly Veza digest: 1 new notification']]);
    });
  });

  it('explains its usage', { timeout: 60_000 }, async () => {
    for (const args of [[], ['hourly']]) {
      const result = await run(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('Usage: pnpm notifications:digests <daily|weekly>\n');
    }
  });
});
