import type { QualityPreference } from '../../stores/player-settings.ts';

/**
 * Nominal kbps for each hls.js level index. The master lists renditions lowest bandwidth first and the
 * track's `renditions` are sorted ascending, so the k-th level by bitrate is the k-th rendition.
 */
export function kbpsByLevel(levelBitrates: number[], renditions: number[]): number[] {
  const sorted = [...renditions].sort((a, b) => a - b);
  const order = levelBitrates.map((bitrate, index) => ({ bitrate, index })).sort((a, b) => a.bitrate - b.bitrate);
  const out: number[] = new Array<number>(levelBitrates.length).fill(0);
  order.forEach(({ bitrate, index }, rank) => {
    out[index] = sorted[rank] ?? Math.round(bitrate / 1000);
  });
  return out;
}

/** The level index for a preference: -1 for auto, else the highest rendition at or below the wish (the lowest if none). */
export function levelFor(preference: QualityPreference, levelKbps: number[]): number {
  if (preference === 'auto' || levelKbps.length === 0) return -1;
  const exact = levelKbps.indexOf(preference);
  if (exact >= 0) return exact;
  let best = -1;
  levelKbps.forEach((kbps, i) => {
    if (kbps <= preference && (best < 0 || kbps > levelKbps[best]!)) best = i;
  });
  if (best >= 0) return best;
  return levelKbps.indexOf(Math.min(...levelKbps));
}
