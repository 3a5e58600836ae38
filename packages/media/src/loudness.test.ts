import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureLoudness, parseEbur128Summary } from './loudness.ts';
import { ffmpegSync, tempDir } from './testing.ts';
import { sineWav } from './wav.ts';

const dir = await tempDir('loudness');

describe('measureLoudness', () => {
  it('measures a 0.3-amplitude mono sine at about -13.5 LUFS with a true peak near -10.5 dBTP', async () => {
    const path = join(dir, 'tone.wav');
    await writeFile(path, sineWav({ seconds: 5, frequency: 997 }));
    const loudness = await measureLoudness(path, 'wav', { timeoutMs: 20_000 });
    expect(loudness.integratedLufs).not.toBeNull();
    expect(Math.abs((loudness.integratedLufs ?? 0) + 13.5)).toBeLessThanOrEqual(1.5);
    expect(Math.abs((loudness.truePeakDb ?? 0) + 10.5)).toBeLessThanOrEqual(1);
    expect(loudness.loudnessRange).toBeLessThan(1);
  });

  it('reports digital silence as null loudness and null peak without failing', async () => {
    const path = join(dir, 'silence.flac');
    ffmpegSync(['-f', 'lavfi', '-i', 'anullsrc=r=44100:cl=stereo', '-t', '3', '-c:a', 'flac', path]);
    expect(await measureLoudness(path, 'flac', { timeoutMs: 20_000 })).toEqual({ integratedLufs: null, truePeakDb: null, loudnessRange: 0 });
  });
});

describe('parseEbur128Summary', () => {
  it('reads the last summary block and refuses output without one', () => {
    const stderr = [
      '[Parsed_ebur128_0 @ 0x1] Summary:',
      '',
      '  Integrated loudness:',
      '    I:         -14.2 LUFS',
      '    Threshold: -24.5 LUFS',
      '',
      '  Loudness range:',
      '    LRA:         6.3 LU',
      '    Threshold: -34.4 LUFS',
      '',
      '  True peak:',
      '    Peak:        -0.8 dBFS',
    ].join('\n');
    expect(parseEbur128Summary(stderr)).toEqual({ integratedLufs: -14.2, truePeakDb: -0.8, loudnessRange: 6.3 });
    expect(() => parseEbur128Summary('nothing here')).toThrow(/no loudness summary/);
  });
});
