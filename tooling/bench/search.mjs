// Search benchmark (issue 12: "search p95 ≤ 50 ms including facets, autocomplete p95 ≤ 20 ms"): the real search
// service (packages/api/src/search/search.service.ts, in-process, with its repository and SQL) on generated data, on
// PostgreSQL (1 M tracks) and on embedded PGlite (100 k tracks).
// Run: node tooling/bench/search.mjs [pg|pglite|both=both] [runs=3] [queriesPerKind=30]
//  - BENCH_TRACKS (default 1,000,000) tracks on PostgreSQL; BENCH_PGLITE_TRACKS (default 100,000) on PGlite.
//  - PostgreSQL: by default a throwaway cluster of the machine's PostgreSQL binaries, configured for the data set
//    (TUNED below; pg-cluster.mjs). BENCH_DATABASE_URL names a server to measure instead (e.g. the machine's shared
//    one, postgres://postgres@127.0.0.1:5432/test); a fresh database is created on it and dropped afterwards
//    (BENCH_KEEP_DB=1 keeps it, for EXPLAIN; BENCH_REUSE_DB=<name> searches a kept one, no generation, and keeps it). BENCH_ONLY=<regular expression> measures only the kinds whose
//    names match it (the baselines always), to look at a few queries on a kept database.
//
// Data, generated inside the database (generate_series and word arrays): one artist per 50 tracks (2 % private
// profiles), with display names from several languages; tracks titled with 1 to 5 words of an English, French,
// Spanish, German, Portuguese and Italian vocabulary drawn with a skew (index = n · r²: the most frequent word,
// "love", is in more than a fifth of the tracks) and, for a third of the words, a long tail of 50,625 made-up words
// (four syllables; each in a few dozen tracks at 1 M), 5 % Japanese/Chinese/Korean titles, 0 to 4 tags, a quarter with a
// description, genre, key, BPM and duration as people fill them (some left empty), plays skewed (most tracks a
// handful, a few millions: exp(ln(2 M)·r⁴)), uploads over three years (more of them recent; stored in upload order, as a table that
// receives them one by one), 92 % public (4 % unlisted,
// 4 % private), 97 % ready, popular artists with more tracks; one playlist per 20 tracks, one group per 200. The schema
// and its indexes are the migrations' own (openDatabase().migrate()); the big tables' indexes are dropped during the
// load and rebuilt from their own definitions after it. The searching viewer follows 200 artists and blocked 5.
//
// Measured, one query at a time, half signed in and half signed out: each kind's p50 and p95 over `queriesPerKind`
// queries, the median of `runs` runs. Results pages are first pages (facets included) unless said; suggestions are
// what the search box asks while someone types (each prefix of a word, from 2 letters). Side by side: the round trip
// of a bare `select 1` and a primary-key lookup of a track through the same ORM connection, as ratios.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { median } from './lib.mjs';
import { startCluster } from './pg-cluster.mjs';

const MODE = process.argv[2] ?? 'both';
const RUNS = Number(process.argv[3] ?? 3);
const PER_KIND = Number(process.argv[4] ?? 30);
const PG_TRACKS = Number(process.env.BENCH_TRACKS ?? 1_000_000);
const PGLITE_TRACKS = Number(process.env.BENCH_PGLITE_TRACKS ?? 100_000);
/**
 * The PostgreSQL server measured: BENCH_DATABASE_URL, else a throwaway cluster of the machine's PostgreSQL configured
 * as a server holding a million-track catalogue would be (pg-cluster.mjs; TUNED below).
 */
const SERVER_URL = process.env.BENCH_DATABASE_URL || '';
/**
 * The throwaway cluster's settings, the usual production guidance for a dedicated 4 GB database server on SSD:
 * shared_buffers a quarter of the memory (the tracks table and its indexes, ~680 MB at 1 M tracks, stay in it),
 * effective_cache_size three quarters, SSD page costs. Durability off (fsync) only speeds up the load.
 */
const TUNED = { shared_buffers: '1GB', effective_cache_size: '3GB', random_page_cost: '1.1', effective_io_concurrency: '200' };
const TARGET_SEARCH_P95 = 50;
const TARGET_SUGGEST_P95 = 20;

