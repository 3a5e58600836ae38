import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveFfprobe } from './ffmpeg.ts';
import { HLS_LADDER_KBPS } from './hls-ladder.ts';
import { masterPlaylist, parseMasterPlaylist, peakSegmentBitRate, transcodeRendition, type Rendition } from './hls.ts';
import { probeMedia } from './probe-media.ts';
import type { AudioFormat } from './probe.ts';
import { denseWav } from './hls-fixtures.ts';
import { tempDir, tone } from './testing.ts';

const dir = await tempDir('hls');
const FORMATS: AudioFormat[] = ['wav', 'flac', 'mp3', 'ogg', 'm4a'];
// Generous limits: CI machines are shared; the 256 kbit/s rendition alone costs ~3 s of CPU per 30 s of audio.
const inputs = new Map<AudioFormat, string>();

beforeAll(async () => {
  await Promise.all(FORMATS.map(async (format) => inputs.set(format, await tone(dir, `tone-${format}`, format, { seconds: 30 }))));
});

const probeDuration = (playlist: string) => {
  const ffprobe = resolveFfprobe() ?? 'ffprobe';
  const out = execFileSync(ffprobe, ['-v', 'error', '-protocol_whitelist', 'file', '-show_entries', 'format=duration', '-of', 'csv=p=0', '-i', playlist]);
  return Number(out.toString().trim());
};

describe('transcodeRendition + masterPlaylist', () => {
  it.each(FORMATS)('turns a 30 s %s tone into the 3-rendition AAC ladder', async (format) => {
    const input = inputs.get(format) ?? '';
    const info = await probeMedia(input, format);
    // The three renditions run side by side (one ffmpeg process each), as a worker with spare cores would.
    const renditions = await Promise.all(
      HLS_LADDER_KBPS.map(async (kbps): Promise<Rendition & { uri: string }> => {
        const outDir = join(dir, `out-${format}`, String(kbps));
        const fractions: number[] = [];
        const rendition = await transcodeRendition({
          input, format, outDir, bitrateKbps: kbps, timeoutMs: 90_000, durationMs: info.durationMs, sampleRate: info.sampleRate,
          onProgress: (f) => fractions.push(f),
        });
        const files = await readdir(outDir);
        expect(files).toContain('index.m3u8');
        expect(files).toContain('init.mp4');
        expect(rendition.segments).toBeGreaterThanOrEqual(5);
        expect(rendition.segments).toBeLessThanOrEqual(6);
        expect(files.filter((f) => f.endsWith('.m4s'))).toHaveLength(rendition.segments);
        expect(rendition.codecs).toBe('mp4a.40.2');
        expect(rendition.averageBandwidth).toBeGreaterThan(40_000);
        expect(rendition.averageBandwidth).toBeLessThan(kbps * 1000 * 1.1);
        expect(rendition.bandwidth).toBeGreaterThanOrEqual(rendition.averageBandwidth);
        expect(rendition.bandwidth).toBeLessThan(rendition.averageBandwidth * 1.5);
        expect(fractions.at(-1)).toBe(1);
        expect(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= (fractions[i - 1] ?? 0)))).toBe(true);
        expect(probeDuration(join(outDir, 'index.m3u8'))).toBeCloseTo(30, 0);
        return { ...rendition, uri: `${kbps}/index.m3u8` };
      }),
    );
    const master = masterPlaylist(renditions);
    const streamInf = master.split('\n').filter((line) => line.startsWith('#EXT-X-STREAM-INF:'));
    expect(master.startsWith('#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n')).toBe(true);
    expect(streamInf).toHaveLength(3);
    for (const line of streamInf) expect(line).toMatch(/^#EXT-X-STREAM-INF:BANDWIDTH=\d{5,6},AVERAGE-BANDWIDTH=\d{5,6},CODECS="mp4a\.40\.2"$/);
    await writeFile(join(dir, `out-${format}`, 'master.m3u8'), master);
    expect(probeDuration(join(dir, `out-${format}`, 'master.m3u8'))).toBeCloseTo(30, 0);
    expect(await readFile(join(dir, `out-${format}`, '96', 'index.m3u8'), 'utf8')).toMatch(/#EXT-X-MAP:URI="init\.mp4"/);
   }, 120_000);
});

describe('the ladder on dense audio', () => {
  it('encodes each rung at about its nominal rate, so the playlists order them as the ladder does', async () => {
    const input = join(dir, 'dense.wav');
    await writeFile(input, denseWav({ seconds: 12 }));
    const measured: number[] = [];
    for (const kbps of HLS_LADDER_KBPS) {
      const r = await transcodeRendition({ input, format: 'wav', outDir: join(dir, 'dense', String(kbps)), bitrateKbps: kbps, timeoutMs: 90_000 });
      expect(r.averageBandwidth / 1000).toBeGreaterThan(kbps * 0.9);
      expect(r.averageBandwidth / 1000).toBeLessThan(kbps * 1.1);
      measured.push(r.averageBandwidth);
    }
    for (let i = 1; i < measured.length; i++) expect(measured[i]! / measured[i - 1]!).toBeGreaterThan(1.4);
  }, 120_000);
});

describe('masterPlaylist', () => {
  it('orders renditions by bandwidth and refuses unsafe URIs', () => {
    const text = masterPlaylist([
      { uri: 'hi/index.m3u8', bandwidth: 250_000.2, averageBandwidth: 240_000, codecs: 'mp4a.40.2' },
      { uri: 'lo/index.m3u8', bandwidth: 140_000, averageBandwidth: 130_000, codecs: 'mp4a.40.2' },
    ]);
    expect(text).toBe(
      '#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n' +
        '#EXT-X-STREAM-INF:BANDWIDTH=140000,AVERAGE-BANDWIDTH=130000,CODECS="mp4a.40.2"\nlo/index.m3u8\n' +
        '#EXT-X-STREAM-INF:BANDWIDTH=250001,AVERAGE-BANDWIDTH=240000,CODECS="mp4a.40.2"\nhi/index.m3u8\n',
    );
    expect(() => masterPlaylist([{ uri: 'a b\n#EXT', bandwidth: 1, averageBandwidth: 1, codecs: 'mp4a.40.2' }])).toThrow();
    expect(parseMasterPlaylist(text)).toEqual([
      { uri: 'lo/index.m3u8', bandwidth: 140_000, averageBandwidth: 130_000, codecs: 'mp4a.40.2' },
      { uri: 'hi/index.m3u8', bandwidth: 250_001, averageBandwidth: 240_000, codecs: 'mp4a.40.2' },
    ]);
    expect(parseMasterPlaylist('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=96000\n96/index.m3u8\nstray.m3u8\n')).toEqual([
      { uri: '96/index.m3u8', bandwidth: 96_000, averageBandwidth: 96_000, codecs: '' },
    ]);
    expect(parseMasterPlaylist('')).toEqual([]);
  });
});

describe('peakSegmentBitRate', () => {
  it('is the highest rate over 0.5–1.5 target durations, so a tiny last segment does not inflate it', () => {
    const segments = [
      { seconds: 6, bits: 6 * 128_000 },
      { seconds: 6, bits: 6 * 140_000 },
      { seconds: 0.02, bits: 20_000 },
    ];
    expect(peakSegmentBitRate(segments, 6)).toBe(Math.ceil((6 * 140_000 + 20_000) / 6.02));
    expect(peakSegmentBitRate([{ seconds: 1, bits: 100_000 }], 6)).toBe(100_000);
    expect(peakSegmentBitRate([], 6)).toBe(0);
  });
});
