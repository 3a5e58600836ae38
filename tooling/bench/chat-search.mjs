// Chat search benchmark (issue 10, "Search p95 on 1 M messages (PostgreSQL, generated data), including partial-word
// and CJK queries: ≤ 50 ms"): `chat.messages.search` through the real server over HTTP, on PostgreSQL.
// Run: node tooling/bench/chat-search.mjs [runs=3] [queriesPerKind=40] [messages=1000000]
// BENCH_DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test); a fresh database
// is created on it and dropped afterwards (BENCH_KEEP_DB=1 keeps it, for EXPLAIN). BENCH_REUSE_DB=<name> searches a
// database kept by an earlier run instead (no generation, ~6 min saved; the server applies any newer migration on
// start, so new indexes get built on the existing data) and keeps it.
//
// Data, generated inside the database (generate_series): 200 rooms, 1 M messages of 3 to 15 words drawn with a skewed
// (Zipf-like) frequency from an English and French musicians' vocabulary, 10 % Japanese, Chinese or Korean sentences
// (no spaces), 2 % deleted, 2 % with an attachment, spread over a year. 40 searching users, each a member of 50 random
// rooms (a quarter of the messages). The search indexes are built after the load, with the migration's own definitions.
// Queries, one at a time, each user at most 2 per second (the search rate limit): whole words, word prefixes, infixes,
// 2-letter word starts, CJK of 2 and of 3+ characters, two terms, and filters (from:, in:, dates, has:attachment).
// The target is absolute: p95 ≤ 50 ms per kind; p50 and p95 per kind are the medians of `runs` runs.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { median, signUp, startVeza, stop, waitUp } from './lib.mjs';

const RUNS = Number(process.argv[2] ?? 3);
const PER_KIND = Number(process.argv[3] ?? 40);
const MESSAGES = Number(process.argv[4] ?? 1_000_000);
const ROOMS = 200;
const SEARCHERS = 40;
const ROOMS_PER_SEARCHER = 50;
const PORT = 4471;
const TARGET_P95_MS = 50;
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'correct horse battery staple';

// Frequent words first: the draw favours the start of the list (index = n · r², r uniform).
const WORDS = `the a to and is it for you i on this that de la le et les un une des est pour pas je que du en we with
just so what new can mix track set beat tonight ce qui sur avec nous on dans plus session live studio sound song music
bass guitar vocals drums synth demo master album release show concert gig stage crowd tour playlist remix loop sample
chorus verse bridge tempo bpm key chord melody harmony reverb delay compressor mic monitor headphones vinyl tape
cassette label contract merch poster venue soundcheck rehearsal jam producer engineer mixing mastering lyrics
musique chanson guitare batterie basse voix répétition enregistrement concert scène salle tournée maquette morceau
refrain couplet accord mélodie rythme studio casque micro platine vinyle label sortie soirée public groupe festival
ingénieur réalisateur arrangement partition orchestre piano violon saxophone trompette clavier pédale ampli câble
sequencer arpeggio oscillator filter envelope modular patch sidechain wavetable granular ambient techno house jazz
funk soul disco hiphop trap drill grime dubstep shoegaze postrock metal punk indie folk bluegrass reggae dub salsa
samba bossa flamenco tango fado chanteuse auteur compositeur interprète saxophoniste bassiste batteur guitariste
pianiste violoniste tromboniste contrebasse harmonica accordéon ukulele mandoline banjo theremin vocoder talkbox`
  .split(/\s+/)
  .filter(Boolean);
const CJK = `新しい音楽を聴く 今日のライブ最高だった ギターの音がいい 明日スタジオで練習 新曲のデモを送ります ミックスを確認してください
ベースとドラムのグルーヴ ボーカルの録音 東京でコンサート アルバム発売 我们今天排练 新歌的小样 音乐节见 吉他手在哪里 录音室预约 混音完成了
오늘 밤 라이브 공연 새로운 앨범 발매 기타 연습 녹음실 예약 음악 페스티벌`
  .split(/\s+/)
  .filter(Boolean);

