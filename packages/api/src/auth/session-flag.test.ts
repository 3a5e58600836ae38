import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, MemoryJar, PASSWORD, trpcError, type Harness } from '../test/harness.ts';
import { ACCESS_COOKIE, REFRESH_COOKIE, SESSION_FLAG_COOKIE } from './cookies.ts';

// The "signed in" flag the web app reads (veza_session=1) goes wherever the session cookies go: set with them
// on every sign-in and refresh, cleared with them on log-out, failed refresh and when the session has ended.
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.signUp('ana');
});
afterAll(() => h.close());

async function signedInJar() {
  const jar = new MemoryJar();
  await (await h.caller({ jar })).auth.login({ login: 'ana', password: PASSWORD });
  return jar;
}

describe('the session flag cookie', () => {
  it('is set with the session cookies: readable by the page, same lifetime as the refresh cookie, no secret', async () => {
    const jar = await signedInJar();
    const flag = jar.values.get(SESSION_FLAG_COOKIE);
    expect(flag?.value).toBe('1');
    expect(flag?.options).toEqual({ maxAgeSeconds: h.deps.tokens.sessionTtlSeconds, sameSite: 'lax', httpOnly: false });
    expect(jar.values.get(REFRESH_COOKIE)?.options.maxAgeSeconds).toBe(flag?.options.maxAgeSeconds);
    // The tokens themselves stay HttpOnly (the default).
    expect(jar.values.get(ACCESS_COOKIE)?.options.httpOnly).toBeUndefined();
    expect(jar.values.get(REFRESH_COOKIE)?.options.httpOnly).toBeUndefined();

    const signUp = new MemoryJar();
    await (await h.caller({ jar: signUp })).auth.register({ email: 'bea@example.com', username: 'bea', password: PASSWORD });
    expect(signUp.get(SESSION_FLAG_COOKIE)).toBe('1');
  });

  it('is renewed by a refresh and cleared by log-out', async () => {
    const jar = await signedInJar();
    jar.clear(SESSION_FLAG_COOKIE);
    jar.clear(ACCESS_COOKIE);
    await (await h.caller({ jar })).auth.refresh();
    expect(jar.get(SESSION_FLAG_COOKIE)).toBe('1');
    await (await h.caller({ jar })).auth.logout();
    expect(jar.get(SESSION_FLAG_COOKIE)).toBeUndefined();
  });

  it('is cleared when the refresh fails', async () => {
    const jar = await signedInJar();
    const stale = new MemoryJar();
    stale.set(REFRESH_COOKIE, 'not-a-live-token', { maxAgeSeconds: 60, sameSite: 'strict' });
    stale.set(SESSION_FLAG_COOKIE, '1', { maxAgeSeconds: 60, sameSite: 'lax', httpOnly: false });
    expect((await trpcError(async () => (await h.caller({ jar: stale })).auth.refresh())).code).toBe('UNAUTHORIZED');
    expect(stale.get(SESSION_FLAG_COOKIE)).toBeUndefined();
    expect(jar.get(SESSION_FLAG_COOKIE)).toBe('1');
  });

  it('is cleared, with the session cookies, when a request comes with a session that was revoked', async () => {
    const laptop = await signedInJar();
    const phone = await signedInJar();
    await (await h.caller({ jar: phone })).auth.sessions.revokeOthers();
    const refused = await trpcError(async () => (await h.caller({ jar: laptop })).auth.me());
    expect(refused.code).toBe('UNAUTHORIZED');
    for (const name of [ACCESS_COOKIE, REFRESH_COOKIE, SESSION_FLAG_COOKIE]) expect(laptop.get(name)).toBeUndefined();
    // The session that did the revoking keeps its cookies.
    expect((await (await h.caller({ jar: phone })).auth.me()).username).toBe('ana');
    expect(phone.get(SESSION_FLAG_COOKIE)).toBe('1');
  });

  it('is not cleared for a token that is merely expired or unreadable (a refresh follows)', async () => {
    const jar = await signedInJar();
    jar.set(ACCESS_COOKIE, 'garbage', { maxAgeSeconds: 60, sameSite: 'lax' });
    expect((await trpcError(async () => (await h.caller({ jar })).auth.me())).code).toBe('UNAUTHORIZED');
    expect(jar.get(SESSION_FLAG_COOKIE)).toBe('1');
    expect(jar.get(REFRESH_COOKIE)).toBeDefined();
  });

  it('is given to a browser signed in before the flag existed, on its next request', async () => {
    const jar = await signedInJar();
    jar.clear(SESSION_FLAG_COOKIE);
    expect((await (await h.caller({ jar })).auth.me()).username).toBe('ana');
    expect(jar.values.get(SESSION_FLAG_COOKIE)?.options.httpOnly).toBe(false);
    // Only the refresh cookie left (the access cookie expired): the flag too, so the next page load refreshes.
    jar.clear(SESSION_FLAG_COOKIE);
    jar.clear(ACCESS_COOKIE);
    await (await h.caller({ jar })).users.byUsername({ username: 'ana' }).catch(() => undefined);
    expect(jar.get(SESSION_FLAG_COOKIE)).toBe('1');
    // A browser with no session gets nothing.
    const none = new MemoryJar();
    await (await h.caller({ jar: none })).users.byUsername({ username: 'ana' }).catch(() => undefined);
    expect([...none.values.keys()]).toEqual([]);
  });
});
