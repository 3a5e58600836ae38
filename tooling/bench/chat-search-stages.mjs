// Where a chat search's time goes, in-process (issue 10): on a PostgreSQL database kept by chat-search.mjs
// (BENCH_KEEP_DB=1), searches of common words across a searcher's 50 rooms, timing each stage (wall and this
// process's CPU): the viewer's scope, the window query, the page's messages and their extras read the earlier way
// (MikroORM joined query + withExtras, four more queries), the same read by searchRepository.results (one query),
// and the whole search service.
// Run: node tooling/bench/chat-search-stages.mjs <database name> [rounds=40]
// The api's entry is imported first, for its module order (message-extras.ts and the extras import each other).
import '../../packages/api/src/index.ts';
import { openDatabase, searchRepository, Message } from '../../packages/db/src/index.ts';
import { chatSearchInput } from '../../packages/validators/src/index.ts';
import { search } from '../../packages/api/src/chat/search.service.ts';
import { toMessageDto } from '../../packages/api/src/chat/chat.dto.ts';
import { withExtras } from '../../packages/api/src/chat/message-extras.ts';
import pg from 'pg';

const name = process.argv[2];
const ROUNDS = Number(process.argv[3] ?? 40);
const url = `postgres://postgres@127.0.0.1:5432/${name}`;
const db = await openDatabase({ url });
const client = new pg.Client({ connectionString: url });
await client.connect();
const users = (await client.query(`select u.id, u.username from users u where exists (select 1 from room_members m where m.user_id = u.id) order by u.username limit 40`)).rows;
const WORDS = ['the', 'mix', 'guitar', 'live', 'musique', 'track', 'studio', 'de'];
const stages = {};
const add = (k, wall, cpu) => ((stages[k] ??= { wall: [], cpu: [] }).wall.push(wall), stages[k].cpu.push(cpu));
async function timed(k, fn) {
  const c = process.cpuUsage();
  const t = performance.now();
  const r = await fn();
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  add(k, wall, (d.user + d.system) / 1000);
  return r;
}
const q = (a, p) => a.toSorted((x, y) => x - y)[Math.min(a.length - 1, Math.floor(p * a.length))];
for (let i = 0; i < ROUNDS + 5; i++) {
  const warm = i < 5;
  const u = users[i % users.length];
  const viewer = { id: u.id, username: u.username, role: 'user', sessionId: 'x', elevatedUntil: null };
  const input = chatSearchInput.parse({ query: WORDS[i % WORDS.length], limit: 20 });
  // Old path, stage by stage.
  {
    const em = db.fork();
    const repo = searchRepository(em);
    const scope = await timed(warm ? 'warm' : 'old: scope', () => repo.scope(viewer.id, { memberRooms: true }));
    const w = await timed(warm ? 'warm' : 'old: window', () => repo.search({ roomIds: scope.roomIds, volume: scope.volume, terms: input.terms, excludeAuthorIds: scope.blockedIds, olderThan: null, limit: 21 }));
    const ids = w.hits.slice(0, 20).map((h) => h.id);
    const msgs = await timed(warm ? 'warm' : 'old: messages (MikroORM joined)', async () => {
      const found = await em.find(Message, { id: { $in: ids } }, { populate: ['author', 'room', 'replyTo', 'replyTo.author'], strategy: 'joined' });
      const byId = new Map(found.map((m) => [m.id, m]));
      return ids.flatMap((id) => byId.get(id) ?? []).filter((m) => !m.deletedAt);
    });
    await timed(warm ? 'warm' : 'old: extras (withExtras)', () => withExtras(em, msgs.map(toMessageDto), viewer.id));
    const em2 = db.fork();
    await timed(warm ? 'warm' : 'new: results (one raw query)', () => searchRepository(em2).results(ids, viewer.id));
  }
  {
    const em = db.fork();
    await timed(warm ? 'warm' : 'new: whole search()', () => search({ em }, viewer, input));
  }
}
const load = (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`load ${load}, ${ROUNDS} searches of common words across 50 rooms`);
console.log('| stage | wall p50 | wall p95 | node CPU p50 | node CPU p95 |');
for (const [k, v] of Object.entries(stages)) if (k !== 'warm') console.log(`| ${k} | ${q(v.wall, 0.5).toFixed(1)} | ${q(v.wall, 0.95).toFixed(1)} | ${q(v.cpu, 0.5).toFixed(1)} | ${q(v.cpu, 0.95).toFixed(1)} |`);
await client.end();
await db.close();
