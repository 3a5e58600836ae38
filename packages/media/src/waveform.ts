import { inputArgs, runFfmpeg } from './ffmpeg.ts';
import type { AudioFormat } from './probe.ts';

export interface WaveformOptions {
  points?: number;
  timeoutMs: number;
  signal?: AbortSignal;
  ffmpeg?: string;
  /** Decode rate; peaks do not need more. */
  sampleRate?: number;
}

/**
 * Streams peak levels without knowing the duration and without keeping the PCM: every chunk of `chunkSize` samples
 * keeps its peak, and when the list reaches `capacity` neighbouring chunks merge (the chunk size doubles). For a long
 * file the list always keeps between capacity/2 and capacity chunks, far more than the points asked for.
 */
export class PeakAccumulator {
  private peaks: number[] = [];
  private chunkSize = 1;
  private current = 0;
  private filled = 0;
  private readonly capacity: number;

  constructor(points: number) {
    this.capacity = Math.max(64, points * 8);
  }

  /** Adds mono signed 16-bit little-endian samples (an odd trailing byte is carried over by the caller). */
  addSamples(pcm: Buffer, sampleCount: number) {
    for (let i = 0; i < sampleCount; i++) {
      const level = Math.abs(pcm.readInt16LE(i * 2));
      if (level > this.current) this.current = level;
      if (++this.filled === this.chunkSize) this.flush();
    }
  }

  private flush() {
    this.peaks.push(this.current / 32_768);
    this.current = 0;
    this.filled = 0;
    if (this.peaks.length >= this.capacity) {
      const merged: number[] = [];
      for (let i = 0; i < this.peaks.length; i += 2) merged.push(Math.max(this.peaks[i] ?? 0, this.peaks[i + 1] ?? 0));
      this.peaks = merged;
      this.chunkSize *= 2;
    }
  }

  /** `points` peaks normalised to the loudest one, rounded to 3 decimals. All zeros for silence. */
  result(points: number): number[] {
    if (this.filled > 0) this.flush();
    const out = bucketMax(this.peaks, points);
    const loudest = out.reduce((max, p) => (p > max ? p : max), 0);
    return loudest > 0 ? out.map((p) => Math.round((p / loudest) * 1000) / 1000) : out;
  }
}

/** `values` reduced to `points` buckets, each its bucket's largest value (zeros when there are no values). */
function bucketMax(values: ArrayLike<number>, points: number): number[] {
  const n = values.length;
  const out: number[] = new Array<number>(points).fill(0);
  if (n === 0) return out;
  for (let i = 0; i < points; i++) {
    const from = Math.floor((i * n) / points);
    const to = Math.max(from + 1, Math.floor(((i + 1) * n) / points));
    let peak = 0;
    for (let j = from; j < to && j < n; j++) peak = Math.max(peak, values[j] ?? 0);
    out[i] = peak;
  }
  return out;
}

/** How many bars a list's inline waveform draws. */
export const SUMMARY_PEAKS = 64;

/** A waveform's summary for lists: SUMMARY_PEAKS bars (each its bucket's peak), rounded to 2 decimals. */
export const summarizePeaks = (peaks: readonly number[]): number[] => bucketMax(peaks, SUMMARY_PEAKS).map((p) => Math.round(p * 100) / 100);

/** Decodes to mono 16-bit PCM at a low rate through a pipe and returns `points` peaks in 0..1. */
export async function waveformPeaks(input: string, format: AudioFormat, options: WaveformOptions): Promise<number[]> {
  const points = options.points ?? 1800;
  if (!Number.isInteger(points) || points < 1 || points > 100_000) throw new RangeError('points must be an integer between 1 and 100000.');
  const accumulator = new PeakAccumulator(points);
  let carry: Buffer | null = null;
  const onStdout = (chunk: Buffer) => {
    const data = carry ? Buffer.concat([carry, chunk]) : chunk;
    const samples = data.length >> 1;
    accumulator.addSamples(data, samples);
    carry = data.length % 2 ? data.subarray(data.length - 1) : null;
  };
  const rate = String(options.sampleRate ?? 8000);
  const args = [...inputArgs(input, format), '-map', '0:a:0', '-vn', '-ac', '1', '-ar', rate, '-c:a', 'pcm_s16le', '-f', 's16le', 'pipe:1'];
  await runFfmpeg(args, { timeoutMs: options.timeoutMs, signal: options.signal, binary: options.ffmpeg, onStdout });
  return accumulator.result(points);
}
