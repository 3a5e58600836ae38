import { describe, expect, it } from 'vitest';
import { normalizationGain } from './loudness.ts';

const db = (gain: number) => 20 * Math.log10(gain);

describe('normalizationGain', () => {
  it('is 1 when the loudness is unknown', () => {
    expect(normalizationGain(null)).toBe(1);
    expect(normalizationGain(undefined)).toBe(1);
    expect(normalizationGain({ integratedLufs: Number.NaN, truePeakDb: -3 })).toBe(1);
  });

  it('turns a loud master down to −14 LUFS', () => {
    expect(db(normalizationGain({ integratedLufs: -8, truePeakDb: 0.5 }))).toBeCloseTo(-6, 5);
  });

  it('turns a quiet track up when its peaks leave room', () => {
    expect(db(normalizationGain({ integratedLufs: -20, truePeakDb: -10 }))).toBeCloseTo(6, 5);
    expect(normalizationGain({ integratedLufs: -20, truePeakDb: -10 })).toBeCloseTo(10 ** (6 / 20), 6);
  });

  it('limits the boost so the true peak stays at −1 dBTP', () => {
    // Needs +6 dB but the peak at −3 dBTP only allows +2 dB.
    expect(db(normalizationGain({ integratedLufs: -20, truePeakDb: -3 }))).toBeCloseTo(2, 5);
  });

  it('brings a track already at target down when its peak is above −1 dBTP', () => {
    expect(db(normalizationGain({ integratedLufs: -14, truePeakDb: 0.5 }))).toBeCloseTo(-1.5, 5);
  });

  it('leaves a track at target with headroom untouched', () => {
    expect(normalizationGain({ integratedLufs: -14, truePeakDb: -2 })).toBeCloseTo(1, 9);
  });
});
