// Chat screens for a visual review (issue 10): starts the built app on a fresh embedded database (as E2E does), signs
// up two people through the API (Ana, made an admin with `user:role`, and Bob), seeds a room (long words, a long URL,
// markdown, a reply, reactions, an image, enough messages for a jump back), a DM and a report, then takes full-page
// screenshots in Debian's Chromium of every chat screen in English and French, at phone (390×844) and desktop
// (1280×800) widths: the room list, a room, its members and settings, a DM, the search panel, the jump notice, a call
// (the caller's bar and the callee's dialog) and /admin/reports. It prints any page that scrolls sideways (with the
// elements past the edge), and what takes the keyboard focus in a room without an outline or a shadow.
//
// Usage (after `pnpm run build`): node_modules/.bin/node tooling/scripts/chat-screens.mjs [outDir]
// outDir defaults to /tmp/chat-screens; files are <lang>-<phone|desktop>-<screen>.png. Only-screens filter:
// SCREENS=room,dm node_modules/.bin/node tooling/scripts/chat-screens.mjs (screens: list search room long members
// settings settings-members settings-bans settings-invites jump dm call incoming reports). BANNER=1 keeps the new
// accounts' "verify your email" banner on screen.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, request } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, freePort, originOf, ROOT, SERVER_COMMAND, serverEnv, startProcess, stopProcess } from '../e2e/e2e-server.ts';

const OUT = process.argv[2] ?? '/tmp/chat-screens';
const ONLY = process.env.SCREENS ? new Set(process.env.SCREENS.split(',')) : null;
const PASSWORD = 'correct horse battery staple';
const run = Date.now().toString(36).slice(-5);
const ANA = `ana${run}`;
const BOB = `bob${run}`;
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };
const LOCALES = { en: 'en-GB', fr: 'fr-FR' };

// The app's own words, to find its buttons in either language.
const catalogue = (lang) => {
  const dir = join(ROOT, 'apps/web/src/locales');
  const tree = {};
  const merge = (into, from) => {
    for (const [k, v] of Object.entries(from)) {
      if (v && typeof v === 'object') merge((into[k] ??= {}), v);
      else into[k] = v;
    }
  };
  for (const file of readdirSync(dir).filter((f) => f.startsWith(`${lang}.`) && f.endsWith('.json'))) merge(tree, JSON.parse(readFileSync(join(dir, file), 'utf8')));
  return (key, vars = {}) => {
    const value = key.split('.').reduce((node, part) => node?.[part], tree);
    if (typeof value !== 'string') throw new Error(`no ${lang} string ${key}`);
    return value.replace(/\{\{(\w+)\}\}/g, (_, name) => vars[name] ?? '');
  };
};

const port = await freePort();
const origin = originOf(port);
const env = { ...process.env, ...serverEnv(port, { SHUTDOWN_DRAIN_SECONDS: '0' }, 'veza-chat-screens-') };
const [command, ...args] = SERVER_COMMAND;
const start = () => startProcess(command, args, env, async () => (await fetch(`${origin}/readyz`)).ok);
let server = await start();

