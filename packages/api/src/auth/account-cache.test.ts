// auth.me is served from the session cache (no database round trip). Every change to a field it shows must
// be visible on the very next auth.me: each case primes the cache, changes the account through the public
// surface, and reads auth.me again.
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeDueAccounts } from '../account/deletion.service.ts';
import { setRoleFromCli } from '../admin/admin.service.ts';
import { createAccountKit, type AccountKit } from '../account/test-kit.ts';
import { PASSWORD } from '../test/harness.ts';
import { tokenIn } from '../test/smtp.ts';
import type { MeDto } from '../users/users.dto.ts';

let kit: AccountKit;
beforeAll(async () => {
  kit = await createAccountKit();
});
afterAll(() => kit.close());

type User = Awaited<ReturnType<AccountKit['h']['signUp']>>;
const codeFor = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
/** A fresh caller (and EntityManager) for each call, as each HTTP request gets. */
const me = async (token: string) => (await kit.h.caller({ token })).auth.me();
async function signIn(login: string, password: string) {
  const result = await (await kit.h.caller({ ip: '203.0.113.9' })).auth.login({ login, password });
  if (result.status !== 'signed_in') throw new Error('expected a plain sign-in');
  return result.accessToken;
}

async function enableTotp(u: User) {
  const api = await kit.h.caller({ token: u.token });
  const begin = await api.mfa.totp.begin();
  await api.mfa.totp.confirm({ enrolmentId: begin.enrolmentId, code: codeFor(begin.secret) });
}

/** Each change returns the token to read auth.me with afterwards (a password reset ends every session). */
const cases: { name: string; prepare?: (u: User) => Promise<unknown>; change: (u: User, name: string) => Promise<string | void>; shows: (u: User, name: string) => Partial<MeDto> }[] = [
  {
    name: 'profile (display name, bio)',
    change: async (u) => void (await (await kit.h.caller({ token: u.token })).users.updateProfile({ displayName: 'Shown Name', bio: 'A new bio' })),
    shows: () => ({ displayName: 'Shown Name', bio: 'A new bio' }),
  },
  {
    name: 'email verified',
    change: async (_u, name) => void (await (await kit.h.caller()).account.verifyEmail({ token: tokenIn(await kit.smtp.waitForMail(`${name}@example.com`)) })),
    shows: () => ({ emailVerified: true }),
  },
  {
    name: 'email changed',
    change: async (u, name) => {
      await (await kit.h.caller({ token: u.token })).account.changeEmail({ email: `${name}.new@example.com` });
      await (await kit.h.caller()).account.verifyEmail({ token: tokenIn(await kit.smtp.waitForMail(`${name}.new@example.com`)) });
    },
    shows: (_u, name) => ({ email: `${name}.new@example.com`, emailVerified: true }),
  },
  {
    name: 'password reset (verifies the address; read from a new session)',
    change: async (_u, name) => {
      await (await kit.h.caller()).account.requestPasswordReset({ email: `${name}@example.com` });
      const mails = () => kit.smtp.mailsTo(`${name}@example.com`).filter((m) => m.subject === 'Reset your password');
      await expect.poll(() => mails().length, { timeout: 10_000 }).toBe(1);
      await (await kit.h.caller()).account.resetPassword({ token: tokenIn(mails()[0]!), password: `${PASSWORD} 2` });
      return signIn(name, `${PASSWORD} 2`);
    },
    shows: () => ({ emailVerified: true, hasPassword: true }),
  },
  {
    name: 'deletion requested',
    change: async (u) => void (await (await kit.h.caller({ token: u.token })).account.requestDeletion()),
    shows: () => ({ deletionRequestedAt: expect.any(String) as unknown as string, deletionPurgeAt: expect.any(String) as unknown as string }),
  },
  {
    name: 'deletion cancelled',
    prepare: async (u) => (await kit.h.caller({ token: u.token })).account.requestDeletion(),
    change: async (u) => void (await (await kit.h.caller({ token: u.token })).account.cancelDeletion()),
    shows: () => ({ deletionRequestedAt: null, deletionPurgeAt: null }),
  },
  { name: '2FA enabled', change: enableTotp, shows: () => ({ twoFactorEnabled: true }) },
  {
    name: '2FA disabled',
    prepare: enableTotp,
    change: async (u) => void (await (await kit.h.caller({ token: u.token })).mfa.totp.disable()),
    shows: () => ({ twoFactorEnabled: false }),
  },
  { name: 'role (CLI)', change: async (_u, name) => void (await setRoleFromCli(kit.h.deps, name, 'creator')), shows: () => ({ role: 'creator' }) },
];

describe('auth.me from the session cache', () => {
  it('a second auth.me is served from the cache (the same answer, no database read)', async () => {
    const u = await kit.h.signUp('cachedme');
    const first = await me(u.token);
    expect(kit.h.deps.sessionCache.getAccount(u.user.id)).toEqual(first);
    expect(await me(u.token)).toEqual(first);
  });

  it.each(cases.map((c, i) => ({ ...c, i })))('$name shows on the very next auth.me', async ({ prepare, change, shows, i }) => {
    const name = `acc${i}`;
    const u = await kit.h.signUp(name);
    await prepare?.(u);
    const before = await me(u.token);
    expect(kit.h.deps.sessionCache.getAccount(u.user.id)).toEqual(before);
    const token = (await change(u, name)) || u.token;
    const after = await me(token);
    expect(after).toMatchObject(shows(u, name));
    expect(after).not.toEqual(before);
    // And the new answer is what is cached now.
    expect(await me(token)).toEqual(after);
  });

  it('a signed-in user whose account was purged is refused, not served the cached account', async () => {
    const u = await kit.h.signUp('purged');
    await me(u.token);
    await (await kit.h.caller({ token: u.token })).account.requestDeletion();
    await me(u.token);
    await purgeDueAccounts(kit.h.deps, new Date(Date.now() + 15 * 86_400_000));
    await expect(me(u.token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
