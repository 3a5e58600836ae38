import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, request, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { sineWav } from '@veza/media';

// The phone layout, end to end: at 390×844 no page of the app scrolls sideways — every route of the router, signed out,
// signed in, as an admin, and with the player dock open — and the compact header's menu works (settings, language,
// log out). The route list is mobile-routes.json, which apps/web/src/layout/route-paths.test.ts keeps equal to the
// router's; this spec refuses to run if a listed route has no visit below.
//
// An admin is needed for /admin/*, and roles are given by the `user:role` command, which needs the embedded database to
// itself: so this spec runs its own server on its own data directory (stopped once for the command), not the shared one.
// Every visit leaves a screenshot (390 px wide, and 1280 px for the same page) in the test's output folder, to look at.

const ROOT = resolve(import.meta.dirname, '../..');
// The pinned Node 24 binary itself (node_modules/.bin/node is a shell wrapper: a signal to it would not reach the server).
const NODE = join(ROOT, 'node_modules/node/bin/node');
const PORT = 4318;
const BASE = `http://localhost:${PORT}`;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const PASSWORD = 'correct horse battery staple';
const run = Date.now().toString(36).slice(-5);
const admin = `adm${run}`;
const TITLE = `Pocket Tone ${run}`;
const ROUTES = (JSON.parse(readFileSync(join(import.meta.dirname, 'mobile-routes.json'), 'utf8')) as { routes: string[] }).routes;

type Who = 'signed-out' | 'admin';
interface Visit {
  /** The URL to open for this route pattern. */
  url: (ids: { trackId: string; roomId: string; shareToken: string; playlistId: string; listenId: string; groupSlug: string }) => string;
  who: Who;
  /** The URL the app settles on (redirects), when not `url`. */
  lands?: RegExp;
}

const visits: Record<string, Visit> = {
  '/': { url: () => '/', who: 'signed-out' },
  '/login': { url: () => '/login', who: 'signed-out' },
  '/signup': { url: () => '/signup', who: 'signed-out' },
  '/forgot-password': { url: () => '/forgot-password', who: 'signed-out' },
  '/reset-password': { url: () => '/reset-password?token=not-a-real-token', who: 'signed-out' },
  '/verify-email': { url: () => '/verify-email?token=not-a-real-token', who: 'signed-out' },
  // A notification mail's footer link: the question and its button (the token is only checked on the click).
  '/unsubscribe': { url: () => '/unsubscribe?token=u1.x.comments.email.1.x', who: 'signed-out' },
  '/tracks/:id': { url: ({ trackId }) => `/tracks/${trackId}`, who: 'signed-out' },
  // A private link of the admin's track, opened signed out.
  '/share/:token': { url: ({ shareToken }) => `/share/${shareToken}`, who: 'signed-out' },
  '/u/:username': { url: () => `/u/${admin}`, who: 'signed-out' },
  '/u/:username/playlists': { url: () => `/u/${admin}/playlists`, who: 'signed-out' },
  '/u/:username/reposts': { url: () => `/u/${admin}/reposts`, who: 'admin' },
  '/u/:username/likes': { url: () => `/u/${admin}/likes`, who: 'signed-out' },
  '/u/:username/followers': { url: () => `/u/${admin}/followers`, who: 'signed-out' },
  '/u/:username/following': { url: () => `/u/${admin}/following`, who: 'admin' },
  '/follow-requests': { url: () => '/follow-requests', who: 'admin' },
  '/notifications': { url: () => '/notifications', who: 'admin' },
  // The owner's view: the menu, Play all and Shuffle, the (empty) track list.
  '/playlists/:id': { url: ({ playlistId }) => `/playlists/${playlistId}`, who: 'admin' },
  '/tags/:tag': { url: () => '/tags/lo-fi', who: 'signed-out' },
  // The host's view of a listening session: controls, the (empty) queue, people, the session's chat.
  '/listen/:id': { url: ({ listenId }) => `/listen/${listenId}`, who: 'admin' },
  // The genre chips scroll sideways inside their own row: the page itself must not.
  '/explore': { url: () => '/explore?window=month&genre=hip-hop', who: 'signed-out' },
  // The admin's track found, with the facets (folded under "Filters" on phones) and the query help.
  '/search': { url: () => `/search?q=${encodeURIComponent(TITLE)}`, who: 'signed-out' },
  // Groups: browse (signed out), the admin's private group (about, and its settings tab with every section), making
  // one, and an invite link that is not valid (the error state).
  '/groups': { url: () => '/groups', who: 'signed-out' },
  '/groups/new': { url: () => '/groups/new', who: 'admin' },
  '/groups/:ref': { url: ({ groupSlug }) => `/groups/${groupSlug}`, who: 'admin' },
  '/groups/:ref/:tab': { url: ({ groupSlug }) => `/groups/${groupSlug}/settings`, who: 'admin' },
  '/groups/join/:token': { url: () => `/groups/join/${'x'.repeat(43)}`, who: 'admin' },
  '*': { url: () => '/no-such-page', who: 'signed-out' },
  '/upload': { url: () => '/upload', who: 'admin' },
  '/chat': { url: () => '/chat', who: 'admin' },
  '/chat/:roomId': { url: ({ roomId }) => `/chat/${roomId}`, who: 'admin' },
  // An invite link: the invite dialog over the room list (an unknown code shows the dialog with its error).
  '/chat/invite/:code': { url: () => `/chat/invite/${'x'.repeat(43)}`, who: 'admin' },
  '/settings': { url: () => '/settings', who: 'admin', lands: /\/settings\/account$/ },
  '/settings/account': { url: () => '/settings/account', who: 'admin' },
  '/settings/security': { url: () => '/settings/security', who: 'admin' },
  '/settings/sessions': { url: () => '/settings/sessions', who: 'admin' },
  '/settings/connections': { url: () => '/settings/connections', who: 'admin' },
  '/settings/notifications': { url: () => '/settings/notifications', who: 'admin' },
  '/admin': { url: () => '/admin', who: 'admin', lands: /\/admin\/users$/ },
  '/admin/users': { url: () => '/admin/users', who: 'admin' },
  '/admin/audit': { url: () => '/admin/audit', who: 'admin' },
  '/admin/mailbox': { url: () => '/admin/mailbox', who: 'admin' },
  '/admin/reports': { url: () => '/admin/reports', who: 'admin' },
};

