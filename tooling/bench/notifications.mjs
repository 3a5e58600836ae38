// Notification coalescing benchmark (issue 12: "a track liked by 10,000 users within a minute"): what the likes cost
// the database, through the real like service (packages/api/src/tracks/tracks.service.ts `like`) and the real
// notification coalescer, on PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; a
// fresh database made and dropped by @veza/db's test database helper) or, with BENCH_PGLITE=1, embedded PGlite.
// Run: node tooling/bench/notifications.mjs [likes=10000] [seconds=60]
//
// Counted with the database's query hook (every ORM query reported with its summary, as packages/api's
// notifications/centre.test.ts counts a like's queries):
//  1. The hot path: 200 likes one after another, with counting held back (a long coalescing delay), each like's
//     queries attributed to it: how many, and how many touch the notifications table (none should).
//  2. The minute: `likes` likes by as many people, paced evenly over `seconds` (as fast as the machine goes if it
//     cannot keep that pace), with the server's own coalescing delay (COALESCE_MS): every query counted, the writes
//     to the notifications table, and the notification rows at the end, against the naive baseline of one
//     notification row written per like.
const LIKES = Number(process.argv[2] ?? 10_000);
const SECONDS = Number(process.argv[3] ?? 60);
const SAMPLE = Math.min(200, LIKES);
if (process.env.BENCH_PGLITE === '1') delete process.env.DATABASE_URL;
else process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

// The api's entry first, for its module order (as the other in-process benchmarks).
await import('../../packages/api/src/index.ts');
const { createHarness } = await import('../../packages/api/src/test/harness.ts');
const { like } = await import('../../packages/api/src/tracks/tracks.service.ts');
const { COALESCE_MS, flushNotifications, setCoalesceDelay } = await import('../../packages/api/src/notifications/notifications.service.ts');
const { Track } = await import('../../packages/db/src/index.ts');

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const touchesNotifications = (q) => /\bnotifications\b/.test(q.summary);
const writesNotifications = (q) => /^(insert|update|delete) notifications$/.test(q.summary);

const h = await createHarness();
try {
  const owner = await h.signUp('benchowner');
  const { id: trackId } = await h.upload(owner.token, undefined, { title: 'Everyone Likes This' });
  await h.db.fork().nativeUpdate(Track, { id: trackId }, { status: 'ready', durationMs: 180_000 });
  // The likers, made in one statement (signing 10,000 people up would time password hashing, not likes).
  await h.db.executeSql(
    `insert into users (id, email, username, username_skeleton, created_at, updated_at)
     select gen_random_uuid(), 'fan' || g || '@example.com', 'fan' || g, 'fan' || g, now(), now() from generate_series(1, $1::int) g`,
    [LIKES + SAMPLE],
  );
  const fans = (await h.db.executeSql(`select id, username from users where username like 'fan%' order by username`)).rows;
  const viewerOf = (u) => ({ id: u.id, username: u.username, role: 'user', sessionId: 'bench', elevatedUntil: null });
  const likeAs = (u) => like({ em: h.db.fork(), viewer: viewerOf(u), deps: h.deps, meta: { ip: '127.0.0.1', userAgent: 'bench' } }, viewerOf(u), trackId);

  const queries = [];
  h.db.setQueryHook((event) => queries.push(event));

  // 1. The hot path, one like at a time, nothing counted meanwhile.
  setCoalesceDelay(h.deps, 3_600_000);
  const perLike = [];
  const notifQueries = [];
  for (const fan of fans.slice(LIKES, LIKES + SAMPLE)) {
    const before = queries.length;
    await likeAs(fan);
    const mine = queries.slice(before);
    perLike.push(mine.length);
    notifQueries.push(mine.filter(touchesNotifications).length);
  }
  const hotSummaries = queries.slice(queries.length - perLike.at(-1)).map((q) => q.summary);
  const beforeFlush = queries.length;
  await flushNotifications(h.deps);
  const sampleFlush = queries.slice(beforeFlush);

  // 2. The minute, with the server's coalescing delay.
  setCoalesceDelay(h.deps, COALESCE_MS);
  const start = queries.length;
  const latencies = [];
  const t0 = performance.now();
  const gap = (SECONDS * 1000) / LIKES;
  for (let i = 0; i < LIKES; i++) {
    const due = t0 + i * gap;
    const wait = due - performance.now();
    // Each like as its own request: back to the event loop in between (PGlite answers without I/O, and a loop of
    // likes that never yields would hold back the coalescer's timer, which a server's requests never do).
    await new Promise((r) => (wait > 1 ? setTimeout(r, wait) : setImmediate(r)));
    const s = performance.now();
    await likeAs(fans[i]);
    latencies.push(performance.now() - s);
  }
  const elapsed = (performance.now() - t0) / 1000;
  await flushNotifications(h.deps);
  h.db.setQueryHook(null);
  const minute = queries.slice(start);
  if (process.env.BENCH_DEBUG === '1') console.log(Object.entries(Object.groupBy(minute, (q) => q.summary)).map(([k, v]) => `${k}: ${v.length}`).join(', '));
  const rows = (await h.db.executeSql(`select count(*) as n, coalesce(max(actor_count), 0) as actors from notifications where recipient_id = $1`, [owner.user.id])).rows[0];
  const likes = Number((await h.db.executeSql(`select count(*) as n from track_likes where track_id = $1`, [trackId])).rows[0].n);

  const engine = h.db.driver === 'postgresql' ? 'PostgreSQL' : 'PGlite (embedded)';
  const load = (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`\nNotifications for likes of one track, like service in-process, ${engine} (load average ${load})`);
  console.log(`\n1. Hot path, ${SAMPLE} likes one at a time: ${pct(perLike, 50)} queries per like (min ${Math.min(...perLike)}, max ${Math.max(...perLike)}: ${hotSummaries.join(', ')}); ` +
    `queries touching notifications: ${notifQueries.reduce((a, b) => a + b, 0)}; then one count of the group: ${sampleFlush.length} queries, ${sampleFlush.filter(writesNotifications).length} notification write(s)`);
  console.log(`\n2. ${LIKES.toLocaleString('en')} likes by ${LIKES.toLocaleString('en')} people over ${elapsed.toFixed(1)} s (target pace ${SECONDS} s; coalescing delay ${COALESCE_MS} ms); like p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms`);
  const writes = minute.filter(writesNotifications).length;
  console.log('| | Veza (grouped) | naive: one notification per like | ratio |\n|---|---|---|---|');
  console.log(`| notification rows for the owner | ${rows.n} (${rows.actors} actors counted) | ${likes.toLocaleString('en')} | ${(Number(rows.n) / likes).toFixed(5)}× |`);
  console.log(`| writes to notifications | ${writes} | ${LIKES.toLocaleString('en')} | ${(writes / LIKES).toFixed(3)}× |`);
  console.log(`| queries in all (likes + counting + delivery) | ${minute.length.toLocaleString('en')} (${(minute.length / LIKES).toFixed(2)} per like) | ${(minute.length - minute.filter(touchesNotifications).length + LIKES).toLocaleString('en')} (the likes' own + one insert each) | ${(minute.length / (minute.length - minute.filter(touchesNotifications).length + LIKES)).toFixed(2)}× |`);
} finally {
  await h.close();
}
