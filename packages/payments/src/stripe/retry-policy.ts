// When to try a failed transfer again: pure logic; the job that stores attempts and runs them lives in the api.
//
// Attempt 1 runs when the payment settles. After failed attempt n (n < maxAttempts) the next one is due
// `baseDelayMs × multiplier^(n-1) × scale` later (1 min, 5 min, 25 min, … with the defaults); after the last allowed
// attempt, or after a failure that retrying cannot fix, the transfer is flagged for an admin.

import type { PayoutErrorKind, PayoutErrorOutcome } from './errors.ts';

export interface TransferRetryPolicy {
  /** Attempts in all, the first included (default 3). */
  maxAttempts: number;
  /** Delay after the first failure (default 60 000 ms). */
  baseDelayMs: number;
  /** Growth of the delay from one failure to the next (default 5). */
  multiplier: number;
  /** Multiplies every delay: 1 in production, e.g. 0.001 in tests. */
  scale: number;
}

export const DEFAULT_TRANSFER_RETRY_POLICY: Readonly<TransferRetryPolicy> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 60_000,
  multiplier: 5,
  scale: 1,
});

/** The delay before the attempt that follows failed attempt `failedAttempt` (1-based). */
export function transferBackoffMs(failedAttempt: number, policy: TransferRetryPolicy = DEFAULT_TRANSFER_RETRY_POLICY): number {
  if (!Number.isInteger(failedAttempt) || failedAttempt < 1) throw new RangeError('failedAttempt must be an integer ≥ 1');
  return Math.round(policy.baseDelayMs * policy.multiplier ** (failedAttempt - 1) * policy.scale);
}

export interface TransferFailure {
  /** How many attempts were made, the failed one included (1 after the first failure). */
  attempts: number;
  /** When the failed attempt ended. */
  failedAt: Date;
  /** What the failed attempt threw (a `PayoutError` fits). */
  error: { kind: PayoutErrorKind; retryable: boolean; outcome: PayoutErrorOutcome };
  /** The idempotency key generation the failed attempt used (0 for the first). */
  keyGeneration: number;
}

export type TransferRetryDecision =
  | {
      action: 'retry';
      /** The number of the next attempt. */
      attempt: number;
      at: Date;
      delayMs: number;
      /**
       * The key generation for the next attempt: unchanged after an unknown outcome (the first request may have
       * gone through; the same key makes Stripe answer with it instead of paying twice), bumped after a definitive
       * refusal (Stripe would replay the saved refusal for the same key).
       */
      keyGeneration: number;
    }
  | { action: 'flag'; reason: 'max_attempts' | 'not_retryable'; kind: PayoutErrorKind; attempts: number };

export function decideTransferRetry(
  failure: TransferFailure,
  policy: TransferRetryPolicy = DEFAULT_TRANSFER_RETRY_POLICY,
): TransferRetryDecision {
  const { attempts, error } = failure;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError('attempts must be an integer ≥ 1');
  if (!error.retryable) return { action: 'flag', reason: 'not_retryable', kind: error.kind, attempts };
  if (attempts >= policy.maxAttempts) return { action: 'flag', reason: 'max_attempts', kind: error.kind, attempts };
  const delayMs = transferBackoffMs(attempts, policy);
  return {
    action: 'retry',
    attempt: attempts + 1,
    at: new Date(failure.failedAt.getTime() + delayMs),
    delayMs,
    keyGeneration: error.outcome === 'not_created' ? failure.keyGeneration + 1 : failure.keyGeneration,
  };
}
