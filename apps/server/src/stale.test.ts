import { mkdir, mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStale } from './stale.ts';

describe('removeStale', () => {
  it('removes only old entries of the asked kind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'veza-stale-'));
    const old = new Date(Date.now() - 3600_000);
    await writeFile(join(dir, 'old-file'), 'x');
    await writeFile(join(dir, 'new-file'), 'x');
    await mkdir(join(dir, 'old-folder'));
    await writeFile(join(dir, 'old-folder', 'inside'), 'x');
    await utimes(join(dir, 'old-file'), old, old);
    await utimes(join(dir, 'old-folder'), old, old);

    expect(await removeStale(dir, 60_000, 'folders')).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(['new-file', 'old-file']);
    expect(await removeStale(dir, 60_000, 'files')).toBe(1);
    expect(await readdir(dir)).toEqual(['new-file']);
    expect(await removeStale(join(dir, 'missing'), 0, 'files')).toBe(0);
  });
});
