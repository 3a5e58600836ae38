// The worker process (`node src/worker.ts`) has no HTTP server of its own: with METRICS_PORT it serves /metrics
// there, for Prometheus to scrape.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_SECRET } from '../test/harness.ts';
import { samples } from './testing.ts';

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('node src/worker.ts', () => {
  it('serves its metrics on METRICS_PORT (bound to 127.0.0.1) and drains on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'veza-worker-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'info', METRICS_PORT: '0', METRICS_HOST: '127.0.0.1' };
    const child = spawn(process.execPath, ['src/worker.ts'], { cwd: SERVER_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = once(child, 'exit').then(([code]) => code as number | null);
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    });

    const deadline = Date.now() + 45_000;
    let port: number | undefined;
    while (port === undefined && Date.now() < deadline) {
      const line = stdout.split('\n').find((l) => l.includes('"metrics listening"'));
      if (line) port = (JSON.parse(line) as { port: number }).port;
      else if (child.exitCode !== null) throw new Error(`worker exited early:\n${stdout}`);
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(port).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    const s = samples(await res.text());
    expect(s.get('veza_jobs_waiting{kind="track.process"}')).toBe(0);
    expect(s.get('veza_jobs_failed_total{kind="track.process"}')).toBe(0);
    expect(s.get('veza_tracks_processed_total{outcome="ready"}')).toBe(0);
    expect(s.get('veza_process_resident_memory_bytes')).toBeGreaterThan(0);
    // Worker lines are JSON, tagged with the role.
    expect(stdout).toContain('"role":"worker"');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 90_000);
});
