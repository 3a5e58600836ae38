import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usersRepository } from '@veza/db';
import { registerInput } from '@veza/validators';
import { createHarness, PASSWORD, trpcError, type Harness } from '../test/harness.ts';
import { foldUsername, inspectUsername, RESERVED_USERNAMES, usernameSkeleton } from './username.ts';

describe('username rules (pure)', () => {
  it('folds NFKC, case and Cyrillic/Greek look-alikes to Latin', () => {
    expect(foldUsername('  ＡＮＡ ')).toBe('ana'); // full-width
    expect(foldUsername('аdmin')).toBe('admin'); // Cyrillic а
    expect(foldUsername('ΑΝΑ')).toBe('ana'); // Greek capitals
    expect(foldUsername('раураl')).toBe('paypal'); // Cyrillic р, а, у
    expect(foldUsername('élodie')).toBe('élodie'); // accented Latin is not a look-alike: stays invalid
  });

  it('gives look-alike names one skeleton', () => {
    const same = (a: string, b: string) => expect(usernameSkeleton(foldUsername(a))).toBe(usernameSkeleton(foldUsername(b)));
    same('admin', 'adm1n');
    same('admin', 'a.d.m.i.n');
    same('admin', 'adrnin');
    same('admin', 'aclmin');
    same('cool', 'c00l');
    same('will', 'vvi11');
    same('wave', 'vv-a_ve');
    same('lumen', 'iumen');
    expect(usernameSkeleton('ana')).not.toBe(usernameSkeleton('anna'));
  });

  it('skeletons are stable: equal skeletons for any separator or digit swap, and idempotent', () => {
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{2,29}$/);
    fc.assert(
      fc.property(name, (n) => {
        const s = usernameSkeleton(n);
        expect(usernameSkeleton(n.replace(/o/g, '0').replace(/l/g, '1'))).toBe(s);
        expect(usernameSkeleton(n.replace(/[._-]/g, ''))).toBe(s);
        expect(s.length).toBeLessThanOrEqual(90);
      }),
    );
  });

  it('says why a name cannot be taken', () => {
    expect(inspectUsername('admin')).toMatchObject({ ok: false, reason: 'reserved' });
    expect(inspectUsername('Settings')).toMatchObject({ ok: false, reason: 'reserved' });
    expect(inspectUsername('reset-password')).toMatchObject({ ok: false, reason: 'reserved' });
    expect(inspectUsername('аdmin')).toMatchObject({ ok: false, reason: 'lookalike' });
    expect(inspectUsername('adm1n')).toMatchObject({ ok: false, reason: 'lookalike' });
    expect(inspectUsername('v.e.z.a')).toMatchObject({ ok: false, reason: 'lookalike' });
    expect(inspectUsername('ab')).toMatchObject({ ok: false, reason: 'invalid', message: 'Username must be at least 3 characters.' });
    expect(inspectUsername('../x')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(inspectUsername('x'.repeat(31))).toMatchObject({ ok: false, reason: 'invalid' });
    expect(inspectUsername('Ａna_Beats')).toEqual({ ok: true, username: 'ana_beats', skeleton: usernameSkeleton('ana_beats') });
  });

  it('reserves every top-level route of the web app and the server', () => {
    for (const route of ['login', 'signup', 'forgot-password', 'reset-password', 'verify-email', 'settings', 'admin', 'upload', 'tracks', 'api', 'trpc', 'media', 'healthz', 'readyz', 'www', 'help', 'about', 'support', 'root', 'veza']) {
      expect(RESERVED_USERNAMES).toContain(route);
    }
  });

  it('reserves every first path segment the web app routes (read from apps/web/src/routes.tsx)', async () => {
    const routes = await readFile(new URL('../../../../apps/web/src/routes.tsx', import.meta.url), 'utf8');
    const segments = [...routes.matchAll(/path: '([a-z][a-z0-9-]*)/g)].map((m) => m[1]!);
    expect(segments).toEqual(expect.arrayContaining(['login', 'signup', 'settings', 'admin']));
    for (const segment of segments) expect(inspectUsername(segment).ok, segment).toBe(false);
  });

  it('registerInput refuses reserved names and look-alikes with a username message', () => {
    const res = registerInput.safeParse({ email: 'a@b.co', username: 'аdmin', password: PASSWORD });
    expect(res.success).toBe(false);
    expect(res.error?.flatten().fieldErrors.username).toEqual(['This username looks too much like a reserved name.']);
    expect(registerInput.parse({ email: 'a@b.co', username: 'pаul', password: PASSWORD }).username).toBe('paul');
  });
});

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('account.usernameAvailable', () => {
  it('answers free, taken, reserved, look-alike and invalid', async () => {
    await h.signUp('lumen');
    const api = await h.caller();
    expect(await api.account.usernameAvailable({ username: 'nova' })).toEqual({ available: true, reason: null, message: null });
    expect(await api.account.usernameAvailable({ username: 'LUMEN' })).toEqual({ available: false, reason: 'taken', message: 'This username is already taken.' });
    expect(await api.account.usernameAvailable({ username: 'iumen' })).toMatchObject({ available: false, reason: 'lookalike' });
    expect(await api.account.usernameAvailable({ username: 'lu.men' })).toMatchObject({ available: false, reason: 'lookalike' });
    expect(await api.account.usernameAvailable({ username: 'support' })).toMatchObject({ available: false, reason: 'reserved' });
    expect(await api.account.usernameAvailable({ username: 'аdmin' })).toMatchObject({ available: false, reason: 'lookalike' });
    expect(await api.account.usernameAvailable({ username: 'a b' })).toMatchObject({ available: false, reason: 'invalid', message: expect.any(String) });
    expect((await trpcError(() => api.account.usernameAvailable({ username: 'x'.repeat(201) }))).code).toBe('BAD_REQUEST');
  });
});

describe('auth.register and usernames', () => {
  it('stores the confusable skeleton and refuses a look-alike of an existing user', async () => {
    const nova = await h.signUp('nova');
    const row = await usersRepository(h.db.fork()).byId(nova.user.id);
    expect(row?.usernameSkeleton).toBe(usernameSkeleton('nova'));
    const err = await trpcError(async () => (await h.caller({ ip: '203.0.113.5' })).auth.register({ email: 'n2@example.com', username: 'n0va', password: PASSWORD }));
    expect(err.code).toBe('CONFLICT');
    expect(err.cause?.fieldErrors).toEqual({ username: ['This username looks too much like an existing one.'] });
    expect(await usersRepository(h.db.fork()).byUsername('n0va')).toBeNull();
  });

  it('refuses reserved names and look-alikes of them (Cyrillic, digits, separators)', async () => {
    for (const username of ['admin', 'аdmin', 'adm1n', 'a.d.m.i.n', 'ＡＤＭＩＮ', 'settings']) {
      const err = await trpcError(async () => (await h.caller({ ip: '203.0.113.6' })).auth.register({ email: 'x@example.com', username, password: PASSWORD }));
      expect(err.code).toBe('BAD_REQUEST');
      expect(err.message).toMatch(/reserved/);
    }
    expect(await usersRepository(h.db.fork()).byLogin('x@example.com')).toBeNull();
  });

  it('registers a name typed with look-alike letters under its Latin form', async () => {
    const res = await (await h.caller({ ip: '203.0.113.7' })).auth.register({ email: 'pa@example.com', username: 'Ｐаblo', password: PASSWORD });
    expect(res.user.username).toBe('pablo');
  });
});