// --- The spec's own server ---------------------------------------------------------------------------------------

const serverEnv: NodeJS.ProcessEnv = {
  // Inherited as Playwright's webServer does (PATH: the server runs ffmpeg); the rest is this server's configuration.
  // eslint-disable-next-line no-restricted-properties
  ...process.env,
  NODE_ENV: 'production',
  PORT: String(PORT),
  HOST: '127.0.0.1',
  PUBLIC_ORIGIN: BASE,
  JWT_SECRET: 'e2e-secret-that-is-long-enough-for-production-0123456789',
  LOG_LEVEL: 'warn',
  REDIS_URL: '',
  DATABASE_URL: '',
  // Stopped for the role command: nothing to drain.
  SHUTDOWN_DRAIN_SECONDS: '0',
};
let server: ChildProcess | null = null;
// However the worker ends (a failed test tears it down), the server goes with it.
process.once('exit', () => server?.kill('SIGKILL'));

async function startServer() {
  const child = spawn(NODE, ['apps/server/src/main.ts'], { cwd: ROOT, env: serverEnv, stdio: ['ignore', 'inherit', 'inherit'] });
  server = child;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ready = await fetch(`${BASE}/readyz`).then((res) => res.ok, () => false);
    if (ready) return;
    if (Date.now() > deadline) throw new Error('the server did not get ready in 120 s');
    await new Promise((done) => setTimeout(done, 250));
  }
}