const sqlArray = (items) => `array[${items.map((w) => `'${w.replaceAll("'", "''")}'`).join(',')}]::text[]`;

const work = await mkdtemp(join(tmpdir(), 'veza-search-bench-'));
const REUSE = process.env.BENCH_REUSE_DB || '';
const name = REUSE || `veza_bench_search_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
if (!REUSE) await admin.query(`create database "${name}"`);
const dbUrl = new URL(ADMIN_URL);
dbUrl.pathname = `/${name}`;

let server;
let db;
try {
  // The server creates the schema (migrations) on start.
  server = startVeza({ port: PORT, dataDir: work, databaseUrl: dbUrl.toString() });
  const base = `http://127.0.0.1:${PORT}`;
  await waitUp(`${base}/healthz`, server);
  db = new pg.Client({ connectionString: dbUrl.toString() });
  db.on('error', () => {});
  await db.connect();
  let users;
  let hasAttachments;
  if (REUSE) {
    users = (await db.query(`select id, username from users order by username`)).rows;
    hasAttachments = (await db.query(`select to_regclass('message_attachments') as t`)).rows[0].t !== null;
    await db.query('analyze messages');
    const sizes = (await db.query(`select count(*) as n, pg_size_pretty(pg_table_size('messages')) as t, pg_size_pretty(pg_indexes_size('messages')) as i from messages`)).rows[0];
    console.log(`\nreusing ${name}: ${Number(sizes.n).toLocaleString('en')} messages (table ${sizes.t}, indexes ${sizes.i})`);
  } else {
    const first = (await signUp(base, 'searcher0')).user;
    const t0 = Date.now();
    // More accounts cloned from the first (same password), then signed in: searchers and authors.
    await db.query(`create temporary table seed_user as select * from users where id = $1`, [first.id]);
    for (let i = 1; i < SEARCHERS + 20; i++) {
      await db.query(`update seed_user set id = gen_random_uuid(), username = $1, email = $2, username_skeleton = $1`, [`searcher${i}`, `searcher${i}@example.com`]);
      await db.query(`insert into users select * from seed_user`);
    }
    users = (await db.query(`select id, username from users order by username`)).rows;
    // The load: rooms, memberships, messages, then the search indexes rebuilt from their own definitions. Messages
    // are inserted in time order (ORDER BY g), so ids grow with each room's seq as the send path makes them do (one
    // room's search walks its seq index, taking that order for the id order).
    await db.query(`set maintenance_work_mem = '512MB'`);
    await db.query(
      `insert into rooms (id, kind, name, topic, visibility, created_by_id, dm_key, last_seq, created_at)
       select gen_random_uuid(), 'room', 'Room ' || g, null, case when g % 2 = 0 then 'public' else 'private' end, $1, null, 0, now() - interval '400 days'
       from generate_series(1, ${ROOMS}) g`,
      [first.id],
    );
    await db.query(`create temporary table bench_rooms as select row_number() over (order by id) - 1 as n, id from rooms`);
    await db.query(
      `insert into room_members (id, room_id, user_id, role, last_read_seq, joined_at)
       select gen_random_uuid(), r.id, u.id, 'member', 0, now() - interval '400 days'
       from users u cross join lateral (select id from rooms order by md5(u.id::text || rooms.id::text) limit ${ROOMS_PER_SEARCHER}) r
       where u.username ~ '^searcher' and substr(u.username, 9)::int < ${SEARCHERS}`,
    );
    const indexes = (await db.query(`select indexname, indexdef from pg_indexes where tablename = 'messages' and indexname like 'messages_body_%'`)).rows;
    for (const { indexname } of indexes) await db.query(`drop index "${indexname}"`);
    await db.query(`create temporary table bench_authors as select row_number() over (order by id) - 1 as n, id from users`);
    const nAuthors = users.length;
    const batch = 100_000;
    for (let from = 1; from <= MESSAGES; from += batch) {
      const to = Math.min(MESSAGES, from + batch - 1);
      await db.query(
        `insert into messages (room_id, seq, author_id, client_message_id, body, created_at, deleted_at)
         select r.id, g / ${ROOMS} + 1, a.id, 'bench-' || g,
           case when g % 10 = 3
             then (select string_agg(c[1 + floor(random() ^ 1.5 * array_length(c, 1))::int], '') from generate_series(1, 1 + g % 3), (select ${sqlArray(CJK)} c) cc)
             else (select string_agg(w[1 + floor(random() ^ 2 * array_length(w, 1))::int], ' ') from generate_series(1, 3 + g % 13), (select ${sqlArray(WORDS)} w) ww)
           end,
           now() - (${MESSAGES} - g) * interval '30 seconds',
           case when g % 50 = 7 then now() else null end
         from generate_series(${from}, ${to}) g
         join bench_rooms r on r.n = g % ${ROOMS}
         join bench_authors a on a.n = (g * 7) % ${nAuthors}
         order by g`,
      );
    }
    await db.query(`update messages set body = '' where deleted_at is not null`);
    await db.query(`update rooms r set last_seq = coalesce((select max(seq) from messages m where m.room_id = r.id), 0)`);
    hasAttachments = (await db.query(`select to_regclass('message_attachments') as t`)).rows[0].t !== null;
    if (hasAttachments) {
      await db.query(
        `insert into message_attachments (id, message_id, uploader_id, kind, position, created_at)
         select gen_random_uuid(), m.id, m.author_id, 'image', 0, m.created_at from messages m where m.id % 50 = 11 and m.deleted_at is null`,
      );
    }
    const loaded = Date.now();
    for (const { indexdef } of indexes) await db.query(indexdef);
    await db.query('vacuum analyze');
    const indexed = Date.now();
    const sizes = (await db.query(`select pg_size_pretty(pg_table_size('messages')) as t, pg_size_pretty(pg_indexes_size('messages')) as i`)).rows[0];
    console.log(
      `\nloaded ${MESSAGES.toLocaleString('en')} messages in ${((loaded - t0) / 1000).toFixed(0)} s, search indexes built in ${((indexed - loaded) / 1000).toFixed(0)} s (table ${sizes.t}, indexes ${sizes.i})`,
    );
  }
  const searchers = users.filter((u) => /^searcher\d+$/.test(u.username) && Number(u.username.slice(8)) < SEARCHERS);

  // Sign the searchers in (a successful sign-in is not rate limited).
  const tokens = [];
  for (const s of searchers) {
    const res = await fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: s.username, password: PASSWORD }) });
    const token = (await res.json()).result?.data?.accessToken;
    if (!token) throw new Error(`sign-in failed for ${s.username} (${res.status})`);
    tokens.push({ token, user: s, last: 0 });
  }
  // For in: and from: filters, a room of each searcher and a frequent author.
  const roomOf = new Map();
  for (const t of tokens) {
    roomOf.set(t.user.id, (await db.query(`select room_id from room_members where user_id = $1 order by room_id limit 1`, [t.user.id])).rows[0].room_id);
  }
  const author = users[3].username;
  await db.end();
  db = undefined;

  /** Query kinds: each a list of queries (a function of the searcher for in:). */
  const KINDS = {
    'whole word': ['guitar', 'concert', 'musique', 'rehearsal', 'vinyle', 'sidechain', 'saxophone', 'soundcheck'],
    'word prefix': ['guit', 'conc', 'musiq', 'rehear', 'vinyl', 'sidech', 'saxoph', 'sound'],
    'infix (inside words)': ['itar', 'ncer', 'usiqu', 'hears', 'inyl', 'chain', 'ophon', 'check'],
    '2-letter word start': ['dj', 'mi', 'ba', 'sy', 'gu', 'vo'],
    'CJK, 2 characters': ['音楽', 'ライ', 'スタ', '录音', '라이', '新曲', '吉他', '練習'],
    'CJK, 3+ characters': ['ライブ', 'スタジオ', '音楽を聴', '录音室', '라이브', 'アルバム', '新歌的', 'ギターの音'],
    'two terms': ['new guitar', 'live set', 'mix bass', 'studio demo', 'concert ce soir', 'guitare basse', 'tape loop', 'jazz piano'],
    'filters': [
      () => `guitar from:${author}`,
      (t) => `concert in:${roomOf.get(t.user.id)}`,
      () => 'musique after:2026-03-01 before:2026-06-01',
      () => 'mix has:attachment',
      () => `ライブ from:${author}`,
      (t) => `synth in:${roomOf.get(t.user.id)}`,
    ],
  };
  if (!hasAttachments) KINDS.filters.splice(3, 1);

  let next = 0;
  /** One search as the next searcher who may search (≤ 2 per second each); returns its latency in ms. */
  async function searchOnce(query) {
    const t = tokens[next++ % tokens.length];
    const wait = t.last + 520 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const q = typeof query === 'function' ? query(t) : query;
    const url = `${base}/trpc/chat.messages.search?input=${encodeURIComponent(JSON.stringify({ query: q, limit: 20 }))}`;
    const start = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${t.token}` } });
    const body = await res.json();
    const ms = performance.now() - start;
    t.last = Date.now();
    if (!res.ok) throw new Error(`search ${JSON.stringify(q)} failed (${res.status}): ${JSON.stringify(body).slice(0, 300)}`);
    return { ms, hits: body.result.data.items.length };
  }

  // Warm-up: every query once.
  for (const list of Object.values(KINDS)) for (const q of list) await searchOnce(q);

  const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
  const results = Object.fromEntries(Object.keys(KINDS).map((k) => [k, { p50: [], p95: [], hits: [] }]));
  for (let run = 0; run < RUNS; run++) {
    for (const [kind, list] of Object.entries(KINDS)) {
      const times = [];
      for (let i = 0; i < PER_KIND; i++) {
        const { ms, hits } = await searchOnce(list[i % list.length]);
        times.push(ms);
        results[kind].hits.push(hits);
      }
      results[kind].p50.push(pct(times, 50));
      results[kind].p95.push(pct(times, 95));
    }
  }

  console.log(
    `\nchat.messages.search over HTTP, ${MESSAGES.toLocaleString('en')} messages in ${ROOMS} rooms, each searcher in ${ROOMS_PER_SEARCHER}, PostgreSQL, ` +
      `${PER_KIND} queries per kind per run, one at a time, median of ${RUNS} runs`,
  );
  console.log('| query kind | p50 | p95 | target p95 | avg results |\n|---|---|---|---|---|');
  let pass = true;
  for (const [kind, r] of Object.entries(results)) {
    const p95 = median(r.p95);
    pass &&= p95 <= TARGET_P95_MS;
    const avg = r.hits.reduce((a, b) => a + b, 0) / r.hits.length;
    console.log(`| ${kind} | ${median(r.p50).toFixed(1)} ms | ${p95.toFixed(1)} ms | ≤ ${TARGET_P95_MS} ms ${p95 <= TARGET_P95_MS ? '✓' : '✗'} | ${avg.toFixed(1)} |`);
  }
  console.log(`\n${pass ? 'every kind within' : 'NOT every kind within'} the target (p95 ≤ ${TARGET_P95_MS} ms)`);
} finally {
  await db?.end().catch(() => {});
  if (server) await stop(server);
  if (REUSE || process.env.BENCH_KEEP_DB === '1') console.log(`kept database ${name}`);
  else await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
  await rm(work, { recursive: true, force: true });
}
