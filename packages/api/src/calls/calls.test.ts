// calls.iceServers through tRPC callers, and the minted credentials against a real coturn (Debian's `coturn`,
// installed by tooling/scripts/ensure-system-deps.mjs) bound to 127.0.0.1 only, checked with coturn's own client.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import { mintIceServers, turnCredential, type TurnConfig } from './turn.ts';

const SECRET = 'veza-test-turn-secret-0123456789';

describe('calls.iceServers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  /** The server's TURN config for this test (read on every call). */
  const harness = async (turn: TurnConfig = { urls: [], secret: undefined }) => {
    h.deps.turn = turn;
    return h;
  };

  it('needs a signed-in user', async () => {
    const h = await harness({ urls: ['turn:127.0.0.1:3478'], secret: SECRET });
    const error = await trpcError(async () => (await h.caller()).calls.iceServers());
    expect(error.code).toBe('UNAUTHORIZED');
  });

  it('answers no servers when TURN is not configured (calls then work on the same network only)', async () => {
    const h = await harness();
    const ana = await h.signUp('ana');
    expect(await ana.api.calls.iceServers()).toEqual({ iceServers: [], ttlSeconds: 0, iceTransportPolicy: 'all' });
  });

  it('gives STUN entries without credentials', async () => {
    const h = await harness({ urls: ['stun:stun.example:3478', 'stun:stun2.example'], secret: undefined });
    const ana = await h.signUp('dora');
    expect(await ana.api.calls.iceServers()).toEqual({ iceServers: [{ urls: ['stun:stun.example:3478', 'stun:stun2.example'] }], ttlSeconds: 0, iceTransportPolicy: 'all' });
  });

  it("mints coturn REST credentials for the viewer: '<expiry>:<userId>' and base64 HMAC-SHA1, expiring after the TTL", async () => {
    const h = await harness({ urls: ['stun:127.0.0.1:3478', 'turn:127.0.0.1:3478?transport=udp', 'turns:turn.example:5349'], secret: SECRET, ttlSeconds: 600 });
    const ana = await h.signUp('erin');
    const bob = await h.signUp('bob');
    const before = Math.floor(Date.now() / 1000);
    const res = await ana.api.calls.iceServers();
    const after = Math.floor(Date.now() / 1000);
    expect(res.ttlSeconds).toBe(600);
    expect(res.iceServers[0]).toEqual({ urls: ['stun:127.0.0.1:3478'] });
    const turn = res.iceServers[1];
    expect(turn?.urls).toEqual(['turn:127.0.0.1:3478?transport=udp', 'turns:turn.example:5349']);
    const [expiry, userId] = (turn?.username ?? '').split(':');
    expect(userId).toBe(ana.user.id);
    expect(Number(expiry)).toBeGreaterThanOrEqual(before + 600);
    expect(Number(expiry)).toBeLessThanOrEqual(after + 600);
    expect(turn?.credential).toBe(turnCredential(SECRET, turn?.username ?? ''));
    // Each user gets their own.
    const other = (await bob.api.calls.iceServers()).iceServers[1];
    expect(other?.username).toMatch(new RegExp(`^\\d+:${bob.user.id}$`));
    expect(other?.credential).not.toBe(turn?.credential);
  });

  it("asks for relay-only ICE when the server forces TURN (TURN_RELAY_ONLY), and never without a TURN server to relay through", async () => {
    const h = await harness({ urls: ['turn:127.0.0.1:3478?transport=udp'], secret: SECRET, relayOnly: true });
    const ana = await h.signUp('fay');
    const res = await ana.api.calls.iceServers();
    expect(res.iceTransportPolicy).toBe('relay');
    expect(res.iceServers).toHaveLength(1);
    await harness({ urls: ['turn:127.0.0.1:3478'], secret: SECRET });
    expect((await ana.api.calls.iceServers()).iceTransportPolicy).toBe('all');
    await harness({ urls: ['stun:127.0.0.1:3478'], secret: undefined, relayOnly: true });
    expect((await ana.api.calls.iceServers()).iceTransportPolicy).toBe('all');
  });
});

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** coturn's test client: two allocations on the relay exchange a few packets (-y); exit code 0 only if all worked. */
const uclient = (port: number, username: string, credential: string) =>
  new Promise<{ ok: boolean; output: string }>((resolve) => {
    execFile('turnutils_uclient', ['-y', '-c', '-n', '2', '-m', '1', '-u', username, '-w', credential, '-p', String(port), '127.0.0.1'], { timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ ok: !error, output: `${stdout}${stderr}` }),
    );
  });

const hasCoturn = existsSync('/usr/bin/turnserver') && existsSync('/usr/bin/turnutils_uclient');

describe.runIf(hasCoturn)('minted credentials against a real coturn on 127.0.0.1', () => {
  let server: ChildProcess;
  let dir: string;
  let port: number;
  let h: Harness;
  let log = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'veza-turn-'));
    port = await freePort();
    // Loopback only: listening and relay addresses are 127.0.0.1, so no packet targets another address of the machine.
    server = spawn(
      'turnserver',
      [
        '--listening-ip', '127.0.0.1', '--relay-ip', '127.0.0.1', '--listening-port', String(port),
        '--use-auth-secret', '--static-auth-secret', SECRET, '--realm', 'veza.test', '--allow-loopback-peers',
        '--no-cli', '--no-tls', '--no-dtls', '--log-file', 'stdout', '--pidfile', join(dir, 'turnserver.pid'), '--userdb', join(dir, 'turndb'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (!(await canConnect(port))) {
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`turnserver did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    h = await createHarness({ turn: { urls: [`turn:127.0.0.1:${port}?transport=udp`], secret: SECRET } });
  }, 20_000);

  afterAll(async () => {
    server?.kill('SIGTERM');
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('allocates a relay with the credentials calls.iceServers mints', async () => {
    const ana = await h.signUp('ana');
    const turn = (await ana.api.calls.iceServers()).iceServers.find((s) => s.urls.some((u) => u.startsWith('turn:')));
    const res = await uclient(port, turn?.username ?? '', turn?.credential ?? '');
    expect(res.ok, res.output).toBe(true);
    expect(res.output).not.toMatch(/Cannot complete Allocation/);
  }, 40_000);

  it('refuses a wrong credential and an expired one', async () => {
    const cleo = await h.signUp('cleo');
    const turn = (await cleo.api.calls.iceServers()).iceServers[0];
    const wrong = await uclient(port, turn?.username ?? '', turnCredential('another-secret-0123456789abcdef', turn?.username ?? ''));
    expect(wrong.ok).toBe(false);
    expect(wrong.output).toMatch(/Cannot complete Allocation/);
    // Minted two hours ago with a one-hour TTL: coturn sees the expiry in the username has passed.
    const stale = mintIceServers({ urls: [`turn:127.0.0.1:${port}`], secret: SECRET }, cleo.user.id, Date.now() - 2 * 3600_000).iceServers[0];
    const expired = await uclient(port, stale?.username ?? '', stale?.credential ?? '');
    expect(expired.ok).toBe(false);
    expect(expired.output).toMatch(/Cannot complete Allocation/);
  }, 60_000);
});
