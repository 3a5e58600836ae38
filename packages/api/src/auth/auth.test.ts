import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usersRepository } from '@veza/db';
import { ACCESS_COOKIE, REFRESH_COOKIE } from './cookies.ts';
import { createHarness, MemoryJar, PASSWORD, trpcError, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('auth.register', () => {
  it('creates the account, returns an access token and sets session cookies', async () => {
    const jar = new MemoryJar();
    const res = await (await h.caller({ jar })).auth.register({ email: 'Ana@Example.com', username: 'Ana', password: PASSWORD });
    expect(res).toEqual({ accessToken: expect.any(String), user: { id: expect.any(String), username: 'ana' } });
    expect(jar.values.get(ACCESS_COOKIE)?.options.sameSite).toBe('lax');
    expect(jar.values.get(REFRESH_COOKIE)?.options.sameSite).toBe('strict');
    const me = await (await h.caller({ token: res.accessToken })).auth.me();
    expect(me).toMatchObject({ username: 'ana', email: 'ana@example.com', role: 'user', displayName: null });
    expect(me).not.toHaveProperty('passwordHash');
  });

  it('hashes the password with argon2id at OWASP parameters', async () => {
    const user = await usersRepository(h.db.fork()).byLogin('ana');
    expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user?.passwordHash).not.toContain(PASSWORD);
  });

  it('rejects a duplicate email or username with a field message', async () => {
    const api = await h.caller();
    const byEmail = await trpcError(() => api.auth.register({ email: 'ana@example.com', username: 'other', password: PASSWORD }));
    expect(byEmail.code).toBe('CONFLICT');
    expect(byEmail.cause?.fieldErrors).toEqual({ email: ['An account with this email already exists.'] });
    const byName = await trpcError(() => api.auth.register({ email: 'new@example.com', username: 'ANA', password: PASSWORD }));
    expect(byName.cause?.fieldErrors).toEqual({ username: ['This username is already taken.'] });
  });

  it('rejects invalid input as BAD_REQUEST and creates nothing', async () => {
    const api = await h.caller();
    const err = await trpcError(() => api.auth.register({ email: 'bad', username: '../x', password: 'short' }));
    expect(err.code).toBe('BAD_REQUEST');
    expect(await usersRepository(h.db.fork()).byUsername('../x')).toBeNull();
  });
});

describe('auth.login', () => {
  it('signs in by email or username', async () => {
    const api = await h.caller();
    expect(await api.auth.login({ login: 'ana@example.com', password: PASSWORD })).toMatchObject({ status: 'signed_in', user: { username: 'ana' } });
    expect(await api.auth.login({ login: 'ANA', password: PASSWORD })).toMatchObject({ status: 'signed_in', user: { username: 'ana' } });
  });

  it('gives the same answer for a wrong password and an unknown account', async () => {
    const api = await h.caller();
    const wrong = await trpcError(() => api.auth.login({ login: 'ana', password: 'not the password' }));
    const unknown = await trpcError(() => api.auth.login({ login: 'nobody', password: 'not the password' }));
    expect(wrong.code).toBe('UNAUTHORIZED');
    expect({ code: unknown.code, message: unknown.message }).toEqual({ code: wrong.code, message: wrong.message });
  });
});

describe('sessions', () => {
  it('rotates the refresh token on every use and rejects the old one', async () => {
    const jar = new MemoryJar();
    await (await h.caller({ jar })).auth.login({ login: 'ana', password: PASSWORD });
    const first = jar.get(REFRESH_COOKIE);
    const refreshed = await (await h.caller({ jar })).auth.refresh();
    const second = jar.get(REFRESH_COOKIE);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect((await (await h.caller({ token: refreshed.accessToken })).auth.me()).username).toBe('ana');

    const stale = new MemoryJar();
    stale.set(REFRESH_COOKIE, first ?? '', { maxAgeSeconds: 60, sameSite: 'strict' });
    expect((await trpcError(async () => (await h.caller({ jar: stale })).auth.refresh())).code).toBe('UNAUTHORIZED');
    expect(stale.get(REFRESH_COOKIE)).toBeUndefined();
  });

  it('supports refresh tokens passed in the body for non-browser clients', async () => {
    const jar = new MemoryJar();
    await (await h.caller({ jar })).auth.login({ login: 'ana', password: PASSWORD });
    const res = await (await h.caller()).auth.refresh({ refreshToken: jar.get(REFRESH_COOKIE) });
    expect(res.refreshToken).toEqual(expect.any(String));
    expect(res.refreshToken).not.toBe(jar.get(REFRESH_COOKIE));
  });

  it('logout ends the session and clears the cookies', async () => {
    const jar = new MemoryJar();
    await (await h.caller({ jar })).auth.login({ login: 'ana', password: PASSWORD });
    const refreshToken = jar.get(REFRESH_COOKIE);
    await (await h.caller({ jar })).auth.logout();
    expect(jar.get(ACCESS_COOKIE)).toBeUndefined();
    const err = await trpcError(async () => (await h.caller()).auth.refresh({ refreshToken }));
    expect(err.code).toBe('UNAUTHORIZED');
  });

  it('authenticates with the access cookie as well as the Bearer header', async () => {
    const jar = new MemoryJar();
    await (await h.caller({ jar })).auth.login({ login: 'ana', password: PASSWORD });
    expect((await (await h.caller({ jar })).auth.me()).username).toBe('ana');
  });
});

describe('access tokens', () => {
  const secret = () => new TextEncoder().encode(h.deps.tokens.jwtSecret);
  const claims = async () => {
    const session = await (await h.caller()).auth.login({ login: 'ana', password: PASSWORD });
    if (session.status !== 'signed_in') throw new Error('expected a session');
    const [, payload] = session.accessToken.split('.');
    return JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
  };

  it('rejects missing, expired, tampered, foreign and alg:none tokens', async () => {
    const c = await claims();
    const expired = await new SignJWT({ ...c, exp: Math.floor(Date.now() / 1000) - 10 }).setProtectedHeader({ alg: 'HS256' }).sign(secret());
    const foreign = await new SignJWT(c).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('another-secret-another-secret-another'));
    const wrongAudience = await new SignJWT({ ...c, aud: 'someone-else' }).setProtectedHeader({ alg: 'HS256' }).sign(secret());
    const none = new UnsecuredJWT(c).encode();
    const good = await new SignJWT(c).setProtectedHeader({ alg: 'HS256' }).sign(secret());
    const [head, , sig] = good.split('.');
    const tampered = `${head}.${Buffer.from(JSON.stringify({ ...c, role: 'admin' })).toString('base64url')}.${sig}`;

    expect((await (await h.caller({ token: good })).auth.me()).username).toBe('ana');
    for (const token of [undefined, expired, foreign, wrongAudience, none, tampered, 'garbage']) {
      const err = await trpcError(async () => (await h.caller({ token })).auth.me());
      expect(err.code, String(token)).toBe('UNAUTHORIZED');
    }
  });
});
