import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';

// A 1-to-1 call end to end: two Chromium contexts with fake microphones, user A calls user B from their DM, B
// accepts, audio flows both ways through TURN, then A hangs up. Everything stays on the loopback interface: Debian's
// coturn listens and relays on 127.0.0.1 only, and this spec's own Veza server hands out relay-only ICE
// (TURN_RELAY_ONLY=1), so the browsers never even gather a host candidate.
const PASSWORD = 'correct horse battery staple';
const TURN_SECRET = 'e2e-turn-secret-0123456789abcdef';
const run = Date.now().toString(36).slice(-5);
const ROOT = resolve(import.meta.dirname, '../..');

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--autoplay-policy=no-user-gesture-required',
      // A generated tone as the microphone, and no permission prompt.
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  },
});

const freePort = () =>
  new Promise<number>((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });

/** Starts a process and resolves once `ready()` says so (or rejects with its output). */
async function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv | undefined, ready: () => Promise<boolean>) {
  // Its own process group: node_modules/.bin/node is a wrapper, and stopping the group stops the real server too.
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!(await ready().catch(() => false))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${command} did not start:\n${output.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return child;
}

let turn: ChildProcess | undefined;
let server: ChildProcess | undefined;
let origin = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const turnPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'veza-e2e-turn-'));
  turn = await startProcess(
    'turnserver',
    [
      '--listening-ip', '127.0.0.1', '--relay-ip', '127.0.0.1', '--listening-port', String(turnPort),
      '--min-port', '49160', '--max-port', '49200', '--allow-loopback-peers',
      '--use-auth-secret', `--static-auth-secret=${TURN_SECRET}`, '--realm', 'veza', '-n', '--no-cli', '--no-tls', '--no-dtls',
      '--fingerprint', '--log-file', 'stdout', '--pidfile', join(dir, 'turnserver.pid'), '--userdb', join(dir, 'turndb'),
    ],
    undefined,
    // coturn also listens on TCP: connectable means ready.
    () => new Promise((done) => {
      const socket = createServer();
      socket.once('error', () => done(true));
      socket.listen(turnPort, '127.0.0.1', () => socket.close(() => done(false)));
    }),
  );
  const port = await freePort();
  origin = `http://localhost:${port}`;
  server = await startProcess(
    join(ROOT, 'node_modules/.bin/node'),
    ['apps/server/src/main.ts'],
    {
      // The server reads its configuration from its environment (as playwright.config.ts's webServer gives it).
      // eslint-disable-next-line no-restricted-properties
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: origin,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'veza-e2e-calls-')),
      JWT_SECRET: 'e2e-secret-that-is-long-enough-for-production-0123456789',
      LOG_LEVEL: 'warn',
      REDIS_URL: '',
      SHUTDOWN_DRAIN_SECONDS: '0',
      TURN_URLS: `turn:127.0.0.1:${turnPort}?transport=udp`,
      TURN_SECRET,
      TURN_RELAY_ONLY: '1',
    },
    async () => (await fetch(`${origin}/readyz`)).ok,
  );
});

/** Stops a process started above and everything it started (its whole group), and waits for them to exit. */
async function stop(child: ChildProcess | undefined) {
  if (!child?.pid) return;
  const group = -child.pid;
  const alive = () => {
    try {
      process.kill(group, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(group, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive()) process.kill(group, 'SIGKILL');
}

test.afterAll(async () => {
  await stop(server);
  await stop(turn);
});

/** A signed-in browser of its own; every RTCPeerConnection the page makes is kept for the test to read its stats. */
async function person(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: origin });
  await context.grantPermissions(['microphone'], { origin });
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const kept: RTCPeerConnection[] = [];
    (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = kept;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        kept.push(this);
      }
    };
  });
  const page = await context.newPage();
  await page.goto('/signup');
  await page.getByLabel('Email', { exact: true }).fill(`${username}@example.com`);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  return page;
}

interface MediaStats {
  sent: number;
  received: number;
  local: string | null;
  remote: string | null;
  policy: string | undefined;
}

