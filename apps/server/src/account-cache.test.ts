// auth.me is served from each instance's session cache. A change made on instance A must show on A's very
// next auth.me and, through the Redis bus, on B's, although B had the old answer cached.
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisBus } from '@veza/bus';
import { openDatabase, type Database } from '@veza/db';
import { createTestDatabase } from '@veza/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { buildDeps } from './deps.ts';
import { loadConfig } from './env.ts';
import { register, TEST_SECRET, trpcMutation, type TestUser } from './test/harness.ts';

type Me = Record<string, unknown>;

/** RFC 6238 (SHA-1, 6 digits, 30 s) from a base32 secret, as an authenticator app computes it. */
function totpCode(base32: string, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of base32.replace(/=+$/, '')) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

async function enableTotp(app: FastifyInstance, u: TestUser) {
  const begin = await trpcMutation<{ enrolmentId: string; secret: string }>(app, 'mfa.totp.begin', {}, u.bearer);
  await trpcMutation(app, 'mfa.totp.confirm', { enrolmentId: begin.enrolmentId, code: totpCode(begin.secret) }, u.bearer);
}

const cases: { name: string; prepare?: (a: FastifyInstance, u: TestUser) => Promise<unknown>; change: (a: FastifyInstance, u: TestUser) => Promise<unknown>; shows: Me }[] = [
  { name: 'profile', change: (a, u) => trpcMutation(a, 'users.updateProfile', { displayName: 'Elsewhere', bio: 'Changed on A' }, u.bearer), shows: { displayName: 'Elsewhere', bio: 'Changed on A' } },
  { name: 'deletion requested', change: (a, u) => trpcMutation(a, 'account.requestDeletion', {}, u.bearer), shows: { deletionRequestedAt: expect.any(String) } },
  {
    name: 'deletion cancelled',
    prepare: (a, u) => trpcMutation(a, 'account.requestDeletion', {}, u.bearer),
    change: (a, u) => trpcMutation(a, 'account.cancelDeletion', {}, u.bearer),
    shows: { deletionRequestedAt: null, deletionPurgeAt: null },
  },
  { name: '2FA enabled', change: enableTotp, shows: { twoFactorEnabled: true } },
  { name: '2FA disabled', prepare: enableTotp, change: (a, u) => trpcMutation(a, 'mfa.totp.disable', {}, u.bearer), shows: { twoFactorEnabled: false } },
];

describe.runIf(process.env.REDIS_URL && process.env.DATABASE_URL)('auth.me across instances (Redis bus; needs DATABASE_URL: each instance has its own PostgreSQL pool)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  async function twoInstances() {
    const dataDir = await mkdtemp(join(tmpdir(), 'veza-srv-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET: TEST_SECRET, WEB_DIST: join(dataDir, 'none') });
    const db = await createTestDatabase();
    cleanups.push(() => db.destroy());
    const instance = async (database: Database) => {
      const bus = new RedisBus(process.env.REDIS_URL ?? '');
      await bus.ready();
      const deps = buildDeps(config, database, { enqueueTrackProcessing: async () => undefined }, { bus });
      await deps.sessionCache.ready;
      const app = await buildApp(config, deps);
      cleanups.push(async () => {
        await app.close();
        await deps.sessionCache.close();
        await bus.close();
      });
      return Object.assign(app, { deps });
    };
    const own = await openDatabase({ url: db.url ?? '' });
    cleanups.push(() => own.close());
    return [await instance(db), await instance(own)] as const;
  }

  const me = async (app: FastifyInstance, u: TestUser) => {
    const res = await app.inject({ method: 'GET', url: '/trpc/auth.me', headers: u.bearer });
    if (res.statusCode !== 200) throw new Error(`auth.me: ${res.statusCode} ${res.body}`);
    return res.json<{ result: { data: Me } }>().result.data;
  };

  it('each change made on A shows on A’s next auth.me at once and on B’s (which had it cached) through the bus', async () => {
    const [a, b] = await twoInstances();
    for (const [i, c] of cases.entries()) {
      const u = await register(a, `across${i}`);
      await c.prepare?.(a, u);
      const before = await me(b, u);
      expect(b.deps.sessionCache.getAccount(u.id), c.name).toEqual(before);
      await me(a, u);
      await c.change(a, u);
      expect(await me(a, u), c.name).toMatchObject(c.shows);
      await expect.poll(() => me(b, u), { timeout: 2000, interval: 20, message: c.name }).toMatchObject(c.shows);
      expect(await me(b, u), c.name).not.toEqual(before);
    }
  }, 60_000);
});
