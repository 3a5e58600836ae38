// Authenticated API benchmark: `auth.me` with a Bearer token (JWT check + live-session lookup + the user row)
// vs bare node:http answering the same JSON from memory, and vs Veza's own anonymous refusal of the same call.
// Run: node tooling/bench/auth.mjs [runs=3] [seconds=8]
// Server and baseline on CPU 0, wrk on CPU 1, 50 connections, median of `runs`. Embedded database (PGlite) unless
// BENCH_DATABASE_URL names a PostgreSQL database. The global per-IP budget is off (RATE_LIMIT_PER_MINUTE=0):
// wrk is one IP.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const RUNS = Number(process.argv[2] ?? 3);
const SECONDS = Number(process.argv[3] ?? 8);
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const ROOT = resolve(import.meta.dirname, '../..');
const [OURS, BARE] = [4394, 4395];

if (spawnSync('sh', ['-c', 'command -v wrk']).status !== 0) {
  if (process.getuid?.() !== 0) throw new Error('wrk is missing: sudo apt-get install -y wrk');
  execFileSync('apt-get', ['install', '-y', '-qq', 'wrk'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const work = await mkdtemp(join(tmpdir(), 'veza-auth-bench-'));
const wait = async (url) => {
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(url);
      return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not up: ${url}`);
};

const ours = spawn('taskset', ['-c', '0', process.execPath, join(ROOT, 'apps/server/src/main.ts')], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(OURS),
    HOST: '127.0.0.1',
    DATA_DIR: work,
    JWT_SECRET: SECRET,
    LOG_LEVEL: 'warn',
    WORKER_IN_PROCESS: 'false',
    RATE_LIMIT_PER_MINUTE: '0',
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '',
    REDIS_URL: '',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${OURS}`;
await wait(`${base}/healthz`);

// A real account and its access token.
const registered = await fetch(`${base}/trpc/auth.register`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'bench@example.com', username: 'bench', password: 'correct horse battery staple' }),
});
const token = (await registered.json()).result?.data?.accessToken;
if (!token) throw new Error(`sign-up failed (${registered.status})`);
const meBody = await (await fetch(`${base}/trpc/auth.me`, { headers: { authorization: `Bearer ${token}` } })).text();
if (!meBody.includes('"username":"bench"')) throw new Error(`auth.me did not answer: ${meBody}`);

// Baseline: bare node:http sending the same answer from memory (no token check, no database).
const bareSource = join(work, 'bare.mjs');
await writeFile(
  bareSource,
  `import { createServer } from 'node:http';\nconst body = ${JSON.stringify(meBody)};\ncreateServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(body); }).listen(${BARE}, '127.0.0.1');\n`,
);
const bare = spawn('taskset', ['-c', '0', process.execPath, bareSource], { stdio: 'inherit' });
await wait(`http://127.0.0.1:${BARE}/`);

function load(url, headers = {}) {
  const args = ['-c', '1', 'wrk', '-t1', '-c50', `-d${SECONDS}s`, '--latency', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), url];
  const out = execFileSync('taskset', args, { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  return { rps, p99ms: p99 ? Number(p99[1]) * { us: 0.001, ms: 1, s: 1000 }[p99[2]] : NaN, non2xx };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = { bare: [], authed: [], anonymous: [] };
try {
  for (let i = 0; i < RUNS; i++) {
    results.bare.push(load(`http://127.0.0.1:${BARE}/trpc/auth.me`));
    const authed = load(`${base}/trpc/auth.me`, { authorization: `Bearer ${token}` });
    if (authed.non2xx > 0) throw new Error(`${authed.non2xx} failed authenticated calls`);
    results.authed.push(authed);
    // The same procedure without a token: tRPC's pipeline and the refusal, no database.
    results.anonymous.push(load(`${base}/trpc/auth.me`));
  }
} finally {
  ours.kill('SIGTERM');
  bare.kill('SIGTERM');
}
const rps = (rs) => median(rs.map((r) => r.rps));
const row = (name, rs) => `| ${name} | ${Math.round(rps(rs)).toLocaleString('en')} req/s | p99 ${median(rs.map((r) => r.p99ms)).toFixed(1)} ms |`;
const db = process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
console.log(`\nauth.me over HTTP, wrk -c50 ${SECONDS}s, server on CPU 0, wrk on CPU 1, ${db}, median of ${RUNS}`);
console.log('| server | throughput | latency |\n|---|---|---|');
console.log(row('bare node:http, same JSON from memory', results.bare));
console.log(row('Veza auth.me, anonymous (refused before the database)', results.anonymous));
console.log(row('Veza auth.me, Bearer token (JWT + live session + user)', results.authed));
console.log(`\nratio vs bare node:http: authenticated ${(rps(results.authed) / rps(results.bare)).toFixed(2)}×, anonymous ${(rps(results.anonymous) / rps(results.bare)).toFixed(2)}×`);
await new Promise((r) => setTimeout(r, 500));
await rm(work, { recursive: true, force: true });