/** tRPC over HTTP with a session, as the app calls it; waits out 429s. */
async function call(api, path, input, method = 'POST') {
  for (;;) {
    const res =
      method === 'GET'
        ? await api.get(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`)
        : await api.post(`/trpc/${path}`, { data: input, headers: { origin } });
    if (res.status() === 429) {
      await new Promise((r) => setTimeout(r, Number(res.headers()['retry-after'] ?? 1) * 1000));
      continue;
    }
    if (!res.ok()) throw new Error(`${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()).result?.data;
  }
}

const signUp = async (username) => {
  const api = await request.newContext({ baseURL: origin });
  await call(api, 'auth.register', { email: `${username}@example.com`, username, password: PASSWORD });
  return api;
};
const logIn = async (username) => {
  const api = await request.newContext({ baseURL: origin });
  await call(api, 'auth.login', { login: username, password: PASSWORD });
  return api;
};

let browser;
try {
  // Ana becomes an admin (the embedded database allows one process: the server stops for the command).
  await (await signUp(ANA)).dispose();
  await stopProcess(server);
  await promisify(execFile)(join(ROOT, 'node_modules/.bin/node'), ['apps/server/src/cli/user-role.ts', ANA, 'admin'], { cwd: ROOT, env });
  server = await start();
  const ana = await logIn(ANA);
  const bob = await signUp(BOB);

  const say = (api, roomId, body, extra = {}) => call(api, 'chat.messages.send', { roomId, body, clientMessageId: crypto.randomUUID(), ...extra });
  const room = await call(ana, 'chat.rooms.create', { name: `Late-night studio sessions ${run}`, visibility: 'public', topic: 'Mixing, mastering and the occasional existential crisis about compressor settings' });
  await call(bob, 'chat.rooms.join', { roomId: room.id });
  for (let i = 1; i <= 55; i++) await say(i % 2 ? ana : bob, room.id, `Take ${i}: ${i % 2 ? 'kick too loud' : 'snare too quiet'}`);
  const first = await say(ana, room.id, 'Welcome to the **studio**! Rules: be _kind_, share `stems`, and ~~no~~ all genres welcome.\n\n- one\n- two\n\n> a quote');
  await say(bob, room.id, 'Supercalifragilisticexpialidocious-antidisestablishmentarianism-pneumonoultramicroscopicsilicovolcanoconiosis');
  await say(ana, room.id, 'The stems: https://example.com/a/very/long/path/to/the/stems/of/the/track/that/never/ends/really-it-goes-on-and-on?with=query&and=more-parameters-1234567890');
  const reply = await say(bob, room.id, 'Thanks! Downloading now — les pistes sont très propres.', { replyToId: first.id });
  for (const emoji of ['👍', '🔥', '❤️']) await call(ana, 'chat.reactions.add', { messageId: reply.id, emoji });
  await call(bob, 'chat.reactions.add', { messageId: reply.id, emoji: '👍' });
  // A test card from Debian's ffmpeg as the image.
  const imagePath = join(env.DATA_DIR, 'cover.png');
  await promisify(execFile)('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=640x400', '-frames:v', '1', imagePath]);
  const image = await ana.post('/api/chat/attachments', {
    headers: { origin },
    multipart: { file: { name: 'cover.png', mimeType: 'image/png', buffer: readFileSync(imagePath) } },
  });
  if (!image.ok()) throw new Error(`image upload: ${image.status()} ${await image.text()}`);
  await say(ana, room.id, 'Cover art draft', { attachments: [{ kind: 'image', attachmentId: (await image.json()).attachmentId }] });
  const spam = await say(bob, room.id, 'BUY FOLLOWERS NOW cheap cheap cheap');
  await call(ana, 'chat.messages.report', { messageId: spam.id, reason: 'spam', note: 'Obvious spam, posted in every room' });
  await call(bob, 'chat.messages.report', { messageId: first.id, reason: 'other', note: 'Testing a long note: '.repeat(8) });
  const dm = { id: (await call(ana, 'chat.dms.open', { username: BOB })).roomId };
  await say(bob, dm.id, 'Hey Ana, tu as une minute pour écouter le mix ?');
  await say(ana, dm.id, 'Sure, send it over');

  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
  mkdirSync(OUT, { recursive: true });
  const anaState = await ana.storageState();
  const bobState = await bob.storageState();
  const overflow = [];
  const noFocusRing = [];
  const missedJumps = [];
  /** Waits for a permalink's message to be highlighted (it stays so for 3 s), or notes that it never was. */
  const landed = (page, text, name) =>
    page.locator('.vw-msg--highlight', { hasText: text }).waitFor({ timeout: 15_000 }).catch(() => missedJumps.push(`${name}: "${text}" never highlighted in view`));
  /** Tabs through the page and lists what takes the keyboard focus with neither an outline nor a box shadow. */
  const unringed = async (page) => {
    const found = new Set();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const bare = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
        return ring ? null : `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`;
      });
      if (bare) found.add(bare);
    }
    return [...found];
  };

  for (const [lang, locale] of Object.entries(LOCALES)) {
    const t = catalogue(lang);
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      const open = async (state) => {
        const context = await browser.newContext({ baseURL: origin, viewport, locale, storageState: state, permissions: ['microphone'] });
        return context.newPage();
      };
      const page = await open(anaState);
      const shot = async (name, target = page) => {
        if (ONLY && !ONLY.has(name)) return;
        await target.waitForLoadState('networkidle').catch(() => {});
        await target.waitForTimeout(400);
        // How far the page scrolls sideways, and the innermost elements that stick out past the viewport's right edge.
        const wide = await target.evaluate(() => {
          const width = document.documentElement.clientWidth;
          const out = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > width + 1);
          const leaves = out.filter((el) => !out.some((other) => other !== el && el.contains(other)));
          const describe = (el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(el.getBoundingClientRect().right)}px)`;
          return { by: document.documentElement.scrollWidth - width, culprits: leaves.slice(0, 5).map(describe) };
        });
        if (wide.by > 0) overflow.push(`${lang}-${size}-${name}: ${wide.by}px sideways; past the edge: ${wide.culprits.join(', ')}`);
        await target.screenshot({ path: join(OUT, `${lang}-${size}-${name}.png`), fullPage: true });
      };
      const button = (name, target = page) => target.getByRole('button', { name, exact: true }).first();
      // The new accounts' "verify your email" banner is dismissed for the tab (as most people see the chat), unless BANNER=1.
      const dismissBanner = async (target) => {
        if (process.env.BANNER === '1') return;
        const dismiss = target.getByRole('button', { name: t('verifyEmail.bannerDismiss') });
        await dismiss.waitFor({ timeout: 5000 }).then(() => dismiss.click(), () => {});
      };

      await page.goto('/chat');
      await page.getByRole('link', { name: new RegExp(`Late-night`) }).first().waitFor();
      await dismissBanner(page);
      await shot('list');
      await button(t('chat.search.open')).click();
      await page.getByRole('searchbox').fill('studio');
      await page.waitForTimeout(800);
      await shot('search');

      await page.goto(`/chat/${room.id}`);
      await page.getByRole('log').getByText('BUY FOLLOWERS').waitFor();
      await shot('room');
      if (lang === 'en' && size === 'desktop') noFocusRing.push(...(await unringed(page)));
      await button(t('chat.room.members')).click();
      await shot('members');
      await button(t('chat.room.members')).click();
      await button(t('chat2.openSettings')).click();
      await page.getByRole('dialog').waitFor();
      await shot('settings');
      for (const tab of ['members', 'bans', 'invites']) {
        if (ONLY && !ONLY.has(`settings-${tab}`)) continue;
        await page.getByRole('dialog').getByRole('tab', { name: t(`chat2.settings.tab.${tab}`) }).click();
        await shot(`settings-${tab}`);
      }
      await page.keyboard.press('Escape');

      // The welcome (markdown), the long word, the long URL and the reply with its reactions, opened by a permalink.
      await page.goto(`/chat/${room.id}?m=${first.seq}`);
      await landed(page, 'Welcome to the', `${lang}-${size}-long`);
      await shot('long');

      await page.goto(`/chat/${room.id}?m=2`);
      await landed(page, 'Take 2:', `${lang}-${size}-jump`);
      await shot('jump');

      await page.goto(`/chat/${dm.id}`);
      await page.getByRole('log').getByText('Sure, send it over').waitFor();
      await shot('dm');

      if (!ONLY || ONLY.has('call') || ONLY.has('incoming')) {
        const callee = await open(bobState);
        await callee.goto('/chat');
        await dismissBanner(callee);
        await page.getByRole('button', { name: t('calls.button.label', { name: BOB }) }).click();
        await page.getByRole('region', { name: t('calls.bar.label', { name: BOB }) }).waitFor();
        const incoming = callee.getByRole('dialog', { name: t('calls.incoming.title') });
        await incoming.waitFor({ timeout: 20_000 });
        await shot('call');
        await shot('incoming', callee);
        await button(t('calls.incoming.decline'), callee).click();
        await callee.context().close();
      }

      await page.goto('/admin/reports');
      await page.getByRole('table').first().waitFor();
      await shot('reports');
      await page.context().close();
      console.log(`${lang} ${size} done`);
    }
  }
  console.log(overflow.length ? `Sideways scroll:\n${overflow.join('\n')}` : 'No page scrolls sideways.');
  if (missedJumps.length) console.log(`Permalinks that did not land:\n${missedJumps.join('\n')}`);
  if (noFocusRing.length) console.log(`No outline or shadow on keyboard focus (a room, English, desktop):\n${noFocusRing.join('\n')}`);
  console.log(`Screenshots in ${OUT}`);
} finally {
  await browser?.close();
  await stopProcess(server);
}