// The api's entry first, for its module order (as the other in-process benchmarks).
await import('../../packages/api/src/index.ts');
const { openDatabase } = await import('../../packages/db/src/index.ts');
const { createRateLimits } = await import('../../packages/api/src/security/rate-limits.ts');
const search = await import('../../packages/api/src/search/search.service.ts');

// Most frequent first: the draw favours the start of each list.
const WORDS = `love night nuit noche dream heart amor liebe fire summer light city rêve corazón sueño nacht herz soleil
sol sonne rain blue gold dance danse baile tanz time temps tiempo zeit world monde mundo welt star étoile estrella stern
moon lune luna mond sky ciel cielo himmel sea mer mar meer road route camino straße home maison casa haus girl fille
chica mädchen boy garçon chico junge life vie vida leben song chanson canción lied music musique música musik soul
âme alma seele wild sauvage salvaje wilde dark sombre oscuro dunkel red rouge rojo rot river rivière río fluss storm
orage tormenta sturm winter hiver invierno paris berlin madrid lisboa roma tokyo london montréal dakar lagos saudade
coração estrada noite sonho cuore notte sogno strada amore estate luce città silence silencio stille echo écho eco
neon velvet honey sugar ocean desert forest forêt bosque wald mirror miroir espejo spiegel window fenêtre ventana
fenster shadow ombre sombra schatten ghost fantôme fantasma geist flower fleur flor blume wave vague ola welle cloud
nuage nube wolke thunder tonnerre trueno donner crystal cristal kristall paradise paradis paraíso paradies midnight
minuit medianoche mitternacht sunrise aube amanecer morgen sunset crépuscule atardecer abend memory mémoire memoria
erinnerung kestrel heron marimba kalimba theremin vocoder ukulele bandoneon zither sitar tabla djembe balafon koto
shamisen erhu guzheng duduk oud bouzouki charango cavaquinho berimbau accordéon mandoline contrebasse glockenspiel`
  .split(/\s+/)
  .filter(Boolean);
const CJK = `東京の夜 夢の中で 桜の季節 恋の歌 星空の下 青い海 雨の日 風の音 月光 夏祭り 新しい朝 静かな街 我的梦 月亮代表我的心 北京之夜
春天的故事 海边的风 夜空中最亮的星 사랑의 노래 서울의 밤 꿈속에서 별빛 여름날 바다`
  .split(/\s+/)
  .filter(Boolean);
const TAGS = `chill deep house lofi summer night dance love live acoustic remix instrumental vocal piano guitar synth
ambient study workout party sad happy dark groove funky jazzy soulful cinematic epic dreamy hypnotic minimal
melodic techno garage disco afro latin reggaeton bossa flamenco chanson kpop jpop city-pop vaporwave synthwave
drill trap boombap grime dubstep jungle breakbeat shoegaze postrock indie folk bluegrass country blues gospel
orchestral choir strings brass field-recording experimental noise`
  .split(/\s+/)
  .filter(Boolean);
const FIRST = `Léa Zoé Chloé Élodie Inès Noémie Amélie José María Lucía Sofía Jürgen Jörg Björn Søren Åsa Renée Anaïs
Mathéo Théo Raphaël João Gonçalo Ângela Ramón Iñaki Nuño Zoë Dvořák Łukasz Ágnes Kateřina Ødegaard Emma Olivia
Liam Noah Maya Aiko Yuki Haruto Min-jun Seo-yeon Wei Jing Amara Kwame Chidi Fatou Aminata Youssef Layla Omar Priya
Arjun Ravi`
  .split(/\s+/)
  .filter(Boolean);
const LAST = `Martin Bernard Dubois Lefèvre Müller Schröder García Fernández López Rossi Bianchi Silva Gonçalves
Johansson Nørgaard Kowalski Novák Tanaka Suzuki Kim Park Chen Wang Okafor Mensah Diallo Haddad Patel Sharma
Nguyen Smith Johnson Brown Taylor O'Brien MacLeod Van-der-Berg`
  .split(/\s+/)
  .filter(Boolean);

