// Memory benchmark: the server's resident memory (VmRSS) idle after startup, and under a bounded load.
// Run: node tooling/bench/memory.mjs [runs=3] [loadSeconds=10]
// Starts `node apps/server/src/main.ts` as `npm start` does (same flags; embedded defaults: PGlite on disk in a fresh DATA_DIR,
// in-process worker, local storage), waits for /readyz, lets it settle, reads /proc/<pid>/status; then wrk -c50 on an
// anonymous database-backed call (tracks.list) for `loadSeconds`, sampling RSS, and reads it again after the load.
// With BENCH_DATABASE_URL (a PostgreSQL server URL) each run uses a fresh database created next to the named one.
// The server on every CPU as `npm start` runs it, wrk on CPU 1; median of `runs`. The global per-IP budget is off (wrk is one IP).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const RUNS = Number(process.argv[2] ?? 3);
const LOAD_SECONDS = Number(process.argv[3] ?? 10);
const SETTLE_MS = 10_000;
const PORT = 4396;
const ROOT = resolve(import.meta.dirname, '../..');
const POSTGRES = process.env.BENCH_DATABASE_URL;
const SERVER_DIR = join(ROOT, 'apps/server');

/**
 * The environment and Node flags of apps/server's `start` script (what `npm start` runs), e.g.
 * `NODE_COMPILE_CACHE=… node --liftoff-only src/main.ts`, so the benchmark measures the same process.
 * BENCH_NODE_ARGS replaces the flags (e.g. `BENCH_NODE_ARGS=' '` for none) to compare.
 */
function startCommand() {
  const words = JSON.parse(readFileSync(join(SERVER_DIR, 'package.json'), 'utf8')).scripts.start.split(/\s+/);
  const at = words.indexOf('node');
  const env = Object.fromEntries(words.slice(0, at).map((w) => w.split('=')).map(([k, v]) => [k, resolve(SERVER_DIR, v)]));
  const flags = process.env.BENCH_NODE_ARGS !== undefined ? process.env.BENCH_NODE_ARGS.split(' ').filter(Boolean) : words.slice(at + 1, -1);
  return { env, args: [...flags, join(SERVER_DIR, words.at(-1))] };
}

if (spawnSync('sh', ['-c', 'command -v wrk']).status !== 0) {
  if (process.getuid?.() !== 0) throw new Error('wrk is missing: sudo apt-get install -y wrk');
  execFileSync('apt-get', ['install', '-y', '-qq', 'wrk'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mb = (kb) => kb / 1024;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** VmRSS and VmHWM (peak) of a process, in kB. */
async function memory(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1]);
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** A fresh PostgreSQL database beside the one BENCH_DATABASE_URL names; dropped after the run. */
function freshPostgres(run) {
  const admin = new URL(POSTGRES);
  const name = `veza_membench_${process.pid}_${run}`;
  const psql = (sql) => execFileSync('psql', [admin.href, '-qAtc', sql], { stdio: ['ignore', 'ignore', 'inherit'] });
  psql(`create database ${name}`);
  const url = new URL(admin.href);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => psql(`drop database if exists ${name} with (force)`) };
}

async function waitReady(base, child) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it was ready`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {}
    await sleep(100);
  }
  throw new Error('the server did not become ready in 60 s');
}

async function oneRun(run) {
  const dataDir = await mkdtemp(join(tmpdir(), 'veza-memory-bench-'));
  const pg = POSTGRES ? freshPostgres(run) : null;
  // The real node binary (not a shell wrapper), so the pid is the server's.
  const start = startCommand();
  // Not pinned to a CPU: V8 sizes its compiler threads (and glibc their malloc arenas) by the CPUs it may use, so a
  // pinned server would show less memory than `npm start` holds.
  const server = spawn(process.execPath, start.args, {
    env: {
      ...process.env,
      ...start.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      DATABASE_URL: pg?.url ?? '',
      REDIS_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    await waitReady(base, server);
    const started = await memory(server.pid);
    await sleep(SETTLE_MS);
    const idle = await memory(server.pid);

    let loadedMax = 0;
    const sampler = setInterval(() => {
      memory(server.pid).then(({ rss }) => (loadedMax = Math.max(loadedMax, rss)), () => undefined);
    }, 200);
    const url = `${base}/trpc/tracks.list`;
    const out = execFileSync('taskset', ['-c', '1', 'wrk', '-t1', '-c50', `-d${LOAD_SECONDS}s`, url], { encoding: 'utf8' });
    clearInterval(sampler);
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
    const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
    if (non2xx > 0) throw new Error(`${non2xx} failed calls under load`);
    const loadedEnd = await memory(server.pid);
    await sleep(SETTLE_MS);
    const after = await memory(server.pid);
    return { startupPeak: started.peak, idle: idle.rss, loaded: Math.max(loadedMax, loadedEnd.rss), after: after.rss, peak: after.peak, rps };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
    pg?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const runs = [];
for (let i = 0; i < RUNS; i++) {
  const r = await oneRun(i);
  console.error(`run ${i + 1}: idle ${mb(r.idle).toFixed(0)} MB, loaded ${mb(r.loaded).toFixed(0)} MB, after ${mb(r.after).toFixed(0)} MB, peak ${mb(r.peak).toFixed(0)} MB, ${Math.round(r.rps)} req/s`);
  runs.push(r);
}
const med = (key) => `${mb(median(runs.map((r) => r[key]))).toFixed(0)} MB`;
const db = POSTGRES ? 'PostgreSQL' : 'PGlite (embedded)';
console.log(`\nServer RSS, ${db}, fresh DATA_DIR, median of ${RUNS} (server unpinned as npm start runs it, wrk -c50 on CPU 1)`);
console.log('| state | RSS |\n|---|---|');
console.log(`| startup peak (VmHWM at ready: initdb and migrations included) | ${med('startupPeak')} |`);
console.log(`| idle, ${SETTLE_MS / 1000} s after ready | ${med('idle')} |`);
console.log(`| under load: tracks.list anonymous, ${LOAD_SECONDS} s, ${Math.round(median(runs.map((r) => r.rps))).toLocaleString('en')} req/s (max sampled) | ${med('loaded')} |`);
console.log(`| idle again, ${SETTLE_MS / 1000} s after the load | ${med('after')} |`);
console.log(`| peak over the whole run (VmHWM) | ${med('peak')} |`);
