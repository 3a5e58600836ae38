import { describe, expect, it } from 'vitest';
import { HLS_LADDER_KBPS, isDistinctRung, isLossless, ladderFor } from './hls-ladder.ts';

describe('the ladder', () => {
  it('has rungs far enough apart to be different qualities, none the native AAC encoder cannot reach', () => {
    expect([...HLS_LADDER_KBPS]).toEqual([...HLS_LADDER_KBPS].sort((a, b) => a - b));
    for (let i = 1; i < HLS_LADDER_KBPS.length; i++) expect(HLS_LADDER_KBPS[i]! / HLS_LADDER_KBPS[i - 1]!).toBeGreaterThanOrEqual(1.5);
    // Measured: the native encoder lands around 226 kbit/s when asked for 320 on real music.
    expect(Math.max(...HLS_LADDER_KBPS)).toBeLessThanOrEqual(256);
  });
});

describe('ladderFor', () => {
  it('gives lossless sources the whole ladder, whatever their bit rate', () => {
    expect(ladderFor({ format: 'flac', codec: 'flac', bitRate: 900_000 })).toEqual([96, 160, 256]);
    expect(ladderFor({ format: 'wav', codec: 'pcm_s16le', bitRate: 1_411_200 })).toEqual([96, 160, 256]);
    expect(ladderFor({ format: 'aiff', codec: null, bitRate: null })).toEqual([96, 160, 256]);
    expect(ladderFor({ format: 'm4a', codec: 'alac', bitRate: 700_000 })).toEqual([96, 160, 256]);
    // A FLAC of near-silence compresses to a low rate: still lossless.
    expect(ladderFor({ format: 'flac', codec: 'FLAC', bitRate: 60_000 })).toEqual([96, 160, 256]);
  });

  it('never goes above a lossy source', () => {
    expect(ladderFor({ format: 'mp3', codec: 'mp3', bitRate: 320_000 })).toEqual([96, 160, 256]);
    expect(ladderFor({ format: 'mp3', codec: 'mp3', bitRate: 254_000 })).toEqual([96, 160, 256]);
    expect(ladderFor({ format: 'mp3', codec: 'mp3', bitRate: 192_000 })).toEqual([96, 160]);
    expect(ladderFor({ format: 'm4a', codec: 'aac', bitRate: 160_000 })).toEqual([96, 160]);
    expect(ladderFor({ format: 'mp3', codec: 'mp3', bitRate: 128_000 })).toEqual([96]);
    expect(ladderFor({ format: 'ogg', codec: 'opus', bitRate: 96_000 })).toEqual([96]);
  });

  it('gives a source below the lowest rung one rendition at about its own rate', () => {
    expect(ladderFor({ format: 'mp3', codec: 'mp3', bitRate: 64_000 })).toEqual([64]);
    expect(ladderFor({ format: 'mp3', codec: 'MPEG 1 Layer 3', bitRate: 80_000 })).toEqual([80]);
    expect(ladderFor({ format: 'ogg', codec: 'vorbis', bitRate: 70_000 })).toEqual([64]);
    expect(ladderFor({ format: 'mp3', codec: 'mp3', bitRate: 8_000 })).toEqual([32]);
  });

  it('gives a lossy source of unknown rate the whole ladder', () => {
    expect(ladderFor({ format: 'mp3', codec: 'mp3', bitRate: null })).toEqual([96, 160, 256]);
    expect(ladderFor({ format: 'mp3', codec: null, bitRate: Number.NaN })).toEqual([96, 160, 256]);
  });

  it('tells lossless from lossy by codec first, then by container', () => {
    expect(isLossless({ format: 'wav', codec: 'mp3' })).toBe(false);
    expect(isLossless({ format: 'wav', codec: null })).toBe(true);
    expect(isLossless({ format: 'mp3', codec: null })).toBe(false);
    expect(isLossless({ format: 'm4a', codec: 'ALAC' })).toBe(true);
    expect(isLossless({ format: 'm4a', codec: 'MPEG-4/AAC' })).toBe(false);
  });
});

describe('isDistinctRung', () => {
  it('keeps a rung only when the encoder really spent more bits than on the one below', () => {
    expect(isDistinctRung(null, 92_000)).toBe(true);
    // Measured on dense audio: 98 → 162 → 258 kbit/s.
    expect(isDistinctRung(98_000, 162_000)).toBe(true);
    expect(isDistinctRung(162_000, 258_000)).toBe(true);
    // Measured on a pure tone: 92 → 110 → 111 kbit/s; and the old 256 → "320" (258 → 226).
    expect(isDistinctRung(92_000, 110_000)).toBe(false);
    expect(isDistinctRung(110_000, 111_000)).toBe(false);
    expect(isDistinctRung(258_000, 226_000)).toBe(false);
  });
});
