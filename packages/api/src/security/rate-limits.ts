/**
 * Abuse limits (rate-limiter-flexible): counters in Redis when a client is given (shared by every
 * instance), with an in-memory insurance limiter that takes over while Redis is unreachable; in memory
 * otherwise. Three kinds of limits:
 *  - simple budgets (`consume(bucket, key)`): N attempts per window, then TOO_MANY_REQUESTS;
 *  - login protection (OWASP Authentication Cheat Sheet / rate-limiter-flexible's "login endpoint
 *    protection"): consecutive failures per IP + account slow down, then block; failures per account
 *    (from any IP) and per IP per day block; a known device skips the per-account limits;
 *  - a generous global per-IP request budget (`hit`), for the server's onRequest hook.
 */
import type { RedisClient } from '@veza/bus';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import { createChatLimits, type ChatLimits, type ChatLimitsOptions } from '../chat/chat.limits.ts';
import { DomainError } from '../errors.ts';
import { createSearchLimits, type SearchLimits, type SearchLimitsOptions } from '../search/search.limits.ts';

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

interface Budget {
  points: number;
  /** Window, seconds. */
  duration: number;
  /** Once over budget, refused for this long (seconds); the rest of the window otherwise. */
  blockDuration?: number;
}

const BUDGETS: Record<LimitBucket, Budget> = {
  // Generous: a household, office or campus shares one address.
  register_ip: { points: 20, duration: 3600 },
  password_reset_account: { points: 3, duration: 3600 },
  password_reset_ip: { points: 20, duration: 3600 },
  verification_email_account: { points: 5, duration: 3600 },
  second_factor_user: { points: 10, duration: 900 },
  step_up_user: { points: 10, duration: 900 },
  passkey_ip: { points: 60, duration: 60 },
  oauth_ip: { points: 30, duration: 60 },
};

