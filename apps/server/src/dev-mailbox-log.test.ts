// The real process without SMTP_URL: the dev mailbox keeps each mail and prints it through the server's pino logger.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD, TEST_SECRET } from './test/harness.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
let cleanup: () => Promise<void> = async () => {};
afterAll(() => cleanup());

describe('dev mailbox in the server', () => {
  it('logs each kept mail as a pino line', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'veza-mail-'));
    const child = spawn(process.execPath, ['src/main.ts'], {
      cwd: SERVER_DIR,
      env: { NODE_ENV: 'test', DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'info', WEB_DIST: join(dataDir, 'no-web') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(child, 'exit');
    cleanup = async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    };
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    await expect.poll(() => /listening on (http:\/\/[\d.]+:\d+)/.exec(stdout)?.[1], { timeout: 45_000, interval: 100 }).toBeTruthy();
    const origin = /listening on (http:\/\/[\d.]+:\d+)/.exec(stdout)![1]!;

    const res = await fetch(`${origin}/trpc/auth.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sam@example.com', username: 'sam', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    await expect.poll(() => stdout.includes('[dev mailbox] to sam@example.com'), { timeout: 10_000 }).toBe(true);
    const line = stdout.split('\n').find((l) => l.includes('[dev mailbox] to sam@example.com'))!;
    const entry = JSON.parse(line) as { level: number; msg: string };
    expect(entry.level).toBe(30);
    expect(entry.msg).toMatch(/^\[dev mailbox\] to sam@example.com: Confirm your email address\n[\s\S]*\/verify-email\?token=[A-Za-z0-9_-]{43}/);
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  });
});
