import { auditRepository, Session } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, MemoryJar, PASSWORD, trpcError, type Harness } from '../test/harness.ts';
import { ACCESS_COOKIE, REFRESH_COOKIE } from './cookies.ts';
import { SESSION_REVOKED_CHANNEL, type SessionRevokedMessage } from './session.service.ts';
import { describeUserAgent } from './sessions.service.ts';
import { settleBackgroundWork } from '../account/background.ts';

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const SAFARI_IPAD =
  'Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.0 Mobile/15E148 Safari/604.1';
const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

let h: Harness;
let revokedOnBus: string[];
beforeAll(async () => {
  h = await createHarness();
  revokedOnBus = [];
  await h.deps.bus.subscribe(SESSION_REVOKED_CHANNEL, (m) => revokedOnBus.push(...(m as SessionRevokedMessage).sessionIds));
  await h.signUp('ana');
  await h.signUp('bob');
});
afterAll(() => h.close());

/** Signs ana in from a browser; returns its jar, token and a caller factory. */
async function device(userAgent: string | null, ip = '192.0.2.1', login = 'ana') {
  const jar = new MemoryJar();
  const res = await (await h.caller({ jar, ip, userAgent })).auth.login({ login, password: PASSWORD });
  if (res.status !== 'signed_in') throw new Error('expected a session');
  const token = res.accessToken;
  // A caller resolves its viewer when created: a fresh one per call sees revocations at once, like requests do.
  return { jar, token, api: () => h.caller({ token, ip, userAgent }) };
}

const sessionIdOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sid: string }).sid;
const setSession = async (id: string, data: Partial<Pick<Session, 'lastUsedAt' | 'expiresAt'>>) => {
  await h.db.fork().nativeUpdate(Session, { id }, data);
  await h.sessionsChanged(id);
};

describe('describeUserAgent', () => {
  it('names the browser, OS and kind of device', () => {
    expect(describeUserAgent(FIREFOX_LINUX)).toEqual({ browser: 'Firefox 133', os: 'Linux', device: 'desktop' });
    expect(describeUserAgent(SAFARI_IPHONE)).toEqual({ browser: 'Safari 17', os: 'iOS 17.5', device: 'mobile' });
    expect(describeUserAgent(SAFARI_IPAD)).toMatchObject({ device: 'tablet' });
    expect(describeUserAgent(CHROME_WINDOWS)).toEqual({ browser: 'Chrome 131', os: 'Windows 10', device: 'desktop' });
    expect(describeUserAgent('curl/8.5.0')).toMatchObject({ os: null, device: 'other' });
    expect(describeUserAgent(null)).toEqual({ browser: null, os: null, device: 'other' });
  });
});

describe('auth.sessions', () => {
  it('lists the live sessions, the current one first and flagged', async () => {
    const phone = await device(SAFARI_IPHONE, '198.51.100.20');
    const laptop = await device(FIREFOX_LINUX, '198.51.100.21');
    const list = await (await laptop.api()).auth.sessions.list();
    expect(list[0]).toEqual({
      id: sessionIdOf(laptop.token),
      current: true,
      browser: 'Firefox 133',
      os: 'Linux',
      device: 'desktop',
      ip: '198.51.100.21',
      method: 'password',
      secondFactor: null,
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list.find((s) => s.id === sessionIdOf(phone.token))).toMatchObject({ current: false, device: 'mobile', os: 'iOS 17.5' });
    // Only ana's sessions.
    const bob = await device(CHROME_WINDOWS, '192.0.2.9', 'bob');
    const bobs = (await (await bob.api()).auth.sessions.list()).map((s) => s.id);
    expect(bobs).toHaveLength(2); // signed up, then signed in
    expect(bobs).toContain(sessionIdOf(bob.token));
    expect(bobs).not.toContain(sessionIdOf(laptop.token));
  });

  it('revokes one of my sessions: it stops working at once and is announced on the bus', async () => {
    const phone = await device(SAFARI_IPHONE);
    const laptop = await device(FIREFOX_LINUX);
    const phoneSession = sessionIdOf(phone.token);
    expect(await (await laptop.api()).auth.sessions.revoke({ id: phoneSession })).toEqual({ ok: true });
    expect((await trpcError(async () => (await phone.api()).auth.me())).code).toBe('UNAUTHORIZED');
    expect((await trpcError(async () => (await h.caller({ jar: phone.jar })).auth.refresh())).code).toBe('UNAUTHORIZED');
    expect(revokedOnBus).toContain(phoneSession);
    expect((await (await laptop.api()).auth.me()).username).toBe('ana');
    const [event] = await auditRepository(h.db.fork()).list({ types: ['session.revoked'], limit: 1 });
    expect(event?.details).toMatchObject({ scope: 'one', count: 1, current: false });
  });

  it("answers NOT_FOUND for someone else's session (and leaves it alone), and for an unknown or ended one", async () => {
    const ana = await device(FIREFOX_LINUX);
    const bob = await device(CHROME_WINDOWS, '192.0.2.9', 'bob');
    const err = await trpcError(async () => (await ana.api()).auth.sessions.revoke({ id: sessionIdOf(bob.token) }));
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: 'Session not found.' });
    expect((await (await bob.api()).auth.me()).username).toBe('bob');
    expect((await trpcError(async () => (await ana.api()).auth.sessions.revoke({ id: crypto.randomUUID() }))).code).toBe('NOT_FOUND');
    expect((await trpcError(async () => (await ana.api()).auth.sessions.revoke({ id: 'not-a-uuid' }))).code).toBe('BAD_REQUEST');
  });

  it('revoking the current session clears its cookies', async () => {
    const laptop = await device(FIREFOX_LINUX);
    const api = await h.caller({ jar: laptop.jar });
    await api.auth.sessions.revoke({ id: sessionIdOf(laptop.token) });
    expect(laptop.jar.get(ACCESS_COOKIE)).toBeUndefined();
    expect(laptop.jar.get(REFRESH_COOKIE)).toBeUndefined();
  });

  it('revokeOthers ends every other session of mine and keeps this one', async () => {
    const others = [await device(SAFARI_IPHONE), await device(SAFARI_IPAD)];
    const here = await device(FIREFOX_LINUX);
    const bob = await device(CHROME_WINDOWS, '192.0.2.9', 'bob');
    const { revoked } = await (await here.api()).auth.sessions.revokeOthers();
    expect(revoked).toBeGreaterThanOrEqual(2);
    for (const o of others) expect((await trpcError(async () => (await o.api()).auth.me())).code).toBe('UNAUTHORIZED');
    expect((await (await here.api()).auth.sessions.list()).map((s) => s.id)).toEqual([sessionIdOf(here.token)]);
    expect((await (await bob.api()).auth.me()).username).toBe('bob');
    expect(revokedOnBus).toEqual(expect.arrayContaining(others.map((o) => sessionIdOf(o.token))));
  });

  it('revokeAll ends every session including this one and clears the cookies', async () => {
    const cid = await h.signUp('cid'); // signing up opened a first session
    const other = await device(SAFARI_IPHONE, '192.0.2.3', 'cid');
    const here = await device(FIREFOX_LINUX, '192.0.2.3', 'cid');
    const api = await h.caller({ jar: here.jar });
    expect((await api.auth.sessions.revokeAll()).revoked).toBe(3);
    expect((await trpcError(async () => (await h.caller({ token: cid.token })).auth.me())).code).toBe('UNAUTHORIZED');
    expect(here.jar.get(ACCESS_COOKIE)).toBeUndefined();
    for (const d of [other, here]) expect((await trpcError(async () => (await d.api()).auth.me())).code).toBe('UNAUTHORIZED');
  });

  it('requires a signed-in user', async () => {
    const api = await h.caller();
    expect((await trpcError(() => api.auth.sessions.list())).code).toBe('UNAUTHORIZED');
    expect((await trpcError(() => api.auth.sessions.revokeAll())).code).toBe('UNAUTHORIZED');
  });
});