export interface LoginLimitsConfig {
  /** Consecutive failures for one IP + account before each attempt is delayed. */
  slowAfter: number;
  /** First delay (ms); doubles with every further failure, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Consecutive failures for one IP + account, then blocked for `ipAccountBlockSeconds`. */
  ipAccountFailures: number;
  ipAccountBlockSeconds: number;
  /** Failures for one account from anywhere within a day (a distributed guess), then blocked for `accountBlockSeconds`. */
  accountFailures: number;
  accountBlockSeconds: number;
  /** Failures through one device cookie, then it stops bypassing the per-account limits for `deviceBlockSeconds`. */
  deviceFailures: number;
  deviceBlockSeconds: number;
  /** Failures from one IP (any account) within a day, then that IP is blocked for `ipBlockSeconds`. */
  ipFailures: number;
  ipBlockSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimitsConfig = {
  slowAfter: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  ipAccountFailures: 10,
  ipAccountBlockSeconds: 3600,
  accountFailures: 50,
  accountBlockSeconds: 3600,
  deviceFailures: 10,
  deviceBlockSeconds: 3600,
  ipFailures: 100,
  ipBlockSeconds: 24 * 3600,
};

export interface LoginAttempt {
  ip: string | null;
  /** The login as typed (email or username), normalised by the caller. */
  login: string;
  /**
   * The id of a valid device cookie for this account, if the request carries one: the per-account limits do
   * not apply to it (its own failures are counted, and a device cookie used for guessing stops counting as known).
   */
  device: string | null;
}

/** Refused: try again after this many seconds. */
export interface Throttled {
  retryAfterSeconds: number;
  /** Which limit: for the audit trail. */
  limit: 'ip_account' | 'account' | 'ip';
  /** The attempt came with a device cookie that was trusted. */
  knownDevice: boolean;
}

export interface LoginGuard {
  /** Before checking the password: a block in force, or how long to wait (slow-down) before answering. */
  check(attempt: LoginAttempt): Promise<{ throttled: Throttled | null; delayMs: number }>;
  /** Counts a failed attempt against every limit that applies. */
  failed(attempt: LoginAttempt): Promise<void>;
  /** A successful sign-in clears the consecutive-failure counter of this IP + account. */
  succeeded(attempt: LoginAttempt): Promise<void>;
}

export interface RateLimits {
  /** Counts one attempt against `bucket` for `key`; throws DomainError TOO_MANY_REQUESTS (human message) when over budget. */
  consume(bucket: LimitBucket, key: string): Promise<void>;
  login: LoginGuard;
  /** Counts one request from `ip` against the global budget; null when allowed, else the seconds to wait. */
  hit(ip: string): Promise<number | null>;
  /** Per-user chat limits (send, history, typing, search): chat/chat.limits.ts. */
  chat: ChatLimits;
  /** Per-person (or per-address, signed out) search limits: search/search.limits.ts. */
  search: SearchLimits;
  close(): Promise<void>;
}

export interface RateLimitsOptions {
  /** An ioredis client shared with the server; memory only when absent. Not closed here: its owner closes it. */
  redis?: RedisClient | undefined;
  /** Prefix of every Redis key (tests use a unique one). */
  keyPrefix?: string;
  login?: Partial<LoginLimitsConfig>;
  /** Requests per minute per IP for `hit` (default 600; 0 turns the global budget off). */
  requestsPerMinute?: number;
  /** Chat budgets replacing the defaults (chat/chat.limits.ts); `null` for an action leaves it unlimited. */
  chat?: ChatLimitsOptions['budgets'];
  /** Search budgets replacing the defaults (search/search.limits.ts); `null` for an action leaves it unlimited. */
  search?: SearchLimitsOptions['budgets'];
}

const TOO_MANY = 'Too many attempts. Please wait a little and try again.';

/** "Too many attempts. Please try again in 3 minutes." */
export function retryMessage(seconds: number): string {
  const [n, unit] =
    seconds <= 60 ? [Math.max(1, Math.ceil(seconds)), 'second'] : seconds <= 3600 ? [Math.ceil(seconds / 60), 'minute'] : [Math.ceil(seconds / 3600), 'hour'];
  return `Too many attempts. Please try again in ${n} ${unit}${n === 1 ? '' : 's'}.`;
}

export function createRateLimits(options: RateLimitsOptions = {}): RateLimits {
  const prefix = options.keyPrefix ?? 'rl';
  const make = (name: string, budget: Budget): RateLimiterAbstract => {
    const opts = { keyPrefix: `${prefix}:${name}`, points: budget.points, duration: budget.duration, blockDuration: budget.blockDuration ?? 0 };
    if (!options.redis) return new RateLimiterMemory(opts);
    return new RateLimiterRedis({
      ...opts,
      storeClient: options.redis,
      // Answer from memory at once when the connection is down, instead of queueing or failing open.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(opts),
    });
  };

  const buckets = new Map(Object.entries(BUDGETS).map(([bucket, budget]) => [bucket, make(bucket, budget)]));
  const cfg = { ...DEFAULT_LOGIN_LIMITS, ...options.login };
  const ipAccount = make('login_ip_account', { points: cfg.ipAccountFailures, duration: cfg.ipAccountBlockSeconds, blockDuration: cfg.ipAccountBlockSeconds });
  const account = make('login_account', { points: cfg.accountFailures, duration: 24 * 3600, blockDuration: cfg.accountBlockSeconds });
  const ipDay = make('login_ip_day', { points: cfg.ipFailures, duration: 24 * 3600, blockDuration: cfg.ipBlockSeconds });
  const devices = make('login_device', { points: cfg.deviceFailures, duration: cfg.deviceBlockSeconds, blockDuration: cfg.deviceBlockSeconds });
  const global = make('requests_ip', { points: options.requestsPerMinute ?? 600, duration: 60 });

  const ipKey = (ip: string | null) => ip ?? 'unknown';
  const ipAccountKey = (a: LoginAttempt) => `${ipKey(a.ip)}_${a.login}`;

  /** Seconds left when the key has used its budget; 0 otherwise. */
  const blockedFor = (res: RateLimiterRes | null, points: number) =>
    res && res.consumedPoints >= points && res.msBeforeNext > 0 ? Math.ceil(res.msBeforeNext / 1000) : 0;

  /**
   * Counts one failure; the one that uses up the budget blocks the key for `blockSeconds` at once (the
   * attempts refused meanwhile are not counted, so the block does not run on for the rest of the window).
   */
  const countFailure = async (limiter: RateLimiterAbstract, key: string, blockSeconds: number) => {
    try {
      const res = await limiter.consume(key);
      if (res.remainingPoints === 0) await limiter.block(key, blockSeconds);
    } catch (error) {
      if (error instanceof Error) throw error;
    }
  };

  /** A device cookie counts as known until it has been used for too many failures. */
  const knownDevice = async (a: LoginAttempt) =>
    a.device !== null && blockedFor(await devices.get(a.device), cfg.deviceFailures) === 0;

  const login: LoginGuard = {
    async check(a) {
      const known = await knownDevice(a);
      const [ipRes, accountRes, pairRes] = await Promise.all([
        ipDay.get(ipKey(a.ip)),
        known ? null : account.get(a.login),
        known ? null : ipAccount.get(ipAccountKey(a)),
      ]);
      const limits: [Throttled['limit'], number][] = [
        ['ip', blockedFor(ipRes, cfg.ipFailures)],
        ['account', blockedFor(accountRes, cfg.accountFailures)],
        ['ip_account', blockedFor(pairRes, cfg.ipAccountFailures)],
      ];
      const worst = limits.filter(([, s]) => s > 0).sort((x, y) => y[1] - x[1])[0];
      if (worst) return { throttled: { limit: worst[0], retryAfterSeconds: worst[1], knownDevice: known }, delayMs: 0 };
      const failures = pairRes?.consumedPoints ?? 0;
      const over = failures - cfg.slowAfter;
      const delayMs = over < 0 ? 0 : Math.min(cfg.maxDelayMs, cfg.baseDelayMs * 2 ** over);
      return { throttled: null, delayMs };
    },
    async failed(a) {
      const known = await knownDevice(a);
      await Promise.all([
        countFailure(ipDay, ipKey(a.ip), cfg.ipBlockSeconds),
        a.device ? countFailure(devices, a.device, cfg.deviceBlockSeconds) : null,
        known ? null : countFailure(account, a.login, cfg.accountBlockSeconds),
        known ? null : countFailure(ipAccount, ipAccountKey(a), cfg.ipAccountBlockSeconds),
      ]);
    },
    async succeeded(a) {
      await ipAccount.delete(ipAccountKey(a));
    },
  };

  return {
    async consume(bucket, key) {
      try {
        await buckets.get(bucket)?.consume(key);
      } catch (error) {
        if (error instanceof Error) throw error;
        const res = error as RateLimiterRes;
        throw new DomainError('TOO_MANY_REQUESTS', res.msBeforeNext > 0 ? retryMessage(res.msBeforeNext / 1000) : TOO_MANY, undefined, 'rate_limited');
      }
    },
    login,
    async hit(ip) {
      if (options.requestsPerMinute === 0) return null;
      try {
        await global.consume(ip);
        return null;
      } catch (error) {
        if (error instanceof Error) throw error;
        return Math.max(1, Math.ceil((error as RateLimiterRes).msBeforeNext / 1000));
      }
    },
    chat: createChatLimits({ redis: options.redis, keyPrefix: prefix, budgets: options.chat }),
    search: createSearchLimits({ redis: options.redis, keyPrefix: prefix, budgets: options.search }),
    close: async () => {},
  };
}
