import { once } from 'node:events';
import { Redis } from 'ioredis';

export type RedisClient = Redis;

/**
 * A plain Redis connection for shared state other than pub/sub (rate-limit counters). Commands fail at
 * once while it is disconnected (no offline queue), so callers can fall back instead of waiting; it keeps
 * reconnecting in the background.
 */
export function createRedisClient(url: string): RedisClient {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
}

/** Like createRedisClient, but resolves once connected, so start-up fails fast on a wrong URL. */
export async function connectRedisClient(url: string): Promise<RedisClient> {
  const client = createRedisClient(url);
  try {
    await Promise.race([
      once(client, 'ready'),
      once(client, 'error').then(([error]: unknown[]) => {
        throw error instanceof Error ? error : new Error(String(error));
      }),
    ]);
    return client;
  } catch (error) {
    client.disconnect();
    throw error;
  }
}
