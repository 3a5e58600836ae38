// The real command on an embedded database: how an instance gets its first admin.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AuditEvent, openDatabase, usersRepository } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET } from '../test/harness.ts';

const SCRIPT = fileURLToPath(new URL('./user-role.ts', import.meta.url));
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
  await withDb((db) => usersRepository(db.fork()).create({ id: crypto.randomUUID(), email: 'ana@example.com', username: 'ana', usernameSkeleton: 'ana', passwordHash: null }));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('pnpm user:role', () => {
  it('gives the role, by username or email, and audits it', async () => {
    expect(await run('ana', 'admin')).toMatchObject({ code: 0, stdout: 'ana: user → admin\n' });
    expect(await run('ANA@example.com', 'admin')).toMatchObject({ code: 0, stdout: 'ana already has the role admin.\n' });
    await withDb(async (db) => {
      expect((await usersRepository(db.fork()).byUsername('ana'))?.role).toBe('admin');
      const events = await db.fork().find(AuditEvent, { type: 'role.changed' });
      expect(events.map((e) => e.details)).toEqual([{ from: 'user', to: 'admin', via: 'cli' }]);
    });
  });

  it('explains unknown accounts and bad usage without changing anything', async () => {
    expect(await run('nobody', 'admin')).toMatchObject({ code: 1, stderr: 'No account with the username or email "nobody".\n' });
    const usage = await run('ana', 'emperor');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^Usage: pnpm user:role <username\|email> <user\|creator\|/);
    await withDb(async (db) => expect((await usersRepository(db.fork()).byUsername('ana'))?.role).toBe('admin'));
  });
});
