// Payouts through Stripe Connect (Express accounts, separate charges and transfers) with the official SDK.
import Stripe from 'stripe';
import { PayoutError, toPayoutError, StripeWebhookSignatureError } from './errors.ts';
import type {
  ConnectedAccountStatus,
  CreateConnectedAccountInput,
  OnboardingLink,
  OnboardingLinkInput,
  PayoutProvider,
  PayoutWebhookEvent,
  PlatformBalance,
  ReversalInput,
  ReversalResult,
  TransferInput,
  TransferResult,
} from './types.ts';

export interface StripeConnectOptions {
  /** `sk_live_…` / `sk_test_…` (a restricted key with Connect write access also works). */
  secretKey: string;
  /** The signing secret (`whsec_…`) of the Connect webhook endpoint that receives `account.updated`. */
  webhookSecret: string;
  /** Another API origin than `https://api.stripe.com` (the local test server in tests). */
  apiBaseUrl?: string | undefined;
  /** The SDK's own retries of network errors, 409 and 5xx, with the same idempotency key (default 2). */
  maxNetworkRetries?: number | undefined;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number | undefined;
  /** How old a webhook signature may be (default 300 s, Stripe's own default). */
  webhookToleranceSec?: number | undefined;
}

/** The idempotency key of one of our transfers: the same transfer id (and generation) never pays twice. */
export function transferIdempotencyKey(transferId: string, keyGeneration = 0): string {
  return keyGeneration === 0 ? `veza-transfer-${transferId}` : `veza-transfer-${transferId}-g${keyGeneration}`;
}

export function reversalIdempotencyKey(reversalId: string): string {
  return `veza-reversal-${reversalId}`;
}

export function accountIdempotencyKey(sellerId: string): string {
  return `veza-account-${sellerId}`;
}

const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;

function checkId(name: string, value: string): void {
  if (!ID_PATTERN.test(value)) {
    throw new PayoutError('invalid_request', `${name} must be 1–200 characters of letters, digits, _ . : -`);
  }
}

function checkAmount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new PayoutError('invalid_request', `${name} must be a positive integer number of minor units`);
  }
}

function stripeCurrency(currency: string): string {
  if (!/^[A-Za-z]{3}$/.test(currency)) throw new PayoutError('invalid_request', `Invalid currency: ${currency}`);
  return currency.toLowerCase();
}

function capabilityState(value: string | undefined): ConnectedAccountStatus['transfersCapability'] {
  if (value === undefined) return 'unrequested';
  if (value === 'active') return 'active';
  if (value === 'pending') return 'pending';
  return 'inactive';
}

function toStatus(account: Stripe.Account): ConnectedAccountStatus {
  const transfers = account.capabilities?.transfers;
  const requirements = account.requirements;
  const deadline = requirements?.current_deadline ?? null;
  return {
    accountId: account.id,
    email: account.email ?? null,
    country: account.country ?? '',
    detailsSubmitted: account.details_submitted ?? false,
    chargesEnabled: account.charges_enabled ?? false,
    payoutsEnabled: account.payouts_enabled ?? false,
    transfersCapability: capabilityState(transfers),
    readyForTransfers: transfers === 'active',
    requirements: {
      currentlyDue: requirements?.currently_due ?? [],
      pastDue: requirements?.past_due ?? [],
      eventuallyDue: requirements?.eventually_due ?? [],
      pendingVerification: requirements?.pending_verification ?? [],
      disabledReason: requirements?.disabled_reason ?? null,
      currentDeadline: deadline === null ? null : new Date(deadline * 1000),
    },
    sellerId: account.metadata?.['veza_seller_id'] ?? null,
  };
}

const replayedOf = (response: { lastResponse?: { headers?: Record<string, string> } }): boolean =>
  response.lastResponse?.headers?.['idempotent-replayed'] === 'true';

