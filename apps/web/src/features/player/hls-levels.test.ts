import { describe, expect, it } from 'vitest';
import { kbpsByLevel, levelFor, nominalKbps } from './hls-levels.ts';

/** An hls.js level as our master playlists describe it: its folder is its ladder rung, its rates are measured. */
const level = (uri: string, averageKbps: number) => ({ uri, averageBitrate: averageKbps * 1000, bitrate: Math.round(averageKbps * 1.02) * 1000 });
const folder = (uri: string | undefined) => uri?.split('/')[0];

describe('hls levels', () => {
  it('labels each level from its measured rate, and choosing a label plays that level, whatever the level order', () => {
    const levels = [level('256/index.m3u8', 258), level('96/index.m3u8', 98), level('160/index.m3u8', 162)];
    const kbps = kbpsByLevel(levels);
    expect(kbps).toEqual([256, 96, 160]);
    for (const wanted of [96, 160, 256]) expect(folder(levels[levelFor(wanted, kbps)]?.uri)).toBe(String(wanted));
  });

  it('does not trust a name the encoder did not fill: the old "320" measured below the "256"', () => {
    // What hls.js made of the old ladder's master: sorted by BANDWIDTH, so "320" (226 kbit/s) came second.
    const levels = [level('128/index.m3u8', 130), level('320/index.m3u8', 226), level('256/index.m3u8', 258)];
    const kbps = kbpsByLevel(levels);
    expect(kbps).toEqual([128, 224, 256]);
    // "256 kbps" plays the /256/ segments; the best there is, is the best offered.
    expect(folder(levels[levelFor(256, kbps)]?.uri)).toBe('256');
    expect(Math.max(...kbps)).toBe(256);
    expect(folder(levels[levelFor(320, kbps)]?.uri)).toBe('256');
  });

  it('falls back to the peak rate when a level has no average', () => {
    expect(kbpsByLevel([{ averageBitrate: 0, bitrate: 163_000 }])).toEqual([160]);
  });

  it('rounds measured rates to the nearest nominal one', () => {
    expect([98_000, 162_000, 258_000, 66_000, 82_000, 110_000, 226_000, 321_000, 1_000_000].map(nominalKbps)).toEqual([96, 160, 256, 64, 80, 112, 224, 320, 320]);
    expect(nominalKbps(0)).toBe(0);
    expect(nominalKbps(Number.NaN)).toBe(0);
  });

  it('maps a preference to a level index', () => {
    const levels = [96, 160, 256];
    expect(levelFor('auto', levels)).toBe(-1);
    expect(levelFor(160, levels)).toBe(1);
    expect(levelFor(200, levels)).toBe(1);
    expect(levelFor(64, levels)).toBe(0);
    expect(levelFor(320, [])).toBe(-1);
  });
});
