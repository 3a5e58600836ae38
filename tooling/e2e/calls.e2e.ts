import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, freePort, startProcess, startVezaServer, stopProcess } from './e2e-server.ts';

// A 1-to-1 call end to end: two Chromium contexts with fake microphones, user A calls user B from their DM, B
// accepts, audio flows both ways through TURN, then A hangs up. Everything stays on the loopback interface: Debian's
// coturn listens and relays on 127.0.0.1 only, and this spec's own Veza server (started as playwright.config.ts's
// webServer is, plus TURN settings) hands out relay-only ICE (TURN_RELAY_ONLY=1), so the browsers never even gather a
// host candidate.
const PASSWORD = 'correct horse battery staple';
const TURN_SECRET = 'e2e-turn-secret-0123456789abcdef';
const run = Date.now().toString(36).slice(-5);

test.use({
  launchOptions: {
    executablePath: CHROMIUM,
    // A generated tone as the microphone, and no permission prompt.
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

let turn: Awaited<ReturnType<typeof startProcess>> | undefined;
let server: Awaited<ReturnType<typeof startVezaServer>> | undefined;
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
  server = await startVezaServer(
    { SHUTDOWN_DRAIN_SECONDS: '0', TURN_URLS: `turn:127.0.0.1:${turnPort}?transport=udp`, TURN_SECRET, TURN_RELAY_ONLY: '1' },
    'veza-e2e-calls-',
  );
  origin = server.origin;
});

test.afterAll(async () => {
  await stopProcess(server?.child);
  await stopProcess(turn);
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