/** Audio bytes both ways and the selected candidate pair's types, from the page's call connection. */
const mediaStats = (page: Page) =>
  page.evaluate(async (): Promise<MediaStats> => {
    const pc = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.at(-1);
    const out: MediaStats = { sent: 0, received: 0, local: null, remote: null, policy: pc?.getConfiguration().iceTransportPolicy };
    if (!pc) return out;
    const stats = new Map<string, Record<string, unknown>>();
    (await pc.getStats()).forEach((s: Record<string, unknown>) => stats.set(String(s.id), s));
    for (const s of stats.values()) {
      if (s.type === 'outbound-rtp' && s.kind === 'audio') out.sent += Number(s.bytesSent ?? 0);
      if (s.type === 'inbound-rtp' && s.kind === 'audio') out.received += Number(s.bytesReceived ?? 0);
      if (s.type === 'transport' && typeof s.selectedCandidatePairId === 'string') {
        const pair = stats.get(s.selectedCandidatePairId);
        out.local = (stats.get(String(pair?.localCandidateId))?.candidateType as string | undefined) ?? null;
        out.remote = (stats.get(String(pair?.remoteCandidateId))?.candidateType as string | undefined) ?? null;
      }
    }
    return out;
  });

test('A calls B from their DM, B accepts, audio flows both ways through the TURN relay, A hangs up', async ({ browser }) => {
  test.setTimeout(60_000);
  const a = `cala${run}`;
  const b = `calb${run}`;
  const pageB = await person(browser, b);
  const pageA = await person(browser, a);

  // A opens the DM with B from the chat screen.
  await pageA.getByRole('link', { name: 'Chat' }).first().click();
  await pageA.getByRole('button', { name: 'New message' }).click();
  const dmDialog = pageA.getByRole('dialog', { name: 'New direct message' });
  await dmDialog.getByLabel('Username').fill(b);
  await dmDialog.getByRole('button', { name: 'Open conversation' }).click();
  await pageA.getByRole('button', { name: `Call ${b}` }).click();
  const bar = pageA.getByRole('region', { name: `Call with ${b}` });
  await expect(bar.getByRole('status')).toHaveText('Calling…');

  // B, elsewhere in the app, is rung.
  const incoming = pageB.getByRole('dialog', { name: 'Incoming call' });
  await expect(incoming).toContainText(`${a} is calling you.`);
  await incoming.getByRole('button', { name: 'Accept' }).click();
  await expect(pageB.getByRole('region', { name: `Call with ${a}` })).toBeVisible();
  await expect(bar.getByRole('button', { name: 'Hang up' })).toBeVisible();

  // Audio both ways, over a relayed pair, growing.
  const flowing = async (page: Page) => {
    let first: MediaStats | null = null;
    await expect
      .poll(async () => {
        const now = await mediaStats(page);
        first ??= now.sent > 0 && now.received > 0 ? now : null;
        return first !== null && now.sent > first.sent + 2000 && now.received > first.received + 2000;
      }, { timeout: 20_000 })
      .toBe(true);
    return mediaStats(page);
  };
  const [statsA, statsB] = await Promise.all([flowing(pageA), flowing(pageB)]);
  for (const stats of [statsA, statsB]) {
    expect(stats.policy).toBe('relay');
    expect(stats.local).toBe('relay');
    expect(stats.remote).toBe('relay');
  }
  await expect(bar.getByRole('status')).toHaveText(/connection|Connected/);

  await bar.getByRole('button', { name: 'Hang up' }).click();
  await expect(bar).toBeHidden();
  await expect(pageB.getByText(`Call with ${a} ended.`)).toBeVisible();
  await expect(pageB.getByRole('region', { name: `Call with ${a}` })).toBeHidden();
  // The DM keeps a summary of the call.
  await expect(pageA.getByText(/^Call · \d+:\d\d$/)).toBeVisible();
  await pageA.context().close();
  await pageB.context().close();
});
