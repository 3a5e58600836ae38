import { describe, expect, it } from 'vitest';
import { kbpsByLevel, levelFor } from './hls-levels.ts';

describe('hls levels', () => {
  it('names levels by the track renditions in bitrate order, whatever the level order', () => {
    // The 320 kbps rendition really encodes around 240 kbps: order, not the measured value, decides.
    expect(kbpsByLevel([140_000, 245_000, 265_000], [128, 256, 320])).toEqual([128, 256, 320]);
    expect(kbpsByLevel([265_000, 140_000], [128, 320])).toEqual([320, 128]);
  });

  it('falls back to the measured bitrate for levels the track does not list yet', () => {
    expect(kbpsByLevel([140_000, 270_000], [128])).toEqual([128, 270]);
  });

  it('maps a preference to a level index', () => {
    const levels = [128, 256, 320];
    expect(levelFor('auto', levels)).toBe(-1);
    expect(levelFor(256, levels)).toBe(1);
    expect(levelFor(300, levels)).toBe(1);
    expect(levelFor(64, levels)).toBe(0);
    expect(levelFor(320, [])).toBe(-1);
  });
});