function toTransferResult(transfer: Stripe.Transfer, idempotencyKey: string | null, replayed: boolean): TransferResult {
  return {
    providerTransferId: transfer.id,
    transferId: transfer.metadata['veza_transfer_id'] ?? null,
    destinationAccountId: typeof transfer.destination === 'string' ? transfer.destination : (transfer.destination?.id ?? ''),
    amountMinor: transfer.amount,
    amountReversedMinor: transfer.amount_reversed,
    currency: transfer.currency.toUpperCase(),
    transferGroup: transfer.transfer_group ?? null,
    metadata: { ...transfer.metadata },
    createdAt: new Date(transfer.created * 1000),
    idempotencyKey,
    replayed,
  };
}

export class StripeConnectPayouts implements PayoutProvider {
  readonly stripe: Stripe;
  readonly #webhookSecret: string;
  readonly #toleranceSec: number;

  constructor(options: StripeConnectOptions) {
    if (!options.secretKey) throw new Error('StripeConnectPayouts: secretKey is required');
    if (!options.webhookSecret) throw new Error('StripeConnectPayouts: webhookSecret is required');
    const config: Stripe.StripeConfig = {
      maxNetworkRetries: options.maxNetworkRetries ?? 2,
      timeout: options.timeoutMs ?? 30_000,
      appInfo: { name: 'Veza' },
    };
    if (options.apiBaseUrl !== undefined) {
      const base = new URL(options.apiBaseUrl);
      if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('apiBaseUrl must be http(s)');
      config.protocol = base.protocol === 'http:' ? 'http' : 'https';
      config.host = base.hostname;
      config.port = base.port === '' ? (base.protocol === 'http:' ? 80 : 443) : Number(base.port);
    }
    this.stripe = new Stripe(options.secretKey, config);
    this.#webhookSecret = options.webhookSecret;
    this.#toleranceSec = options.webhookToleranceSec ?? 300;
  }

  async createConnectedAccount(input: CreateConnectedAccountInput): Promise<ConnectedAccountStatus> {
    checkId('sellerId', input.sellerId);
    if (!/^[A-Za-z]{2}$/.test(input.country)) throw new PayoutError('invalid_request', `Invalid country: ${input.country}`);
    try {
      const account = await this.stripe.accounts.create(
        {
          type: 'express',
          email: input.email,
          country: input.country.toUpperCase(),
          capabilities: { transfers: { requested: true } },
          metadata: { veza_seller_id: input.sellerId },
        },
        { idempotencyKey: accountIdempotencyKey(input.sellerId) },
      );
      return toStatus(account);
    } catch (error) {
      throw toPayoutError(error);
    }
  }

  async createOnboardingLink(input: OnboardingLinkInput): Promise<OnboardingLink> {
    try {
      const link = await this.stripe.accountLinks.create({
        account: input.accountId,
        refresh_url: input.refreshUrl,
        return_url: input.returnUrl,
        type: 'account_onboarding',
      });
      return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
    } catch (error) {
      throw toPayoutError(error);
    }
  }

  async getAccountStatus(accountId: string): Promise<ConnectedAccountStatus> {
    try {
      return toStatus(await this.stripe.accounts.retrieve(accountId));
    } catch (error) {
      throw toPayoutError(error);
    }
  }

  async createTransfer(input: TransferInput): Promise<TransferResult> {
    checkId('transferId', input.transferId);
    checkId('orderId', input.orderId);
    checkId('lineId', input.lineId);
    if (input.collaboratorId !== undefined) checkId('collaboratorId', input.collaboratorId);
    checkAmount('amountMinor', input.amountMinor);
    const generation = input.keyGeneration ?? 0;
    if (!Number.isInteger(generation) || generation < 0) throw new PayoutError('invalid_request', 'keyGeneration must be ≥ 0');
    const idempotencyKey = transferIdempotencyKey(input.transferId, generation);
    const metadata: Record<string, string> = {
      veza_transfer_id: input.transferId,
      order_id: input.orderId,
      line_id: input.lineId,
    };
    if (input.collaboratorId !== undefined) metadata['collaborator_id'] = input.collaboratorId;
    const params: Stripe.TransferCreateParams = {
      amount: input.amountMinor,
      currency: stripeCurrency(input.currency),
      destination: input.destinationAccountId,
      transfer_group: input.orderId,
      metadata,
    };
    if (input.description !== undefined) params.description = input.description;
    try {
      const transfer = await this.stripe.transfers.create(params, { idempotencyKey });
      return toTransferResult(transfer, idempotencyKey, replayedOf(transfer));
    } catch (error) {
      throw toPayoutError(error);
    }
  }

