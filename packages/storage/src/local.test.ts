import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { LocalStorage } from './local.ts';

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'veza-storage-'));
  const storage = new LocalStorage(join(dir, 'objects'));
  const source = join(dir, 'incoming');
  await writeFile(source, '0123456789');
  return { dir, storage, source };
}

describe('LocalStorage', () => {
  it('moves a file in, stats, reads ranges and deletes', async () => {
    const { storage, source, dir } = await setup();
    await storage.putFile('tracks/abc/original', source);
    expect(await storage.stat('tracks/abc/original')).toEqual({ size: 10 });
    expect(await text(storage.read('tracks/abc/original'))).toBe('0123456789');
    expect(await text(storage.read('tracks/abc/original', { start: 2, end: 4 }))).toBe('234');
    expect(await readFile(join(dir, 'objects/tracks/abc/original'), 'utf8')).toBe('0123456789');
    await storage.delete('tracks/abc/original');
    expect(await storage.stat('tracks/abc/original')).toBeNull();
    await expect(storage.delete('tracks/abc/original')).resolves.toBeUndefined();
  });

  it('refuses keys that escape the root', async () => {
    const { storage, source } = await setup();
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', 'A/B', '']) {
      await expect(storage.putFile(key, source)).rejects.toThrow(/Invalid storage key/);
    }
  });
});
