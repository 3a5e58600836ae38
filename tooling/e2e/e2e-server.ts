// The Veza server and browser as E2E runs them, in one place: playwright.config.ts's webServer and the specs that need
// a server of their own (calls.e2e.ts: TURN settings) start the same server, the same way, with the same settings.
// The built web app is served by the real server (as `npm start` does), on a fresh embedded database, in Debian's
// Chromium: Playwright never downloads a browser here.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** The repository's pinned Node 24 (it runs the TypeScript sources), whatever `node` is on PATH, and the server. */
export const SERVER_COMMAND = [join(ROOT, 'node_modules/.bin/node'), 'apps/server/src/main.ts'] as const;

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
];

/** localhost rather than 127.0.0.1: the WebAuthn RP ID is the origin's host, and browsers refuse IP addresses as RP IDs. */
export const originOf = (port: number) => `http://localhost:${port}`;

/**
 * The server's environment for an E2E run on `port`: production mode on a plain-HTTP origin (cookies not marked
 * Secure, as for any production site served without TLS), a fresh data directory, in-process bus and in-memory rate
 * limits (Redis outlives a run, and its sign-up and login counters for this machine's IP would carry over from one
 * run to the next; the Redis paths have their own tests). `extra` adds or overrides settings.
 */
export function serverEnv(port: number, extra: Record<string, string> = {}, dataDirPrefix = 'veza-e2e-'): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_ORIGIN: originOf(port),
    DATA_DIR: mkdtempSync(join(tmpdir(), dataDirPrefix)),
    JWT_SECRET: 'e2e-secret-that-is-long-enough-for-production-0123456789',
    LOG_LEVEL: 'warn',
    REDIS_URL: '',
    ...extra,
  };
}

/** A TCP port free on 127.0.0.1 right now. */
export const freePort = () =>
  new Promise<number>((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });

/** Starts a process and resolves once `ready()` says so (or rejects with its output after a minute, or if it exits). */
export async function startProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv | undefined, ready: () => Promise<boolean>) {
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

/** Stops a process started above and everything it started (its whole group), and waits for them to exit. */
export async function stopProcess(child: ChildProcess | undefined) {
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

/**
 * A Veza server of a spec's own, as playwright.config.ts's webServer starts it, plus `extra` settings, on a free
 * port; resolves once /readyz answers. Stop it with stopProcess(server.child).
 */
export async function startVezaServer(extra: Record<string, string>, dataDirPrefix: string) {
  const port = await freePort();
  const origin = originOf(port);
  const [command, ...args] = SERVER_COMMAND;
  // The server reads its configuration from its environment, on top of this one's (PATH and the like).
  // eslint-disable-next-line no-restricted-properties
  const env = { ...process.env, ...serverEnv(port, extra, dataDirPrefix) };
  const child = await startProcess(command, args, env, async () => (await fetch(`${origin}/readyz`)).ok);
  return { origin, child };
}
