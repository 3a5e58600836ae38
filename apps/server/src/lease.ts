// Periodic work that must run once across all instances, not once per instance: before each scheduled pass an
// instance claims the interval in Redis (SET NX PX). The first to ask owns it until it expires; the others skip.
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '@veza/bus';

export interface IntervalLease {
  /** True when this instance owns the current interval and should run the pass. */
  claim(): Promise<boolean>;
}

/** A single instance (no Redis) owns every interval. */
export const soleInstance: IntervalLease = { claim: async () => true };

/**
 * `ttlMs` slightly under the pass interval, so the owner's next tick finds the key gone and claims again, while the
 * other instances' ticks in between find it taken. An instance that dies stops renewing; another takes over.
 */
export function redisLease(redis: RedisClient, key: string, ttlMs: number, owner: string = randomUUID()): IntervalLease {
  return {
    async claim() {
      return (await redis.set(key, owner, 'PX', Math.max(1, Math.floor(ttlMs)), 'NX')) === 'OK';
    },
  };
}
