// Search rate limits (issue 12), on the same machinery as the other abuse limits (security/rate-limits.ts,
// rate-limiter-flexible): counters in Redis when a client is given (shared by every instance, with an in-memory
// insurance limiter while Redis is unreachable), in memory otherwise. Per signed-in person, or per IP address for
// people signed out:
//  - suggest (the search box, called as you type): 10 a second, plus a burst of 20 more per 10 s: someone typing fast
//    without the box's debounce, or pasting and editing, stays well inside it;
//  - page (search.tracks, people, playlists, groups: a results page with its ranking and, first, its facets): 4 a
//    second, plus a burst of 20 more per 30 s for someone clicking through filters and sorts.
// The history procedures are not counted (a person's own short list). A refusal is RateLimitedError
// (TOO_MANY_REQUESTS, `data.retryAfterSeconds`, a human message); a refused call has done nothing. The server's
// global per-IP budget (RATE_LIMIT_PER_MINUTE) still applies on top.
import type { RedisClient } from '@veza/bus';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Context } from '../context.ts';
import { RateLimitedError } from '../errors.ts';

export type SearchAction = 'suggest' | 'page';

export interface SearchBudget {
  /** Calls per window. */
  points: number;
  /** Window, seconds. */
  duration: number;
  /** Extra calls allowed once `points` are used up in a window, replenished every `duration` seconds. */
  burst?: { points: number; duration: number };
}

export const SEARCH_BUDGETS: Record<SearchAction, SearchBudget> = {
  suggest: { points: 10, duration: 1, burst: { points: 20, duration: 10 } },
  page: { points: 4, duration: 1, burst: { points: 20, duration: 30 } },
};

/** "You are searching too fast. Please wait 2 seconds." */
export const searchLimitMessage = (seconds: number) => `You are searching too fast. Please wait ${seconds} second${seconds === 1 ? '' : 's'}.`;

export interface SearchLimits {
  /** Counts one `action` by `key` (a person or an address); throws RateLimitedError when over budget. */
  consume(action: SearchAction, key: string): Promise<void>;
}

export interface SearchLimitsOptions {
  /** An ioredis client shared with the server; memory only when absent. Not closed here: its owner closes it. */
  redis?: RedisClient | undefined;
  /** Prefix of every Redis key (tests use a unique one). */
  keyPrefix?: string;
  /** Budgets replacing the defaults; `null` leaves an action unlimited (benchmarks, tests about something else). */
  budgets?: Partial<Record<SearchAction, SearchBudget | null>> | undefined;
}

export function createSearchLimits(options: SearchLimitsOptions = {}): SearchLimits {
  const prefix = `${options.keyPrefix ?? 'rl'}:search`;
  const make = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const opts = { keyPrefix: `${prefix}:${name}`, points, duration };
    if (!options.redis) return new RateLimiterMemory(opts);
    return new RateLimiterRedis({ ...opts, storeClient: options.redis, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(opts) });
  };
  const limiters = new Map<SearchAction, { consume(key: string): Promise<unknown> }>();
  for (const action of Object.keys(SEARCH_BUDGETS) as SearchAction[]) {
    const budget = options.budgets && action in options.budgets ? options.budgets[action] : SEARCH_BUDGETS[action];
    if (!budget) continue;
    const base = make(action, budget.points, budget.duration);
    limiters.set(action, budget.burst ? new BurstyRateLimiter(base, make(`${action}_burst`, budget.burst.points, budget.burst.duration)) : base);
  }
  return {
    async consume(action, key) {
      const limiter = limiters.get(action);
      if (!limiter) return;
      try {
        await limiter.consume(key);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new RateLimitedError(searchLimitMessage(seconds), seconds);
      }
    },
  };
}

/** Before a search: counts against the signed-in person's budget, or the address's when signed out. */
export function limitSearch(ctx: Pick<Context, 'deps' | 'viewer' | 'meta'>, action: SearchAction): Promise<void> {
  const key = ctx.viewer ? `user:${ctx.viewer.id}` : `ip:${ctx.meta.ip ?? 'unknown'}`;
  return ctx.deps.limits.search.consume(action, key);
}
