// Two server instances over one database, each with its own Redis bus connection (and, on PostgreSQL, its own
// connection pool), as behind a load balancer. Test-only; needs REDIS_URL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisBus } from '@veza/bus';
import { openDatabase, type Database } from '@veza/db';
import { createTestDatabase } from '@veza/db/testing';
import { buildApp } from '../app.ts';
import { buildDeps } from '../deps.ts';
import { loadConfig } from '../env.ts';
import { TEST_SECRET } from './harness.ts';

/** Pushes what it opens onto `cleanups`; the caller runs them (in reverse) after its tests. */
export async function twoInstances(cleanups: (() => Promise<void>)[]) {
  const dataDir = await mkdtemp(join(tmpdir(), 'veza-srv-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET: TEST_SECRET, WEB_DIST: join(dataDir, 'none') });
  const db = await createTestDatabase();
  cleanups.push(() => db.destroy());
  const instance = async (database: Database) => {
    const bus = new RedisBus(process.env.REDIS_URL ?? '');
    await bus.ready();
    const deps = buildDeps(config, database, { enqueueTrackProcessing: async () => undefined }, { bus });
    await deps.sessionCache.ready;
    const app = await buildApp(config, deps);
    cleanups.push(async () => {
      await app.close();
      await deps.sessionCache.close();
      await bus.close();
    });
    return Object.assign(app, { deps });
  };
  // PGlite allows one connection: both instances then share it (the bus is still separate).
  const own = db.url ? await openDatabase({ url: db.url }) : db;
  if (own !== db) cleanups.push(() => own.close());
  return Object.assign([await instance(db), await instance(own)] as const, { db, dataDir });
}
