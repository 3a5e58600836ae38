// The real process: `node src/main.ts` with its own PGlite data dir, as `pnpm start` runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sineWav } from '@veza/media';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { multipart, PASSWORD, TEST_SECRET } from './test/harness.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function start(env: Record<string, string>) {
  // The real node binary (not the .bin shell wrapper), so signals reach the server itself.
  const child = spawn(process.execPath, ['src/main.ts'], { cwd: SERVER_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  });
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function waitForOrigin(output: () => { stdout: string }, child: ChildProcess): Promise<string> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output().stdout);
    if (match?.[1]) return match[1];
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output().stdout}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start in time');
}

describe('node src/main.ts', () => {
  it('exits 1 with a readable message on bad configuration', async () => {
    const { exited, output } = start({ NODE_ENV: 'production', JWT_SECRET: 'short', PORT: 'abc' });
    expect(await exited).toBe(1);
    const { stderr } = output();
    expect(stderr).toContain('Invalid server configuration:');
    expect(stderr).toContain('  - PORT must be a port number (0-65535)');
    expect(stderr).toContain('  - JWT_SECRET must be at least 32 characters in production (got 5)');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('finishes the upload in flight, closes WebSockets and exits 0 on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'veza-main-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const { child, exited, output } = start({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      JWT_SECRET: TEST_SECRET,
      LOG_LEVEL: 'info',
      WEB_DIST: join(dataDir, 'no-web'),
    });
    const origin = await waitForOrigin(output, child);
    expect((await fetch(`${origin}/readyz`)).status).toBe(200);

    const registered = await fetch(`${origin}/trpc/auth.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sam@example.com', username: 'sam', password: PASSWORD }),
    });
    const token = ((await registered.json()) as { result: { data: { accessToken: string } } }).result.data.accessToken;

    const socket = new WebSocket(`${origin.replace('http', 'ws')}/trpc`, { headers: { authorization: `Bearer ${token}` } });
    await once(socket, 'open');
    const socketClosed = once(socket, 'close');

    // An upload whose body is only half sent when the signal arrives.
    const body = multipart([{ name: 'file', filename: 'late.wav', content: sineWav({ seconds: 1 }), type: 'audio/wav' }]);
    const half = Math.floor(body.payload.length / 2);
    const upload = request(`${origin}/api/tracks`, {
      method: 'POST',
      headers: { ...body.headers, authorization: `Bearer ${token}`, 'content-length': String(body.payload.length) },
    });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      upload.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      upload.on('error', reject);
    });
    upload.write(body.payload.subarray(0, half));
    await new Promise((r) => setTimeout(r, 300));

    child.kill('SIGTERM');
    await socketClosed;
    await new Promise((r) => setTimeout(r, 300));
    expect(child.exitCode).toBeNull(); // still draining
    upload.end(body.payload.subarray(half));

    const result = await response;
    expect(result.status, result.body).toBe(201);
    expect(await exited).toBe(0);
    expect(output().stdout).toContain('"msg":"stopped"');
  });

  it('drains on SIGTERM: /readyz fails first while calls are still served, then sockets close with 1012', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'veza-main-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const { child, exited, output } = start({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      JWT_SECRET: TEST_SECRET,
      LOG_LEVEL: 'info',
      WEB_DIST: join(dataDir, 'no-web'),
      SHUTDOWN_DRAIN_SECONDS: '2',
    });
    const origin = await waitForOrigin(output, child);
    const socket = new WebSocket(`${origin.replace('http', 'ws')}/trpc`);
    await once(socket, 'open');
    const closed = once(socket, 'close').then(([code]) => ({ code: code as number, at: Date.now() }));

    const signalled = Date.now();
    child.kill('SIGTERM');
    await expect.poll(async () => (await fetch(`${origin}/readyz`)).status, { timeout: 1500, interval: 50 }).toBe(503);
    // Still serving during the drain: liveness, and a real call.
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    const call = await fetch(`${origin}/trpc/auth.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'kim@example.com', username: 'kim', password: PASSWORD }),
    });
    expect(call.status).toBe(200);
    expect(socket.readyState).toBe(WebSocket.OPEN);

    const { code, at } = await closed;
    expect(code).toBe(1012);
    expect(at - signalled).toBeGreaterThanOrEqual(1900);
    expect(await exited).toBe(0);
    expect(output().stdout).toContain('"msg":"draining: /readyz fails, still serving"');
    // Starting on embedded PGlite takes a while on a busy machine.
  }, 90_000);
});
