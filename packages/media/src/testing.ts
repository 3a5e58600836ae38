// Test helpers: real inputs made with sineWav and the system ffmpeg, so no binary fixtures are committed.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { resolveFfmpeg } from './ffmpeg.ts';
import type { AudioFormat } from './probe.ts';
import { sineWav } from './wav.ts';

export const ffmpegBin = resolveFfmpeg();

/** A scratch folder removed after the test file. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `veza-${prefix}-`));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs the test ffmpeg synchronously (trusted, generated inputs only). */
export const ffmpegSync = (args: string[]) => execFileSync(ffmpegBin, ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args]);

export const ENCODERS: Record<AudioFormat, string[]> = {
  wav: ['-c:a', 'pcm_s16le'],
  flac: ['-c:a', 'flac'],
  mp3: ['-c:a', 'libmp3lame', '-b:a', '192k'],
  ogg: ['-c:a', 'libopus', '-b:a', '96k'],
  m4a: ['-c:a', 'aac', '-b:a', '160k', '-movflags', '+faststart'],
  aiff: [],
};

/** A 0.3-amplitude 440 Hz tone encoded in `format`, written to `dir/name.<format>`. */
export async function tone(dir: string, name: string, format: AudioFormat, { seconds = 2, channels = 2 } = {}): Promise<string> {
  const wav = join(dir, `${name}.src.wav`);
  await writeFile(wav, sineWav({ seconds, channels }));
  if (format === 'wav') return wav;
  const out = join(dir, `${name}.${format}`);
  ffmpegSync(['-i', wav, ...ENCODERS[format], out]);
  return out;
}

/** Pids of live ffmpeg/ffprobe processes whose command line mentions `marker`. */
export function processesMentioning(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmdline.includes(marker) && /ff(mpeg|probe)/.test(cmdline) && state !== 'Z') pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}
