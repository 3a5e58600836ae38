// Web push (issue 12), through tRPC callers on the real database (PGlite, or PostgreSQL when DATABASE_URL is set) and a
// real push service (web-push-testing on 127.0.0.1, allowed explicitly): subscribing per session, delivery of
// encrypted payloads with TTL and urgency, 410 clean-up, nothing for signed-out or revoked sessions, the SSRF guard,
// bounded concurrency and timeouts, and every refusal changing nothing.
import { PushSubscription, User } from '@veza/db';
import { PUSH_ENDPOINT_MAX } from '@veza/validators';
import webpush from 'web-push';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, peopleOf, trpcError, type Account, type Harness } from '../../test/harness.ts';
import type { PushConfig } from './push.config.ts';
import { openSession } from '../../auth/session.service.ts';
import { PUSH_DEVICES_MAX, pushToUser, type PushPayload } from './push.service.ts';
import { startLocalPushService, type LocalPushService } from './testing/local-push-service.ts';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:push-tests@veza.test' };

let h: Harness;
let service: LocalPushService;
let logs: string[];
beforeAll(async () => {
  h = await createHarness();
  service = await startLocalPushService();
});
afterAll(async () => {
  await service?.close();
  await h?.close();
});

/** Push on, with the local push service allowed (and trusted) explicitly. */
const pushOn = (extra: Partial<PushConfig> = {}): PushConfig => ({
  vapid,
  serviceOrigins: [service.origin],
  agent: service.agent,
  timeoutMs: 2000,
  log: (line) => logs.push(line),
  ...extra,
});
beforeEach(() => {
  logs = [];
  service.state.hang = false;
  service.state.delayMs = 0;
  h.deps.push = pushOn();
});

const people = peopleOf(() => h, 'push');
const payload = (extra: Partial<PushPayload> = {}): PushPayload => ({ title: 'New like', body: 'bob liked “Night drive”', url: '/tracks/1', tag: 'like-1', urgency: 'high', ...extra });
const push = (userId: string, p: PushPayload = payload()) => pushToUser({ em: h.db.fork(), deps: h.deps }, userId, p);
const rows = (userId: string) => h.db.fork().count(PushSubscription, { user: userId });
const sessionIdOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sid: string }).sid;

/** Another signed-in browser of `who` (a new session), with its own caller. */
async function signInAgain(who: Account, userAgent = CHROME) {
  const session = await (await h.caller({ userAgent })).auth.login({ login: who.user.username, password: PASSWORD });
  if (session.status !== 'signed_in') throw new Error('expected a sign-in without a second factor');
  return { token: session.accessToken, api: await h.caller({ token: session.accessToken, userAgent }) };
}

/** A browser subscribing at the local push service, then telling Veza (as `api`). */
async function subscribeBrowser(api: Account['api']) {
  const browser = await service.subscribe(vapid.publicKey);
  const device = await api.push.subscribe({ endpoint: browser.endpoint, expirationTime: null, keys: browser.keys });
  return { browser, device };
}

