import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStripeTestServer, type StripeTestServer } from '../testing/stripe-server.ts';
import { StripeConnectPayouts, transferIdempotencyKey, type StripeConnectOptions } from './connect.ts';
import { PayoutError } from './errors.ts';
import { decideTransferRetry, type TransferRetryPolicy } from './retry-policy.ts';
import type { TransferInput } from './types.ts';

let server: StripeTestServer;

beforeEach(async () => {
  server = await startStripeTestServer({ availableBalance: { eur: 100_000 } });
});

afterEach(async () => {
  await server.close();
});

const payouts = (options: Partial<StripeConnectOptions> = {}): StripeConnectPayouts =>
  new StripeConnectPayouts({
    secretKey: server.secretKey,
    webhookSecret: server.webhookSecret,
    apiBaseUrl: server.url,
    maxNetworkRetries: 0,
    ...options,
  });

async function onboardedSeller(provider: StripeConnectPayouts, sellerId = 'seller-1'): Promise<string> {
  const account = await provider.createConnectedAccount({ sellerId, email: `${sellerId}@example.test`, country: 'FR' });
  await server.completeOnboarding(account.accountId);
  return account.accountId;
}

const transferInput = (destinationAccountId: string, overrides: Partial<TransferInput> = {}): TransferInput => ({
  transferId: 'tr-line-1-seller',
  orderId: 'order-42',
  lineId: 'line-1',
  collaboratorId: 'collab-7',
  destinationAccountId,
  amountMinor: 2_500,
  currency: 'EUR',
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<PayoutError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PayoutError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('seller onboarding', () => {
  it('creates an Express account with the seller metadata and an onboarding link', async () => {
    const provider = payouts();
    const account = await provider.createConnectedAccount({ sellerId: 'seller-1', email: 'ana@example.test', country: 'fr' });
    expect(account.accountId).toMatch(/^acct_/);
    expect(account.sellerId).toBe('seller-1');
    expect(server.accounts()).toMatchObject([
      { type: 'express', email: 'ana@example.test', country: 'FR', capabilities: { transfers: 'inactive' } },
    ]);

    const link = await provider.createOnboardingLink({
      accountId: account.accountId,
      refreshUrl: 'https://veza.test/sell/payouts/refresh',
      returnUrl: 'https://veza.test/sell/payouts/done',
    });
    expect(link.url.startsWith(`${server.url}/connect/onboarding/${account.accountId}/`)).toBe(true);
    expect(link.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('does not create a second account when the creation is retried for the same seller', async () => {
    const provider = payouts();
    const first = await provider.createConnectedAccount({ sellerId: 'seller-1', email: 'ana@example.test', country: 'FR' });
    const again = await provider.createConnectedAccount({ sellerId: 'seller-1', email: 'ana@example.test', country: 'FR' });
    expect(again.accountId).toBe(first.accountId);
    expect(server.accounts()).toHaveLength(1);
  });

  it('reports the account status before and after onboarding is completed', async () => {
    const provider = payouts();
    const { accountId } = await provider.createConnectedAccount({ sellerId: 's', email: 's@example.test', country: 'DE' });
    const before = await provider.getAccountStatus(accountId);
    expect(before).toMatchObject({
      detailsSubmitted: false,
      chargesEnabled: false,
      payoutsEnabled: false,
      transfersCapability: 'inactive',
      readyForTransfers: false,
    });
    expect(before.requirements.currentlyDue).toContain('external_account');
    expect(before.requirements.disabledReason).toBe('requirements.past_due');

    await server.completeOnboarding(accountId);
    const after = await provider.getAccountStatus(accountId);
    expect(after).toMatchObject({
      detailsSubmitted: true,
      chargesEnabled: true,
      payoutsEnabled: true,
      transfersCapability: 'active',
      readyForTransfers: true,
      requirements: { currentlyDue: [], pastDue: [], disabledReason: null },
    });
  });

  it('maps an unknown account to a non-retryable error', async () => {
    const error = await rejection(payouts().getAccountStatus('acct_doesnotexist'));
    expect(error.kind).toBe('destination_invalid');
    expect(error.retryable).toBe(false);
  });
});

describe('transfers', () => {
  it('sends the amount, currency, destination, transfer_group and metadata, with a key derived from our id', async () => {
    const provider = payouts();
    const destination = await onboardedSeller(provider);
    const result = await provider.createTransfer(transferInput(destination));
    expect(result).toMatchObject({
      transferId: 'tr-line-1-seller',
      destinationAccountId: destination,
      amountMinor: 2_500,
      currency: 'EUR',
      transferGroup: 'order-42',
      idempotencyKey: 'veza-transfer-tr-line-1-seller',
      replayed: false,
    });
    const [stored] = server.transfers();
    expect(stored).toMatchObject({
      id: result.providerTransferId,
      amount: 2_500,
      currency: 'eur',
      destination,
      transfer_group: 'order-42',
      metadata: { veza_transfer_id: 'tr-line-1-seller', order_id: 'order-42', line_id: 'line-1', collaborator_id: 'collab-7' },
    });
    const post = server.requests().find((r) => r.method === 'POST' && r.path === '/v1/transfers');
    expect(post?.idempotencyKey).toBe('veza-transfer-tr-line-1-seller');
    expect(server.availableBalance('eur')).toBe(97_500);
  });

  it('pays once when the same transfer is sent again (the second answer is a replay)', async () => {
    const provider = payouts();
    const destination = await onboardedSeller(provider);
    const first = await provider.createTransfer(transferInput(destination));
    const second = await provider.createTransfer(transferInput(destination));
    expect(second.providerTransferId).toBe(first.providerTransferId);
    expect(second.replayed).toBe(true);
    expect(server.transfers()).toHaveLength(1);
    expect(server.availableBalance('eur')).toBe(97_500);
  });

  it('pays once when the answer is lost after Stripe made the transfer and the SDK retries', async () => {
    const provider = payouts({ maxNetworkRetries: 2 });
    const destination = await onboardedSeller(provider);
    server.failNext(1, 'drop_after_execution', '/v1/transfers');
    const result = await provider.createTransfer(transferInput(destination));
    expect(result.replayed).toBe(true);
    expect(server.transfers()).toHaveLength(1);
    const posts = server.requests().filter((r) => r.path === '/v1/transfers');
    expect(posts).toHaveLength(2);
    expect(new Set(posts.map((r) => r.idempotencyKey))).toEqual(new Set(['veza-transfer-tr-line-1-seller']));
  });

  it('pays once when several workers send the same transfer at the same moment', async () => {
    const provider = payouts();
    const destination = await onboardedSeller(provider);
    const results = await Promise.all(Array.from({ length: 5 }, () => provider.createTransfer(transferInput(destination))));
    expect(new Set(results.map((r) => r.providerTransferId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(server.transfers()).toHaveLength(1);
    expect(server.availableBalance('eur')).toBe(97_500);
  });

  it('refuses to reuse a transfer id for different parameters (idempotency mismatch, not retried)', async () => {
    const provider = payouts();
    const destination = await onboardedSeller(provider);
    await provider.createTransfer(transferInput(destination));
    const error = await rejection(provider.createTransfer(transferInput(destination, { amountMinor: 9_999 })));
    expect(error.kind).toBe('idempotency_mismatch');
    expect(error.retryable).toBe(false);
    expect(server.transfers()).toHaveLength(1);
  });

  it('reports balance_insufficient as retryable, then pays with the next key generation after a top-up', async () => {
    const provider = payouts();
    const destination = await onboardedSeller(provider);
    server.setAvailableBalance('eur', 1_000);
    const error = await rejection(provider.createTransfer(transferInput(destination)));
    expect(error).toMatchObject({
      kind: 'balance_insufficient',
      retryable: true,
      outcome: 'not_created',
      providerCode: 'balance_insufficient',
    });
    expect(server.transfers()).toHaveLength(0);

    server.setAvailableBalance('eur', 10_000);
    // Stripe saved the refusal under the first key: the same key still answers balance_insufficient.
    const replayed = await rejection(provider.createTransfer(transferInput(destination)));
    expect(replayed.kind).toBe('balance_insufficient');
    expect(server.transfers()).toHaveLength(0);

    const decision = decideTransferRetry({ attempts: 1, failedAt: new Date(), error, keyGeneration: 0 });
    if (decision.action !== 'retry') throw new Error('expected a retry');
    const paid = await provider.createTransfer(transferInput(destination, { keyGeneration: decision.keyGeneration }));
    expect(paid.idempotencyKey).toBe(transferIdempotencyKey('tr-line-1-seller', 1));
    expect(server.transfers()).toHaveLength(1);
    expect(server.availableBalance('eur')).toBe(7_500);
  });

  it('refuses a destination that has not finished onboarding, as non-retryable', async () => {
    const provider = payouts();
    const { accountId } = await provider.createConnectedAccount({ sellerId: 'late', email: 'late@example.test', country: 'FR' });
    const error = await rejection(provider.createTransfer(transferInput(accountId)));
    expect(error).toMatchObject({
      kind: 'account_not_onboarded',
      retryable: false,
      providerCode: 'insufficient_capabilities_for_transfer',
    });
    expect(server.transfers()).toHaveLength(0);
    expect(server.availableBalance('eur')).toBe(100_000);
  });

  it('refuses an unknown destination as non-retryable', async () => {
    const error = await rejection(payouts().createTransfer(transferInput('acct_unknown')));
    expect(error).toMatchObject({ kind: 'destination_invalid', retryable: false });
  });

  it('rejects a fractional or non-positive amount before calling Stripe', async () => {
    const provider = payouts();
    for (const amountMinor of [12.5, 0, -100]) {
      const error = await rejection(provider.createTransfer(transferInput('acct_x', { amountMinor })));
      expect(error.kind).toBe('invalid_request');
    }
    expect(server.requests()).toHaveLength(0);
  });

  it('lets the SDK retry 500s with the same key and pays once', async () => {
    const provider = payouts({ maxNetworkRetries: 2 });
    const destination = await onboardedSeller(provider);
    server.failNext(2, 'http_500', '/v1/transfers');
    const result = await provider.createTransfer(transferInput(destination));
    expect(result.replayed).toBe(false);
    const posts = server.requests().filter((r) => r.path === '/v1/transfers');
    expect(posts.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(posts.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(server.transfers()).toHaveLength(1);
  });

  it('maps 500s beyond the SDK retries to a retryable error whose outcome is unknown (same key next time)', async () => {
    const provider = payouts({ maxNetworkRetries: 1 });
    const destination = await onboardedSeller(provider);
    server.failNext(2, 'http_500', '/v1/transfers');
    const error = await rejection(provider.createTransfer(transferInput(destination)));
    expect(error).toMatchObject({ kind: 'provider_unavailable', retryable: true, outcome: 'unknown', statusCode: 500 });
    const decision = decideTransferRetry({ attempts: 1, failedAt: new Date(), error, keyGeneration: 0 });
    expect(decision).toMatchObject({ action: 'retry', keyGeneration: 0 });
    const paid = await provider.createTransfer(transferInput(destination));
    expect(paid.idempotencyKey).toBe('veza-transfer-tr-line-1-seller');
    expect(server.transfers()).toHaveLength(1);
  });

  it('maps dropped connections to a retryable network error', async () => {
    const provider = payouts({ maxNetworkRetries: 0 });
    const destination = await onboardedSeller(provider);
    // The SDK retries a reset connection once even without retries, so two drops reach the caller.
    server.failNext(2, 'network_drop', '/v1/transfers');
    const error = await rejection(provider.createTransfer(transferInput(destination)));
    expect(error).toMatchObject({ kind: 'network', retryable: true, outcome: 'unknown' });
    expect(server.transfers()).toHaveLength(0);
  });

  it('maps a wrong API key to a non-retryable configuration error', async () => {
    const error = await rejection(payouts({ secretKey: 'sk_test_wrong' }).getAccountStatus('acct_x'));
    expect(error).toMatchObject({ kind: 'configuration', retryable: false, statusCode: 401 });
  });

  it('lists the transfers made for an order and the balance they drew on', async () => {
    const provider = payouts();
    const destination = await onboardedSeller(provider);
    await provider.createTransfer(transferInput(destination));
    await provider.createTransfer(transferInput(destination, { transferId: 'tr-line-1-collab', amountMinor: 500 }));
    await provider.createTransfer(transferInput(destination, { transferId: 'tr-other', orderId: 'order-43' }));
    const listed = await provider.listTransfersForOrder('order-42');
    expect(listed.map((t) => t.transferId).sort()).toEqual(['tr-line-1-collab', 'tr-line-1-seller']);
    const balance = await provider.getPlatformBalance();
    expect(balance.available['EUR']).toBe(100_000 - 2_500 - 500 - 2_500);
  });

  it('lists every transfer of an order across pages', async () => {
    const provider = payouts();
    const destination = await onboardedSeller(provider);
    for (let i = 0; i < 105; i += 1) {
      await provider.createTransfer(transferInput(destination, { transferId: `tr-${i}`, amountMinor: 10 }));
    }
    const listed = await provider.listTransfersForOrder('order-42');
    expect(listed).toHaveLength(105);
    expect(new Set(listed.map((t) => t.transferId)).size).toBe(105);
    expect(server.requests().filter((r) => r.method === 'GET' && r.path === '/v1/transfers')).toHaveLength(2);
  });

  it('reads the platform balance per currency', async () => {
    const provider = payouts();
    server.setAvailableBalance('usd', 7);
    const balance = await provider.getPlatformBalance();
    expect(balance.available).toEqual({ EUR: 100_000, USD: 7 });
  });
});

describe('reversals', () => {
  it('reverses part of a transfer, then the rest, and returns the money to the platform balance', async () => {
    const provider = payouts();
    const destination = await onboardedSeller(provider);
    const transfer = await provider.createTransfer(transferInput(destination));

    const partial = await provider.reverseTransfer({
      reversalId: 'rev-1',
      providerTransferId: transfer.providerTransferId,
      amountMinor: 1_000,
      refundId: 'refund-1',
    });
    expect(partial).toMatchObject({ amountMinor: 1_000, currency: 'EUR', providerTransferId: transfer.providerTransferId });
    expect(server.transfers()[0]).toMatchObject({ amount_reversed: 1_000, reversed: false });

    const rest = await provider.reverseTransfer({ reversalId: 'rev-2', providerTransferId: transfer.providerTransferId });
    expect(rest.amountMinor).toBe(1_500);
    expect(server.transfers()[0]).toMatchObject({ amount_reversed: 2_500, reversed: true });
    expect(server.availableBalance('eur')).toBe(100_000);
  });

  it('reverses once when the same reversal is retried', async () => {
    const provider = payouts();
    const destination = await onboardedSeller(provider);
    const transfer = await provider.createTransfer(transferInput(destination));
    const input = { reversalId: 'rev-1', providerTransferId: transfer.providerTransferId, amountMinor: 700 };
    const first = await provider.reverseTransfer(input);
    const again = await provider.reverseTransfer(input);
    expect(again.providerReversalId).toBe(first.providerReversalId);
    expect(again.replayed).toBe(true);
    expect(server.transfers()[0]?.amount_reversed).toBe(700);
  });

  it('refuses to reverse more than remains', async () => {
    const provider = payouts();
    const destination = await onboardedSeller(provider);
    const transfer = await provider.createTransfer(transferInput(destination));
    const error = await rejection(
      provider.reverseTransfer({ reversalId: 'rev-big', providerTransferId: transfer.providerTransferId, amountMinor: 2_501 }),
    );
    expect(error).toMatchObject({ kind: 'reversal_not_possible', retryable: false });
    expect(server.transfers()[0]?.amount_reversed).toBe(0);
  });
});

describe('a transfer job driven by the retry policy', () => {
  const fast: TransferRetryPolicy = { maxAttempts: 3, baseDelayMs: 60_000, multiplier: 5, scale: 0.0001 };

  /** What the api's worker will do: attempt, and on failure ask the policy when to try again or flag. */
  async function runJob(provider: StripeConnectPayouts, input: TransferInput, beforeAttempt: (attempt: number) => void) {
    let keyGeneration = 0;
    for (let attempt = 1; ; attempt += 1) {
      beforeAttempt(attempt);
      try {
        return { status: 'paid' as const, attempt, transfer: await provider.createTransfer({ ...input, keyGeneration }) };
      } catch (error) {
        if (!(error instanceof PayoutError)) throw error;
        const decision = decideTransferRetry({ attempts: attempt, failedAt: new Date(), error, keyGeneration }, fast);
        if (decision.action === 'flag') return { status: 'flagged' as const, attempt, decision };
        keyGeneration = decision.keyGeneration;
        await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
      }
    }
  }

  it('flags a transfer that fails three times, having paid nothing', async () => {
    const provider = payouts();
    const destination = await onboardedSeller(provider);
    server.setAvailableBalance('eur', 0);
    const outcome = await runJob(provider, transferInput(destination), () => undefined);
    expect(outcome).toMatchObject({
      status: 'flagged',
      attempt: 3,
      decision: { reason: 'max_attempts', kind: 'balance_insufficient' },
    });
    expect(server.requests().filter((r) => r.path === '/v1/transfers')).toHaveLength(3);
    expect(server.transfers()).toHaveLength(0);
  });

  it('pays on the second attempt once the balance is available', async () => {
    const provider = payouts();
    const destination = await onboardedSeller(provider);
    server.setAvailableBalance('eur', 0);
    const outcome = await runJob(provider, transferInput(destination), (attempt) => {
      if (attempt === 2) server.setAvailableBalance('eur', 5_000);
    });
    expect(outcome).toMatchObject({ status: 'paid', attempt: 2 });
    expect(server.transfers()).toHaveLength(1);
  });

  it('flags at once a destination that cannot receive transfers', async () => {
    const provider = payouts();
    const { accountId } = await provider.createConnectedAccount({ sellerId: 'late', email: 'late@example.test', country: 'FR' });
    const outcome = await runJob(provider, transferInput(accountId), () => undefined);
    expect(outcome).toMatchObject({
      status: 'flagged',
      attempt: 1,
      decision: { reason: 'not_retryable', kind: 'account_not_onboarded' },
    });
  });
});
