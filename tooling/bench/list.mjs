// Public listing benchmark: `tracks.list` first page (20 of 50 public, playable tracks), anonymous, on PostgreSQL,
// vs bare node:http + `pg` running the same query and shaping the same JSON (checked byte for byte before loading).
// Run: node tooling/bench/list.mjs [runs=3] [seconds=8]
// BENCH_DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test); a fresh database
// is created on it and dropped afterwards. Server and baseline on CPU 0, wrk on CPU 1, 50 connections, runs interleaved.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureWrk, load, medianRps, row, SECRET, startBare, signUp, startVeza, stop, waitUp } from './lib.mjs';

const RUNS = Number(process.argv[2] ?? 3);
const SECONDS = Number(process.argv[3] ?? 8);
const [OURS, BARE] = [4461, 4462];
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

ensureWrk();
const work = await mkdtemp(join(tmpdir(), 'veza-list-bench-'));
const name = `veza_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`create database "${name}"`);
const dbUrl = new URL(ADMIN_URL);
dbUrl.pathname = `/${name}`;

const children = [];
try {
  const ours = startVeza({ port: OURS, dataDir: work, databaseUrl: dbUrl.toString() });
  children.push(ours);
  const base = `http://127.0.0.1:${OURS}`;
  await waitUp(`${base}/healthz`, ours);

  // An owner, then 50 public tracks ready to play and 5 still processing (which the public does not see).
  const ownerId = (await signUp(base, 'lister')).user.id;
  const db = new pg.Client({ connectionString: dbUrl.toString() });
  await db.connect();
  for (let i = 0; i < 55; i++) {
    await db.query(
      `insert into tracks (id, owner_id, title, description, visibility, storage_key, original_filename, mime_type, format, size_bytes,
         duration_ms, sample_rate, channels, artist, like_count, status, processing_percent, integrated_lufs, true_peak_db,
         hls_renditions, tags, bpm, musical_key, created_at, updated_at)
       values ($1, $2, $3, $4, 'public', $5, 'take.wav', 'audio/wav', 'wav', $6, $7, 44100, 2, 'The Bench', $8, $9, $10, -14.2, -1.1,
         '[{"kbps":96,"bandwidth":100400,"averageBandwidth":97800,"codecs":"mp4a.40.2"},{"kbps":160,"bandwidth":165300,"averageBandwidth":161900,"codecs":"mp4a.40.2"},{"kbps":256,"bandwidth":262100,"averageBandwidth":257600,"codecs":"mp4a.40.2"}]', '["ambient","live"]', 120, 'A minor', now() - make_interval(secs => $11), now())`,
      [randomUUID(), ownerId, `Night session ${i + 1}`, i % 3 === 0 ? 'Recorded live in one take.' : null, `originals/${i}.wav`, 30_000_000 + i, 180_000 + i * 1000, i, i < 50 ? 'ready' : 'processing', i < 50 ? 100 : 40, i],
    );
  }
  await db.end();

  const ourBody = await (await fetch(`${base}/trpc/tracks.list`)).text();
  if (JSON.parse(ourBody).result?.data?.items?.length !== 20) throw new Error(`tracks.list did not answer a page: ${ourBody.slice(0, 300)}`);

  // Baseline: node:http + pg, the same query as the repository (public + ready, newest first, owner joined,
  // one row more than the page to know whether there is a next one), the same DTO, the same signed stream URL.
  const bareSource = join(work, 'bare.mjs');
  await writeFile(bareSource, bareServer({ url: dbUrl.toString(), port: BARE, pgPath: import.meta.resolve('pg') }));
  const bare = startBare(bareSource);
  children.push(bare);
  await waitUp(`http://127.0.0.1:${BARE}/`, bare);
  const bareBody = await (await fetch(`http://127.0.0.1:${BARE}/trpc/tracks.list`)).text();
  if (bareBody !== ourBody) throw new Error(`the baseline does not answer the same JSON:\nours ${ourBody.slice(0, 600)}\nbare ${bareBody.slice(0, 600)}`);

  const results = { bare: [], ours: [] };
  for (let i = 0; i < RUNS; i++) {
    results.bare.push(load(`http://127.0.0.1:${BARE}/trpc/tracks.list`, { seconds: SECONDS, pid: bare.pid }));
    const run = load(`${base}/trpc/tracks.list`, { seconds: SECONDS, pid: ours.pid });
    if (run.non2xx > 0) throw new Error(`${run.non2xx} failed calls`);
    results.ours.push(run);
  }
  console.log(`\ntracks.list first page (20 tracks, ${Buffer.byteLength(ourBody)} B JSON), anonymous, wrk -c50 ${SECONDS}s, server on CPU 0, wrk on CPU 1, PostgreSQL, median of ${RUNS} (interleaved)`);
  console.log('| server | throughput | latency | RSS after |\n|---|---|---|---|');
  console.log(row('bare node:http + pg, same SQL and JSON', results.bare));
  console.log(row('Veza tracks.list', results.ours));
  console.log(`\nratio vs bare node:http + pg: ${(medianRps(results.ours) / medianRps(results.bare)).toFixed(2)}×`);
} finally {
  for (const child of children) await stop(child);
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
  await rm(work, { recursive: true, force: true });
}

