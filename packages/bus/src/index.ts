export { InMemoryBus, listen, type EventBus, type ListenOptions } from './bus.ts';
export { RedisBus } from './redis.ts';

import { InMemoryBus, type EventBus } from './bus.ts';
import { RedisBus } from './redis.ts';

/** Redis pub/sub when a URL is configured (many instances), in-process otherwise (one instance). */
export async function createBus(redisUrl: string | undefined): Promise<EventBus> {
  if (!redisUrl) return new InMemoryBus();
  const bus = new RedisBus(redisUrl);
  try {
    await bus.ready();
  } catch (error) {
    await bus.close();
    throw error;
  }
  return bus;
}
export { connectRedisClient, createRedisClient, type RedisClient } from './redis-client.ts';
