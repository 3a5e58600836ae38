import { join } from 'node:path';
import type { ApiDeps, JobScheduler } from '@veza/api';
import { createBus, InMemoryBus, type EventBus } from '@veza/bus';
import { openDatabase, type Database } from '@veza/db';
import { createStorage } from '@veza/storage';
import type { Config } from './env.ts';
import { openQueue, schedulerFor, type VezaQueue } from './processing.ts';

/** Token settings shared by every process that signs or verifies access tokens. */
export const tokenConfig = (config: Config): ApiDeps['tokens'] => ({
  jwtSecret: config.jwtSecret,
  issuer: 'veza',
  audience: 'veza',
  accessTokenTtlSeconds: config.accessTokenTtlSeconds,
  sessionTtlSeconds: config.sessionTtlSeconds,
});

/** Wires the long-lived dependencies around an open database. */
export function buildDeps(config: Config, db: Database, jobs: JobScheduler, bus: EventBus = new InMemoryBus()): ApiDeps {
  return {
    db,
    storage: createStorage(config.storage),
    bus,
    tokens: tokenConfig(config),
    jobs,
    secureCookies: config.secureCookies,
  };
}

/**
 * Opens the configured database (PostgreSQL or PGlite under `<dataDir>/db`), applies migrations,
 * and connects the bus (Redis when REDIS_URL is set, in-process otherwise).
 */
export interface OpenedDeps {
  deps: ApiDeps;
  queue: VezaQueue;
  applied: string[];
}

export async function openDeps(config: Config): Promise<OpenedDeps> {
  const db = await openDatabase({ url: config.databaseUrl, dataDir: join(config.dataDir, 'db') });
  let queue: VezaQueue | undefined;
  try {
    const applied = await db.migrate();
    queue = await openQueue(config, db);
    const bus = await createBus(config.redisUrl);
    return { deps: buildDeps(config, db, schedulerFor(queue), bus), queue, applied };
  } catch (error) {
    await queue?.stop({ graceful: false });
    await db.close();
    throw error;
  }
}

/** Lets running jobs finish (up to the timeout), then closes the bus and the database. */
export async function closeDeps({ deps, queue }: Pick<OpenedDeps, 'deps' | 'queue'>, timeoutMs = 8_000): Promise<void> {
  await queue.stop({ graceful: true, timeoutMs });
  await deps.bus.close();
  await deps.db.close();
}
