// The embedded database's memory settings, and its first-time initialisation in a short-lived child process.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Postgres settings for the embedded database, on top of PGlite's own start parameters (single-user mode, no
 * parallel workers). Its defaults size the shared buffer pool for a database server (128 MB), and in PGlite that
 * pool lives in the WASM heap of the web process for good. Veza's working set is small and the OS page cache sits
 * under it, so 16 MB of buffers (and the 512 kB of WAL buffers derived from them) keep idle memory low;
 * maintenance_work_mem bounds index builds in migrations. Durability settings stay PGlite's.
 */
export const PGLITE_SETTINGS: Readonly<Record<string, string>> = {
  shared_buffers: '16MB',
  maintenance_work_mem: '16MB',
  temp_buffers: '2MB',
};

/**
 * Postgres extensions the embedded database loads (PostgreSQL has them as contrib modules): pg_trgm, for chat
 * search's partial-word matching (migration Migration20261206120200_chat_search creates it in the database), and
 * unaccent, for search's accent-insensitive matching (Migration20261207122627_search).
 */
export async function pgliteExtensions() {
  const [{ pg_trgm }, { unaccent }] = await Promise.all([import('@electric-sql/pglite/contrib/pg_trgm'), import('@electric-sql/pglite/contrib/unaccent')]);
  return { pg_trgm, unaccent };
}

/** PGlite's default start parameters followed by {@link PGLITE_SETTINGS}. */
export async function pgliteStartParams(): Promise<string[]> {
  const { PGlite } = await import('@electric-sql/pglite');
  return [...PGlite.defaultStartParams, ...Object.entries(PGLITE_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
}

const INITDB_SCRIPT = fileURLToPath(new URL('./pglite-initdb.ts', import.meta.url));

/**
 * Creates the PGlite cluster in `dataDir` when there is none yet. PGlite's initdb runs a second WASM instance
 * and copies the new cluster through memory: done in this process, it leaves ~60 MB of fragmented native heap
 * behind for the life of the server. A child process returns all of it to the system when it exits (and runs
 * WebAssembly on the baseline compiler only: optimising a one-shot run is wasted memory and time).
 */
export async function initPgliteDataDir(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  const child = spawn(process.execPath, ['--liftoff-only', INITDB_SCRIPT, dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`creating the embedded database in ${dataDir} failed (exit ${code}): ${stderr.trim()}`);
}