async function stopServer() {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

/** A tRPC mutation as the browser sends it (same-origin). */
async function mutate(api: APIRequestContext, path: string, input: unknown) {
  const res = await api.post(`/trpc/${path}`, { data: input, headers: { origin: BASE } });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
}

let trackId = '';
let roomId = '';
let shareToken = '';
let playlistId = '';
let listenId = '';
let groupSlug = '';
let adminState: Awaited<ReturnType<APIRequestContext['storageState']>>;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  serverEnv.DATA_DIR = mkdtempSync(join(tmpdir(), 'veza-e2e-mobile-'));
  await startServer();
  // Sign up, make the account an admin from the command line (server stopped: the embedded database allows one process).
  const signup = await request.newContext({ baseURL: BASE });
  await mutate(signup, 'auth.register', { email: `${admin}@example.com`, username: admin, password: PASSWORD });
  await signup.dispose();
  await stopServer();
  await promisify(execFile)(NODE, ['apps/server/src/cli/user-role.ts', admin, 'admin'], { cwd: ROOT, env: serverEnv });
  await startServer();

  // Sign in again as the admin, and upload a track for the track page, the profile and the player.
  const api = await request.newContext({ baseURL: BASE });
  await mutate(api, 'auth.login', { login: admin, password: PASSWORD });
  const upload = await api.post('/api/tracks', {
    headers: { origin: BASE },
    multipart: { title: TITLE, file: { name: 'pocket.wav', mimeType: 'audio/wav', buffer: sineWav({ seconds: 6, frequency: 392 }) } },
  });
  expect(upload.status(), await upload.text()).toBeLessThan(300);
  trackId = ((await upload.json()) as { id: string }).id;
  // A chat room with a message, for the conversation screen.
  const room = await api.post('/trpc/chat.rooms.create', { data: { name: `Pocket room ${run}`, visibility: 'public' }, headers: { origin: BASE } });
  expect(room.status(), await room.text()).toBe(200);
  roomId = ((await room.json()) as { result: { data: { id: string } } }).result.data.id;
  await mutate(api, 'chat.messages.send', { roomId, body: 'Hello from the **phone** check', clientMessageId: `mobile-${run}-1` });
  const share = await api.post('/trpc/shares.create', { data: { trackId, label: 'Phone check' }, headers: { origin: BASE } });
  expect(share.status(), await share.text()).toBe(200);
  shareToken = ((await share.json()) as { result: { data: { token: string } } }).result.data.token;
  // A public playlist, for the playlist page and the profile's Playlists tab.
  const playlist = await api.post('/trpc/playlists.create', { data: { title: `Pocket mix ${run}`, description: 'Made on the phone check.', isPublic: true }, headers: { origin: BASE } });
  expect(playlist.status(), await playlist.text()).toBe(200);
  playlistId = ((await playlist.json()) as { result: { data: { id: string } } }).result.data.id;
  // A listening session hosted by the admin (no track yet: the upload may still be processing).
  const listen = await api.post('/trpc/listen.start', { data: {}, headers: { origin: BASE } });
  expect(listen.status(), await listen.text()).toBe(200);
  listenId = ((await listen.json()) as { result: { data: { id: string } } }).result.data.id;
  // A private group of the admin's, for the group pages.
  const group = await api.post('/trpc/groups.create', { data: { name: `Pocket crew ${run}`, description: 'Made on the phone check.', isPublic: false }, headers: { origin: BASE } });
  expect(group.status(), await group.text()).toBe(200);
  groupSlug = ((await group.json()) as { result: { data: { slug: string } } }).result.data.slug;
  adminState = await api.storageState();
  await api.dispose();
});

test.afterAll(async () => {
  await stopServer();
});

test.use({ baseURL: BASE, viewport: PHONE });

// --- Checks ------------------------------------------------------------------------------------------------------

/**
 * Waits for the screen to settle: its heading is shown and nothing is loading any more. (A chat room on a phone shows
 * the conversation's heading alone: the room list, with the page's h1, is the other screen.)
 */