// The long tail of a real vocabulary (names, rare words, made-up titles): four syllables drawn uniformly.
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'su', 'ri', 'to', 'va', 'ze', 'po', 'di', 'fu', 'ga', 'he', 'ju'];
const TAIL_WORD = Array.from({ length: 4 }, () => `(${`array[${SYLLABLES.map((x) => `'${x}'`).join(',')}]`})[1 + floor(random() * ${SYLLABLES.length})::int]`).join(' || ');
/** The i-th word of the long tail (every one of them is in the data, a few dozen times at 1 M tracks). */
const tailWord = (i) => [0, 1, 2, 3].map((k) => SYLLABLES[Math.floor(i / SYLLABLES.length ** k) % SYLLABLES.length]).join('');
/** A typo of a long-tail word that is no word of the data (a doubled consonant). */
const tailTypo = (i) => {
  const w = tailWord(i);
  return w.slice(0, 3) + w[2] + w.slice(3);
};

const GENRES = (await import('../../packages/validators/src/explore.ts')).GENRES;
const KEYS = (await import('../../packages/validators/src/tracks.ts')).MUSICAL_KEYS;
const arr = (items) => `array[${items.map((w) => `'${w.replaceAll("'", "''")}'`).join(',')}]::text[]`;
/** The i-th item of `list` drawn with a steep skew (index = n · r^power); `seed` makes each draw its own. */
const skewed = (list, power) => `(${arr(list)})[1 + floor(${list.length} * power(random(), ${power}))::int]`;

