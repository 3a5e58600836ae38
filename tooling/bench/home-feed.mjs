// Home feed benchmark (issue 11, "Home feed for a user following 2,000 accounts over 1 M tracks and 5 M reposts
// (PostgreSQL, generated data): p95 ≤ 50 ms"): `feed.home` through the real server over HTTP, on PostgreSQL.
// Run: node tooling/bench/home-feed.mjs [runs=3] [requestsPerKind=60] [tracks=1000000] [reposts=5000000]
// BENCH_DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test); a fresh database
// is created on it and dropped afterwards (BENCH_KEEP_DB=1 keeps it, for EXPLAIN). BENCH_REUSE_DB=<name> reads a
// database kept by an earlier run instead (no generation) and keeps it.
//
// Data, generated inside the database (generate_series): 50,000 artists; 1 M ready public tracks spread over a year,
// owners drawn uniformly; 5 M reposts spread over a year by random artists of tracks drawn with a skew (the most
// reposted tracks have thousands of reposts, as viral ones do); 2 % of the artists private. 20 readers follow 2,000
// random artists each ("heavy"); 10 follow 20 each ("light", whose feed reaches far back in time). Indexes are
// built after the load, from the migrations' own definitions.
// Requests, one at a time: a heavy reader's first page, the 5th page (cursor from the 4th), a light reader's first
// page; limit 20. The target is absolute: p95 ≤ 50 ms per kind; p50 and p95 are the medians of `runs` runs.
// Then trending (explore): 3 M plays and 1 M likes over the last 30 days are added, and the recompute of every window
// (recomputeTrending, in-process, as the server's job runs it) is timed `runs` times: the median per window.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { median, signUp, startVeza, stop, waitUp } from './lib.mjs';

const RUNS = Number(process.argv[2] ?? 3);
const PER_KIND = Number(process.argv[3] ?? 60);
const TRACKS = Number(process.argv[4] ?? 1_000_000);
const REPOSTS = Number(process.argv[5] ?? 5_000_000);
const ARTISTS = 50_000;
const HEAVY = 20;
const HEAVY_FOLLOWS = 2_000;
const LIGHT = 10;
const LIGHT_FOLLOWS = 20;
const PORT = 4473;
const TARGET_P95_MS = 50;
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'correct horse battery staple';

