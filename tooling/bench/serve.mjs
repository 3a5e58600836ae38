// Segment serving benchmark: Veza's HLS route vs nginx (Debian's package) on the same files.
// Run: node tooling/bench/serve.mjs [runs=3] [seconds=8]
// The server runs on CPU 0 and wrk on CPU 1 (taskset), 50 connections, rotating over the segments of a
// real 128 kbps rendition; median of `runs`. nginx and wrk come from Debian: installed when missing (root).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { signStreamToken } from '../../packages/api/src/tracks/stream-token.ts';
import { sineWav, transcodeRendition } from '../../packages/media/src/index.ts';

const RUNS = Number(process.argv[2] ?? 3);
const SECONDS = Number(process.argv[3] ?? 8);
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const ROOT = resolve(import.meta.dirname, '../..');
const [OURS, NGINX, FRONT] = [4391, 4392, 4393];

for (const [bin, pkg] of [['nginx', 'nginx-light'], ['wrk', 'wrk']]) {
  if (spawnSync('sh', ['-c', `command -v ${bin} || test -x /usr/sbin/${bin}`]).status === 0) continue;
  if (process.getuid?.() !== 0) throw new Error(`${bin} is missing: sudo apt-get install -y ${pkg}`);
  execFileSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

// One real rendition laid out as the server stores it.
const work = await mkdtemp(join(tmpdir(), 'veza-serve-bench-'));
const trackId = crypto.randomUUID();
const renditionDir = join(work, 'media/tracks', trackId, 'hls/128');
const wav = join(work, 'tone.wav');
await writeFile(wav, sineWav({ seconds: 60, channels: 2 }));
await transcodeRendition({ input: wav, format: 'wav', outDir: renditionDir, bitrateKbps: 128, timeoutMs: 120_000 });
const segments = (await readdir(renditionDir)).filter((f) => f.endsWith('.m4s'));
const token = signStreamToken({ jwtSecret: SECRET }, trackId);

const wait = async (url) => {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not up: ${url}`);
};

const ours = spawn('taskset', ['-c', '0', process.execPath, join(ROOT, 'apps/server/src/main.ts')], {
  env: { ...process.env, NODE_ENV: 'production', PORT: String(OURS), HOST: '127.0.0.1', DATA_DIR: work, JWT_SECRET: SECRET, LOG_LEVEL: 'warn', WORKER_IN_PROCESS: 'false', DATABASE_URL: '', REDIS_URL: '' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const nginxConf = join(work, 'nginx.conf');
await writeFile(
  nginxConf,
  `daemon off; worker_processes 1;${process.getuid?.() === 0 ? ' user root;' : ''} pid ${work}/nginx.pid; error_log ${work}/nginx-error.log warn;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000; open_file_cache max=1000 inactive=60s;
  types { audio/mp4 m4s mp4; application/vnd.apple.mpegurl m3u8; }
  # Baseline: nginx serving the files, no checks.
  server { listen 127.0.0.1:${NGINX}; root ${work}/media;
    location /media/ { alias ${work}/media/; add_header Cache-Control "public, max-age=31536000, immutable"; } }
  # Production path: nginx serves Veza's stream URLs from the storage folder itself; each stream token is
  # checked once by Veza (auth_request on the master playlist), and the answer cached per token.
  proxy_cache_path ${work}/auth-cache keys_zone=veza_auth:1m max_size=10m;
  server { listen 127.0.0.1:${FRONT};
    location ~ "^/media/hls/(?<tid>[0-9a-f-]{36})/(?<tok>[0-9]{10}\\.[A-Za-z0-9_-]{43})/(?<file>master\\.m3u8|[0-9]{2,3}/(index\\.m3u8|init\\.mp4|seg_[0-9]{5}\\.m4s))$" {
      auth_request /_veza_auth;
      alias ${work}/media/tracks/$tid/hls/$file;
      add_header Cache-Control "public, max-age=31536000, immutable"; }
    location = /_veza_auth { internal;
      proxy_pass http://127.0.0.1:${OURS}/media/hls/$tid/$tok/master.m3u8;
      proxy_method HEAD; proxy_pass_request_body off; proxy_set_header Content-Length "";
      proxy_cache veza_auth; proxy_cache_key $tid/$tok; proxy_cache_valid 200 403 10m;
      proxy_ignore_headers Cache-Control Expires Set-Cookie; } } }\n`,
);
const nginx = spawn('taskset', ['-c', '0', 'nginx', '-c', nginxConf], { stdio: 'inherit' });

const oursBase = `http://127.0.0.1:${OURS}/media/hls/${trackId}/${token}/128/`;
const nginxBase = `http://127.0.0.1:${NGINX}/media/tracks/${trackId}/hls/128/`;
const frontBase = `http://127.0.0.1:${FRONT}/media/hls/${trackId}/${token}/128/`;
await wait(`${oursBase}${segments[0]}`);
await wait(`${nginxBase}${segments[0]}`);
// The front checks tokens against the master playlist: write one, as the pipeline does.
await writeFile(join(work, 'media/tracks', trackId, 'hls/master.m3u8'), '#EXTM3U\n');
await wait(`${frontBase}${segments[0]}`);
const forged = await fetch(`${frontBase.replace(/\.[A-Za-z0-9_-]{43}\//, `.${'A'.repeat(43)}/`)}${segments[0]}`);
if (forged.status !== 403) throw new Error(`the nginx front let a forged token through (${forged.status})`);

async function load(base) {
  const script = join(work, `rotate-${Math.random().toString(36).slice(2)}.lua`);
  const paths = segments.map((s) => `"${new URL(base + s).pathname}"`).join(', ');
  await writeFile(script, `local paths = { ${paths} }\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format("GET", paths[i])\nend\n`);
  const out = execFileSync('taskset', ['-c', '1', 'wrk', '-t1', '-c50', `-d${SECONDS}s`, '--latency', '-s', script, base], { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const transfer = /Transfer\/sec:\s+([\d.]+)(\w+)/.exec(out);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const p99ms = p99 ? Number(p99[1]) * { us: 0.001, ms: 1, s: 1000 }[p99[2]] : NaN;
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  if (non2xx > 0) throw new Error(`${non2xx} failed responses from ${base}`);
  return { rps, p99ms, transfer: transfer ? `${transfer[1]} ${transfer[2]}/s` : '?' };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = { ours: [], nginx: [], front: [] };
try {
  for (let i = 0; i < RUNS; i++) {
    results.nginx.push(await load(nginxBase));
    results.ours.push(await load(oursBase));
    results.front.push(await load(frontBase));
  }
} finally {
  ours.kill('SIGTERM');
  nginx.kill('SIGQUIT');
}
const sizeKb = Math.round((await import('node:fs')).statSync(join(renditionDir, segments[0])).size / 1024);
const row = (name, rs) => `| ${name} | ${Math.round(median(rs.map((r) => r.rps))).toLocaleString('en')} req/s | p99 ${median(rs.map((r) => r.p99ms)).toFixed(1)} ms | ${rs[0].transfer} |`;
console.log(`\nHLS segments (${segments.length} × ~${sizeKb} KB, 128 kbps AAC fMP4), wrk -c50 ${SECONDS}s, server on CPU 0, wrk on CPU 1, median of ${RUNS}`);
console.log('| server | throughput | latency | transfer |\n|---|---|---|---|');
console.log(row('nginx 1.22 (sendfile)', results.nginx));
console.log(row('Veza HLS route (Node, in-memory segment cache)', results.ours));
console.log(row('nginx in front of Veza (auth_request, cached per token)', results.front));
const ratio = (rs) => (median(rs.map((r) => r.rps)) / median(results.nginx.map((r) => r.rps))).toFixed(2);
console.log(`\nratio vs nginx: Veza ${ratio(results.ours)}×, production path (nginx front) ${ratio(results.front)}×`);
await new Promise((r) => setTimeout(r, 500));
await rm(work, { recursive: true, force: true });
