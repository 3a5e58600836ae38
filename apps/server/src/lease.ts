// Periodic work that must run once across all instances, not once per instance: before each scheduled pass an
// instance claims the interval in Redis (SET NX PX). The first to ask owns it until it expires; the others skip.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
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
export function redisLease(redis: RedisClient, key: string, ttlMs: number, owner: string = `${hostname()}:${process.pid}`): IntervalLease {
  return {
    async claim() {
      return (await redis.set(key, owner, 'PX', Math.max(1, Math.floor(ttlMs)), 'NX')) === 'OK';
    },
  };
}

/**
 * A lease key per deployment: instances sharing one database are one deployment; another deployment (or a test run)
 * sharing the same Redis with another database has its own lease.
 */
export const deploymentLeaseKey = (base: string, database: string) =>
  `${base}:${createHash('sha256').update(database).digest('hex').slice(0, 16)}`;