describe('push: status and subscribing', () => {
  it('tells whether push is on and its public key, to anyone; push off refuses subscribing and sends nothing', async () => {
    const [ana] = await people('ana');
    expect(await (await h.caller()).push.status()).toEqual({ available: true, publicKey: vapid.publicKey });
    h.deps.push = undefined;
    expect(await (await h.caller()).push.status()).toEqual({ available: false, publicKey: null });
    const browser = await service.subscribe(vapid.publicKey);
    expect(await trpcError(() => ana.api.push.subscribe({ endpoint: browser.endpoint, keys: browser.keys }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'push_unavailable' } });
    h.deps.push = { vapid: null };
    expect(await (await h.caller()).push.status()).toEqual({ available: false, publicKey: null });
    expect(await push(ana.user.id)).toEqual({ sent: 0, removed: 0 });
    expect(await rows(ana.user.id)).toBe(0);
  });

  it('subscribes this session’s browser, lists it, and re-subscribing updates it instead of adding one', async () => {
    const [ana] = await people('ana');
    const firefox = await h.caller({ token: ana.token, userAgent: FIREFOX });
    const { browser, device } = await subscribeBrowser(firefox);
    expect(device).toMatchObject({ current: true, browser: 'Firefox 133', os: 'Linux', device: 'desktop', lastPushedAt: null });
    expect(Date.parse(device.createdAt)).not.toBeNaN();

    const again = await firefox.push.subscribe({ endpoint: browser.endpoint, keys: browser.keys });
    expect(again.id).toBe(device.id);
    // The push service gave this browser a new endpoint (pushsubscriptionchange): it replaces the session's old one.
    const renewed = await service.subscribe(vapid.publicKey);
    await firefox.push.subscribe({ endpoint: renewed.endpoint, keys: renewed.keys });
    const { items } = await firefox.push.devices();
    expect(items).toHaveLength(1);
    expect(await rows(ana.user.id)).toBe(1);

    // Another session sees it too, not as its own.
    const chrome = await signInAgain(ana);
    expect((await chrome.api.push.devices()).items).toMatchObject([{ current: false, browser: 'Firefox 133' }]);
  });

  it('a browser shared by two accounts belongs to whoever subscribed it last', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const { browser } = await subscribeBrowser(ana.api);
    await bob.api.push.subscribe({ endpoint: browser.endpoint, keys: browser.keys });
    expect((await ana.api.push.devices()).items).toEqual([]);
    expect((await bob.api.push.devices()).items).toHaveLength(1);
    expect(await push(ana.user.id)).toEqual({ sent: 0, removed: 0 });
    expect(await push(bob.user.id)).toEqual({ sent: 1, removed: 0 });
  });
});

