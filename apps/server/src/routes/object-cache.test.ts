import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStorage } from '@veza/storage';
import { describe, expect, it } from 'vitest';
import { ObjectCache } from './object-cache.ts';

describe('ObjectCache', () => {
  it('serves from memory after the first read and evicts the least recently used past its budget', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'veza-cache-'));
    const storage = new LocalStorage(dir);
    for (const name of ['a', 'b', 'c']) {
      await writeFile(join(dir, `${name}.bin`), Buffer.alloc(400, name));
    }
    const cache = new ObjectCache(1000);
    expect((await cache.get(storage, 'a.bin'))?.toString()).toBe('a'.repeat(400));
    await storage.delete('a.bin');
    // Still served: it is in memory.
    expect((await cache.get(storage, 'a.bin'))?.length).toBe(400);
    await cache.get(storage, 'b.bin');
    await cache.get(storage, 'c.bin'); // 1200 bytes > 1000: 'a' (least recently used) goes
    expect(cache.size).toEqual({ objects: 2, bytes: 800 });
    expect(await cache.get(storage, 'a.bin')).toBeNull();
    expect(await cache.get(storage, 'missing.bin')).toBeNull();
    expect(await new ObjectCache(0).get(storage, 'b.bin')).toBeNull();
  });
});
