// Chat search, query by query (issue 10), in-process, on a PostgreSQL database kept by chat-search.mjs
// (BENCH_KEEP_DB=1): each of chat-search.mjs's queries `rounds` times through the search service, as successive
// searchers, p50 and max ms and the results found. Finds which query of a kind holds its p95; `EXPLAIN (ANALYZE)` of
// its window query shows why. By hand, not in `pnpm bench`.
// Run: node tooling/bench/chat-search-queries.mjs <database name> [rounds=10] [only queries containing this text]
// AUTHOR names the from: author (default: the fourth user by username).
import '../../packages/api/src/index.ts';
import { openDatabase } from '../../packages/db/src/index.ts';
import { chatSearchInput } from '../../packages/validators/src/index.ts';
import { search } from '../../packages/api/src/chat/search.service.ts';
import pg from 'pg';
const name = process.argv[2];
const ROUNDS = Number(process.argv[3] ?? 10);
const only = process.argv[4];
const url = `postgres://postgres@127.0.0.1:5432/${name}`;
const db = await openDatabase({ url });
const client = new pg.Client({ connectionString: url });
await client.connect();
const users = (await client.query(`select u.id, u.username from users u where exists (select 1 from room_members m where m.user_id = u.id) order by u.username limit 40`)).rows;
const all = (await client.query(`select username from users order by username`)).rows;
const author = process.env.AUTHOR ?? all[3].username;
const roomOf = new Map();
for (const u of users) roomOf.set(u.id, (await client.query(`select room_id from room_members where user_id = $1 order by room_id limit 1`, [u.id])).rows[0].room_id);
const QUERIES = [
  'guitar', 'concert', 'musique', 'rehearsal', 'vinyle', 'sidechain', 'saxophone', 'soundcheck',
  '音楽', 'ライ', 'スタ', '录音', '라이', '新曲', '吉他', '練習',
  'new guitar', 'live set', 'mix bass', 'studio demo', 'concert ce soir', 'guitare basse', 'tape loop', 'jazz piano',
  `guitar from:${author}`, 'concert in:ROOM', 'musique after:2026-03-01 before:2026-06-01', 'mix has:attachment', `ライブ from:${author}`, 'synth in:ROOM',
].filter((q) => !only || q.includes(only));
for (const qs of QUERIES) {
  const times = [];
  let hits = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const u = users[i % users.length];
    const viewer = { id: u.id, username: u.username, role: 'user', sessionId: 'x', elevatedUntil: null };
    const input = chatSearchInput.parse({ query: qs.replace('ROOM', roomOf.get(u.id)), limit: 20 });
    const em = db.fork();
    const t = performance.now();
    const r = await search({ em }, viewer, input);
    times.push(performance.now() - t);
    hits += r.items.length;
  }
  times.sort((a, b) => a - b);
  console.log(`${qs.padEnd(50)} p50 ${times[Math.floor(times.length / 2)].toFixed(1).padStart(6)}  max ${times.at(-1).toFixed(1).padStart(6)}  hits ${(hits / ROUNDS).toFixed(1)}`);
}
await client.end();
await db.close();
