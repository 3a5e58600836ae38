import { qualityLevel } from '@veza/ui';
import type { QualityPreference } from '../../stores/player-settings.ts';

/** What the player reads of an hls.js level: the rates the master playlist gives it, in bit/s. */
export interface LevelRates {
  /** AVERAGE-BANDWIDTH (hls.js falls back to BANDWIDTH when a playlist has none). */
  averageBitrate: number;
  /** BANDWIDTH: the peak segment rate. */
  bitrate: number;
}

/** The usual audio bit rates, kbit/s: what a measured rate is called in the quality menu. */
export const NOMINAL_KBPS = [32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320] as const;

/** The nominal rate nearest (by ratio) to a measured one: 98 000 bit/s is "96", 162 000 is "160", 226 000 is "224". */
export function nominalKbps(bitsPerSecond: number): number {
  if (!Number.isFinite(bitsPerSecond) || bitsPerSecond <= 0) return 0;
  const kbps = bitsPerSecond / 1000;
  let best: number = NOMINAL_KBPS[0];
  for (const nominal of NOMINAL_KBPS) if (Math.abs(Math.log(kbps / nominal)) < Math.abs(Math.log(kbps / best))) best = nominal;
  return best;
}

/**
 * The label (kbps) of each hls.js level, by index, from what the level really carries: its measured average rate,
 * rounded to a nominal one. Never from its position or its name: hls.js orders levels by BANDWIDTH, and a rendition
 * called "320" that the encoder could only fill to 226 kbit/s is a 224 kbps stream, below the "256" one.
 */
export function kbpsByLevel(levels: LevelRates[]): number[] {
  return levels.map((level) => nominalKbps(level.averageBitrate > 0 ? level.averageBitrate : level.bitrate));
}

/** The level index for a preference: -1 for auto, else the level `qualityLevel` says it plays (the menu shows the same). */
export function levelFor(preference: QualityPreference, levelKbps: number[]): number {
  const level = qualityLevel(preference, levelKbps);
  return level === 'auto' ? -1 : levelKbps.indexOf(level);
}
