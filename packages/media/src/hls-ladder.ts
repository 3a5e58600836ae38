import type { AudioFormat } from './probe.ts';

/**
 * The AAC ladder in kbit/s: the one definition of which renditions a track can get. Measured with our rendition
 * arguments on 30 s of dense stereo music-like audio (the native encoder, ffmpeg 4.1 and 5.1): 96 → 98, 160 → 162,
 * 256 → 258 kbit/s on average, so each rung is what it says and ~1.6× the one below. The old top rung, 320, measured
 * 226 kbit/s: the native encoder does not go there on real music, so it is gone.
 */
export const HLS_LADDER_KBPS = [96, 160, 256] as const;

/**
 * Bumped whenever the ladder or `ladderFor` changes: each track records the version it was processed with, and
 * tracks processed with an older one are re-processed. 1 was the 128/256/320 ladder given to every track.
 */
export const HLS_LADDER_VERSION = 2;

/** Below the lowest rung, a lossy source gets one rendition at its own rate, on 16 kbit/s steps, never below this. */
export const MIN_RENDITION_KBPS = 32;

/**
 * A rung is published only when its segments really carry this much more than the rung below: simple content (a
 * pure tone, near-silence) stops the encoder short of the target, and a "256" that measures like the "160" below it
 * would be the same quality under a bigger name. Music measured 1.6× from rung to rung; a pure tone 1.2× then 1.0×.
 */
export const MIN_RUNG_STEP = 1.25;

/** Whether a rendition measuring `average` bit/s is a real step up from the kept one below it. */
export function isDistinctRung(belowAverage: number | null, average: number): boolean {
  return belowAverage == null || average >= belowAverage * MIN_RUNG_STEP;
}

/** A lossy source's rate may sit this far under a rung and still get it (a 254 kbit/s VBR MP3 gets 256). */
const RUNG_TOLERANCE = 1.02;

export interface LadderSource {
  /** The sniffed container. */
  format: AudioFormat;
  /** The probed codec name (ffprobe's `codec_name`, or music-metadata's codec), when known. */
  codec: string | null;
  /** The probed audio bit rate in bit/s, when known. */
  bitRate: number | null;
}

const LOSSLESS_CODEC = /^(pcm|flac|alac|ape|monkey|wavpack|tta|mlp|truehd|shorten|aiff)/i;
const LOSSLESS_CONTAINERS: ReadonlySet<AudioFormat> = new Set(['wav', 'flac', 'aiff']);

/** A source with no lossy generation behind it: every rung is an improvement over the one below. */
export function isLossless({ format, codec }: Pick<LadderSource, 'format' | 'codec'>): boolean {
  if (codec) return LOSSLESS_CODEC.test(codec.trim());
  return LOSSLESS_CONTAINERS.has(format);
}

/**
 * The rungs (kbit/s, ascending) to encode for a source. Lossless sources get the whole ladder. A lossy source never
 * gets a rendition above its own rate (re-encoding 64 kbit/s at 256 spends bytes on nothing): it gets the rungs at or
 * below its rate, or, when it is below the lowest rung, a single rendition at about its own rate. A lossy source of
 * unknown rate gets the whole ladder (the caller estimates the rate from the file size first).
 */
export function ladderFor(source: LadderSource): number[] {
  if (isLossless(source) || source.bitRate == null || !Number.isFinite(source.bitRate) || source.bitRate <= 0) return [...HLS_LADDER_KBPS];
  const sourceKbps = source.bitRate / 1000;
  const rungs = HLS_LADDER_KBPS.filter((kbps) => kbps <= sourceKbps * RUNG_TOLERANCE);
  if (rungs.length > 0) return rungs;
  return [Math.max(MIN_RENDITION_KBPS, Math.floor(sourceKbps / 16) * 16)];
}
