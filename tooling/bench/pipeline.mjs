// Media pipeline benchmark: bare ffmpeg commands vs @veza/media's functions on the same 3-minute track.
// Run: node tooling/bench/pipeline.mjs [runs=3]   (Node 24: the package's TypeScript source is imported directly.)
// The import is by relative path so this script needs no workspace package of its own (and no lockfile change).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  HLS_LADDER_KBPS,
  masterPlaylist,
  measureLoudness,
  probeMedia,
  renditionArgs,
  resolveFfmpeg,
  sniffAudio,
  transcodeRendition,
  waveformPeaks,
} from '../../packages/media/src/index.ts';

const RUNS = Number(process.argv[2] ?? 3);
const SECONDS = 180;
const TIMEOUT = 10 * 60_000;
const ffmpeg = resolveFfmpeg();
const work = await mkdtemp(join(tmpdir(), 'veza-bench-'));

const run = (args, cwd) =>
  new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}`))));
  });

// A music-like test signal: a chord over pink noise, stereo, 44.1 kHz, 16-bit, 3 minutes.
const input = join(work, 'track.wav');
await run([
  '-hide_banner', '-nostdin', '-v', 'error', '-y',
  '-f', 'lavfi', '-i', `sine=f=220:d=${SECONDS}`, '-f', 'lavfi', '-i', `sine=f=277:d=${SECONDS}`, '-f', 'lavfi', '-i', `anoisesrc=c=pink:a=0.15:d=${SECONDS}`,
  '-filter_complex', '[0][1][2]amix=inputs=3,volume=2,aformat=channel_layouts=stereo', '-ar', '44100', '-c:a', 'pcm_s16le', input,
], work);

// CPU seconds used by our reaped children (cutime + cstime in /proc/self/stat): unlike wall time, it does not
// depend on what else the machine is running, so it shows the pipeline's own overhead even on a busy box.
const TICKS = 100;
const childCpu = () => {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / TICKS;
};

const time = async (fn) => {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
};

/** (a) What a hand-written worker would do: three sequential ffmpeg processes with the same rendition arguments. */
async function bare(dir) {
  let firstPlayable = 0;
  let firstCpu = 0;
  const cpu = childCpu();
  const start = performance.now();
  for (const kbps of HLS_LADDER_KBPS) {
    const out = join(dir, String(kbps));
    await mkdir(out, { recursive: true });
    await run(['-hide_banner', '-nostdin', '-v', 'error', '-i', input, ...renditionArgs(kbps)], out);
    if (kbps === HLS_LADDER_KBPS[0]) {
      firstPlayable = (performance.now() - start) / 1000;
      firstCpu = childCpu() - cpu;
    }
  }
  return { firstCpu, renditions: (performance.now() - start) / 1000, firstPlayable, cpu: childCpu() - cpu };
}

/** (b) Our pipeline as the worker runs it: sniff + probe, the ladder one process at a time, master, then loudness and peaks. */
async function pipeline(dir) {
  const cpu = childCpu();
  const start = performance.now();
  let firstPlayable = 0;
  let firstCpu = 0;
  const sniffed = await sniffAudio(input);
  if (!sniffed) throw new Error('sniff failed');
  const info = await probeMedia(input, sniffed.format, { maxDurationMs: 30 * 60_000 });
  const entries = [];
  for (const kbps of HLS_LADDER_KBPS) {
    const rendition = await transcodeRendition({
      input, format: sniffed.format, outDir: join(dir, String(kbps)), bitrateKbps: kbps, timeoutMs: TIMEOUT,
      durationMs: info.durationMs, sampleRate: info.sampleRate, onProgress: () => {},
    });
    entries.push({ ...rendition, uri: `${kbps}/index.m3u8` });
    if (kbps === HLS_LADDER_KBPS[0]) {
      firstPlayable = (performance.now() - start) / 1000;
      firstCpu = childCpu() - cpu;
    }
  }
  masterPlaylist(entries);
  const renditions = (performance.now() - start) / 1000;
  const renditionsCpu = childCpu() - cpu;
  let loudness;
  const loudnessSeconds = await time(async () => (loudness = await measureLoudness(input, sniffed.format, { timeoutMs: TIMEOUT })));
  const waveformSeconds = await time(() => waveformPeaks(input, sniffed.format, { timeoutMs: TIMEOUT }));
  return { firstCpu, renditions, cpu: renditionsCpu, firstPlayable, loudnessSeconds, waveformSeconds, entries, loudness };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = { bare: [], pipeline: [] };
for (let i = 0; i < RUNS; i++) {
  // Alternate the order so drift in machine load does not favour one side.
  const order = i % 2 ? ['pipeline', 'bare'] : ['bare', 'pipeline'];
  for (const kind of order) {
    const dir = join(work, `${kind}-${i}`);
    results[kind].push(kind === 'bare' ? await bare(dir) : await pipeline(dir));
    await rm(dir, { recursive: true, force: true });
  }
  process.stderr.write(`run ${i + 1}/${RUNS} done\n`);
}

const m = (kind, key) => median(results[kind].map((r) => r[key]));
const s = (value) => `${value.toFixed(2)} s`;
const last = results.pipeline.at(-1);
const ladder = m('pipeline', 'renditions') / m('bare', 'renditions');
console.log(`\n### Media pipeline, ${SECONDS / 60}-minute stereo 44.1 kHz WAV, median of ${RUNS} (${cpus().length} CPUs, ${ffmpeg})\n`);
console.log('| step | bare ffmpeg | @veza/media | ratio | target |');
console.log('|---|---|---|---|---|');
console.log(`| 3 AAC renditions (${HLS_LADDER_KBPS.join('/')} kbit/s, sequential) | ${s(m('bare', 'renditions'))} | ${s(m('pipeline', 'renditions'))} | ${ladder.toFixed(2)}× | ≤ 1.10× |`);
console.log(`| same, CPU seconds of the ffmpeg/ffprobe children | ${s(m('bare', 'cpu'))} | ${s(m('pipeline', 'cpu'))} | ${(m('pipeline', 'cpu') / m('bare', 'cpu')).toFixed(2)}× | ≤ 1.10× |`);
console.log(`| time to first playable (${HLS_LADDER_KBPS[0]} kbit/s done; ours includes sniff + probe) | ${s(m('bare', 'firstPlayable'))} | ${s(m('pipeline', 'firstPlayable'))} | ${(m('pipeline', 'firstPlayable') / m('bare', 'firstPlayable')).toFixed(2)}× | ≤ 5 s |`);
console.log(`| same, CPU seconds | ${s(m('bare', 'firstCpu'))} | ${s(m('pipeline', 'firstCpu'))} | ${(m('pipeline', 'firstCpu') / m('bare', 'firstCpu')).toFixed(2)}× | – |`);
console.log(`| loudness (ebur128, true peak) | – | ${s(m('pipeline', 'loudnessSeconds'))} | – | – |`);
console.log(`| waveform (1800 peaks, 8 kHz mono pipe) | – | ${s(m('pipeline', 'waveformSeconds'))} | – | – |`);
const overhead = (m('pipeline', 'loudnessSeconds') + m('pipeline', 'waveformSeconds')) / m('pipeline', 'renditions');
console.log(`\nLoudness + waveform add ${(overhead * 100).toFixed(1)}% on top of the ladder.`);
console.log(`Measured: ${last.entries.map((e) => `${e.uri.split('/')[0]}k → BANDWIDTH ${e.bandwidth}, AVERAGE ${e.averageBandwidth}`).join('; ')}.`);
console.log(`Loudness: ${JSON.stringify(last.loudness)}. Realtime factor of the ladder: ${(SECONDS / m('pipeline', 'renditions')).toFixed(1)}×.`);
console.log(`\nPer run (wall s, bare / ours): ${results.bare.map((b, i) => `${b.renditions.toFixed(1)} / ${results.pipeline[i].renditions.toFixed(1)}`).join(', ')}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}.`);
await rm(work, { recursive: true, force: true });