async function settle(page: Page) {
  await expect(page.locator('main :is(h1, h2):visible').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.vw-screen-loading, .vz-skeleton')).toHaveCount(0);
}

/** Neither the document nor the body is wider than the viewport. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const sizes = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // What sticks out, to name in the failure: the outermost elements past the window's right edge that no scrolling
    // or clipping box holds.
    const past = (node: Element) => node.getBoundingClientRect().right > width + 0.5;
    const held = (node: Element) => {
      for (let up = node.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') return true;
      }
      return false;
    };
    const out = Array.from(document.body.querySelectorAll('*')).filter(
      (el) => past(el) && !(el.parentElement && el.parentElement !== document.body && past(el.parentElement)) && !held(el),
    );
    return {
      html: [document.documentElement.scrollWidth, width],
      body: [document.body.scrollWidth, document.body.clientWidth],
      culprits: out.slice(0, 5).map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> right=${Math.round(el.getBoundingClientRect().right)}`),
    };
  });
  const detail = sizes.culprits.join(', ');
  expect.soft(sizes.html[0], `${what}: page ${sizes.html[0]} px wide in a ${sizes.html[1]} px window (${detail})`).toBeLessThanOrEqual(sizes.html[1]!);
  expect.soft(sizes.body[0], `${what}: body ${sizes.body[0]} px wide in a ${sizes.body[1]} px window (${detail})`).toBeLessThanOrEqual(sizes.body[1]!);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

const slug = (pattern: string) => (pattern === '/' ? 'home' : pattern === '*' ? 'not-found' : pattern.slice(1).replace(/[/:]+/g, '-'));

async function visitAll(browser: Browser, who: Who) {
  const context = await browser.newContext({ viewport: PHONE, ...(who === 'admin' ? { storageState: adminState } : {}) });
  const page = await context.newPage();
  for (const [pattern, visit] of Object.entries(visits).filter(([, v]) => v.who === who)) {
    await page.goto(visit.url({ trackId, roomId, shareToken, playlistId, listenId, groupSlug }));
    if (visit.lands) await expect(page).toHaveURL(visit.lands);
    await settle(page);
    await expectNoSidewaysScroll(page, `${pattern} (${who})`);
    await shot(page, `390-${who}-${slug(pattern)}`);
    await page.setViewportSize(DESKTOP);
    await shot(page, `1280-${who}-${slug(pattern)}`);
    await page.setViewportSize(PHONE);
  }
  return { context, page };
}

/** Client-side navigation (the player keeps playing; a page load would stop it). */
async function navigate(page: Page, url: string) {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, url);
}

test('the spec visits every route of the router', () => {
  expect(Object.keys(visits).sort()).toEqual([...ROUTES].sort());
});

test('signed out, no page scrolls sideways at 390 px; sign up never wraps', async ({ browser }) => {
  const { context, page } = await visitAll(browser, 'signed-out');
  for (const language of ['en', 'fr'] as const) {
    await page.goto('/');
    if (language === 'fr') {
      await page.getByRole('button', { name: 'Menu', exact: true }).click();
      await page.getByRole('dialog', { name: 'Menu' }).getByLabel('Language').selectOption('fr');
      await page.getByRole('button', { name: 'Fermer le menu' }).click();
    }
    const signUp = page.getByRole('banner').getByRole('link', { name: language === 'fr' ? 'Créer un compte' : 'Sign up' });
    await expect(signUp).toBeVisible();
    // One line: as tall as a one-line button.
    const box = await signUp.boundingBox();
    expect(box?.height, `${language} sign-up button height`).toBeLessThanOrEqual(40);
    await expectNoSidewaysScroll(page, `home (${language})`);
    await shot(page, `390-signed-out-header-${language}`);
    // A small phone too.
    await page.setViewportSize({ width: 360, height: 740 });
    expect((await signUp.boundingBox())?.height, `${language} sign-up button height at 360 px`).toBeLessThanOrEqual(40);
    await expectNoSidewaysScroll(page, `home at 360 px (${language})`);
    await page.setViewportSize(PHONE);
  }
  await context.close();
});

