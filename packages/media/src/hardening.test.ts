// Untrusted uploads: every bad input ends in a typed error with plain words, quickly, and never opens a playlist.
import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FfmpegError, MediaRejectedError } from './errors.ts';
import { transcodeRendition } from './hls.ts';
import { measureLoudness } from './loudness.ts';
import { probeMedia } from './probe-media.ts';
import { sniffAudio, type AudioFormat } from './probe.ts';
import { ffmpegBin, ffmpegSync, tempDir, tone } from './testing.ts';
import { waveformPeaks } from './waveform.ts';

const dir = await tempDir('hardening');
let outCount = 0;
const transcode = (input: string, format: AudioFormat, durationMs?: number) =>
  transcodeRendition({ input, format, outDir: join(dir, `out-${outCount++}`), bitrateKbps: 128, timeoutMs: 20_000, durationMs });

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error instanceof FfmpegError || error instanceof MediaRejectedError, String(error)).toBe(true);
  const message = (error as Error).message;
  expect(message).toMatch(/^[A-Z][^[\]@]+\.$/); // a sentence, no ffmpeg log syntax
  return error as FfmpegError | MediaRejectedError;
};

describe('bad inputs', () => {
  it('a zero-byte file and a text file named .mp3 fail everywhere with plain words', async () => {
    const empty = join(dir, 'empty.mp3');
    await writeFile(empty, '');
    const text = join(dir, 'letter.mp3');
    await writeFile(text, 'Dear Veza,\nthis is not a song.\n'.repeat(50));
    for (const path of [empty, text]) {
      expect(await sniffAudio(path)).toBeNull();
      expect(await failure(probeMedia(path, 'mp3'))).toBeInstanceOf(MediaRejectedError);
      expect(await failure(transcode(path, 'mp3'))).toBeInstanceOf(FfmpegError);
      await failure(waveformPeaks(path, 'mp3', { timeoutMs: 10_000 }));
      await failure(measureLoudness(path, 'mp3', { timeoutMs: 10_000 }));
    }
  });

  it('an MP3 cut at 10% is refused as cut short; a FLAC cut after its header is refused as unreadable', async () => {
    const mp3 = await tone(dir, 'whole', 'mp3', { seconds: 20 });
    const cutMp3 = join(dir, 'cut.mp3');
    const bytes = await readFile(mp3);
    await writeFile(cutMp3, bytes.subarray(0, Math.floor(bytes.length / 10)));
    const info = await probeMedia(cutMp3, 'mp3'); // the Xing header still announces 20 s
    const error = await failure(transcode(cutMp3, 'mp3', info.durationMs));
    expect(error).toBeInstanceOf(MediaRejectedError);
    expect(error.message).toMatch(/cut short: it holds about 2 s of audio but announces 20 s/);

    const flac = await tone(dir, 'whole', 'flac', { seconds: 5 });
    const cutFlac = join(dir, 'cut.flac');
    await writeFile(cutFlac, (await readFile(flac)).subarray(0, 8192));
    expect(await failure(probeMedia(cutFlac, 'flac'))).toBeInstanceOf(MediaRejectedError);
    expect(await failure(transcode(cutFlac, 'flac', 5000))).toBeInstanceOf(FfmpegError);
  });

  it('valid headers followed by random bytes fail while decoding', async () => {
    for (const format of ['m4a', 'mp3', 'flac'] as const) {
      const good = await tone(dir, `corrupt-src-${format}`, format, { seconds: 10 });
      const bytes = await readFile(good);
      const keep = format === 'm4a' ? bytes.indexOf('mdat') + 2000 : 6000;
      const corrupt = join(dir, `corrupt.${format}`);
      await writeFile(corrupt, Buffer.concat([bytes.subarray(0, keep), randomBytes(bytes.length - keep)]));
      const info = await probeMedia(corrupt, format);
      await failure(transcode(corrupt, format, info.durationMs));
    }
  });

  it('an HLS playlist or a concat list named .mp3 is never opened as a playlist', async () => {
    const real = await tone(dir, 'target', 'mp3', { seconds: 2 });
    const hls = join(dir, 'sneaky.mp3');
    await writeFile(hls, `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:${real}\n#EXTINF:10,\nhttp://127.0.0.1:9/x.mp3\n#EXT-X-ENDLIST\n`);
    const concat = join(dir, 'concat.mp3');
    await writeFile(concat, `ffconcat version 1.0\nfile ${real}\nfile /etc/passwd\n`);
    for (const path of [hls, concat]) {
      expect(await sniffAudio(path)).toBeNull();
      expect(await failure(probeMedia(path, 'mp3'))).toBeInstanceOf(MediaRejectedError);
      expect(await failure(transcode(path, 'mp3'))).toBeInstanceOf(FfmpegError);
    }

    // What ffmpeg is really given: a forced mp3 demuxer, the file-only whitelist and a file: URL.
    const log = join(dir, 'argv.txt');
    const spy = join(dir, 'ffmpeg-spy.sh');
    await writeFile(spy, `#!/bin/sh\nprintf '%s\\n' "$@" > '${log}'\nexec '${ffmpegBin}' "$@"\n`);
    await chmod(spy, 0o755);
    await transcodeRendition({ input: hls, format: 'mp3', outDir: join(dir, 'spy-out'), bitrateKbps: 128, timeoutMs: 10_000, ffmpeg: spy }).catch(() => null);
    const argv = (await readFile(log, 'utf8')).trim().split('\n');
    const input = argv.indexOf('-i');
    expect(argv.slice(0, 5)).toEqual(['-hide_banner', '-nostdin', '-nostats', '-v', 'error']);
    expect(argv.slice(input - 4, input + 2)).toEqual(['-protocol_whitelist', 'file,pipe', '-f', 'mp3', '-i', `file:${hls}`]);
  });

  it('a video file renamed .mp3 and sniffed as MP4 is refused as video', async () => {
    const video = join(dir, 'clip.mp3');
    ffmpegSync(['-f', 'lavfi', '-i', 'testsrc=d=1:s=64x64:r=5', '-f', 'lavfi', '-i', 'sine=d=1', '-c:v', 'mpeg4', '-c:a', 'aac', '-f', 'mp4', video]);
    expect(await sniffAudio(video)).toBeNull(); // an ordinary MP4 brand is not an accepted audio container
    const error = await failure(probeMedia(video, 'm4a'));
    expect(error).toBeInstanceOf(MediaRejectedError);
    expect(error.message).toMatch(/video file/);
  });

  it('an over-long file is refused before any transcoding', async () => {
    const long = await tone(dir, 'long', 'flac', { seconds: 12 });
    const error = await failure(probeMedia(long, 'flac', { maxDurationMs: 10_000 }));
    expect(error.message).toBe('This track is 12 s long; the limit is 10 s.');
  });
});
