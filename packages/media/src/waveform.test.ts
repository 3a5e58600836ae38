import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ffmpegSync, tempDir, tone } from './testing.ts';
import { PeakAccumulator, summarizePeaks, waveformPeaks } from './waveform.ts';

const dir = await tempDir('waveform');
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('waveformPeaks', () => {
  it('returns 1800 peaks in 0..1 with the loudest at 1', async () => {
    const peaks = await waveformPeaks(await tone(dir, 'steady', 'mp3', { seconds: 5 }), 'mp3', { timeoutMs: 20_000 });
    expect(peaks).toHaveLength(1800);
    expect(Math.max(...peaks)).toBe(1);
    expect(peaks.every((p) => p >= 0 && p <= 1 && Math.round(p * 1000) === p * 1000)).toBe(true);
  });

  it('follows a fade-in: every tenth of the track is louder than the one before', async () => {
    const faded = join(dir, 'fade.flac');
    ffmpegSync(['-i', await tone(dir, 'fade-src', 'wav', { seconds: 6 }), '-af', 'afade=t=in:st=0:d=6', '-c:a', 'flac', faded]);
    const peaks = await waveformPeaks(faded, 'flac', { timeoutMs: 20_000 });
    const tenths = Array.from({ length: 10 }, (_, i) => mean(peaks.slice(i * 180, (i + 1) * 180)));
    for (let i = 1; i < 10; i++) expect(tenths[i]).toBeGreaterThan(tenths[i - 1] ?? 0);
    expect(peaks[0]).toBeLessThan(0.05);
    expect(Math.max(...peaks.slice(1700))).toBe(1);
  });

  it('gives all zeros for silence and honours a custom point count', async () => {
    const silence = join(dir, 'silence.wav');
    ffmpegSync(['-f', 'lavfi', '-i', 'anullsrc=r=44100:cl=mono', '-t', '2', silence]);
    const peaks = await waveformPeaks(silence, 'wav', { points: 300, timeoutMs: 20_000 });
    expect(peaks).toEqual(new Array<number>(300).fill(0));
    await expect(waveformPeaks(silence, 'wav', { points: 0, timeoutMs: 1000 })).rejects.toThrow(RangeError);
  });
});

describe('PeakAccumulator', () => {
  it('keeps bounded memory on long input and still resolves a ramp', () => {
    const accumulator = new PeakAccumulator(100);
    const chunk = Buffer.alloc(8000 * 2);
    const total = 8000 * 600; // ten minutes at 8 kHz
    for (let done = 0; done < total; done += 8000) {
      for (let i = 0; i < 8000; i++) chunk.writeInt16LE(Math.round(((done + i) / total) * 32_000) * (i % 2 ? 1 : -1), i * 2);
      accumulator.addSamples(chunk, 8000);
    }
    expect((accumulator as unknown as { peaks: number[] }).peaks.length).toBeLessThanOrEqual(800);
    const peaks = accumulator.result(100);
    expect(peaks).toHaveLength(100);
    expect(peaks.at(-1)).toBe(1);
    expect(peaks.every((p, i) => i === 0 || p >= (peaks[i - 1] ?? 0))).toBe(true);
    expect(peaks[0]).toBeLessThan(0.02);
  });

  it('stretches a very short input over all points', () => {
    const accumulator = new PeakAccumulator(10);
    const pcm = Buffer.alloc(6);
    pcm.writeInt16LE(1000, 0);
    pcm.writeInt16LE(-2000, 2);
    pcm.writeInt16LE(4000, 4);
    accumulator.addSamples(pcm, 3);
    expect(accumulator.result(6)).toEqual([0.25, 0.25, 0.5, 0.5, 1, 1]);
  });
});

describe('summarizePeaks', () => {
  it('keeps each of 64 buckets\' peak, rounded to 2 decimals', () => {
    const peaks = Array.from({ length: 1800 }, (_, i) => (i % 100 === 7 ? 0.987 : 0.1234));
    const summary = summarizePeaks(peaks);
    expect(summary).toHaveLength(64);
    expect(new Set(summary)).toEqual(new Set([0.99, 0.12]));
    expect(summarizePeaks([])).toEqual(new Array(64).fill(0));
  });
});
