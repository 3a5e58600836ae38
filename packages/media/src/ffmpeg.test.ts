import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FfmpegError } from './errors.ts';
import { inputArgs, resolveFfmpeg, resolveFfprobe, runFfmpeg } from './ffmpeg.ts';
import { transcodeRendition } from './hls.ts';
import { measureLoudness } from './loudness.ts';
import { processesMentioning, tempDir, tone } from './testing.ts';
import { waveformPeaks } from './waveform.ts';

const dir = await tempDir('ffmpeg');

describe('resolveFfmpeg / resolveFfprobe', () => {
  it('prefers the system binaries', () => {
    expect(resolveFfmpeg()).toMatch(/^\/usr\/(local\/)?bin\/ffmpeg$/);
    expect(resolveFfprobe()).toMatch(/^\/usr\/(local\/)?bin\/ffprobe$/);
  });

  it('falls back to the npm ffmpeg, and to no ffprobe, when the system has none', () => {
    const fallback = resolveFfmpeg({ searchPath: '/nonexistent' });
    expect(fallback).toMatch(/@ffmpeg-installer\/linux-x64\/ffmpeg$/);
    expect(existsSync(fallback)).toBe(true);
    expect(resolveFfprobe({ searchPath: '/nonexistent' })).toBeNull();
  });

  it('honours an explicit binary', () => {
    expect(resolveFfmpeg({ override: '/usr/bin/ffmpeg', searchPath: '/nonexistent' })).toBe('/usr/bin/ffmpeg');
  });
});

describe('the npm fallback ffmpeg (2018 static build)', () => {
  it('runs the same rendition, loudness and waveform arguments', async () => {
    const ffmpeg = resolveFfmpeg({ searchPath: '/nonexistent' });
    const input = await tone(dir, 'fallback', 'flac', { seconds: 8 });
    const rendition = await transcodeRendition({ input, format: 'flac', outDir: join(dir, 'fallback-out'), bitrateKbps: 128, timeoutMs: 30_000, durationMs: 8000, ffmpeg });
    expect(rendition).toMatchObject({ segments: 2, codecs: 'mp4a.40.2' });
    const old = await measureLoudness(input, 'flac', { timeoutMs: 30_000, ffmpeg });
    const current = await measureLoudness(input, 'flac', { timeoutMs: 30_000 });
    expect(Math.abs((old.integratedLufs ?? 0) - (current.integratedLufs ?? 99))).toBeLessThanOrEqual(0.2);
    expect(Math.max(...(await waveformPeaks(input, 'flac', { timeoutMs: 30_000, ffmpeg })))).toBe(1);
  });
});

describe('inputArgs', () => {
  it('forces the sniffed demuxer, local files only, and an absolute file: URL', () => {
    expect(inputArgs('song.mp3', 'mp3')).toEqual(['-protocol_whitelist', 'file,pipe', '-f', 'mp3', '-i', `file:${join(process.cwd(), 'song.mp3')}`]);
    expect(inputArgs('/x/a.m4a', 'm4a')).toContain('mov');
    // A name that looks like an option or a protocol is still just a local path.
    expect(inputArgs('-i concat:/etc/passwd', 'mp3').at(-1)).toBe(`file:${join(process.cwd(), '-i concat:/etc/passwd')}`);
  });
});

describe('runFfmpeg', () => {
  it('kills ffmpeg on timeout and reports timedOut; no process is left behind', async () => {
    const marker = 'sine=frequency=1237';
    const started = Date.now();
    const error = await runFfmpeg(['-re', '-f', 'lavfi', '-i', `${marker}:duration=60`, '-f', 'null', '-'], { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FfmpegError);
    expect(error).toMatchObject({ timedOut: true, killSignal: 'SIGKILL', message: 'Processing the audio took too long and was stopped.' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('stops on abort', async () => {
    const marker = 'sine=frequency=1238';
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const error = await runFfmpeg(['-re', '-f', 'lavfi', '-i', `${marker}:duration=60`, '-f', 'null', '-'], { timeoutMs: 20_000, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'FfmpegError', aborted: true, timedOut: false });
    expect(processesMentioning(marker)).toEqual([]);
  });

  it('a tiny timeout on a real transcode is a timedOut FfmpegError and kills the child', async () => {
    const input = await tone(dir, 'slow', 'wav', { seconds: 30 });
    const error = await transcodeRendition({ input, format: 'wav', outDir: join(dir, 'slow-out'), bitrateKbps: 128, timeoutMs: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'FfmpegError', timedOut: true });
    expect(processesMentioning(dir)).toEqual([]);
  });

  it('reports failures with the exit code and the last stderr lines', async () => {
    const text = join(dir, 'notes.mp3');
    await writeFile(text, 'just some text, not audio');
    const error = await runFfmpeg([...inputArgs(text, 'mp3'), '-f', 'null', '-'], { timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FfmpegError);
    const failure = error as FfmpegError;
    expect(failure.exitCode).not.toBe(0);
    expect(failure.timedOut).toBe(false);
    expect(failure.stderrTail.join('\n')).toMatch(/notes\.mp3/);
    expect(failure.message).toBe('The audio could not be decoded: the file is damaged or not really audio.');
  });

  it('passes progress and stderr lines to callbacks', async () => {
    const positions: number[] = [];
    const lines: string[] = [];
    await runFfmpeg(['-f', 'lavfi', '-i', 'sine=duration=3', '-af', 'volumedetect', '-f', 'null', '-'], {
      timeoutMs: 10_000,
      logLevel: 'info',
      onProgress: (ms) => positions.push(ms),
      onStderrLine: (line) => lines.push(line),
    });
    expect(positions.at(-1)).toBeCloseTo(3000, -2);
    expect(lines.some((line) => line.includes('max_volume'))).toBe(true);
  });
});
