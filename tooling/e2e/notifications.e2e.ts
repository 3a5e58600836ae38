// The local push service (below) is packages/api's test helper; its module types live beside it, outside this tsconfig.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../packages/api/src/notifications/push/testing/web-push-testing.d.ts" />
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../packages/api/src/test/libqp.d.ts" />
import { createECDH } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { sineWav } from '@veza/media';
import { startLocalPushService, type LocalPushService } from '../../packages/api/src/notifications/push/testing/local-push-service.ts';
import { linkIn, startTestSmtp, type ReceivedMail, type TestSmtp } from '../../packages/api/src/test/smtp.ts';
import { startVezaServer, stopProcess } from './e2e-server.ts';

// Notifications of issue 12, end to end, two people: B likes A's track and A's bell counts it at once (no reload, the
// unread count comes over the WebSocket); A opens the panel, reads "B liked …" and marks it read. Then web push in
// Chromium: A presses "Turn on", the app registers Veza's service worker (/sw.js, served by the real server at the root
// scope) and asks the browser's push service (headless Chromium has none: the page says so); the browser is then
// subscribed at a local push service (web-push-testing on 127.0.0.1 over TLS, trusted by this spec's own Veza server:
// PUSH_SERVICE_ORIGINS and NODE_EXTRA_CA_CERTS); the like is pushed, encrypted, to that service, which decrypts it;
// the payload is then delivered to the page's service worker through the DevTools protocol (headless Chromium has
// no route to a real push service), and the worker shows the notification. And by email: the server mails through a
// real SMTP server on 127.0.0.1 (packages/api's test helper, keeping every message) and looks for digests due every
// 2 s (DIGEST_INTERVAL); A verifies their address from the mailed link, and the like (not mailed one by one by default)
// comes in A's weekly digest, with its one-click unsubscribe.
const PASSWORD = 'correct horse battery staple';
const run = Date.now().toString(36).slice(-5);
const TITLE = `Bell Tone ${run}`;

/** A VAPID key pair (P-256, base64url): the server runs in production mode, where it does not make one up. */
function vapidKeys() {
  for (;;) {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const privateKey = ecdh.getPrivateKey();
    if (privateKey.length === 32) return { publicKey: ecdh.getPublicKey('base64url'), privateKey: privateKey.toString('base64url') };
  }
}

let push: LocalPushService | undefined;
let smtp: TestSmtp | undefined;
let server: Awaited<ReturnType<typeof startVezaServer>> | undefined;
let origin = '';
const vapid = vapidKeys();

test.beforeAll(async () => {
  test.setTimeout(120_000);
  push = await startLocalPushService();
  smtp = await startTestSmtp();
  // The push service's throwaway certificate, trusted by the server's Node (web-push speaks https only).
  const caFile = join(mkdtempSync(join(tmpdir(), 'veza-e2e-push-ca-')), 'ca.pem');
  writeFileSync(caFile, String((push.agent as unknown as { options: { ca: string } }).options.ca));
  server = await startVezaServer(
    {
      SHUTDOWN_DRAIN_SECONDS: '0',
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: 'mailto:e2e@example.com',
      PUSH_SERVICE_ORIGINS: push.origin,
      NODE_EXTRA_CA_CERTS: caFile,
      SMTP_URL: smtp.url,
      DIGEST_INTERVAL: '2',
    },
    'veza-e2e-notifications-',
  );
  origin = server.origin;
});

test.afterAll(async () => {
  await stopProcess(server?.child);
  await push?.close();
  await smtp?.close();
});

/** The mails to `to` whose subject matches (other mails, e.g. a new sign-in's security notice, are left aside). */
const mailsTo = (to: string, subject: RegExp): ReceivedMail[] => smtp!.mailsTo(to).filter((m) => subject.test(m.subject));