  async reverseTransfer(input: ReversalInput): Promise<ReversalResult> {
    checkId('reversalId', input.reversalId);
    if (input.amountMinor !== undefined) checkAmount('amountMinor', input.amountMinor);
    const idempotencyKey = reversalIdempotencyKey(input.reversalId);
    const params: Stripe.TransferCreateReversalParams = { metadata: { veza_reversal_id: input.reversalId } };
    if (input.refundId !== undefined) params.metadata = { veza_reversal_id: input.reversalId, refund_id: input.refundId };
    if (input.amountMinor !== undefined) params.amount = input.amountMinor;
    try {
      const reversal = await this.stripe.transfers.createReversal(input.providerTransferId, params, { idempotencyKey });
      return {
        providerReversalId: reversal.id,
        providerTransferId: typeof reversal.transfer === 'string' ? reversal.transfer : reversal.transfer.id,
        amountMinor: reversal.amount,
        currency: reversal.currency.toUpperCase(),
        createdAt: new Date(reversal.created * 1000),
        idempotencyKey,
        replayed: replayedOf(reversal),
      };
    } catch (error) {
      const mapped = toPayoutError(error);
      if (mapped.kind === 'invalid_request' && mapped.statusCode === 400) {
        throw new PayoutError('reversal_not_possible', mapped.message, {
          providerCode: mapped.providerCode,
          providerRequestId: mapped.providerRequestId,
          statusCode: mapped.statusCode,
          cause: error,
        });
      }
      throw mapped;
    }
  }

  async listTransfersForOrder(orderId: string): Promise<TransferResult[]> {
    checkId('orderId', orderId);
    try {
      const results: TransferResult[] = [];
      for await (const transfer of this.stripe.transfers.list({ transfer_group: orderId, limit: 100 })) {
        if (transfer.metadata['veza_transfer_id'] !== undefined) results.push(toTransferResult(transfer, null, false));
      }
      return results;
    } catch (error) {
      throw toPayoutError(error);
    }
  }

  async getPlatformBalance(): Promise<PlatformBalance> {
    try {
      const balance = await this.stripe.balance.retrieve();
      const sum = (entries: { amount: number; currency: string }[]): Record<string, number> => {
        const out: Record<string, number> = {};
        for (const entry of entries) out[entry.currency.toUpperCase()] = (out[entry.currency.toUpperCase()] ?? 0) + entry.amount;
        return out;
      };
      return { available: sum(balance.available), pending: sum(balance.pending) };
    } catch (error) {
      throw toPayoutError(error);
    }
  }

  parseWebhook(rawBody: string | Uint8Array, signatureHeader: string | undefined): PayoutWebhookEvent {
    if (signatureHeader === undefined || signatureHeader === '') {
      throw new StripeWebhookSignatureError('missing', 'Missing stripe-signature header');
    }
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signatureHeader, this.#webhookSecret, this.#toleranceSec);
    } catch (error) {
      throw new StripeWebhookSignatureError('mismatch', error instanceof Error ? error.message : 'Invalid signature', {
        cause: error,
      });
    }
    const createdAt = new Date(event.created * 1000);
    if (event.type === 'account.updated') {
      return { kind: 'account.updated', eventId: event.id, createdAt, account: toStatus(event.data.object) };
    }
    return { kind: 'ignored', eventId: event.id, createdAt, type: event.type };
  }
}