test('signed in as an admin, no page scrolls sideways at 390 px, with and without the player dock', async ({ browser }) => {
  // About 45 routes, twice, a few seconds each under CI load.
  test.setTimeout(420_000);
  const { context, page } = await visitAll(browser, 'admin');

  // Play the track, then walk every signed-in route again with the dock open.
  await page.goto(`/tracks/${trackId}`);
  await page.getByRole('button', { name: `Play “${TITLE}”` }).first().click();
  const dock = page.getByRole('region', { name: 'Player' });
  await expect(dock).toContainText(TITLE);
  await expectNoSidewaysScroll(page, 'track page with the dock');
  // The dock fits: its quality control is inside the window.
  const quality = dock.getByLabel('Quality');
  await expect(quality).toBeVisible();
  const qualityBox = await quality.boundingBox();
  expect((qualityBox?.x ?? 0) + (qualityBox?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
  await shot(page, '390-admin-dock');

  for (const [pattern, visit] of Object.entries(visits).filter(([, v]) => v.who === 'admin')) {
    await navigate(page, visit.url({ trackId, roomId, shareToken, playlistId, listenId, groupSlug }));
    if (visit.lands) await expect(page).toHaveURL(visit.lands);
    await settle(page);
    await expect(dock).toBeVisible();
    await expectNoSidewaysScroll(page, `${pattern} (with the dock)`);
    await shot(page, `390-dock-${slug(pattern)}`);
  }

  // Visiting the listening session joined it: the session drives the player (no queue of one's own). Leaving gives the
  // dock back its controls.
  await navigate(page, `/listen/${listenId}`);
  await page.getByRole('button', { name: 'Leave', exact: true }).click();
  await expect(dock.getByRole('button', { name: 'Queue' })).toBeVisible();

  // The queue is a sheet on phones: it opens, fits, closes, and the page works again after.
  await page.getByRole('button', { name: 'Queue' }).click();
  const queue = page.getByRole('dialog', { name: 'Queue' });
  await expect(queue).toBeVisible();
  await expectNoSidewaysScroll(page, 'queue open');
  await shot(page, '390-dock-queue');
  await queue.getByRole('button', { name: 'Close' }).click();
  await expect(queue).toBeHidden();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Queue' }).click();
  await expect(queue).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(queue).toBeHidden();
  await page.getByRole('banner').getByRole('link', { name: 'Veza' }).click();
  await expect(page).toHaveURL(`${BASE}/`);

  // On a wide screen the queue is a panel above the bar that leaves the page usable.
  await page.setViewportSize(DESKTOP);
  await page.getByRole('button', { name: 'Queue' }).click();
  await expect(queue).toBeVisible();
  const panel = await queue.boundingBox();
  expect((panel?.x ?? 0) + (panel?.width ?? 0)).toBeLessThanOrEqual(DESKTOP.width);
  await shot(page, '1280-dock-queue');
  await page.getByRole('banner').getByRole('link', { name: 'Upload' }).click();
  await expect(page).toHaveURL(/\/upload$/);
  await expect(queue).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(queue).toBeHidden();
  await context.close();
});

test('the header menu at 390 px: settings, language, log out', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE, storageState: adminState });
  const page = await context.newPage();
  await page.goto('/');
  const header = page.getByRole('banner');
  // One row: brand and menu button, the rest in the sheet.
  await expect(header.getByRole('button', { name: 'Log out' })).toBeHidden();
  const headerBox = await header.boundingBox();
  expect(headerBox?.height).toBeLessThanOrEqual(72);

  const menuButton = header.getByRole('button', { name: 'Menu', exact: true });
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await menuButton.click();
  const sheet = page.getByRole('dialog', { name: 'Menu' });
  await expect(sheet).toBeVisible();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  await shot(page, '390-admin-menu');
  await expect(sheet.getByRole('link', { name: 'Admin' })).toBeVisible();
  await sheet.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await expect(sheet).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();

  // Escape closes it and gives focus back to the button.
  await menuButton.click();
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(menuButton).toBeFocused();

  // The language, from the sheet.
  await menuButton.click();
  await sheet.getByLabel('Language').selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await sheet.getByLabel('Langue').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // A tablet keeps the compact header; from 1120 px (70rem) the whole header is on one row.
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 768, height: 1024 });
  await expect(menuButton).toBeVisible();
  await expectNoSidewaysScroll(page, 'settings at 768 px');
  await shot(page, '768-admin-settings');
  await page.setViewportSize({ width: 1120, height: 800 });
  await expect(header.getByRole('button', { name: 'Log out' })).toBeVisible();
  await expect(menuButton).toBeHidden();
  expect((await header.boundingBox())?.height, 'one header row at 1120 px').toBeLessThanOrEqual(72);
  await shot(page, '1120-admin-settings');
  await page.setViewportSize(PHONE);
  await menuButton.click();

  // Log out, from the sheet.
  await sheet.getByRole('button', { name: 'Log out' }).click();
  await expect(sheet).toBeHidden();
  // As from the wide header: home, or the login page remembering where we were (a protected page re-renders first).
  await expect(page).toHaveURL(/\/(login\?next=%2Fsettings%2Faccount)?$/);
  await expect(header.getByRole('link', { name: 'Sign up' })).toBeVisible();
  await menuButton.click();
  await expect(sheet.getByRole('link', { name: 'Log in' })).toBeVisible();
  await context.close();
});
