// WebSocket benchmark: 1,000 signed-in clients subscribed to `notifications.onEvent` over tRPC's WebSocket protocol,
// one event per socket per second. Reports the server's resident memory per socket and the events lost.
// Run: node tooling/bench/ws.mjs [sockets=1000] [seconds=20] [runs=3]
// The server runs as `npm start` does (apps/server's start script), on the embedded database, with REDIS_URL (default
// redis://127.0.0.1:6379, or BENCH_REDIS_URL) so this process can publish events on the bus the server listens to:
// they take the same path as a like's notification (bus -> subscription -> tRPC frame). Server on CPU 0, the clients
// in a separate process on CPU 1. Users: 10, each with sockets/10 connections (one access token per user).
// Each client checks it received every event published after all sockets were subscribed, by id, once and in order.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SERVER_DIR = join(ROOT, 'apps/server');
const requireFrom = (pkg) => createRequire(join(ROOT, pkg, 'package.json'));
const WebSocket = requireFrom('apps/server')('ws');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (process.argv[2] === '--client') await runClients();
else await runDriver();

// ---------------------------------------------------------------- client process (CPU 1)

/** Opens the sockets, subscribes each, records the event ids each one receives; answers the driver over IPC. */
async function runClients() {
  const { url, tokens, perUser } = JSON.parse(process.env.WS_BENCH_CLIENTS);
  const clients = [];
  let failures = 0;
  const open = (token) =>
    new Promise((resolveOpen) => {
      const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` }, perMessageDeflate: false });
      const client = { ws, token, ids: [], started: false, closed: false };
      ws.on('message', (data) => {
        const text = data.toString();
        if (text === 'PING') return ws.send('PONG');
        const msg = JSON.parse(text);
        if (msg.error) {
          failures++;
          process.stderr.write(`subscription error: ${JSON.stringify(msg.error)}\n`);
        } else if (msg.result?.type === 'started') {
          client.started = true;
          resolveOpen(client);
        } else if (msg.result?.type === 'data') client.ids.push(Number(msg.result.id));
      });
      ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'notifications.onEvent', input: {} } })));
      ws.on('close', () => {
        client.closed = true;
        resolveOpen(client);
      });
      ws.on('error', () => undefined);
    });
  // In batches, as a crowd of browsers would arrive (not 1,000 upgrades in the same millisecond).
  for (let u = 0; u < tokens.length; u++) {
    for (let i = 0; i < perUser; i += 50) {
      const batch = await Promise.all(Array.from({ length: Math.min(50, perUser - i) }, () => open(tokens[u])));
      for (const c of batch) clients.push({ user: u, client: c });
    }
  }
  const subscribed = clients.filter((c) => c.client.started && !c.client.closed).length;
  process.send({ type: 'ready', subscribed, failures });
  process.on('message', (msg) => {
    if (msg.type !== 'check') return;
    // Every socket must have every id in [first, last] of its user, once, in order (ids before `first` may be
    // warm-up events that raced the subscription: ignored).
    let lost = 0;
    let duplicated = 0;
    let disordered = 0;
    let closed = 0;
    const lostBy = new Map();
    for (const { client, user } of clients) {
      if (client.closed) closed++;
      const ids = client.ids.filter((id) => id >= msg.first[user]);
      const seen = new Set(ids);
      duplicated += ids.length - seen.size;
      for (let i = 1; i < ids.length; i++) if (ids[i] <= ids[i - 1]) disordered++;
      const missing = [];
      for (let id = msg.first[user]; id <= msg.last[user]; id++) if (!seen.has(id)) missing.push(id);
      lost += missing.length;
      if (missing.length > 0) {
        const key = `user ${user}: ${missing.length === 1 + msg.last[user] - msg.first[user] ? 'every event' : `ids ${missing.join(',')}`}`;
        lostBy.set(key, (lostBy.get(key) ?? 0) + 1);
      }
    }
    for (const [what, sockets] of lostBy) process.stderr.write(`lost on ${sockets} socket(s) of ${what}\n`);
    process.send({ type: 'result', lost, duplicated, disordered, closed });
  });
  process.on('disconnect', () => {
    for (const { client } of clients) client.ws.terminate();
    process.exit(0);
  });
}

// ---------------------------------------------------------------- driver (this process)

/** The environment and Node flags of apps/server's `start` script (what `npm start` runs). */
function startCommand() {
  const words = JSON.parse(readFileSync(join(SERVER_DIR, 'package.json'), 'utf8')).scripts.start.split(/\s+/);
  const at = words.indexOf('node');
  const env = Object.fromEntries(words.slice(0, at).map((w) => w.split('=')).map(([k, v]) => [k, resolve(SERVER_DIR, v)]));
  const flags = process.env.BENCH_NODE_ARGS !== undefined ? process.env.BENCH_NODE_ARGS.split(' ').filter(Boolean) : words.slice(at + 1, -1);
  return { env, args: [...flags, join(SERVER_DIR, words.at(-1))] };
}

async function rssKb(pid) {
  return Number(/VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

async function runDriver() {
  const SOCKETS = Number(process.argv[2] ?? 1000);
  const SECONDS = Number(process.argv[3] ?? 20);
  const RUNS = Number(process.argv[4] ?? 3);
  const results = [];
  for (let run = 0; run < RUNS; run++) {
    const r = await oneRun(SOCKETS, SECONDS, run);
    console.error(`run ${run + 1}: ${r.perSocketKb.toFixed(1)} KB per socket (${(r.before / 1024).toFixed(0)} -> ${(r.with / 1024).toFixed(0)} MB), ${r.lost} lost, ${r.delivered} delivered`);
    results.push(r);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const r = results[results.findIndex((x) => x.perSocketKb === median(results.map((y) => y.perSocketKb)))];
  console.log(`\n${SOCKETS} WebSocket clients on notifications.onEvent, one event per socket per second for ${SECONDS} s, median of ${RUNS}`);
  console.log('| what | value |\n|---|---|');
  console.log(`| server RSS before the sockets / with them | ${(r.before / 1024).toFixed(0)} MB / ${(r.with / 1024).toFixed(0)} MB |`);
  console.log(`| RSS per socket (with − before) / ${SOCKETS} | ${r.perSocketKb.toFixed(1)} KB |`);
  console.log(`| events delivered / lost / duplicated / out of order | ${r.delivered} / ${r.lost} / ${r.duplicated} / ${r.disordered} |`);
  console.log(`| sockets subscribed / closed by the server | ${r.subscribed} / ${r.closed} |`);
}

async function oneRun(SOCKETS, SECONDS, run) {
  const USERS = 10;
  const PORT = 4397;
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const { Redis } = requireFrom('packages/bus')('ioredis');
  const redis = new Redis(redisUrl);
  const dataDir = await mkdtemp(join(tmpdir(), 'veza-ws-bench-'));
  const start = startCommand();
  const server = spawn('taskset', ['-c', '0', process.execPath, ...start.args], {
    env: {
      ...process.env,
      ...start.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      REDIS_URL: redisUrl,
      DATABASE_URL: '',
      // Sign-up limits per IP are kept in Redis across runs: each run signs up from its own (forwarded) address.
      TRUST_PROXY: 'true',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${PORT}`;
  let clients;
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
      if (i > 600) throw new Error('the server did not become ready in 60 s');
      const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
      if (ok) break;
      await sleep(100);
    }
    // Accounts: one access token per user, shared by that user's sockets (the same session on many tabs).
    const tag = `${process.pid}${run}`;
    const users = [];
    for (let u = 0; u < USERS; u++) {
      const res = await fetch(`${base}/trpc/auth.register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${run}.${(process.pid >> 8) & 255}.${process.pid & 255}` },
        body: JSON.stringify({ email: `ws${tag}x${u}@example.com`, username: `ws${tag}x${u}`, password: 'correct horse battery staple' }),
      });
      const data = (await res.json()).result?.data;
      if (!data?.accessToken) throw new Error(`sign-up failed (${res.status})`);
      users.push({ token: data.accessToken, id: data.user?.id ?? JSON.parse(Buffer.from(data.accessToken.split('.')[1], 'base64url')).sub });
    }
    const nextId = users.map(() => 1);
    const publishAll = async () => {
      for (let u = 0; u < USERS; u++) {
        const id = nextId[u]++;
        const event = {
          type: 'track.liked',
          id: String(id),
          createdAt: new Date().toISOString(),
          actor: { id: users[(u + 1) % USERS].id, username: 'bench', displayName: null },
          track: { id: '1', title: 'Benchmark' },
        };
        await redis.publish(`notifications:${users[u].id}`, JSON.stringify(event));
      }
    };

    // Warm-up: a few sockets and events, so code paths are compiled and pools sized before the baseline.
    const warm = await startClients(`ws://127.0.0.1:${PORT}/trpc`, users, 2);
    for (let i = 0; i < 3; i++) {
      await publishAll();
      await sleep(200);
    }
    warm.disconnect();
    await sleep(5_000);
    const before = await rssKb(server.pid);

    clients = await startClients(`ws://127.0.0.1:${PORT}/trpc`, users, SOCKETS / USERS);
    if (clients.ready.subscribed !== SOCKETS) throw new Error(`only ${clients.ready.subscribed} of ${SOCKETS} sockets subscribed`);
    await sleep(1_000);
    const first = [...nextId];
    for (let s = 0; s < SECONDS; s++) {
      const tick = Date.now();
      await publishAll();
      await sleep(Math.max(0, 1000 - (Date.now() - tick)));
    }
    const last = nextId.map((n) => n - 1);
    await sleep(2_000);
    const withSockets = await rssKb(server.pid);
    const check = await clients.ask({ type: 'check', first, last });
    return {
      before,
      with: withSockets,
      perSocketKb: (withSockets - before) / SOCKETS,
      delivered: SOCKETS * SECONDS - check.lost,
      subscribed: clients.ready.subscribed,
      ...check,
    };
  } finally {
    clients?.disconnect();
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
    redis.disconnect();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Starts the client process on CPU 1 with `perUser` sockets per user; resolves once all are subscribed. */
async function startClients(url, users, perUser) {
  const child = spawn('taskset', ['-c', '1', process.execPath, import.meta.filename, '--client'], {
    env: { ...process.env, WS_BENCH_CLIENTS: JSON.stringify({ url, tokens: users.map((u) => u.token), perUser }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type) =>
    new Promise((resolveMsg, reject) => {
      const onMessage = (msg) => {
        if (msg.type !== type) return;
        child.off('message', onMessage);
        resolveMsg(msg);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`the client process exited (${code})`)));
    });
  const ready = await next('ready');
  return {
    ready,
    ask: (msg) => {
      const answer = next('result');
      child.send(msg);
      return answer;
    },
    disconnect: () => {
      if (child.connected) child.disconnect();
    },
  };
}

