// Authenticated API benchmark: `auth.me` with a Bearer token (JWT check + live-session lookup + the user row)
// vs bare node:http answering the same JSON from memory, and vs Veza's own anonymous refusal of the same call
// (tRPC's pipeline and the UNAUTHORIZED answer, no database).
// Run: node tooling/bench/auth.mjs [runs=3] [seconds=8]
// Server and baseline on CPU 0, wrk on CPU 1, 50 connections, median of `runs`, the three loads interleaved in
// each run. Embedded database (PGlite) unless BENCH_DATABASE_URL names a PostgreSQL server (a fresh database is
// created on it and dropped afterwards).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureWrk, load, medianRps, row, startBare, signUp, startVeza, stop, waitUp } from './lib.mjs';

const RUNS = Number(process.argv[2] ?? 3);
const SECONDS = Number(process.argv[3] ?? 8);
const [OURS, BARE] = [4463, 4464];
const ADMIN_URL = process.env.BENCH_DATABASE_URL || '';

ensureWrk();
const work = await mkdtemp(join(tmpdir(), 'veza-auth-bench-'));
let admin = null;
let databaseUrl = '';
const name = `veza_bench_${randomBytes(4).toString('hex')}`;
if (ADMIN_URL) {
  admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
}

const children = [];
try {
  const ours = startVeza({ port: OURS, dataDir: work, databaseUrl });
  children.push(ours);
  const base = `http://127.0.0.1:${OURS}`;
  await waitUp(`${base}/healthz`, ours);

  // A real account and its access token.
  const token = (await signUp(base, 'bench')).accessToken;
  const meBody = await (await fetch(`${base}/trpc/auth.me`, { headers: { authorization: `Bearer ${token}` } })).text();
  if (!meBody.includes('"username":"bench"')) throw new Error(`auth.me did not answer: ${meBody}`);

  // Baseline: bare node:http sending the same answer from memory (no token check, no database).
  const bareSource = join(work, 'bare.mjs');
  await writeFile(
    bareSource,
    `import { createServer } from 'node:http';\nconst body = ${JSON.stringify(meBody)};\ncreateServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(body); }).listen(${BARE}, '127.0.0.1');\n`,
  );
  const bare = startBare(bareSource);
  children.push(bare);
  await waitUp(`http://127.0.0.1:${BARE}/`, bare);

  const results = { bare: [], authed: [], anonymous: [] };
  for (let i = 0; i < RUNS; i++) {
    results.bare.push(load(`http://127.0.0.1:${BARE}/trpc/auth.me`, { seconds: SECONDS, pid: bare.pid }));
    const authed = load(`${base}/trpc/auth.me`, { seconds: SECONDS, pid: ours.pid, headers: { authorization: `Bearer ${token}` } });
    if (authed.non2xx > 0) throw new Error(`${authed.non2xx} failed authenticated calls`);
    results.authed.push(authed);
    results.anonymous.push(load(`${base}/trpc/auth.me`, { seconds: SECONDS, pid: ours.pid }));
  }
  const db = ADMIN_URL ? 'PostgreSQL' : 'PGlite';
  console.log(`\nauth.me over HTTP, wrk -c50 ${SECONDS}s, server on CPU 0, wrk on CPU 1, ${db}, median of ${RUNS} (interleaved)`);
  console.log('| server | throughput | latency | RSS after |\n|---|---|---|---|');
  console.log(row('bare node:http, same JSON from memory', results.bare));
  console.log(row('Veza auth.me, anonymous (refused, no database)', results.anonymous));
  console.log(row('Veza auth.me, Bearer token (JWT + live session + user)', results.authed));
  const ratio = (rs) => (medianRps(rs) / medianRps(results.bare)).toFixed(2);
  console.log(`\nratio vs bare node:http: authenticated ${ratio(results.authed)}×, anonymous ${ratio(results.anonymous)}×`);
} finally {
  for (const child of children) await stop(child);
  if (admin) {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
  await rm(work, { recursive: true, force: true });
}
