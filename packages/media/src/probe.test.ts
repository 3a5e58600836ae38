import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudioMetadata, sniffAudio, UnreadableAudioError } from './probe.ts';
import { tempDir } from './testing.ts';
import { sineWav } from './wav.ts';

const dir = await tempDir('media');
const file = async (name: string, data: Buffer | string) => {
  const path = join(dir, name);
  await writeFile(path, data);
  return path;
};
const hasFfmpeg = (() => {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('sniffAudio', () => {
  it('detects WAV from its bytes whatever the name', async () => {
    expect(await sniffAudio(await file('tone.txt', sineWav({ seconds: 0.5 })))).toEqual({ format: 'wav', mimeType: 'audio/wav' });
  });

  it('rejects text renamed .mp3, empty files and HTML', async () => {
    expect(await sniffAudio(await file('fake.mp3', 'hello, this is not audio at all'))).toBeNull();
    expect(await sniffAudio(await file('empty.mp3', ''))).toBeNull();
    expect(await sniffAudio(await file('page.flac', '<!doctype html><html></html>'))).toBeNull();
    expect(await sniffAudio(await file('list.m3u', '#EXTM3U\n#EXTINF:1,\nconcat:a|b\n'))).toBeNull();
  });

  it.runIf(hasFfmpeg)('detects formats encoded by ffmpeg', async () => {
    const wav = await file('src.wav', sineWav({ seconds: 1 }));
    const cases: [string, string[], string][] = [
      ['out.mp3', ['-c:a', 'libmp3lame'], 'mp3'],
      ['out.flac', ['-c:a', 'flac'], 'flac'],
      ['out.ogg', ['-c:a', 'libopus'], 'ogg'],
      ['out.m4a', ['-c:a', 'aac'], 'm4a'],
      ['out.aiff', [], 'aiff'],
    ];
    for (const [name, codec, format] of cases) {
      const out = join(dir, name);
      execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wav, ...codec, out]);
      expect((await sniffAudio(out))?.format, name).toBe(format);
    }
  });
});

describe('readAudioMetadata', () => {
  it('reads duration, sample rate and channels', async () => {
    const meta = await readAudioMetadata(await file('two.wav', sineWav({ seconds: 2, sampleRate: 48_000, channels: 2 })));
    expect(meta).toMatchObject({ durationMs: 2000, sampleRate: 48_000, channels: 2, title: null, artist: null });
  });

  it.runIf(hasFfmpeg)('reads title and artist tags', async () => {
    const wav = await file('tag-src.wav', sineWav({ seconds: 1 }));
    const out = join(dir, 'tagged.mp3');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wav, '-metadata', 'title=Night Drive', '-metadata', 'artist=Ana', out]);
    expect(await readAudioMetadata(out)).toMatchObject({ title: 'Night Drive', artist: 'Ana' });
  });

  it('throws a typed error on garbage', async () => {
    await expect(readAudioMetadata(await file('bad.bin', Buffer.from([1, 2, 3])))).rejects.toBeInstanceOf(UnreadableAudioError);
  });
});