/** Generates the data into `db` (openDatabase's Database), through its raw SQL. */
async function seed(db, tracks) {
  const sql = (text) => db.executeSql(text);
  const artists = Math.max(200, Math.floor(tracks / 50));
  const t0 = Date.now();
  await sql(
    `insert into users (id, email, username, username_skeleton, display_name, is_private, created_at, updated_at)
     select gen_random_uuid(), 'artist' || g || '@example.com', 'artist' || g, 'artist' || g,
       case when g % 5 = 0 then null else ${skewed(FIRST, 1.5)} || ' ' || ${skewed(LAST, 1.5)} end,
       g % 50 = 13, now() - random() * interval '1000 days', now()
     from generate_series(0, ${artists - 1}) g`,
  );
  await sql(`create table bench_artists as select row_number() over (order by username) - 1 as n, id from users where username ~ '^artist'`);
  await sql(`create unique index on bench_artists (n)`);
  const big = (await sql(`select indexname, indexdef from pg_indexes where tablename in ('tracks', 'playlists', 'groups') and indexdef not like '%UNIQUE%'`)).rows;
  for (const { indexname } of big) await sql(`drop index "${indexname}"`);
  const batch = 100_000;
  // A third of the words come from the long tail (four syllables: 50,625 words, each in a few dozen tracks at 1 M).
  const words = (g, max) =>
    `(select string_agg(case when random() < 0.35 then ${TAIL_WORD} else ${skewed(WORDS, 2)} end, ' ') from generate_series(1, 1 + (${g} * 7 + floor(random() * ${max})::int) % ${max}) w)`;
  for (let from = 0; from < tracks; from += batch) {
    const to = Math.min(tracks, from + batch) - 1;
    await sql(
      `insert into tracks (id, owner_id, title, artist, description, visibility, storage_key, original_filename, mime_type, format, size_bytes,
         duration_ms, status, processing_percent, tags, genre, bpm, musical_key, play_count, like_count, created_at, updated_at)
       select gen_random_uuid(), a.id,
         case when p.g % 20 = 7 then ${skewed(CJK, 2)} else initcap(${words('g', 5)}) end,
         case when g % 10 = 3 then ${skewed(FIRST, 1)} || ' ' || ${skewed(LAST, 1)} end,
         case when g % 4 = 1 then ${words('g', 15)} end,
         case when g % 25 = 2 then 'unlisted' when g % 25 = 5 then 'private' else 'public' end,
         'tracks/bench/' || g, 'track.wav', 'audio/wav', 'wav', 8000000,
         case when g % 33 = 0 then 1800000 + floor(random() * 3600000)::int else 60000 + floor(random() * 420000)::int end,
         case when g % 33 = 1 then 'processing' else 'ready' end, 100,
         (select coalesce(jsonb_agg(distinct ${skewed(TAGS, 2)}), '[]'::jsonb) from generate_series(1, (g * 13) % 5) k where k > 0 and g >= 0),
         case when g % 10 = 0 then null else ${skewed(GENRES, 2)} end,
         case when g % 7 = 0 then null else 60 + floor(random() * 120)::int end,
         case when g % 5 = 0 then null else (${arr(KEYS)})[1 + floor(random() * ${KEYS.length})::int] end,
         p.plays, p.plays / 20,
         now() - power(1 - g::float8 / ${tracks}, 2) * interval '1095 days' - random() * interval '6 hours', now()
       from (select g, floor(exp(ln(2000000) * power(random(), 4)))::int - 1 as plays, floor(${artists} * power(random(), 2))::int as owner
             from generate_series(${from}, ${to}) g offset 0) p
       join bench_artists a on a.n = p.owner`,
    );
  }
  await sql(
    `insert into playlists (id, owner_id, title, description, is_public, like_count, created_at, updated_at)
     select gen_random_uuid(), a.id, initcap(${words('g', 4)}), case when g % 3 = 0 then ${words('g', 10)} end, g % 7 <> 0,
       floor(exp(ln(50000) * power(random(), 4)))::int - 1, now() - random() * interval '700 days', now()
     from generate_series(0, ${Math.floor(tracks / 20) - 1}) g join bench_artists a on a.n = (g * 7919) % ${artists}`,
  );
  await sql(
    `insert into groups (id, slug, name, description, is_public, owner_id, member_count, created_at, updated_at)
     select gen_random_uuid(), 'group-' || g, initcap(${words('g', 4)}), case when g % 2 = 0 then ${words('g', 12)} end, g % 10 >= 3, a.id,
       floor(exp(ln(20000) * power(random(), 3)))::int, now() - random() * interval '700 days', now()
     from generate_series(0, ${Math.max(50, Math.floor(tracks / 200)) - 1}) g join bench_artists a on a.n = (g * 104729) % ${artists}`,
  );
  const loaded = Date.now();
  for (const { indexdef } of big) await db.executeScript(`set maintenance_work_mem = '256MB'; ${indexdef};`);
  // The viewer: follows 200 artists (some private), blocked 5.
  await sql(
    `insert into users (id, email, username, username_skeleton, display_name, created_at, updated_at)
     values (gen_random_uuid(), 'viewer@example.com', 'viewer', 'viewer', 'Bench Viewer', now(), now())`,
  );
  await sql(
    `insert into follows (follower_id, followee_id, status, created_at)
     select v.id, a.id, 'active', now() from users v, bench_artists a where v.username = 'viewer' and a.n % ${Math.floor(artists / 200)} = 0 and a.n < ${artists}
     on conflict do nothing`,
  );
  await sql(`insert into user_blocks (blocker_id, blocked_id, created_at) select v.id, a.id, now() from users v, bench_artists a where v.username = 'viewer' and a.n in (1, 2, 3, 5, 8)`);
  await sql('drop table bench_artists');
  await sql('vacuum analyze');
  const sizes = (await sql(`select pg_size_pretty(pg_total_relation_size('tracks')) as t, (select count(*) from tracks) as n`)).rows[0];
  return `loaded ${Number(sizes.n).toLocaleString('en')} tracks (${artists.toLocaleString('en')} artists) in ${((loaded - t0) / 1000).toFixed(0)} s, indexed and analysed in ${((Date.now() - loaded) / 1000).toFixed(0)} s (tracks ${sizes.t} with indexes)`;
}

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

/**
 * Reads the searched tables and their indexes into PostgreSQL's shared buffers (pg_prewarm), as a server that has been
 * serving the catalogue holds them: a bulk load and an index build go through a small ring of buffers, so right after
 * the load every page a query touches is first copied from the operating system's cache (a rare word's first search:
 * ~500 ms instead of ~10 ms), which measures a restart, not the steady state. Skipped, and said, when the server has
 * no pg_prewarm or the tables do not fit in shared_buffers.
 */
