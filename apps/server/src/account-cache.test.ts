// auth.me is served from each instance's session cache. A change made on instance A must show on A's very
// next auth.me and, through the Redis bus, on B's, although B had the old answer cached.
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, describe, expect, it } from 'vitest';
import { register, trpcMutation, type TestUser } from './test/harness.ts';
import { twoInstances as startTwoInstances } from './test/two-instances.ts';

type Me = Record<string, unknown>;

const totpCode = (base32: string) => new TOTP({ secret: Secret.fromBase32(base32) }).generate();

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

  const twoInstances = () => startTwoInstances(cleanups);

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
