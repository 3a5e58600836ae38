import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractCoverArt } from './cover.ts';
import { ffmpegSync, tempDir, tone } from './testing.ts';

const dir = await tempDir('cover');

const withCover = async (name: string, picture: string, codec: string) => {
  const out = join(dir, `${name}.mp3`);
  ffmpegSync(['-i', await tone(dir, name, 'wav', { seconds: 1 }), '-i', picture, '-map', '0:a', '-map', '1:v', '-c:a', 'libmp3lame', '-c:v', codec, '-disposition:v', 'attached_pic', out]);
  return out;
};

describe('extractCoverArt', () => {
  it('returns the embedded PNG or JPEG with the type read from its bytes', async () => {
    const png = join(dir, 'cover.png');
    ffmpegSync(['-f', 'lavfi', '-i', 'color=c=blue:s=48x48', '-frames:v', '1', png]);
    const cover = await extractCoverArt(await withCover('png-cover', png, 'png'));
    expect(cover?.mimeType).toBe('image/png');
    expect(cover?.data.subarray(1, 4).toString('ascii')).toBe('PNG');

    const jpeg = join(dir, 'cover.jpg');
    ffmpegSync(['-f', 'lavfi', '-i', 'color=c=green:s=48x48', '-frames:v', '1', jpeg]);
    expect((await extractCoverArt(await withCover('jpeg-cover', jpeg, 'mjpeg')))?.mimeType).toBe('image/jpeg');
  });

  it('returns null without a picture, for other image types and for unreadable files', async () => {
    expect(await extractCoverArt(await tone(dir, 'plain', 'mp3', { seconds: 1 }))).toBeNull();
    const bmp = join(dir, 'cover.bmp');
    ffmpegSync(['-f', 'lavfi', '-i', 'color=c=red:s=16x16', '-frames:v', '1', bmp]);
    expect(await extractCoverArt(await withCover('bmp-cover', bmp, 'bmp'))).toBeNull();
    const junk = join(dir, 'junk.mp3');
    await writeFile(junk, 'junk');
    expect(await extractCoverArt(junk)).toBeNull();
  });
});
