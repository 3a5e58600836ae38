import { hkdfSync } from 'node:crypto';
import { join } from 'node:path';
import type { ApiMetrics } from '@veza/api';
import { createMailer, createPresenceStore, createRateLimits, SessionCache, type ApiDeps, type JobScheduler } from '@veza/api';
import { connectRedisClient, createBus, InMemoryBus, type EventBus, type RedisClient } from '@veza/bus';
import { openDatabase, type Database } from '@veza/db';
import { createStorage } from '@veza/storage';
import { vapidKeysOf, type Config } from './env.ts';
import type { Tracing } from './observability/tracing.ts';
import { openQueue, schedulerFor, type VezaQueue } from './processing.ts';

/** Token settings shared by every process that signs or verifies access tokens. */
export const tokenConfig = (config: Config): ApiDeps['tokens'] => ({
  jwtSecret: config.jwtSecret,
  issuer: 'veza',
  audience: 'veza',
  accessTokenTtlSeconds: config.accessTokenTtlSeconds,
  sessionTtlSeconds: config.sessionTtlSeconds,
});

/** A separate 32-byte key for data encrypted at rest, derived from the server secret (HKDF-SHA256). */
const encryptionKey = (config: Config) => new Uint8Array(hkdfSync('sha256', config.jwtSecret, 'veza', 'veza/at-rest-encryption/v1', 32));

export interface BuildOptions {
  bus?: EventBus;
  /** A Redis connection for rate limits and presence shared by every instance (with REDIS_URL); memory otherwise. */
  redis?: RedisClient | undefined;
  log?: (line: string) => void;
  /** The process's metrics (the server's or the worker's registry), as the api sees them. */
  metrics?: ApiMetrics | undefined;
  tracing?: Tracing | null | undefined;
}

/** Wires the long-lived dependencies around an open database. */
export function buildDeps(config: Config, db: Database, jobs: JobScheduler, options: BuildOptions = {}): ApiDeps {
  const bus = options.bus ?? new InMemoryBus();
  return {
    db,
    storage: createStorage(config.storage),
    bus,
    tokens: tokenConfig(config),
    jobs,
    secureCookies: config.secureCookies,
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, db, log: options.log, logBodies: config.env !== 'production' }),
    limits: createRateLimits({ redis: options.redis, keyPrefix: 'veza:rl', requestsPerMinute: config.rateLimitPerMinute }),
    // Shared by every instance with REDIS_URL (a killed instance's users go offline when their heartbeats stop).
    presence: createPresenceStore({ redis: options.redis, keyPrefix: 'veza:presence' }),
    turn: config.turn,
    security: {
      appOrigin: config.appOrigin,
      rpId: new URL(config.appOrigin).hostname,
      appName: 'Veza',
      encryptionKey: encryptionKey(config),
      deletionGraceDays: config.deletionGraceDays,
      stepUpSeconds: 10 * 60,
    },
    oauth: config.oauth,
    metrics: options.metrics,
    tracer: options.tracing?.api,
    // Serves nothing until it listens on the bus (a moment after start), so no entry can miss a revocation.
    sessionCache: new SessionCache(bus),
    // Web push: off (vapid null) in production without VAPID keys; delivery problems go to the log, never thrown.
    push: { vapid: vapidKeysOf(config), serviceOrigins: config.push.serviceOrigins, log: options.log },
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
  /** The rate limits' Redis connection (with REDIS_URL). */
  redis?: RedisClient | undefined;
}

/** `log` receives the dev mailbox's lines (each mail kept when no SMTP_URL is set). */
export async function openDeps(config: Config, options: Pick<BuildOptions, 'log' | 'metrics' | 'tracing'> = {}): Promise<OpenedDeps> {
  const db = await openDatabase({ url: config.databaseUrl, dataDir: join(config.dataDir, 'db') });
  if (options.tracing) db.setQueryHook(options.tracing.queryHook);
  let queue: VezaQueue | undefined;
  let redis: RedisClient | undefined;
  try {
    const applied = await db.migrate();
    queue = await openQueue(config, db);
    const bus = await createBus(config.redisUrl);
    redis = config.redisUrl ? await connectRedisClient(config.redisUrl) : undefined;
    // Once connected, a lost Redis is not fatal: the limits fall back to memory until it is back.
    redis?.on('error', () => undefined);
    return { deps: buildDeps(config, db, schedulerFor(queue, options.tracing), { bus, redis, log: options.log, metrics: options.metrics, tracing: options.tracing }), queue, applied, redis };
  } catch (error) {
    redis?.disconnect();
    await queue?.stop({ graceful: false });
    await db.close();
    throw error;
  }
}

/** Lets running jobs finish (up to the timeout), then closes the bus and the database. */
export async function closeDeps({ deps, queue, redis }: Pick<OpenedDeps, 'deps' | 'queue' | 'redis'>, timeoutMs = 8_000): Promise<void> {
  await queue.stop({ graceful: true, timeoutMs });
  await deps.limits.close();
  await deps.presence.close();
  await redis?.quit().catch(() => undefined);
  await deps.mailer.close();
  await deps.sessionCache.close();
  await deps.bus.close();
  await deps.db.close();
}
