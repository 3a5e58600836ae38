/**
 * Abuse limits (rate-limiter-flexible): Redis when REDIS_URL is set, in memory otherwise and as
 * insurance when Redis is down. OWNED BY the sessions/security work: the implementation below is the
 * first, memory-only version; the interface is what the rest of the API codes against.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { DomainError } from '../errors.ts';

/** Simple budgets: one key, N attempts per window, then TOO_MANY_REQUESTS. */
export type LimitBucket =
  | 'register_ip'
  | 'password_reset_account'
  | 'password_reset_ip'
  | 'verification_email_account'
  | 'second_factor_user'
  | 'step_up_user'
  | 'passkey_ip'
  | 'oauth_ip';

export interface RateLimits {
  /** Counts one attempt against `bucket` for `key`; throws DomainError TOO_MANY_REQUESTS (human message) when over budget. */
  consume(bucket: LimitBucket, key: string): Promise<void>;
  close(): Promise<void>;
}

export interface RateLimitsOptions {
  /** An ioredis client shared with the server; memory only when absent. */
  redis?: unknown;
}

const BUDGETS: Record<LimitBucket, { points: number; duration: number }> = {
  register_ip: { points: 10, duration: 3600 },
  password_reset_account: { points: 3, duration: 3600 },
  password_reset_ip: { points: 20, duration: 3600 },
  verification_email_account: { points: 5, duration: 3600 },
  second_factor_user: { points: 10, duration: 900 },
  step_up_user: { points: 10, duration: 900 },
  passkey_ip: { points: 60, duration: 60 },
  oauth_ip: { points: 30, duration: 60 },
};

export function createRateLimits(_options: RateLimitsOptions = {}): RateLimits {
  const limiters = new Map(Object.entries(BUDGETS).map(([bucket, b]) => [bucket, new RateLimiterMemory({ keyPrefix: bucket, ...b })]));
  return {
    async consume(bucket, key) {
      try {
        await limiters.get(bucket)?.consume(key);
      } catch (error) {
        if (error instanceof Error) throw error;
        throw new DomainError('TOO_MANY_REQUESTS', 'Too many attempts. Please wait a little and try again.');
      }
    },
    close: async () => {},
  };
}
