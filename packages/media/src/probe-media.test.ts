import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MediaRejectedError } from './errors.ts';
import { probeMedia } from './probe-media.ts';
import { sniffAudio } from './probe.ts';
import { ffmpegSync, tempDir, tone } from './testing.ts';

const dir = await tempDir('probe');

const rejection = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

describe('probeMedia', () => {
  it('reads duration, rate, channels and codec for every accepted format', async () => {
    for (const [format, codec] of [['wav', 'pcm_s16le'], ['flac', 'flac'], ['mp3', 'mp3'], ['ogg', 'opus'], ['m4a', 'aac'], ['aiff', 'pcm_s16be']] as const) {
      const info = await probeMedia(await tone(dir, `ok-${format}`, format, { seconds: 2 }), format);
      expect(info, format).toMatchObject({ codec, channels: 2, hasVideoStream: false, hasCoverArt: false });
      expect(info.durationMs, format).toBeGreaterThan(1900);
      expect(info.durationMs, format).toBeLessThan(2100);
    }
  });

  it('accepts an MP3 with cover art and says so', async () => {
    const cover = join(dir, 'cover.png');
    ffmpegSync(['-f', 'lavfi', '-i', 'color=c=red:s=32x32', '-frames:v', '1', cover]);
    const wav = await tone(dir, 'covered', 'wav');
    const mp3 = join(dir, 'covered.mp3');
    ffmpegSync(['-i', wav, '-i', cover, '-map', '0:a', '-map', '1:v', '-c:a', 'libmp3lame', '-c:v', 'png', '-disposition:v', 'attached_pic', mp3]);
    expect(await probeMedia(mp3, 'mp3')).toMatchObject({ hasCoverArt: true, hasVideoStream: false });
  });

  it('rejects a video that sniffs as M4A, in plain words', async () => {
    const video = join(dir, 'clip.m4a');
    ffmpegSync(['-f', 'lavfi', '-i', 'testsrc=d=2:s=160x120:r=10', '-f', 'lavfi', '-i', 'sine=d=2', '-c:v', 'mpeg4', '-c:a', 'aac', '-brand', 'M4A ', '-f', 'mp4', video]);
    expect((await sniffAudio(video))?.format).toBe('m4a');
    const error = await rejection(probeMedia(video, 'm4a'));
    expect(error).toBeInstanceOf(MediaRejectedError);
    expect((error as Error).message).toMatch(/video file/);
  });

  it('rejects empty, text, truncated and over-long files with a MediaRejectedError', async () => {
    const empty = join(dir, 'empty.mp3');
    await writeFile(empty, '');
    const text = join(dir, 'text.flac');
    await writeFile(text, 'not audio at all\n'.repeat(100));
    const flac = await tone(dir, 'to-cut', 'flac', { seconds: 5 });
    const cut = join(dir, 'cut.flac');
    await writeFile(cut, (await readFile(flac)).subarray(0, 200));
    for (const [path, format] of [[empty, 'mp3'], [text, 'flac'], [cut, 'flac']] as const) {
      const error = await rejection(probeMedia(path, format));
      expect(error, path).toBeInstanceOf(MediaRejectedError);
      expect((error as Error).message, path).toMatch(/^This file (could not be read as audio|has no playable length): it is (damaged|empty)/);
    }
    const long = await tone(dir, 'long', 'wav', { seconds: 5 });
    const error = await rejection(probeMedia(long, 'wav', { maxDurationMs: 3000 }));
    expect(error).toBeInstanceOf(MediaRejectedError);
    expect((error as Error).message).toBe('This track is 5 s long; the limit is 3 s.');
  });

  it('rejects a file with a container but no audio stream', async () => {
    const silentVideo = join(dir, 'no-audio.m4a');
    ffmpegSync(['-f', 'lavfi', '-i', 'testsrc=d=1:s=64x64:r=5', '-c:v', 'mpeg4', '-brand', 'M4A ', '-f', 'mp4', silentVideo]);
    await expect(probeMedia(silentVideo, 'm4a')).rejects.toBeInstanceOf(MediaRejectedError);
    const onlyMetadata = join(dir, 'nothing.ogg');
    ffmpegSync(['-f', 'lavfi', '-i', 'anullsrc=d=0.001', '-c:a', 'libopus', '-t', '0', onlyMetadata]);
    await expect(probeMedia(onlyMetadata, 'ogg')).rejects.toBeInstanceOf(MediaRejectedError);
  });

  it('falls back to music-metadata when there is no ffprobe', async () => {
    const info = await probeMedia(await tone(dir, 'fallback', 'flac', { seconds: 2 }), 'flac', { ffprobe: null });
    expect(info).toMatchObject({ durationMs: 2000, sampleRate: 44_100, channels: 2, hasVideoStream: false });
    await expect(probeMedia(await tone(dir, 'fallback-long', 'wav', { seconds: 3 }), 'wav', { ffprobe: null, maxDurationMs: 1000 })).rejects.toThrow(/limit is 1 s/);
  });
});
