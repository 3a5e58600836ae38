// One-click unsubscribe over HTTP (RFC 8058, issue 12): what a mail client does with a notification mail's
// List-Unsubscribe header, through the real app.
import { makeUnsubscribeToken, UNSUBSCRIBE_HTTP_PATH } from '@veza/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipart, register, trpcQuery, type TestApp, type TestUser } from '../test/harness.ts';

let t: TestApp;
let ana: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  ana = await register(t.app, 'unsub.ana');
});
afterAll(() => t.close());

type Preferences = { kinds: Record<string, { inApp: boolean; push: boolean; email: boolean }> };
const emailOn = async (kind: string) => (await trpcQuery<Preferences>(t.app, 'notifications.preferences.get', undefined, ana.bearer)).kinds[kind]?.email;
const url = (token: string) => `${UNSUBSCRIBE_HTTP_PATH}?token=${encodeURIComponent(token)}`;
const oneClick = (token: string, body = 'List-Unsubscribe=One-Click') =>
  t.app.inject({ method: 'POST', url: url(token), payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });

describe('POST /api/notifications/unsubscribe', () => {
  it('a one-click POST (form-encoded) turns that kind of email off, signed out; again is fine', async () => {
    expect(await emailOn('comments')).toBe(true);
    const token = makeUnsubscribeToken(t.deps, ana.id, 'comments');
    const res = await oneClick(token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'comments', channel: 'email', username: ana.username });
    expect(await emailOn('comments')).toBe(false);
    expect((await oneClick(token)).statusCode).toBe(200);
    // Only that kind.
    expect(await emailOn('follow_requests')).toBe(true);
  });

  it('a digest’s one-click POST turns the digest off, and only the digest', async () => {
    type WithDigest = Preferences & { digest: string };
    const digest = async () => (await trpcQuery<WithDigest>(t.app, 'notifications.preferences.get', undefined, ana.bearer)).digest;
    expect(await digest()).toBe('weekly');
    const res = await oneClick(makeUnsubscribeToken(t.deps, ana.id, 'digest'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'digest', channel: 'email', username: ana.username });
    expect(await digest()).toBe('off');
    expect(await emailOn('follow_requests')).toBe(true);
  });

  it('takes a multipart body too', async () => {
    const body = multipart([{ name: 'List-Unsubscribe', value: 'One-Click' }]);
    const res = await t.app.inject({ method: 'POST', url: url(makeUnsubscribeToken(t.deps, ana.id, 'follow_requests')), payload: body.payload, headers: body.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(await emailOn('follow_requests')).toBe(false);
  });

  it('refuses what is not a one-click POST with a genuine, current token, changing nothing', async () => {
    await trpcQuery(t.app, 'notifications.preferences.get', undefined, ana.bearer);
    const token = makeUnsubscribeToken(t.deps, ana.id, 'mentions');
    const before = await emailOn('mentions');
    // A link scanner's GET, a POST without the field or with another value, no body at all.
    expect((await t.app.inject({ method: 'GET', url: url(token) })).statusCode).not.toBe(200);
    for (const body of ['', 'List-Unsubscribe=Yes', 'other=One-Click']) {
      const res = await oneClick(token, body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: { code: 'BAD_REQUEST', message: expect.stringContaining('List-Unsubscribe=One-Click') } });
    }
    expect((await t.app.inject({ method: 'POST', url: url(token) })).statusCode).toBe(400);
    // Forged (another account's id under Ana's signature), truncated, oversize, missing.
    const forged = token.replace(ana.id, crypto.randomUUID());
    for (const bad of [forged, token.slice(0, -3), 'x'.repeat(500)]) {
      const res = await oneClick(bad);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(/not valid/);
    }
    expect((await t.app.inject({ method: 'POST', url: UNSUBSCRIBE_HTTP_PATH, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).toBe(400);
    // Expired: made 181 days ago.
    const expired = makeUnsubscribeToken(t.deps, ana.id, 'mentions', Date.now() - 181 * 86_400_000);
    const res = await oneClick(expired);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/expired/);
    // Security notices cannot be unsubscribed from.
    expect((await oneClick(makeUnsubscribeToken(t.deps, ana.id, 'security'))).statusCode).toBe(400);
    expect(await emailOn('mentions')).toBe(before);
    expect(await emailOn('security')).toBe(true);
  });
});
