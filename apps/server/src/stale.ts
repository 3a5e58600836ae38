import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Removes what a crashed process left in `dir`: entries of one kind (plain files, or folders) not
 * modified for `olderThanMs`. The other kind is never touched (tmp holds the tus and processing folders).
 */
export async function removeStale(dir: string, olderThanMs: number, kind: 'files' | 'folders'): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  let removed = 0;
  for (const entry of entries) {
    if (kind === 'files' ? !entry.isFile() : !entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    const info = await stat(path).catch(() => null);
    if (info && Date.now() - info.mtimeMs > olderThanMs) {
      await rm(path, { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}
