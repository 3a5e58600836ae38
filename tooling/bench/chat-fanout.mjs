// Chat fan-out benchmark (issue 10, "Measure"): one room, 1,000 WebSocket clients subscribed to `chat.onRoom` over
// tRPC's WebSocket protocol, messages sent through `chat.messages.send` at a steady rate (50, then 100 msg/s). Beside
// it, a bare `ws` server in the same harness broadcasting the same payload (a tRPC data frame carrying the same
// message) to 1,000 sockets at the same rates. Reports deliveries/s, send → delivered p50/p99, lost / duplicated /
// out-of-order per client (by seq), and the server's RSS per socket; median of `runs`, with ratios to bare `ws`.
// Then the cross-instance part: two servers on PostgreSQL + Redis, a message sent on A reaching a subscriber on B, p99.
// Run: node tooling/bench/chat-fanout.mjs [sockets=1000] [seconds=10] [runs=3]
//   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres: a fresh database is created next to it)
//   and BENCH_REDIS_URL (default redis://127.0.0.1:6379) for the cross-instance part; BENCH_CROSS=0 skips it, BENCH_CROSS=only runs it alone.
//   Diagnostics: BENCH_ONLY=veza|bare runs one side; BENCH_NODE_ARGS replaces the start script's Node flags (both
//   servers); BENCH_SERVER_STDOUT=1 shows the server's output (e.g. --trace-gc); BENCH_TIMELINE=1 prints, per phase,
//   each message whose slowest delivery took over 60 ms with its first and last delivery's latency (a stall shows as
//   consecutive messages whose first deliveries all came at once).
// The server runs as `npm start` does (apps/server's start script) on CPU 0, on the embedded database (PGlite) with the
// in-process bus; the clients in a separate process on CPU 1, the sender in this process. Senders: 100 accounts, each
// sending at most one message per second (the per-user, per-room send limit), their sockets the subscribers
// (sockets/100 each). Every message's body carries its send time: latency is send → delivered, on one clock.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SERVER_DIR = join(ROOT, 'apps/server');
const requireFrom = (pkg) => createRequire(join(ROOT, pkg, 'package.json'));
const WebSocket = requireFrom('apps/server')('ws');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => (xs.length === 0 ? Number.NaN : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
const RATES = [50, 100];
/** Accounts holding the sockets (sockets/USERS each, one access token per account, like tabs of one session). */
const USERS = 10;
const CROSS_RATE = 10;
/** The real server listens on PORT, the bare one on PORT + 1 (BENCH_PORT, default 4571). */
const PORT = Number(process.env.BENCH_PORT || 4571);
const BODY_PAD = ' '.repeat(60) + 'a message of ordinary length, as musicians write them in a busy room';

// ---------------------------------------------------------------- client process (CPU 1)

/**
 * Opens the sockets and subscribes each to the room (tRPC's WebSocket protocol: the bare server speaks the same
 * frames); records the seq of every message each socket receives, and every delivery's latency.
 */
async function runClients() {
  const { url, tokens, perUser, roomId } = JSON.parse(process.env.FANOUT_CLIENTS);
  process.on('uncaughtException', (error) => {
    process.stderr.write(`client process: ${error.stack}\n`);
    process.exit(1);
  });
  const clients = [];
  let failures = 0;
  /** Every delivery: its seq, latency (ms) and time; split by phase (a seq range the driver announces) at the check. */
  const deliveries = { seq: [], latency: [], at: [] };
  /** Deliveries per seq (all sockets). */
  const bySeq = [];
  /** The integer written in `buf` from `at` (digits only). */
  const intAt = (buf, at) => {
    let n = 0;
    for (let i = at; i < buf.length; i++) {
      const d = buf[i] - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    return n;
  };
  // The server is measured, not this process: data frames are probed for the two numbers needed (the message's seq,
  // its send time) without parsing them in full, so one core keeps up with both servers at these rates. Other
  // frames (started, errors) are parsed.
  const SEQ = Buffer.from('"seq":');
  const SENT = Buffer.from('"body":"t=');
  const CREATED = Buffer.from('"type":"message.created"');
  const onData = (client, buf) => {
    if (buf.includes(CREATED)) {
      const now = Date.now();
      const seq = intAt(buf, buf.indexOf(SEQ) + SEQ.length);
      client.seqs.push(seq);
      bySeq[seq] = (bySeq[seq] ?? 0) + 1;
      deliveries.seq.push(seq);
      deliveries.latency.push(now - intAt(buf, buf.indexOf(SENT) + SENT.length));
      deliveries.at.push(now);
      return;
    }
    const text = buf.toString();
    if (text === 'PING') return client.ws.send('PONG');
    const msg = JSON.parse(text);
    if (msg.error) {
      failures++;
      process.stderr.write(`subscription error: ${JSON.stringify(msg.error)}\n`);
      return;
    }
    if (msg.result?.type === 'started') client.resolve(client);
  };
  const open = (token) =>
    new Promise((resolveOpen) => {
      const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` }, perMessageDeflate: false });
      const client = { ws, seqs: [], closed: false, resolve: resolveOpen };
      ws.on('message', (data) => onData(client, data));
      ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'chat.onRoom', input: { roomId } } })));
      ws.on('close', () => {
        client.closed = true;
        resolveOpen(client);
      });
      ws.on('error', () => undefined);
    });
  // In batches, as a crowd of browsers would arrive.
  for (const token of tokens) {
    for (let i = 0; i < perUser; i += 50) clients.push(...(await Promise.all(Array.from({ length: Math.min(50, perUser - i) }, () => open(token)))));
  }
  const subscribed = clients.filter((c) => !c.closed).length;
  process.send({ type: 'ready', subscribed, failures });
  process.on('message', (msg) => {
    if (msg.type === 'count') {
      // Deliveries so far in a seq range (the driver waits for the tail to drain).
      let n = 0;
      for (let s = msg.first; s <= msg.last; s++) n += bySeq[s] ?? 0;
      return process.send({ type: 'count-result', n });
    }
    if (msg.type !== 'check') return;
    // Per socket: every seq of each phase, once, in increasing order.
    const results = msg.phases.map((phase) => {
      let lost = 0;
      let duplicated = 0;
      let disordered = 0;
      let delivered = 0;
      for (const c of clients) {
        const seqs = c.seqs.filter((s) => s >= phase.first && s <= phase.last);
        delivered += seqs.length;
        const seen = new Set(seqs);
        duplicated += seqs.length - seen.size;
        for (let i = 1; i < seqs.length; i++) if (seqs[i] <= seqs[i - 1]) disordered++;
        for (let s = phase.first; s <= phase.last; s++) if (!seen.has(s)) lost++;
      }
      const latencies = [];
      let lastAt = 0;
      for (let i = 0; i < deliveries.seq.length; i++) {
        const s = deliveries.seq[i];
        if (s < phase.first || s > phase.last) continue;
        latencies.push(deliveries.latency[i]);
        if (deliveries.at[i] > lastAt) lastAt = deliveries.at[i];
      }
      if (process.env.BENCH_TIMELINE) {
        // Where the slow deliveries are: per seq, the first and last delivery's latency (stderr).
        const span = new Map();
        for (let i = 0; i < deliveries.seq.length; i++) {
          const s = deliveries.seq[i];
          if (s < phase.first || s > phase.last) continue;
          const [lo, hi] = span.get(s) ?? [Infinity, 0];
          span.set(s, [Math.min(lo, deliveries.latency[i]), Math.max(hi, deliveries.latency[i])]);
        }
        const line = [...span].sort((a, b) => a[0] - b[0]).filter(([, [, hi]]) => hi > 60).map(([s, [lo, hi]]) => `${s}:${lo}-${hi}`);
        process.stderr.write(`phase ${phase.rate}: ${line.length} seqs with a delivery > 60 ms: ${line.join(' ')}\n`);
      }
      const sorted = Float64Array.from(latencies).sort();
      const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
      return { rate: phase.rate, delivered, lost, duplicated, disordered, p50: at(0.5), p99: at(0.99), lastAt };
    });
    process.send({ type: 'check-result', results, closed: clients.filter((c) => c.closed).length, failures });
  });
  process.on('disconnect', () => {
    for (const c of clients) c.ws.terminate();
    process.exit(0);
  });
}

// ---------------------------------------------------------------- bare baseline server (CPU 0)

/**
 * Bare `ws`: answers a subscription with tRPC's `started` frame; follows a Redis channel like the real server's room
 * hub and, for each message published there, makes the same tRPC data frame, serialises it once and sends it to
 * every socket.
 */
async function runBare() {
  const port = Number(process.env.PORT);
  const { WebSocketServer } = requireFrom('apps/server')('ws');
  const { Redis } = requireFrom('packages/bus')('ioredis');
  const sub = new Redis(process.env.BARE_REDIS_URL);
  await sub.subscribe(process.env.BARE_CHANNEL);
  sub.on('message', (_channel, raw) => {
    const event = JSON.parse(raw);
    const id = `m:${event.message.seq}`;
    const frame = JSON.stringify({ id: 1, result: { type: 'data', id, data: { id, data: event } } });
    for (const socket of wss.clients) socket.send(frame);
  });
  const server = createServer((_req, res) => res.writeHead(200).end('ok'));
  const wss = new WebSocketServer({ server, path: '/trpc', perMessageDeflate: false });
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      if (msg.method === 'subscription') socket.send(JSON.stringify({ id: msg.id, result: { type: 'started' } }));
    });
  });
  server.listen(port, '127.0.0.1');
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

/** CPU time the process has used (user + system), in ms: robust to other load on the machine, unlike wall time. */
async function cpuMs(pid) {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).replace(/^.*\) /, '').split(' ');
  // utime and stime are fields 14 and 15 of the line (11 and 12 after the command), in clock ticks (100 per second).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Waits until each process has used under 10 % of a core over two consecutive 250 ms windows (30 s at most): the work
 * that subscribing started (each subscription reads the room and its newest seq from the database, after tRPC has
 * already acknowledged it) is over, so the phases measure delivery, not set-up. Returns the time it took.
 */
async function settled(pids) {
  const t0 = Date.now();
  let quiet = 0;
  while (quiet < 2 && Date.now() - t0 < 30_000) {
    const before = await Promise.all(pids.map(cpuMs));
    await sleep(250);
    const after = await Promise.all(pids.map(cpuMs));
    quiet = after.every((ms, i) => ms - before[i] < 25) ? quiet + 1 : 0;
  }
  return Date.now() - t0;
}

async function rssKb(pid) {
  return Number(/VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

function startVeza({ port, dataDir, databaseUrl = '', redisUrl = '', cpu = '0', jwtSecret }) {
  const start = startCommand();
  return spawn('taskset', ['-c', cpu, process.execPath, ...start.args], {
    env: {
      ...process.env,
      ...start.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      REDIS_URL: redisUrl,
      DATABASE_URL: databaseUrl,
      SHUTDOWN_DRAIN_SECONDS: '0',
      // Instances behind one load balancer share the token secret (each would otherwise generate its own).
      ...(jwtSecret ? { JWT_SECRET: jwtSecret } : {}),
      // Sign-up limits per IP: each account signs up from its own (forwarded) address.
      TRUST_PROXY: 'true',
    },
    // BENCH_SERVER_STDOUT=1 shows the server's standard output (e.g. --trace-gc in BENCH_NODE_ARGS).
    stdio: ['ignore', process.env.BENCH_SERVER_STDOUT ? 'inherit' : 'ignore', 'inherit'],
  });
}

async function waitReady(base, server) {
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    if (i > 1200) throw new Error('the server did not become ready in 120 s');
    if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) return;
    await sleep(100);
  }
}

/** SIGTERM, then SIGKILL if the process is still there 15 s later (a drain that does not end must not hang the run). */
const stopProcess = (child) =>
  new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });

async function call(base, path, token, input) {
  const res = await fetch(`${base}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json.error?.message ?? json)}`);
  return json.result.data;
}

/**
 * `count` accounts, signed up in parallel batches. Sign-up limits per IP are kept in Redis across runs: each run signs
 * up from its own (forwarded) address.
 */
async function signUpMany(base, count, tag, run = 0) {
  const users = [];
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, async (_, j) => {
      const n = i + j;
      const res = await fetch(`${base}/trpc/auth.register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${run & 255}.${(process.pid >> 8) & 255}.${process.pid & 255}` },
        body: JSON.stringify({ email: `fo${tag}x${n}@example.com`, username: `fo${tag}x${n}`, password: 'correct horse battery staple' }),
      });
      const json = await res.json();
      if (!json.result?.data?.accessToken) throw new Error(`sign-up failed (${res.status}): ${json.error?.message}`);
      return json.result.data.accessToken;
    });
    users.push(...(await Promise.all(batch)));
  }
  return users;
}

/** Starts the client process on CPU 1; resolves once every socket is subscribed (or closed). */
async function startClients(env) {
  const child = spawn('taskset', ['-c', '1', process.execPath, import.meta.filename, '--client'], {
    env: { ...process.env, FANOUT_CLIENTS: JSON.stringify(env) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type) =>
    new Promise((resolveMsg, reject) => {
      const onExit = (code) => reject(new Error(`the client process exited (${code})`));
      const onMessage = (msg) => {
        if (msg.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolveMsg(msg);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next('ready');
  return {
    ready,
    pid: child.pid,
    ask: (msg, answer) => {
      if (child.exitCode !== null || !child.connected) return Promise.reject(new Error(`the client process is gone (${child.exitCode})`));
      const reply = next(answer);
      child.send(msg);
      return reply;
    },
    disconnect: () => {
      if (child.connected) child.disconnect();
    },
  };
}

/**
 * Sends `rate` messages per second for `seconds` at a steady pace (each send scheduled on its own tick, not waiting
 * for the previous answer); `send(i, body)` resolves to the message's seq. Returns the seq range sent and the failures.
 */
async function sendAtRate({ send, rate, seconds }) {
  const total = rate * seconds;
  const started = Date.now();
  const pending = [];
  let failed = 0;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    const body = `t=${Date.now()} #${i}${BODY_PAD}`;
    pending.push(
      Promise.resolve(send(i, body)).then(
        (seq) => seq,
        (error) => {
          if (failed++ < 3) process.stderr.write(`send failed: ${error.message}\n`);
          return null;
        },
      ),
    );
  }
  const seqs = (await Promise.all(pending)).filter((s) => s !== null);
  return { started, first: Math.min(...seqs), last: Math.max(...seqs), sent: seqs.length, failed };
}

/** A message as chat.messages.send publishes it (`template`: the shape of a real one), with its seq and body. */
const messageLike = (template, roomId, seq, body) => ({
  ...template,
  id: randomUUID(),
  seq,
  roomId,
  body,
  clientMessageId: randomUUID(),
  createdAt: new Date().toISOString(),
});

/** The shape of a message DTO, taken from a real send (used for the bare server's run too). */
let template = null;

/**
 * One run against one server (`kind`: veza or bare): warm-up, RSS before, the sockets subscribed, RSS with them, then
 * each rate in turn on the same sockets; RSS after the load; every client checked. Messages are published on the
 * room's Redis channel, as chat.messages.send does after its commit: this measures the fan-out (bus → subscribers →
 * sockets), not the database write, which both servers would need alike.
 */
async function oneRun(kind, { sockets, seconds, run, redis, redisUrl }) {
  const t0 = Date.now();
  const step = (what) => process.stderr.write(`  ${kind} run ${run + 1}, ${((Date.now() - t0) / 1000).toFixed(0)} s: ${what}\n`);
  const port = PORT + (kind === 'veza' ? 0 : 1);
  const base = `http://127.0.0.1:${port}`;
  const url = `ws://127.0.0.1:${port}/trpc`;
  const dataDir = await mkdtemp(join(tmpdir(), 'veza-fanout-bench-'));
  const bareChannel = `fanout-bare:${randomUUID()}`;
  const server =
    kind === 'veza'
      ? startVeza({ port, dataDir, redisUrl })
      : // The bare server runs with the same Node flags as the real one (apps/server's start script), on the same CPU.
        spawn('taskset', ['-c', '0', process.execPath, ...startCommand().args.slice(0, -1), import.meta.filename, '--bare'], {
          env: { ...process.env, PORT: String(port), BARE_REDIS_URL: redisUrl, BARE_CHANNEL: bareChannel },
          stdio: ['ignore', 'inherit', 'inherit'],
        });
  let clients;
  let warm;
  try {
    await waitReady(base, server);
    step('server ready');
    let tokens;
    let roomId;
    let warmRoom;
    if (kind === 'veza') {
      tokens = await signUpMany(base, USERS, `${process.pid}${run}`, run);
      roomId = (await call(base, 'chat.rooms.create', tokens[0], { name: 'Fan-out', visibility: 'public' })).id;
      warmRoom = (await call(base, 'chat.rooms.create', tokens[0], { name: 'Warm-up', visibility: 'public' })).id;
      template ??= await call(base, 'chat.messages.send', tokens[0], { roomId: warmRoom, body: 'template', clientMessageId: randomUUID() });
    } else {
      tokens = Array.from({ length: USERS }, () => 'bare');
      roomId = warmRoom = 'bare';
    }
    template ??= { id: '', seq: 0, roomId: '', author: { id: randomUUID(), username: 'bench', displayName: null }, body: '', clientMessageId: '', createdAt: '', editedAt: null, deletedAt: null, replyTo: null };
    step('accounts and room ready');
    const channelOf = (room) => (kind === 'veza' ? `chat-room:${room}` : bareChannel);
    const publish = (room, seq, body) => redis.publish(channelOf(room), JSON.stringify({ type: 'message.created', message: messageLike(template, room, seq, body) })).then(() => seq);

    // Warm-up: a few sockets and messages (code compiled, pools sized) before the baseline RSS. The warm-up room's
    // seqs start after the template message.
    warm = await startClients({ url, tokens, perUser: 2, roomId: warmRoom });
    for (let i = 0; i < 100; i++) {
      await publish(warmRoom, i + 2, `t=${Date.now()} warm-up`);
      await sleep(5);
    }
    await sleep(500);
    warm.disconnect();
    await sleep(3_000);
    const before = await rssKb(server.pid);
    step('warmed up');

    clients = await startClients({ url, tokens, perUser: sockets / tokens.length, roomId });
    if (clients.ready.subscribed !== sockets) throw new Error(`only ${clients.ready.subscribed} of ${sockets} sockets subscribed`);
    const settleMs = await settled([server.pid, clients.pid]);
    const withSockets = await rssKb(server.pid);
    step(`${sockets} sockets subscribed, server and clients settled after ${settleMs} ms`);

    const phases = [];
    let nextSeq = 1;
    for (const rate of RATES) {
      const first = nextSeq;
      const cpuBefore = await cpuMs(server.pid);
      const sent = await sendAtRate({ send: (i, body) => publish(roomId, first + i, body), rate, seconds });
      nextSeq = sent.last + 1;
      phases.push({ rate, ...sent });
      // Let the tail drain: until every socket has every message of the phase, or nothing more arrived for 5 s (60 s
      // at most).
      const expected = sockets * (sent.last - sent.first + 1);
      for (let seen = -1, still = 0, polls = 0; still < 50 && polls < 600; polls++) {
        const { n } = await clients.ask({ type: 'count', first: sent.first, last: sent.last }, 'count-result');
        if (n >= expected) break;
        still = n === seen ? still + 1 : 0;
        seen = n;
        await sleep(100);
      }
      phases.at(-1).cpuMs = (await cpuMs(server.pid)) - cpuBefore;
      step(`${rate} msg/s sent and drained`);
    }
    const after = await rssKb(server.pid);
    const check = await clients.ask({ type: 'check', phases }, 'check-result');
    return {
      before,
      withSockets,
      after,
      perSocketKb: (withSockets - before) / sockets,
      perSocketAfterKb: (after - before) / sockets,
      closed: check.closed,
      failures: check.failures,
      phases: phases.map((p, i) => {
        const r = check.results[i];
        // Deliveries per second: everything delivered, over the time from the first send to the last delivery.
        // And per second of the server's CPU time: what one core would deliver were it not shared (the machine may be).
        return { ...r, sent: p.sent, sendFailed: p.failed, cpuMs: p.cpuMs, perSecond: r.delivered / ((r.lastAt - p.started) / 1000), perCpuSecond: r.delivered / (p.cpuMs / 1000) };
      }),
    };
  } finally {
    warm?.disconnect();
    clients?.disconnect();
    await stopProcess(server);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Cross-instance delivery: servers A and B on a fresh PostgreSQL database and Redis, subscribers (10 sockets) on B,
 * CROSS_RATE messages per second sent through chat.messages.send on A for `seconds`: send → delivered on B, p50/p99,
 * lost/duplicated. Real sends: the database write and the Redis hop are in the latency.
 */
async function crossInstance(seconds) {
  const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
  const pg = requireFrom('tooling/bench')('pg');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const name = `veza_fanout_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database "${name}"`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${name}`;
  const servers = [];
  const dirs = [];
  const jwtSecret = randomBytes(32).toString('hex');
  let clients;
  try {
    for (const [i, port] of [4573, 4574].entries()) {
      const dataDir = await mkdtemp(join(tmpdir(), 'veza-fanout-cross-'));
      dirs.push(dataDir);
      const server = startVeza({ port, dataDir, databaseUrl: dbUrl.toString(), redisUrl, cpu: String(i), jwtSecret });
      servers.push(server);
      // One at a time: the first applies the migrations.
      await waitReady(`http://127.0.0.1:${port}`, server);
    }
    const [a, b] = ['http://127.0.0.1:4573', 'http://127.0.0.1:4574'];
    const tokens = [...(await signUpMany(a, 10, `${process.pid}c`, 201)), ...(await signUpMany(a, 10, `${process.pid}d`, 202))];
    const roomId = (await call(a, 'chat.rooms.create', tokens[0], { name: 'Across', visibility: 'public' })).id;
    for (const token of tokens.slice(1)) await call(a, 'chat.rooms.join', token, { roomId });
    clients = await startClients({ url: 'ws://127.0.0.1:4574/trpc', tokens: tokens.slice(0, 10), perUser: 1, roomId });
    await sleep(500);
    // Each account sends one message every 2 s at most (the per-user, per-room send limit is 1/s).
    const send = (i, body) => call(a, 'chat.messages.send', tokens[i % tokens.length], { roomId, body, clientMessageId: randomUUID() }).then((m) => m.seq);
    // Warm-up (not measured: seqs before the phase).
    for (let i = 0; i < 20; i++) await send(i, `t=${Date.now()} warm-up`);
    await sleep(2_000);
    const sent = await sendAtRate({ send, rate: CROSS_RATE, seconds });
    await sleep(2_000);
    const check = await clients.ask({ type: 'check', phases: [{ rate: CROSS_RATE, first: sent.first, last: sent.last }] }, 'check-result');
    return { ...check.results[0], sent: sent.sent, sendFailed: sent.failed };
  } finally {
    clients?.disconnect();
    for (const server of servers) await stopProcess(server);
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    await admin.query(`drop database if exists "${name}" with (force)`).catch(() => undefined);
    await admin.end();
  }
}

async function runDriver() {
  const SOCKETS = Number(process.argv[2] ?? 1000);
  const SECONDS = Number(process.argv[3] ?? 10);
  const RUNS = Number(process.argv[4] ?? 3);
  if (SOCKETS % USERS !== 0) throw new Error(`sockets must be a multiple of ${USERS}`);
  if (process.env.BENCH_CROSS === 'only') return reportCrossInstance(SECONDS);
  const redisUrl = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
  const { Redis } = requireFrom('packages/bus')('ioredis');
  const redis = new Redis(redisUrl);
  const all = { veza: [], bare: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const kind of process.env.BENCH_ONLY ? [process.env.BENCH_ONLY] : ['veza', 'bare']) {
      const r = await oneRun(kind, { sockets: SOCKETS, seconds: SECONDS, run, redis, redisUrl });
      all[kind].push(r);
      const phases = r.phases.map((p) => `${p.rate} msg/s: ${Math.round(p.perSecond)} deliveries/s (${Math.round(p.perCpuSecond)} per CPU-s), p99 ${p.p99} ms, ${p.lost} lost, ${p.duplicated} dup`).join('; ');
      console.error(`run ${run + 1} ${kind}: ${r.perSocketKb.toFixed(1)} KB/socket (${r.perSocketAfterKb.toFixed(1)} after load); ${phases}`);
    }
  }
  const med = (kind, f) => median(all[kind].map(f));
  console.log(`\nChat fan-out: one room, ${SOCKETS} subscribed WebSockets, ${SECONDS} s per rate, median of ${RUNS} (bare: \`ws\` broadcasting the same frame)`);
  console.log('| rate | Veza deliveries/s | bare ws | ratio | per CPU-second: Veza / bare | ratio | Veza p50 / p99 | bare p50 / p99 | p99 ratio | Veza lost / dup / disordered |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  RATES.forEach((rate, i) => {
    const v = (f) => med('veza', (r) => f(r.phases[i]));
    const b = (f) => med('bare', (r) => f(r.phases[i]));
    const [vd, bd] = [v((p) => p.perSecond), b((p) => p.perSecond)];
    const [vp99, bp99] = [v((p) => p.p99), b((p) => p.p99)];
    const [vc, bc] = [v((p) => p.perCpuSecond), b((p) => p.perCpuSecond)];
    const sum = (f) => all.veza.reduce((n, r) => n + f(r.phases[i]), 0);
    console.log(
      `| ${rate} msg/s | ${Math.round(vd).toLocaleString('en')} | ${Math.round(bd).toLocaleString('en')} | ${(vd / bd).toFixed(2)}× | ${Math.round(vc).toLocaleString('en')} / ${Math.round(bc).toLocaleString('en')} | ${(vc / bc).toFixed(2)}× | ${v((p) => p.p50)} / ${vp99} ms | ${b((p) => p.p50)} / ${bp99} ms | ${(vp99 / Math.max(1, bp99)).toFixed(2)}× | ${sum((p) => p.lost)} / ${sum((p) => p.duplicated)} / ${sum((p) => p.disordered)} (all runs) |`,
    );
  });
  const [vk, bk] = [med('veza', (r) => r.perSocketKb), med('bare', (r) => r.perSocketKb)];
  const [vka, bka] = [med('veza', (r) => r.perSocketAfterKb), med('bare', (r) => r.perSocketAfterKb)];
  console.log(`| RSS per socket, subscribed / after the load | ${vk.toFixed(1)} / ${vka.toFixed(1)} KB | ${bk.toFixed(1)} / ${bka.toFixed(1)} KB | ${(vk / bk).toFixed(2)}× | | | | | | sockets closed by the server: ${all.veza.reduce((n, r) => n + r.closed, 0)} |`);
  if (process.env.BENCH_CROSS !== '0') await reportCrossInstance(SECONDS);
  redis.disconnect();
}

async function reportCrossInstance(SECONDS) {
  {
    const cross = await crossInstance(SECONDS);
    console.log(`\nCross-instance (PostgreSQL + Redis, 2 instances): sent on A, delivered to a subscriber on B (10 sockets), ${CROSS_RATE} msg/s through chat.messages.send for ${SECONDS} s`);
    console.log('| p50 | p99 | delivered | lost / dup / disordered |\n|---|---|---|---|');
    console.log(`| ${cross.p50} ms | ${cross.p99} ms | ${cross.delivered} | ${cross.lost} / ${cross.duplicated} / ${cross.disordered} |`);
  }
}

if (process.argv[2] === '--client') await runClients();
else if (process.argv[2] === '--bare') await runBare();
else await runDriver();
