// Shared by the HTTP benchmarks: the real server on CPU 0, wrk on CPU 1, medians, server RSS.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

export function ensureWrk() {
  if (spawnSync('sh', ['-c', 'command -v wrk']).status === 0) return;
  if (process.getuid?.() !== 0) throw new Error('wrk is missing: sudo apt-get install -y wrk');
  execFileSync('apt-get', ['install', '-y', '-qq', 'wrk'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Waits until `url` answers; fails if `child` (the process meant to answer) exits first, e.g. on a busy port. */
export async function waitUp(url, child) {
  for (let i = 0; i < 600; i++) {
    if (child && child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before answering: ${url}`);
    try {
      await fetch(url);
      return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not up: ${url}`);
}

/**
 * `node apps/server/src/main.ts` pinned to CPU 0, as in production (NODE_ENV=production), on PGlite in `dataDir`
 * or on `databaseUrl`. The global per-IP budget is off (RATE_LIMIT_PER_MINUTE=0): wrk is one IP.
 */
export function startVeza({ port, dataDir, databaseUrl = '' }) {
  return spawn('taskset', ['-c', '0', process.execPath, join(ROOT, 'apps/server/src/main.ts')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      JWT_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      WORKER_IN_PROCESS: 'false',
      // Benchmarks measure requests: the periodic trending recompute would compete with them (home-feed.mjs times it apart).
      TRENDING_INTERVAL: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      SHUTDOWN_DRAIN_SECONDS: '0',
      DATABASE_URL: databaseUrl,
      REDIS_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** A node script pinned to CPU 0 (the bare baselines). */
export const startBare = (file) => spawn('taskset', ['-c', '0', process.execPath, file], { stdio: 'inherit' });

/** Resident memory of a process, in MB (from /proc). */
export function rssMb(pid) {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kb / 1024;
}

/** wrk on CPU 1, 50 connections; then the RSS of `pid` right after the load. */
export function load(url, { seconds, pid, headers = {} }) {
  const args = ['-c', '1', 'wrk', '-t1', '-c50', `-d${seconds}s`, '--latency', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), url];
  const out = execFileSync('taskset', args, { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  return { rps, p99ms: p99 ? Number(p99[1]) * { us: 0.001, ms: 1, s: 1000 }[p99[2]] : NaN, non2xx, rssMb: rssMb(pid) };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const medianRps = (rs) => median(rs.map((r) => r.rps));

/** A Markdown table row: median throughput, median p99 and the largest RSS seen after a run. */
export const row = (name, rs) =>
  `| ${name} | ${Math.round(medianRps(rs)).toLocaleString('en')} req/s | p99 ${median(rs.map((r) => r.p99ms)).toFixed(1)} ms | ${Math.round(Math.max(...rs.map((r) => r.rssMb)))} MB |`;

export const stop = (child) =>
  new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', done);
    child.kill('SIGTERM');
  });

/** Signs up a bench account through the API; returns what auth.register answers (`accessToken`, `user`). */
export async function signUp(base, username) {
  const res = await fetch(`${base}/trpc/auth.register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${username}@example.com`, username, password: 'correct horse battery staple' }),
  });
  const data = (await res.json()).result?.data;
  if (!data?.accessToken) throw new Error(`sign-up failed (${res.status})`);
  return data;
}