describe('session freshness and lifetime', () => {
  it('marks a session as seen at most once a minute', async () => {
    const d = await device(FIREFOX_LINUX);
    const id = sessionIdOf(d.token);
    const lastSeen = async () => (await h.db.fork().findOneOrFail(Session, { id })).lastUsedAt.getTime();

    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000);
    await setSession(id, { lastUsedAt: fiveMinutesAgo });
    await (await d.api()).auth.me();
    // "Last seen" is written after the answer, as background work.
    await settleBackgroundWork();
    expect(await lastSeen()).toBeGreaterThan(Date.now() - 5_000);

    const thirtySecondsAgo = new Date(Date.now() - 30_000);
    await setSession(id, { lastUsedAt: thirtySecondsAgo });
    await (await d.api()).auth.me();
    await settleBackgroundWork();
    expect(await lastSeen()).toBe(thirtySecondsAgo.getTime());
  });

  it('a refresh marks the session as seen but never extends its absolute lifetime', async () => {
    const d = await device(FIREFOX_LINUX);
    const id = sessionIdOf(d.token);
    const before = await h.db.fork().findOneOrFail(Session, { id });
    await setSession(id, { lastUsedAt: new Date(Date.now() - 10 * 60_000) });
    await (await h.caller({ jar: d.jar })).auth.refresh();
    const after = await h.db.fork().findOneOrFail(Session, { id });
    expect(after.expiresAt.getTime()).toBe(before.expiresAt.getTime());
    expect(after.lastUsedAt.getTime()).toBeGreaterThan(Date.now() - 5_000);
  });

  it('ends after two weeks without use (inactivity timeout), even before its absolute expiry', async () => {
    const d = await device(FIREFOX_LINUX);
    const id = sessionIdOf(d.token);
    await setSession(id, { lastUsedAt: new Date(Date.now() - 13 * 24 * 3600_000), expiresAt: new Date(Date.now() + 30 * 24 * 3600_000) });
    await (await h.caller({ jar: d.jar })).auth.refresh(); // 13 days: still fine
    await setSession(id, { lastUsedAt: new Date(Date.now() - 15 * 24 * 3600_000) });
    d.jar.clear(ACCESS_COOKIE); // long expired after two weeks
    const err = await trpcError(async () => (await h.caller({ jar: d.jar })).auth.refresh());
    expect(err).toMatchObject({ code: 'UNAUTHORIZED', message: 'Your session has ended. Please sign in again.' });
    expect((await h.db.fork().findOneOrFail(Session, { id })).revokedReason).toBe('idle');
    expect(revokedOnBus).toContain(id);
  });

  it('ends at its absolute expiry: the access token and the refresh token stop working', async () => {
    const d = await device(FIREFOX_LINUX);
    const id = sessionIdOf(d.token);
    expect((await (await d.api()).auth.me()).username).toBe('ana');
    await setSession(id, { expiresAt: new Date(Date.now() - 1000) });
    expect((await trpcError(async () => (await d.api()).auth.me())).code).toBe('UNAUTHORIZED');
    expect((await trpcError(async () => (await h.caller({ jar: d.jar })).auth.refresh())).code).toBe('UNAUTHORIZED');
    expect((await (await h.caller({ token: (await device(FIREFOX_LINUX)).token })).auth.sessions.list()).map((s) => s.id)).not.toContain(id);
  });
});
