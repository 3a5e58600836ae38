// Per-user, per-action chat rate limits (issue 10, "Moderation"), on the same machinery as the other abuse limits
// (security/rate-limits.ts, rate-limiter-flexible): counters in Redis when a client is given (shared by every
// instance, with an in-memory insurance limiter while Redis is unreachable), in memory otherwise.
//  - send: a burst of 10, then 5 per 5 s, per user and room (a token-bucket-like BurstyRateLimiter: 5 per 5 s, plus
//    5 more per 30 s for bursts);
//  - history (messages.list) 5/s, typing 5/s, search (messages.search) 2/s, per user.
//  - call (calls.start) 6 per minute per user;
//  - signal (calls.signal) a burst of 50, then 10 a second per user: a browser gathers its ICE candidates in a burst
//    (one signal each), an ICE restart sends another, and the steady rate leaves room for renegotiations;
//  - image (POST /api/chat/attachments) a burst of 10 (a handful of photos dropped at once), then 1 a second per user:
//    each one is decoded and re-encoded on the server.
// A refusal is RateLimitedError (TOO_MANY_REQUESTS, `data.retryAfterSeconds`). A refused call has done nothing: the
// limit is checked before the action. A send retried with the clientMessageId of a message already stored is
// answered without consuming the budget (chat.router.ts), so an accepted message is never refused afterwards.
import type { RedisClient } from '@veza/bus';
import { chatRepository } from '@veza/db';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Context, Viewer } from '../context.ts';
import { RateLimitedError } from '../errors.ts';

export type ChatAction = 'send' | 'history' | 'typing' | 'search' | 'call' | 'signal' | 'image';

export interface ChatBudget {
  /** Calls per window. */
  points: number;
  /** Window, seconds. */
  duration: number;
  /** Extra calls allowed once `points` are used up in a window, replenished every `duration` seconds. */
  burst?: { points: number; duration: number };
}

export const CHAT_BUDGETS: Record<ChatAction, ChatBudget> = {
  send: { points: 5, duration: 5, burst: { points: 5, duration: 30 } },
  history: { points: 5, duration: 1 },
  typing: { points: 5, duration: 1 },
  search: { points: 2, duration: 1 },
  call: { points: 6, duration: 60 },
  signal: { points: 10, duration: 1, burst: { points: 40, duration: 10 } },
  image: { points: 1, duration: 1, burst: { points: 9, duration: 30 } },
};

/** Which actions are counted per room as well as per user. */
const PER_ROOM: Record<ChatAction, boolean> = { send: true, history: false, typing: false, search: false, call: false, signal: false, image: false };

const MESSAGES: Record<ChatAction, string> = {
  send: 'You are sending messages too fast.',
  history: 'You are loading messages too fast.',
  typing: 'Too many typing updates.',
  search: 'You are searching too fast.',
  call: 'You are starting calls too fast.',
  signal: 'Too many call signals.',
  image: 'You are sharing images too fast.',
};

/** "You are sending messages too fast. Please wait 3 seconds." */
export function chatLimitMessage(action: ChatAction, seconds: number): string {
  return `${MESSAGES[action]} Please wait ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

export interface ChatLimits {
  /**
   * Counts one `action` by `userId` (in `roomId` for sends); throws RateLimitedError (TOO_MANY_REQUESTS, with the
   * seconds to wait) when over budget.
   */
  consume(action: ChatAction, userId: string, roomId?: string): Promise<void>;
}

export interface ChatLimitsOptions {
  /** An ioredis client shared with the server; memory only when absent. Not closed here: its owner closes it. */
  redis?: RedisClient | undefined;
  /** Prefix of every Redis key (tests use a unique one). */
  keyPrefix?: string;
  /** Budgets replacing the defaults; `null` leaves an action unlimited (benchmarks, tests about something else). */
  budgets?: Partial<Record<ChatAction, ChatBudget | null>>;
}

interface Limiter {
  consume(key: string): Promise<unknown>;
}

export function createChatLimits(options: ChatLimitsOptions = {}): ChatLimits {
  const prefix = `${options.keyPrefix ?? 'rl'}:chat`;
  const make = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const opts = { keyPrefix: `${prefix}:${name}`, points, duration };
    if (!options.redis) return new RateLimiterMemory(opts);
    return new RateLimiterRedis({ ...opts, storeClient: options.redis, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(opts) });
  };
  const limiters = new Map<ChatAction, Limiter>();
  for (const action of Object.keys(CHAT_BUDGETS) as ChatAction[]) {
    const budget = options.budgets && action in options.budgets ? options.budgets[action] : CHAT_BUDGETS[action];
    if (!budget) continue;
    const base = make(action, budget.points, budget.duration);
    limiters.set(action, budget.burst ? new BurstyRateLimiter(base, make(`${action}_burst`, budget.burst.points, budget.burst.duration)) : base);
  }

  return {
    async consume(action, userId, roomId) {
      const limiter = limiters.get(action);
      if (!limiter) return;
      const key = PER_ROOM[action] ? `${userId}:${roomId ?? ''}` : userId;
      try {
        await limiter.consume(key);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new RateLimitedError(chatLimitMessage(action, seconds), seconds);
      }
    },
  };
}

/**
 * Before a send: a retry of a message this user already sent (same clientMessageId) passes without counting, so the
 * answer it waits for is never refused; anything else counts against the user's send budget in that room.
 */
export async function limitSend(ctx: Pick<Context, 'em' | 'deps'>, viewer: Viewer, input: { roomId: string; clientMessageId: string }): Promise<void> {
  if (await chatRepository(ctx.em).byClientId(viewer.id, input.clientMessageId)) return;
  await ctx.deps.limits.chat.consume('send', viewer.id, input.roomId);
}

/** Before a typing indicator: counts against the user's typing budget (all rooms). */
export function limitTyping(ctx: Pick<Context, 'deps'>, viewer: Viewer): Promise<void> {
  return ctx.deps.limits.chat.consume('typing', viewer.id);
}

/** Before a page of history: counts against the user's history budget (all rooms). */
export function limitHistory(ctx: Pick<Context, 'deps'>, viewer: Viewer): Promise<void> {
  return ctx.deps.limits.chat.consume('history', viewer.id);
}

/** Before a search: counts against the user's search budget (all rooms). */
export function limitSearch(ctx: Pick<Context, 'deps'>, viewer: Viewer): Promise<void> {
  return ctx.deps.limits.chat.consume('search', viewer.id);
}