describe('push: delivery through a real push service', () => {
  it('encrypts the payload for the browser, signs with VAPID, sets TTL, urgency and topic; the service decrypts it', async () => {
    const [ana] = await people('ana');
    const { browser } = await subscribeBrowser(ana.api);
    expect(await push(ana.user.id)).toEqual({ sent: 1, removed: 0 });
    expect(service.messages(browser.clientHash).map((m) => JSON.parse(m))).toEqual([{ title: 'New like', body: 'bob liked “Night drive”', url: '/tracks/1', tag: 'like-1' }]);
    expect(service.requests.filter((r) => r.clientHash === browser.clientHash)).toEqual([{ clientHash: browser.clientHash, ttl: '86400', urgency: 'high', topic: 'like-1', encoding: 'aes128gcm' }]);
    const [device] = (await ana.api.push.devices()).items;
    expect(device?.lastPushedAt).not.toBeNull();

    h.deps.push = pushOn({ ttlSeconds: 60 });
    await push(ana.user.id, payload({ urgency: 'very-low', tag: 'not a topic: spaces', url: 'https://elsewhere.example/phish', body: 'é'.repeat(5000) }));
    const last = service.requests.filter((r) => r.clientHash === browser.clientHash).at(-1);
    expect(last).toMatchObject({ ttl: '60', urgency: 'very-low', topic: undefined });
    const delivered = JSON.parse(service.messages(browser.clientHash).at(-1)!) as { url: string; body: string };
    expect(delivered.url).toBe('/');
    expect(Buffer.byteLength(JSON.stringify(delivered))).toBeLessThanOrEqual(3000);
    expect(delivered.body.endsWith('…')).toBe(true);
    expect(logs.join('\n')).toContain('not a path of the app');
  });

  it('pushes to each of the user’s signed-in browsers, and only theirs', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const one = await subscribeBrowser(ana.api);
    const two = await subscribeBrowser((await signInAgain(ana)).api);
    const bobs = await subscribeBrowser(bob.api);
    expect(await push(ana.user.id)).toEqual({ sent: 2, removed: 0 });
    expect(service.messages(one.browser.clientHash)).toHaveLength(1);
    expect(service.messages(two.browser.clientHash)).toHaveLength(1);
    expect(service.messages(bobs.browser.clientHash)).toHaveLength(0);
  });

  it('a subscription the push service answers 410 for is removed', async () => {
    const [ana] = await people('ana');
    const { browser } = await subscribeBrowser(ana.api);
    service.expire(browser.clientHash);
    expect(await push(ana.user.id)).toEqual({ sent: 0, removed: 1 });
    expect(await rows(ana.user.id)).toBe(0);
    expect((await ana.api.push.devices()).items).toEqual([]);
  });

  it('sends nothing to a session that was revoked or signed out, and forgets its subscription', async () => {
    const [ana] = await people('ana');
    const kept = await subscribeBrowser(ana.api);
    const revoked = await signInAgain(ana);
    const revokedBrowser = await subscribeBrowser(revoked.api);
    const signedOut = await signInAgain(ana);
    const signedOutBrowser = await subscribeBrowser(signedOut.api);
    expect(await rows(ana.user.id)).toBe(3);

    await ana.api.auth.sessions.revoke({ id: sessionIdOf(revoked.token) });
    await signedOut.api.auth.logout();
    expect(await push(ana.user.id)).toEqual({ sent: 1, removed: 2 });
    expect(service.messages(kept.browser.clientHash)).toHaveLength(1);
    expect(service.messages(revokedBrowser.browser.clientHash)).toHaveLength(0);
    expect(service.messages(signedOutBrowser.browser.clientHash)).toHaveLength(0);
    expect((await ana.api.push.devices()).items).toHaveLength(1);
    // A revoked session cannot subscribe again either.
    expect(await trpcError(() => revoked.api.push.subscribe({ endpoint: revokedBrowser.browser.endpoint, keys: revokedBrowser.browser.keys }))).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('sends a few at a time and gives up on a push service that does not answer, without throwing', async () => {
    const [ana] = await people('ana');
    for (let i = 0; i < 4; i++) await subscribeBrowser((await signInAgain(ana)).api);
    service.state.delayMs = 150;
    service.state.maxInFlight = 0;
    h.deps.push = pushOn({ concurrency: 2 });
    expect(await push(ana.user.id)).toEqual({ sent: 4, removed: 0 });
    expect(service.state.maxInFlight).toBe(2);

    service.state.hang = true;
    h.deps.push = pushOn({ timeoutMs: 300 });
    const started = Date.now();
    expect(await push(ana.user.id)).toEqual({ sent: 0, removed: 0 });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(logs.filter((l) => l.includes('failed'))).toHaveLength(4);
    expect(await rows(ana.user.id)).toBe(4);
  });
});

describe('push: limits', () => {
  it('keeps at most PUSH_DEVICES_MAX browsers per user, dropping the least recently subscribed', async () => {
    const [ana] = await people('ana');
    const user = await h.db.fork().findOneOrFail(User, { id: ana.user.id });
    const first = await subscribeBrowser(ana.api);
    for (let i = 0; i < PUSH_DEVICES_MAX; i++) {
      const { accessToken } = await openSession({ deps: h.deps, em: h.db.fork(), meta: { ip: null, userAgent: CHROME } }, user, 'password');
      await subscribeBrowser(await h.caller({ token: accessToken }));
    }
    expect(await rows(ana.user.id)).toBe(PUSH_DEVICES_MAX);
    expect(await h.db.fork().count(PushSubscription, { endpoint: first.browser.endpoint })).toBe(0);
  });

  it('sends nothing to a locked account', async () => {
    const [ana] = await people('ana');
    const { browser } = await subscribeBrowser(ana.api);
    await h.db.fork().nativeUpdate(User, { id: ana.user.id }, { lockedAt: new Date() });
    await h.usersChanged(ana.user.id);
    expect(await push(ana.user.id)).toEqual({ sent: 0, removed: 0 });
    expect(service.messages(browser.clientHash)).toHaveLength(0);
  });
});

describe('push: which endpoints the server calls (SSRF)', () => {
  it('refuses anything but https endpoints of known push services, storing nothing', async () => {
    const [ana] = await people('ana');
    const keys = (await service.subscribe(vapid.publicKey)).keys;
    const port = new URL(service.origin).port;
    const refused = [
      'http://fcm.googleapis.com/fcm/send/abc',
      `https://127.0.0.1:${Number(port) + 1}/notify/abc`,
      'https://127.0.0.1/notify/abc',
      'https://10.0.0.1/push',
      'https://[::1]/push',
      'https://[::ffff:127.0.0.1]/push',
      'https://169.254.169.254/latest/meta-data/',
      'https://2130706433/push',
      'https://localhost/push',
      'https://push.localhost/push',
      'https://user:secret@fcm.googleapis.com/fcm/send/abc',
      `https://user@${service.origin.slice('https://'.length)}/notify/abc`,
      'https://fcm.googleapis.com:8443/fcm/send/abc',
      'https://example.com/push',
      'https://fcm.googleapis.com.evil.example/fcm/send/abc',
      'https://notify.windows.com/w/?token=abc',
      'https://evilnotify.windows.com/w/?token=abc',
    ];
    for (const endpoint of refused) {
      const error = await trpcError(() => ana.api.push.subscribe({ endpoint, keys }));
      expect(error, endpoint).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'push_endpoint_refused', fieldErrors: { endpoint: [expect.any(String)] } } });
    }
    expect(await rows(ana.user.id)).toBe(0);

    // The local push service is allowed only because this test names it: without the override it is refused too.
    h.deps.push = pushOn({ serviceOrigins: [] });
    const local = await service.subscribe(vapid.publicKey);
    expect(await trpcError(() => ana.api.push.subscribe({ endpoint: local.endpoint, keys: local.keys }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'push_endpoint_refused' } });
    expect(await rows(ana.user.id)).toBe(0);
  });

  it('accepts the known push services', async () => {
    const [ana] = await people('ana');
    const keys = (await service.subscribe(vapid.publicKey)).keys;
    const suffix = crypto.randomUUID();
    for (const endpoint of [
      `https://fcm.googleapis.com/fcm/send/${suffix}`,
      `https://updates.push.services.mozilla.com/wpush/v2/${suffix}`,
      `https://web.push.apple.com/${suffix}`,
      `https://wns2-par02p.notify.windows.com/w/?token=${suffix}`,
    ]) {
      await ana.api.push.subscribe({ endpoint, keys });
      // One per session: each replaces the previous. Removed again so nothing here is ever pushed to the internet.
      expect(await rows(ana.user.id)).toBe(1);
      await ana.api.push.unsubscribe({ endpoint });
    }
    expect(await rows(ana.user.id)).toBe(0);
  });

  it('checks again when sending: a push service no longer allowed gets nothing', async () => {
    const [ana] = await people('ana');
    const { browser } = await subscribeBrowser(ana.api);
    h.deps.push = pushOn({ serviceOrigins: [] });
    expect(await push(ana.user.id)).toEqual({ sent: 0, removed: 0 });
    expect(service.messages(browser.clientHash)).toHaveLength(0);
    expect(logs.join('\n')).toContain('skipped');
  });
});