async function prewarm(db) {
  const tables = ['tracks', 'users', 'playlists', 'groups', 'follows', 'user_blocks', 'group_members'];
  try {
    await db.executeSql('create extension if not exists pg_prewarm');
  } catch {
    return 'no pg_prewarm on this server: measured without warming the shared buffers first';
  }
  const { rows } = await db.executeSql(
    `select (select sum(pg_total_relation_size(c.oid)) from pg_class c where c.relname = any($1::text[])) as size,
       (select setting::bigint * 8192 from pg_settings where name = 'shared_buffers') as buffers`,
    [tables],
  );
  if (Number(rows[0].size) > 0.9 * Number(rows[0].buffers)) return `tables (${Math.round(rows[0].size / 2 ** 20)} MB) larger than shared_buffers: not prewarmed`;
  const relations = (
    await db.executeSql(
      `select c.relname from pg_class c join pg_class t on t.oid = coalesce((select i.indrelid from pg_index i where i.indexrelid = c.oid), c.oid)
       where t.relname = any($1::text[]) and c.relkind in ('r', 'i')`,
      [tables],
    )
  ).rows.map((r) => r.relname);
  let blocks = 0;
  for (const relation of relations) blocks += Number((await db.executeSql('select pg_prewarm($1::regclass) as n', [relation])).rows[0].n);
  return `prewarmed ${relations.length} tables and indexes (${Math.round((blocks * 8192) / 2 ** 20)} MB) into shared_buffers`;
}

