export const TARGET_LUFS = -14;
export const MAX_TRUE_PEAK_DB = -1;

export interface Loudness {
  integratedLufs: number;
  truePeakDb: number;
}

/**
 * Linear gain bringing a track to −14 LUFS, lowered when needed so its true peak stays at or below −1 dBTP.
 * Unknown loudness: 1 (untouched).
 */
export function normalizationGain(loudness: Loudness | null | undefined): number {
  if (!loudness || !Number.isFinite(loudness.integratedLufs) || !Number.isFinite(loudness.truePeakDb)) return 1;
  const toTarget = TARGET_LUFS - loudness.integratedLufs;
  const peakRoom = MAX_TRUE_PEAK_DB - loudness.truePeakDb;
  return 10 ** (Math.min(toTarget, peakRoom) / 20);
}