const work = await mkdtemp(join(tmpdir(), 'veza-feed-bench-'));
const REUSE = process.env.BENCH_REUSE_DB || '';
const name = REUSE || `veza_bench_feed_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
if (!REUSE) await admin.query(`create database "${name}"`);
const dbUrl = new URL(ADMIN_URL);
dbUrl.pathname = `/${name}`;

let server;
let db;
try {
  server = startVeza({ port: PORT, dataDir: work, databaseUrl: dbUrl.toString() });
  const base = `http://127.0.0.1:${PORT}`;
  await waitUp(`${base}/healthz`, server);
  db = new pg.Client({ connectionString: dbUrl.toString() });
  db.on('error', () => {});
  await db.connect();
  if (REUSE) {
    await db.query('analyze');
  } else {
    const first = (await signUp(base, 'reader0')).user;
    const t0 = Date.now();
    await db.query(`set maintenance_work_mem = '512MB'`);
    // Readers and artists cloned from the first account (same password).
    await db.query(`create temporary table seed_user as select * from users where id = $1`, [first.id]);
    const clones = async (prefix, from, to) =>
      db.query(
        `insert into users select (jsonb_populate_record(null::users, to_jsonb(s) || jsonb_build_object(
           'id', gen_random_uuid(), 'username', '${prefix}' || g, 'email', '${prefix}' || g || '@example.com', 'username_skeleton', '${prefix}' || g))).*
         from seed_user s, generate_series(${from}, ${to}) g`,
      );
    await clones('reader', 1, HEAVY + LIGHT - 1);
    await clones('artist', 0, ARTISTS - 1);
    await db.query(`update users set is_private = true where username ~ '^artist' and substr(username, 7)::int % 50 = 13`);
    await db.query(`create temporary table bench_artists as select row_number() over (order by id) - 1 as n, id from users where username ~ '^artist'`);
    await db.query(`create unique index on bench_artists (n)`);

    // Indexes of the big tables go during the load and come back from their own definitions.
    const bigIndexes = (await db.query(`select indexname, indexdef from pg_indexes where tablename in ('tracks', 'reposts') and indexdef not like '%UNIQUE%'`)).rows;
    for (const { indexname } of bigIndexes) await db.query(`drop index "${indexname}"`);
    const batch = 250_000;
    for (let from = 0; from < TRACKS; from += batch) {
      const to = Math.min(TRACKS, from + batch) - 1;
      await db.query(
        `insert into tracks (id, owner_id, title, visibility, storage_key, original_filename, mime_type, format, size_bytes, duration_ms,
           like_count, repost_count, status, processing_percent, hls_renditions, hls_ladder_version, tags, created_at, updated_at)
         select gen_random_uuid(), a.id, 'Track ' || g, 'public', 'tracks/bench/' || g, 'track.wav', 'audio/wav', 'wav', 1000000, 180000,
           0, 0, 'ready', 100, '[]', 1, '[]', now() - (${TRACKS} - g) * (interval '365 days' / ${TRACKS}), now()
         from generate_series(${from}, ${to}) g join bench_artists a on a.n = (g::bigint * 7919) % ${ARTISTS}`,
      );
    }
    await db.query(`create temporary table bench_tracks as select row_number() over (order by id) - 1 as n, id, owner_id from tracks`);
    await db.query(`create unique index on bench_tracks (n)`);
    for (let from = 0; from < REPOSTS; from += batch) {
      const to = Math.min(REPOSTS, from + batch) - 1;
      // Track drawn as floor(N · r²): the first tracks are reposted most.
      await db.query(
        `insert into reposts (user_id, track_id, caption, created_at)
         select a.id, t.id, null, now() - random() * interval '365 days'
         from (select g, floor(${TRACKS} * random() ^ 2)::int as tn from generate_series(${from}, ${to}) g) d
         join bench_artists a on a.n = (d.g::bigint * 104729) % ${ARTISTS}
         join bench_tracks t on t.n = d.tn
         where t.owner_id <> a.id
         on conflict do nothing`,
      );
    }
    await db.query(`update tracks t set repost_count = r.n from (select track_id, count(*) n from reposts group by track_id) r where r.track_id = t.id`);
    const loaded = Date.now();
    for (const { indexdef } of bigIndexes) await db.query(indexdef);
    // Follows: heavy readers 2,000 random artists each, light readers 20.
    await db.query(
      `insert into follows (follower_id, followee_id, status, created_at)
       select u.id, a.id, 'active', now() from users u
       cross join lateral (select id from bench_artists where n in (select (abs(hashtext(u.id::text || k)) % ${ARTISTS}) from generate_series(1, case when substr(u.username, 7)::int < ${HEAVY} then ${HEAVY_FOLLOWS} else ${LIGHT_FOLLOWS} end) k)) a
       where u.username ~ '^reader'
       on conflict do nothing`,
    );
    await db.query('vacuum analyze');
    const sizes = (await db.query(`select (select count(*) from reposts) as reposts, pg_size_pretty(pg_total_relation_size('tracks')) as t, pg_size_pretty(pg_total_relation_size('reposts')) as r`)).rows[0];
    console.log(
      `\nloaded ${TRACKS.toLocaleString('en')} tracks and ${Number(sizes.reposts).toLocaleString('en')} reposts in ${((loaded - t0) / 1000).toFixed(0)} s, ` +
        `indexed and analysed in ${((Date.now() - loaded) / 1000).toFixed(0)} s (tracks ${sizes.t}, reposts ${sizes.r}, with indexes)`,
    );
  }
  const readers = (await db.query(`select u.username, (select count(*) from follows f where f.follower_id = u.id) as follows from users u where u.username ~ '^reader' order by u.username`)).rows;
  await db.end();
  db = undefined;

  const tokens = [];
  for (const r of readers) {
    const res = await fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: r.username, password: PASSWORD }) });
    const token = (await res.json()).result?.data?.accessToken;
    if (!token) throw new Error(`sign-in failed for ${r.username} (${res.status})`);
    tokens.push({ token, heavy: Number(r.follows) > LIGHT_FOLLOWS * 10 });
  }
  const heavy = tokens.filter((t) => t.heavy);
  const light = tokens.filter((t) => !t.heavy);

  async function page(token, cursor) {
    const input = cursor ? { limit: 20, cursor } : { limit: 20 };
    const start = performance.now();
    const res = await fetch(`${base}/trpc/feed.home?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.json();
    const ms = performance.now() - start;
    if (!res.ok) throw new Error(`feed.home failed (${res.status}): ${JSON.stringify(body).slice(0, 300)}`);
    return { ms, items: body.result.data.items, next: body.result.data.nextCursor };
  }
  // The cursor of each heavy reader's 5th page.
  const fifth = new Map();
  for (const t of heavy) {
    let cursor = null;
    for (let i = 0; i < 4; i++) cursor = (await page(t.token, cursor)).next;
    fifth.set(t, cursor);
  }

  let i = 0;
  const KINDS = {
    [`first page, following ${HEAVY_FOLLOWS.toLocaleString('en')}`]: () => page(heavy[i++ % heavy.length].token),
    [`5th page (cursor), following ${HEAVY_FOLLOWS.toLocaleString('en')}`]: () => {
      const t = heavy[i++ % heavy.length];
      return page(t.token, fifth.get(t));
    },
    [`first page, following ${LIGHT_FOLLOWS}`]: () => page(light[i++ % light.length].token),
  };
  for (const run of Object.values(KINDS)) for (let k = 0; k < 20; k++) await run(); // warm-up

  const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
  const results = Object.fromEntries(Object.keys(KINDS).map((k) => [k, { p50: [], p95: [], items: [], reposted: [] }]));
  for (let run = 0; run < RUNS; run++) {
    for (const [kind, once] of Object.entries(KINDS)) {
      const times = [];
      for (let k = 0; k < PER_KIND; k++) {
        const { ms, items } = await once();
        times.push(ms);
        results[kind].items.push(items.length);
        results[kind].reposted.push(items.filter((x) => x.reason === 'repost').length);
      }
      results[kind].p50.push(pct(times, 50));
      results[kind].p95.push(pct(times, 95));
    }
  }

  console.log(
    `\nfeed.home over HTTP (limit 20), ${TRACKS.toLocaleString('en')} tracks, ${REPOSTS.toLocaleString('en')} reposts drawn, ${ARTISTS.toLocaleString('en')} artists, PostgreSQL, ` +
      `${PER_KIND} requests per kind per run, one at a time, median of ${RUNS} runs`,
  );
  console.log('| kind | p50 | p95 | target p95 | avg items (of which reposts) |\n|---|---|---|---|---|');
  let pass = true;
  for (const [kind, r] of Object.entries(results)) {
    const p95 = median(r.p95);
    pass &&= p95 <= TARGET_P95_MS;
    const avg = (xs) => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1);
    console.log(`| ${kind} | ${median(r.p50).toFixed(1)} ms | ${p95.toFixed(1)} ms | ≤ ${TARGET_P95_MS} ms ${p95 <= TARGET_P95_MS ? '✓' : '✗'} | ${avg(r.items)} (${avg(r.reposted)}) |`);
  }
  console.log(`\n${pass ? 'every kind within' : 'NOT every kind within'} the target (p95 ≤ ${TARGET_P95_MS} ms)`);

  // Trending: plays and likes of the last 30 days (once per database), then the recompute timed, with the server stopped.
  await stop(server);
  server = undefined;
  db = new pg.Client({ connectionString: dbUrl.toString() });
  db.on('error', () => {});
  await db.connect();
  if (Number((await db.query('select count(*) as n from track_plays')).rows[0].n) === 0) {
    const t0 = Date.now();
    await db.query(`create temporary table bench_t as select row_number() over (order by id) - 1 as n, id from tracks`);
    await db.query(`create unique index on bench_t (n)`);
    await db.query(`create temporary table bench_a as select row_number() over (order by id) - 1 as n, id from users where username ~ '^artist'`);
    await db.query(`create unique index on bench_a (n)`);
    // A quarter of the plays signed out; tracks drawn with the same skew as reposts.
    for (let from = 0; from < 3_000_000; from += 500_000) {
      await db.query(
        `insert into track_plays (track_id, listener_id, played_at)
         select t.id, case when d.g % 4 = 0 then null else a.id end, now() - random() * interval '30 days'
         from (select g, floor(${TRACKS} * random() ^ 2)::int as tn from generate_series(${from}, ${from + 499_999}) g) d
         join bench_t t on t.n = d.tn join bench_a a on a.n = (d.g::bigint * 7907) % ${ARTISTS}`,
      );
    }
    await db.query(
      `insert into track_likes (track_id, user_id, created_at)
       select t.id, a.id, now() - random() * interval '30 days'
       from (select g, floor(${TRACKS} * random() ^ 2)::int as tn from generate_series(1, 1000000) g) d
       join bench_t t on t.n = d.tn join bench_a a on a.n = (d.g::bigint * 7919) % ${ARTISTS}
       on conflict do nothing`,
    );
    await db.query('vacuum analyze track_plays');
    await db.query('vacuum analyze track_likes');
    console.log(`\nadded 3,000,000 plays and ~1,000,000 likes over the last 30 days in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  await db.end();
  db = undefined;
  const { openDatabase } = await import('../../packages/db/src/index.ts');
  const { recomputeTrending } = await import('../../packages/api/src/index.ts');
  const orm = await openDatabase({ url: dbUrl.toString() });
  const times = { week: [], month: [], rising: [] };
  let ranked;
  for (let run = 0; run < RUNS; run++) {
    ranked = await recomputeTrending({ db: orm });
    for (const [w, r] of Object.entries(ranked)) times[w].push(r.ms);
  }
  await orm.close();
  console.log('\ntrending recompute (in-process, as the job runs it), median of ' + RUNS + ' runs\n| window | time | tracks ranked |\n|---|---|---|');
  for (const [w, xs] of Object.entries(times)) console.log(`| ${w} | ${(median(xs) / 1000).toFixed(2)} s | ${ranked[w].ranked} |`);
} finally {
  await db?.end().catch(() => {});
  if (server) await stop(server);
  if (REUSE || process.env.BENCH_KEEP_DB === '1') console.log(`kept database ${name}`);
  else await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
  await rm(work, { recursive: true, force: true });
}
