import { join } from 'node:path';
import type { ApiDeps } from '@veza/api';
import { createBus, InMemoryBus, type EventBus } from '@veza/bus';
import { openDatabase, type Database } from '@veza/db';
import { LocalStorage } from '@veza/storage';
import type { Config } from './env.ts';

/** Token settings shared by every process that signs or verifies access tokens. */
export const tokenConfig = (config: Config): ApiDeps['tokens'] => ({
  jwtSecret: config.jwtSecret,
  issuer: 'veza',
  audience: 'veza',
  accessTokenTtlSeconds: config.accessTokenTtlSeconds,
  sessionTtlSeconds: config.sessionTtlSeconds,
});

/** Wires the long-lived dependencies around an open database. */
export function buildDeps(config: Config, db: Database, bus: EventBus = new InMemoryBus()): ApiDeps {
  return {
    db,
    storage: new LocalStorage(join(config.dataDir, 'media')),
    bus,
    tokens: tokenConfig(config),
    secureCookies: config.secureCookies,
  };
}

/**
 * Opens the configured database (PostgreSQL or PGlite under `<dataDir>/db`), applies migrations,
 * and connects the bus (Redis when REDIS_URL is set, in-process otherwise).
 */
export async function openDeps(config: Config): Promise<{ deps: ApiDeps; applied: string[] }> {
  const db = await openDatabase({ url: config.databaseUrl, dataDir: join(config.dataDir, 'db') });
  try {
    const applied = await db.migrate();
    const bus = await createBus(config.redisUrl);
    return { deps: buildDeps(config, db, bus), applied };
  } catch (error) {
    await db.close();
    throw error;
  }
}

export async function closeDeps(deps: ApiDeps): Promise<void> {
  await deps.bus.close();
  await deps.db.close();
}
