import { inputArgs, runFfmpeg } from './ffmpeg.ts';
import type { AudioFormat } from './probe.ts';

export interface Loudness {
  /** EBU R128 integrated loudness in LUFS; null for digital silence (ffmpeg reports its -70 LUFS floor). */
  integratedLufs: number | null;
  /** True peak in dBTP; null for digital silence (-inf). */
  truePeakDb: number | null;
  /** Loudness range in LU. */
  loudnessRange: number;
}

export interface LoudnessOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  ffmpeg?: string;
}

/** ffmpeg's ebur128 gating floor: an integrated value at or below it means nothing audible was measured. */
const SILENCE_FLOOR_LUFS = -70;

const field = (summary: string, label: string) => {
  const match = new RegExp(`^\\s*${label}:\\s*(-?inf|-?[\\d.]+)`, 'm').exec(summary);
  if (!match?.[1]) return undefined;
  return match[1].endsWith('inf') ? null : Number(match[1]);
};

/** Parses the Summary block that ffmpeg's ebur128 filter prints when it closes. */
export function parseEbur128Summary(stderr: string): Loudness {
  const start = stderr.lastIndexOf('Summary:');
  if (start < 0) throw new Error('ffmpeg printed no loudness summary.');
  const summary = stderr.slice(start);
  const integrated = field(summary, 'I');
  const peak = field(summary, 'Peak');
  const range = field(summary, 'LRA');
  if (integrated === undefined || peak === undefined || range === undefined) throw new Error('The loudness summary could not be parsed.');
  return {
    integratedLufs: integrated === null || integrated <= SILENCE_FLOOR_LUFS ? null : integrated,
    truePeakDb: peak,
    loudnessRange: range ?? 0,
  };
}

/**
 * Measures EBU R128 loudness with ffmpeg's ebur128 filter (true peak on). The summary is only printed at the `info`
 * log level, so this run raises the level and silences the per-frame log instead.
 */
export async function measureLoudness(input: string, format: AudioFormat, options: LoudnessOptions): Promise<Loudness> {
  const args = [...inputArgs(input, format), '-map', '0:a:0', '-vn', '-af', 'ebur128=peak=true:framelog=verbose', '-f', 'null', '-'];
  const { stderr } = await runFfmpeg(args, { timeoutMs: options.timeoutMs, signal: options.signal, binary: options.ffmpeg, logLevel: 'info' });
  return parseEbur128Summary(stderr);
}
