import { describe, expect, it } from 'vitest';
import { PayoutError } from './errors.ts';
import { DEFAULT_TRANSFER_RETRY_POLICY, decideTransferRetry, transferBackoffMs } from './retry-policy.ts';

const t0 = new Date('2026-01-01T12:00:00.000Z');
const network = new PayoutError('network', 'socket hang up');
const balance = new PayoutError('balance_insufficient', 'insufficient funds');
const notOnboarded = new PayoutError('account_not_onboarded', 'capability inactive');

describe('transfer back-off', () => {
  it('waits 1, 5 then 25 minutes by default', () => {
    expect([1, 2, 3].map((n) => transferBackoffMs(n))).toEqual([60_000, 300_000, 1_500_000]);
  });

  it('scales every delay (for tests)', () => {
    const policy = { ...DEFAULT_TRANSFER_RETRY_POLICY, scale: 0.001 };
    expect([1, 2, 3].map((n) => transferBackoffMs(n, policy))).toEqual([60, 300, 1_500]);
  });

  it('rejects a non-positive attempt number', () => {
    expect(() => transferBackoffMs(0)).toThrow(RangeError);
  });
});

describe('decideTransferRetry', () => {
  it('schedules attempt 2 one minute after the first failure and attempt 3 five minutes after the second', () => {
    const second = decideTransferRetry({ attempts: 1, failedAt: t0, error: network, keyGeneration: 0 });
    expect(second).toEqual({
      action: 'retry',
      attempt: 2,
      at: new Date('2026-01-01T12:01:00.000Z'),
      delayMs: 60_000,
      keyGeneration: 0,
    });
    const third = decideTransferRetry({ attempts: 2, failedAt: t0, error: network, keyGeneration: 0 });
    expect(third).toMatchObject({ action: 'retry', attempt: 3, at: new Date('2026-01-01T12:05:00.000Z') });
  });

  it('flags after the third failed attempt', () => {
    expect(decideTransferRetry({ attempts: 3, failedAt: t0, error: network, keyGeneration: 0 })).toEqual({
      action: 'flag',
      reason: 'max_attempts',
      kind: 'network',
      attempts: 3,
    });
  });

  it('uses 25 minutes for a third retry when the policy allows four attempts', () => {
    const policy = { ...DEFAULT_TRANSFER_RETRY_POLICY, maxAttempts: 4 };
    expect(decideTransferRetry({ attempts: 3, failedAt: t0, error: network, keyGeneration: 0 }, policy)).toMatchObject({
      action: 'retry',
      attempt: 4,
      delayMs: 1_500_000,
    });
  });

  it('flags at once an error that retrying cannot fix', () => {
    expect(decideTransferRetry({ attempts: 1, failedAt: t0, error: notOnboarded, keyGeneration: 0 })).toMatchObject({
      action: 'flag',
      reason: 'not_retryable',
      kind: 'account_not_onboarded',
    });
  });

  it('keeps the idempotency key after an unknown outcome and moves to the next one after a definitive refusal', () => {
    const afterUnknown = decideTransferRetry({ attempts: 1, failedAt: t0, error: network, keyGeneration: 2 });
    expect(afterUnknown).toMatchObject({ keyGeneration: 2 });
    const afterRefusal = decideTransferRetry({ attempts: 1, failedAt: t0, error: balance, keyGeneration: 2 });
    expect(afterRefusal).toMatchObject({ keyGeneration: 3 });
  });

  it('classifies errors: retryable kinds and outcomes', () => {
    expect([network.retryable, network.outcome]).toEqual([true, 'unknown']);
    expect([balance.retryable, balance.outcome]).toEqual([true, 'not_created']);
    expect([notOnboarded.retryable, notOnboarded.outcome]).toEqual([false, 'not_created']);
    expect(new PayoutError('idempotency_mismatch', 'x').retryable).toBe(false);
    expect(new PayoutError('provider_unavailable', 'x').outcome).toBe('unknown');
  });
});