describe('push: refusals', () => {
  it('refuses malformed subscriptions, storing nothing', async () => {
    const [ana] = await people('ana');
    const { endpoint, keys } = await service.subscribe(vapid.publicKey);
    const offCurve = `B${'A'.repeat(86)}`;
    const bad: unknown[] = [
      {},
      { endpoint },
      { endpoint, keys: {} },
      { endpoint: 42, keys },
      { endpoint: 'not a url', keys },
      { endpoint: `ftp://${endpoint.slice('https://'.length)}`, keys },
      { endpoint: `${service.origin}/notify/${'a'.repeat(PUSH_ENDPOINT_MAX)}`, keys },
      { endpoint, keys: { ...keys, auth: keys.auth.slice(1) } },
      { endpoint, keys: { ...keys, auth: `${keys.auth}AAAA` } },
      { endpoint, keys: { ...keys, auth: '!'.repeat(22) } },
      { endpoint, keys: { ...keys, p256dh: `A${keys.p256dh.slice(1)}` } },
      { endpoint, keys: { ...keys, p256dh: keys.p256dh.slice(0, 60) } },
      { endpoint, keys: { ...keys, p256dh: 'B'.repeat(5000) } },
      { endpoint, keys, expirationTime: 'soon' },
    ];
    for (const input of bad) {
      expect(await trpcError(() => ana.api.push.subscribe(input as never)), JSON.stringify(input).slice(0, 120)).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await trpcError(() => ana.api.push.subscribe({ endpoint, keys: { ...keys, p256dh: offCurve } }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'push_key_invalid' } });
    expect(await rows(ana.user.id)).toBe(0);
  });

  it('only my own browsers can be unsubscribed', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const { browser } = await subscribeBrowser(ana.api);
    expect(await trpcError(() => bob.api.push.unsubscribe({ endpoint: browser.endpoint }))).toMatchObject({ code: 'NOT_FOUND', cause: { reason: 'not_subscribed' } });
    expect(await rows(ana.user.id)).toBe(1);
    expect(await ana.api.push.unsubscribe({ endpoint: browser.endpoint })).toEqual({ removed: true });
    expect(await rows(ana.user.id)).toBe(0);
    expect(await trpcError(() => ana.api.push.unsubscribe({ endpoint: browser.endpoint }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await push(ana.user.id)).toEqual({ sent: 0, removed: 0 });
    expect(service.messages(browser.clientHash)).toHaveLength(0);
  });

  it('removes one of my other browsers by its id; someone else’s, an unknown or a malformed id changes nothing', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const firefox = await h.caller({ token: ana.token, userAgent: FIREFOX });
    const here = await subscribeBrowser(firefox);
    const chrome = await signInAgain(ana);
    const there = await subscribeBrowser(chrome.api);
    const bobs = await subscribeBrowser(bob.api);
    expect((await firefox.push.devices()).items.map((d) => [d.id, d.current])).toEqual([[there.device.id, false], [here.device.id, true]]);

    // Someone else's device, and ids nobody has: NOT_FOUND, every subscription still there.
    expect(await trpcError(() => bob.api.push.remove({ id: there.device.id }))).toMatchObject({ code: 'NOT_FOUND', cause: { reason: 'device_not_found' } });
    expect(await trpcError(() => firefox.push.remove({ id: bobs.device.id }))).toMatchObject({ code: 'NOT_FOUND', cause: { reason: 'device_not_found' } });
    expect(await trpcError(() => firefox.push.remove({ id: crypto.randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
    for (const id of ['not-a-uuid', '', 42, null, `${there.device.id}x`]) {
      expect(await trpcError(() => firefox.push.remove({ id } as never)), JSON.stringify(id)).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await trpcError(() => firefox.push.remove({} as never))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await rows(ana.user.id)).toBe(2);
    expect(await rows(bob.user.id)).toBe(1);

    // From this browser, the other one: it is gone from the list and gets nothing more; this one still does.
    expect(await firefox.push.remove({ id: there.device.id })).toEqual({ removed: true });
    expect((await firefox.push.devices()).items.map((d) => d.id)).toEqual([here.device.id]);
    expect(await push(ana.user.id)).toEqual({ sent: 1, removed: 0 });
    expect(service.messages(there.browser.clientHash)).toHaveLength(0);
    expect(service.messages(here.browser.clientHash)).toHaveLength(1);
    // Again: NOT_FOUND. The session it was subscribed from stays signed in (only push stopped).
    expect(await trpcError(() => firefox.push.remove({ id: there.device.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await chrome.api.auth.me()).id).toBe(ana.user.id);
    expect((await bob.api.push.devices()).items).toHaveLength(1);
  });

  it('refuses the signed-out (status excepted)', async () => {
    const anonymous = await h.caller();
    const { endpoint, keys } = await service.subscribe(vapid.publicKey);
    for (const call of [() => anonymous.push.subscribe({ endpoint, keys }), () => anonymous.push.unsubscribe({ endpoint }), () => anonymous.push.remove({ id: crypto.randomUUID() }), () => anonymous.push.devices()]) {
      expect(await trpcError(call)).toMatchObject({ code: 'UNAUTHORIZED' });
    }
    expect(await h.db.fork().count(PushSubscription, { endpoint })).toBe(0);
    expect((await anonymous.push.status()).available).toBe(true);
  });
});