function bareServer({ url, port, pgPath }) {
  return `import { createHmac, createSecretKey } from 'node:crypto';
import { createServer } from 'node:http';
import pg from ${JSON.stringify(pgPath)};
const pool = new pg.Pool({ connectionString: ${JSON.stringify(url)}, max: 10 });
const key = createSecretKey(createHmac('sha256', ${JSON.stringify(SECRET)}).update('veza-stream-token-v1').digest());
const streamToken = (id) => {
  const expires = Math.ceil((Date.now() / 1000 + 3 * 3600) / 3600) * 3600;
  return expires + '.' + createHmac('sha256', key).update(id + '.' + expires).digest('base64url');
};
const SQL = \`select t.id, t.title, t.description, t.visibility, t.format, t.mime_type, t.size_bytes, t.duration_ms, t.sample_rate,
  t.channels, t.artist, t.like_count, t.status, t.processing_percent, t.failure_reason, t.integrated_lufs, t.true_peak_db,
  t.hls_renditions, t.tags, t.bpm, t.musical_key, t.cover_key, t.created_at, t.updated_at,
  u.id as owner_id, u.username, u.display_name
  from tracks t join users u on u.id = t.owner_id
  where t.visibility in ('public') and t.status in ('ready')
  order by t.created_at desc, t.id desc limit 21\`;
const hlsDto = (t) => {
  const sorted = [...t.hls_renditions].sort((a, b) => a.kbps - b.kbps);
  return {
    masterUrl: '/media/hls/' + t.id + '/' + streamToken(t.id) + '/master.m3u8',
    renditions: sorted.map((r) => r.kbps),
    bitrates: sorted.map((r) => ({ kbps: r.kbps, averageKbps: Math.ceil(r.averageBandwidth / 1000), peakKbps: Math.ceil(r.bandwidth / 1000) })),
  };
};
const dto = (t) => ({
  id: t.id, title: t.title, description: t.description, visibility: t.visibility, format: t.format, mimeType: t.mime_type,
  sizeBytes: Number(t.size_bytes), durationMs: t.duration_ms, sampleRate: t.sample_rate, channels: t.channels, artistTag: t.artist,
  likeCount: t.like_count, likedByMe: false, owner: { id: t.owner_id, username: t.username, displayName: t.display_name },
  status: t.status, processingPercent: t.processing_percent, failureReason: t.failure_reason,
  loudness: t.integrated_lufs != null && t.true_peak_db != null ? { integratedLufs: t.integrated_lufs, truePeakDb: t.true_peak_db } : null,
  waveform: null,
  hls: t.hls_renditions.length > 0 ? hlsDto(t) : null,
  tags: t.tags, bpm: t.bpm, musicalKey: t.musical_key, lyrics: null,
  coverUrl: t.cover_key ? '/api/tracks/' + t.id + '/cover?v=' + t.updated_at.getTime() : null,
  audioUrl: '/api/tracks/' + t.id + '/audio', createdAt: t.created_at.toISOString(), updatedAt: t.updated_at.toISOString(),
});
createServer(async (req, res) => {
  try {
    const { rows } = await pool.query(SQL);
    const page = rows.slice(0, 20);
    const last = page.at(-1);
    const nextCursor = rows.length > 20 && last ? Buffer.from(last.created_at.toISOString() + '|' + last.id).toString('base64url') : null;
    const body = JSON.stringify({ result: { data: { items: page.map(dto), nextCursor } } });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  } catch (error) {
    res.writeHead(500);
    res.end(String(error));
  }
}).listen(${port}, '127.0.0.1');
`;
}