/** Measures every kind on `db`; prints a Markdown table. */
async function measure(db, engine) {
  const label = `${engine}, ${Number((await db.executeSql('select count(*) as n from tracks')).rows[0].n).toLocaleString('en')} tracks`;
  const viewerRow = (await db.executeSql(`select id, username from users where username = 'viewer'`)).rows[0];
  const viewer = { id: viewerRow.id, username: viewerRow.username, role: 'user', sessionId: 'bench', elevatedUntil: null };
  const deps = {
    tokens: { jwtSecret: 'bench-secret-bench-secret-bench-secret-0123456789', issuer: 'veza', audience: 'veza', accessTokenTtlSeconds: 900, sessionTtlSeconds: 3600 },
    limits: createRateLimits({ search: { suggest: null, page: null } }),
  };
  let turn = 0;
  /** A request's context: a fresh EntityManager, signed in every other call. */
  const ctx = () => ({ em: db.fork(), viewer: turn++ % 2 === 0 ? viewer : null, deps });
  const anyTrack = (await db.executeSql(`select id from tracks order by id limit 200`)).rows.map((r) => r.id);
  const counts = async (word) => Number((await db.executeSql(`select count(*) as n from tracks where search_document @@ to_tsquery('simple', $1)`, [`'${word}':*`])).rows[0].n);
  const common = WORDS[0];
  const rare = Array.from({ length: 60 }, (_, i) => tailWord(i * 811 + 17));
  const mid = WORDS.slice(60, 140);
  const pick = (list, i) => list[(i * 7 + 3) % list.length];
  // A page of a common word's results, for cursor timings.
  const cursors = {};
  for (const sort of ['relevance', 'newest', 'plays']) cursors[sort] = (await search.tracks(ctx(), { q: common, sort })).nextCursor;
  const typed = ['lo', 'lov', 'love', 'love n', 'love ni', 'love nig', 'nu', 'nui', 'nuit', 'cor', 'cora', 'coraz', 'corazo', 'ker', 'kest', 'kestr', 'ma', 'mar', 'mari', 'marim', 'ét', 'éto', 'étoi', 'saud', 'sauda', '東京', '夢の', 'sé', 'zo', 'zoé'];
  for (const w of rare.slice(0, 6)) for (let n = 2; n <= w.length; n += 2) typed.push(w.slice(0, n));
  const KINDS = {
    'baseline: select 1 (ORM round trip)': { run: () => db.fork().execute('select 1'), kind: 'baseline' },
    'baseline: a track by primary key': { run: (i) => db.fork().execute('select id, title, play_count from tracks where id = ?', [anyTrack[i % anyTrack.length]]), kind: 'baseline' },
    'selective: a rare word': { run: (i) => search.tracks(ctx(), { q: pick(rare, i) }), kind: 'search' },
    'selective: two words (a rare one)': { run: (i) => search.tracks(ctx(), { q: `${pick(rare, i + 1)} ${pick(WORDS.slice(0, 60), i)}` }), kind: 'search' },
    'mid selectivity: a word in ~1 % of tracks': { run: (i) => search.tracks(ctx(), { q: pick(WORDS.slice(-60), i) }), kind: 'search' },
    'mid selectivity: two frequent words': { run: (i) => search.tracks(ctx(), { q: `${pick(mid, i)} ${pick(WORDS.slice(0, 60), i + 1)}` }), kind: 'search' },
    'selective: a phrase, accents left out': { run: (i) => search.tracks(ctx(), { q: `"${pick(['etoile', 'reve', 'coracao', 'foret', 'ecran', 'musica', 'memoire'], i)}"` }), kind: 'search' },
    'selective: a typo (typo tolerance)': { run: (i) => search.tracks(ctx(), { q: tailTypo(i * 811 + 17) }), kind: 'search' },
    'selective: CJK': { run: (i) => search.tracks(ctx(), { q: pick(['東京', '夢の', '星空', '사랑', '北京', '月亮'], i) }), kind: 'search' },
    [`low selectivity: "${common}" (every 5th title)`]: { run: () => search.tracks(ctx(), { q: common }), kind: 'search' },
    'low selectivity: a frequent 2-letter prefix': { run: (i) => search.tracks(ctx(), { q: pick(['lo', 'ni', 'so', 'da', 'mo'], i) }), kind: 'search' },
    'low selectivity: a frequent word OR another': { run: (i) => search.tracks(ctx(), { q: `${WORDS[1]} OR ${pick(WORDS.slice(2, 20), i)}` }), kind: 'search' },
    'facets narrowed: common word + genre + BPM': { run: (i) => search.tracks(ctx(), { q: common, genres: [GENRES[i % 5]], bpmMin: 110, bpmMax: 130 }), kind: 'search' },
    'filters only: genre + key (no words)': { run: (i) => search.tracks(ctx(), { genres: [GENRES[i % 8]], keys: [KEYS[i % KEYS.length]] }), kind: 'search' },
    'sort newest: common word': { run: () => search.tracks(ctx(), { q: common, sort: 'newest' }), kind: 'search' },
    'sort plays: common word': { run: () => search.tracks(ctx(), { q: common, sort: 'plays' }), kind: 'search' },
    'sort newest: rare word': { run: (i) => search.tracks(ctx(), { q: pick(rare, i), sort: 'newest' }), kind: 'search' },
    'sort plays: rare word': { run: (i) => search.tracks(ctx(), { q: pick(rare, i), sort: 'plays' }), kind: 'search' },
    'page 2 (cursor), relevance, common word': { run: () => search.tracks(ctx(), { q: common, cursor: cursors.relevance }), kind: 'search' },
    'page 2 (cursor), newest, common word': { run: () => search.tracks(ctx(), { q: common, sort: 'newest', cursor: cursors.newest }), kind: 'search' },
    'page 2 (cursor), plays, common word': { run: () => search.tracks(ctx(), { q: common, sort: 'plays', cursor: cursors.plays }), kind: 'search' },
    'people: a name': { run: (i) => search.people(ctx(), { q: pick(['zoe', 'muller', 'garcia', 'jorg', 'tanaka', 'lea martin'], i) }), kind: 'search' },
    'playlists: a word': { run: (i) => search.playlists(ctx(), { q: pick(mid, i) }), kind: 'search' },
    'groups: a word': { run: (i) => search.groups(ctx(), { q: pick(mid, i) }), kind: 'search' },
    'suggest: as you type (each prefix)': { run: (i) => search.suggest(ctx(), { q: typed[i % typed.length] }), kind: 'suggest' },
    [`suggest: "${common}"`]: { run: () => search.suggest(ctx(), { q: common }), kind: 'suggest' },
  };
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : null;
  if (only) for (const [name, k] of Object.entries(KINDS)) if (k.kind !== 'baseline' && !only.test(name)) delete KINDS[name];
  for (const k of Object.values(KINDS)) for (let i = 0; i < 5; i++) await k.run(i); // warm-up
  const results = Object.fromEntries(Object.keys(KINDS).map((k) => [k, { p50: [], p95: [] }]));
  for (let run = 0; run < RUNS; run++) {
    for (const [name, k] of Object.entries(KINDS)) {
      const times = [];
      for (let i = 0; i < PER_KIND; i++) {
        const start = performance.now();
        await k.run(i + run * PER_KIND);
        times.push(performance.now() - start);
      }
      results[name].p50.push(pct(times, 50));
      results[name].p95.push(pct(times, 95));
    }
  }
  const base1 = median(results['baseline: select 1 (ORM round trip)'].p95);
  const basePk = median(results['baseline: a track by primary key'].p95);
  const matched = await counts(common);
  const load = (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(
    `\n${label}: search service in-process, ${PER_KIND} queries per kind per run, one at a time, half signed in, median of ${RUNS} runs ` +
      `("${common}" matches ${matched.toLocaleString('en')} tracks; load average ${load})`,
  );
  console.log('| kind | p50 | p95 | target p95 | p95 ÷ select 1 | p95 ÷ PK lookup |\n|---|---|---|---|---|---|');
  let pass = true;
  for (const [name, r] of Object.entries(results)) {
    const p95 = median(r.p95);
    const kind = KINDS[name].kind;
    const target = kind === 'search' ? TARGET_SEARCH_P95 : kind === 'suggest' ? TARGET_SUGGEST_P95 : null;
    if (target !== null) pass &&= p95 <= target;
    const mark = target === null ? '' : `≤ ${target} ms ${p95 <= target ? '✓' : '✗'}`;
    console.log(`| ${name} | ${median(r.p50).toFixed(1)} ms | ${p95.toFixed(1)} ms | ${mark} | ${(p95 / base1).toFixed(1)}× | ${(p95 / basePk).toFixed(1)}× |`);
  }
  console.log(`\n${label}: ${pass ? 'every kind within' : 'NOT every kind within'} its target (search p95 ≤ ${TARGET_SEARCH_P95} ms incl. facets, suggest p95 ≤ ${TARGET_SUGGEST_P95} ms)`);
  await deps.limits.close();
}

if (MODE === 'pg' || MODE === 'both') {
  const REUSE = process.env.BENCH_REUSE_DB || '';
  if (REUSE && !SERVER_URL) throw new Error('BENCH_REUSE_DB needs BENCH_DATABASE_URL (the server holding the kept database).');
  const cluster = SERVER_URL ? null : await startCluster(TUNED);
  const ADMIN_URL = SERVER_URL || cluster.url;
  console.log(`\nPostgreSQL server: ${cluster ? cluster.description : ADMIN_URL}`);
  const name = REUSE || `veza_bench_catalog_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  if (!REUSE) await admin.query(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let db;
  try {
    db = await openDatabase({ url: url.toString() });
    await db.migrate();
    if (!REUSE) console.log(`\nPostgreSQL: ${await seed(db, PG_TRACKS)}`);
    console.log(`PostgreSQL: ${await prewarm(db)}`);
    await measure(db, 'PostgreSQL');
  } finally {
    await db?.close();
    if (cluster) {
      await admin.end();
      await cluster.stop();
    } else {
      if (REUSE || process.env.BENCH_KEEP_DB === '1') console.log(`kept database ${name}`);
      else await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  }
}

if (MODE === 'pglite' || MODE === 'both') {
  const dir = await mkdtemp(join(tmpdir(), 'veza-search-bench-'));
  let db;
  try {
    db = await openDatabase({ dataDir: join(dir, 'db') });
    await db.migrate();
    console.log(`\nPGlite: ${await seed(db, PGLITE_TRACKS)}`);
    await measure(db, 'PGlite (embedded)');
  } finally {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  }
}