/** A header of a received message, unfolded. */
function headerOf(mail: ReceivedMail, name: string): string | undefined {
  const head = mail.raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

async function signUp(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  await page.goto('/signup');
  await page.getByLabel('Email', { exact: true }).fill(`${username}@example.com`);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  return page;
}

/** A tRPC call from `page`'s session (its cookies), as the app makes it. */
async function call<T>(page: Page, kind: 'query' | 'mutation', path: string, input: unknown): Promise<T> {
  const res =
    kind === 'query'
      ? await page.request.get(input === undefined ? `/trpc/${path}` : `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`)
      : await page.request.post(`/trpc/${path}`, { data: input, headers: { origin } });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

test('a like reaches the bell live, comes in the email digest, is read in the panel, and is pushed to the service worker', async ({ browser }) => {
  test.setTimeout(150_000);
  const [nameA, nameB] = [`na${run}`, `nb${run}`];
  const [a, b] = await Promise.all([signUp(browser, nameA), signUp(browser, nameB)]);
  await a.context().grantPermissions(['notifications'], { origin });

  // A uploads a short tone; B can like it once it is ready.
  const upload = await a.request.post('/api/tracks', {
    headers: { origin },
    multipart: { title: TITLE, file: { name: 'bell.wav', mimeType: 'audio/wav', buffer: sineWav({ seconds: 4, frequency: 523 }) } },
  });
  expect(upload.status(), await upload.text()).toBeLessThan(300);
  const trackId = ((await upload.json()) as { id: string }).id;
  await expect.poll(async () => (await call<{ status: string }>(b, 'query', 'tracks.byId', { id: trackId })).status, { timeout: 90_000 }).toBe('ready');

  // A wants likes pushed too (off by default), in the settings: the switch saves at once.
  await a.goto('/settings/notifications');
  await a.getByRole('switch', { name: 'Likes: Push' }).check();
  await expect(a.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  // This browser's service worker, from the real server at the root scope.
  const sw = await a.request.get('/sw.js');
  expect(sw.status()).toBe(200);
  expect(sw.headers()['content-type']).toMatch(/javascript/);
  expect(sw.headers()['cache-control']).toBe('no-cache');
  // "Turn on": the app registers the worker and asks the browser's push service, which headless Chromium lacks
  // ("AbortError: Registration failed"): the page says so plainly. (A browser with a push service turns it on.)
  await a.getByRole('button', { name: 'Turn on' }).click();
  await expect(a.getByText('Push notifications are on for this browser.').or(a.getByRole('alert').filter({ hasText: 'This browser could not reach its push service.' }))).toBeVisible();
  const scope = await a.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(`${origin}/`);
  // Subscribed at the local push service (what `pushManager.subscribe` would return from a real one), and told to Veza.
  const { publicKey } = await call<{ publicKey: string }>(a, 'query', 'push.status', undefined);
  expect(publicKey).toBe(vapid.publicKey);
  const browserSub = await push!.subscribe(publicKey);
  await call(a, 'mutation', 'push.subscribe', { endpoint: browserSub.endpoint, expirationTime: null, keys: browserSub.keys });
  await a.reload();
  await expect(a.getByRole('list', { name: 'Browsers getting push notifications' })).toContainText('This browser');

  // A has read everything so far ("… is ready to play"), and is on the home page; B likes the track: A's bell counts
  // it without a reload.
  await call(a, 'mutation', 'notifications.markAllRead', {});
  // A verifies their address now (digests go to verified addresses only; nothing unread is left to digest before the
  // like): the link from the mail, opened in A's browser.
  const emailA = `${nameA}@example.com`;
  await expect.poll(() => mailsTo(emailA, /Confirm your email address/).length, { timeout: 15_000 }).toBe(1);
  const verifyLink = linkIn(mailsTo(emailA, /Confirm your email address/)[0]!);
  expect(verifyLink.pathname).toBe('/verify-email');
  await a.goto(verifyLink.pathname + verifyLink.search);
  await expect(a.getByRole('status').filter({ hasText: 'Email verified' })).toBeVisible();
  await a.goto('/');
  const bell = a.getByRole('button', { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName('Notifications');
  await call(b, 'mutation', 'tracks.like', { id: trackId });
  await expect(bell).toHaveAccessibleName('Notifications (1 unread)');
  await expect(a.getByTestId('notification-badge')).toHaveText('1');

  // Still unread, the like goes out in A's weekly digest at the next pass (the first covers the week before), once.
  const digestSubject = /Your weekly Veza digest: 1 new notification/;
  await expect.poll(() => mailsTo(emailA, digestSubject).length, { timeout: 30_000 }).toBe(1);
  const digest = mailsTo(emailA, digestSubject)[0]!;
  expect(digest.text).toContain(`${nameB} liked “${TITLE}”`);
  expect(digest.text).toContain(`${origin}/tracks/${trackId}`);
  expect(digest.html).toContain(TITLE);
  // The one-click link (RFC 8058), on this server; folding may have split it.
  expect(headerOf(digest, 'List-Unsubscribe')?.replace(/\s/g, '')).toMatch(new RegExp(`^<${origin}/\\S+>$`));
  expect(headerOf(digest, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  expect(mailsTo(`${nameB}@example.com`, /digest/)).toEqual([]);

  // The panel: "B liked “…”", linking to the track; marked read, the badge goes.
  await bell.click();
  const panel = a.getByRole('dialog', { name: 'Notifications' });
  const headline = `${nameB} liked “${TITLE}”`;
  await expect(panel.getByRole('link', { name: `Unread: ${headline}` })).toHaveAttribute('href', `/tracks/${trackId}`);
  await panel.getByRole('button', { name: `Mark “${headline}” as read` }).click();
  await expect(bell).toHaveAccessibleName('Notifications');
  await expect(panel.getByRole('link', { name: headline })).toBeVisible();

  // The push: encrypted by the server, received and decrypted by the push service.
  await expect.poll(() => push!.messages(browserSub.clientHash).length, { timeout: 20_000 }).toBe(1);
  const payload = JSON.parse(push!.messages(browserSub.clientHash)[0]!) as { title: string; body: string; url: string; tag: string };
  expect(payload).toMatchObject({ url: `/tracks/${trackId}` });
  expect(payload.title).toContain(nameB);

  // Delivered to this page's service worker (DevTools protocol), which shows it.
  const cdp = await a.context().newCDPSession(a);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL === `${origin}/` && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: await registrationId, data: JSON.stringify(payload) });
  await expect
    .poll(() =>
      a.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return (await registration.getNotifications()).map((n) => ({ title: n.title, tag: n.tag, url: (n.data as { url?: string } | null)?.url }));
      }),
    )
    .toEqual([{ title: payload.title, tag: payload.tag, url: `/tracks/${trackId}` }]);
});
