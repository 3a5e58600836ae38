// Payouts to sellers and collaborators, in Veza's terms. Money is an integer count of the currency's minor units;
// currencies are ISO 4217 upper case (`EUR`) on our side and lower case on Stripe's.

/** A connected (seller) account's state, as the marketplace needs it. */
export interface ConnectedAccountStatus {
  accountId: string;
  email: string | null;
  country: string;
  /** The seller finished the hosted onboarding form. */
  detailsSubmitted: boolean;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  /** Stripe's `capabilities.transfers` (`unrequested` when absent). */
  transfersCapability: 'active' | 'inactive' | 'pending' | 'unrequested';
  /** True when transfers to this account can be made now (`transfers` capability active). */
  readyForTransfers: boolean;
  requirements: {
    currentlyDue: string[];
    pastDue: string[];
    eventuallyDue: string[];
    pendingVerification: string[];
    /** Why the account is restricted (e.g. `requirements.past_due`), or null. */
    disabledReason: string | null;
    currentDeadline: Date | null;
  };
  /** Our seller id, echoed from the account's metadata (`veza_seller_id`), or null. */
  sellerId: string | null;
}

export interface CreateConnectedAccountInput {
  /** Our user id of the seller (or collaborator); also the idempotency key's seed, so a retry never makes two accounts. */
  sellerId: string;
  email: string;
  /** ISO 3166-1 alpha-2 (e.g. `FR`). */
  country: string;
}

export interface OnboardingLinkInput {
  accountId: string;
  /** Where Stripe sends the seller when the link expired or was already used (make a new link there). */
  refreshUrl: string;
  /** Where Stripe sends the seller when they leave the form (not proof of completion: read the status). */
  returnUrl: string;
}

export interface OnboardingLink {
  url: string;
  expiresAt: Date;
}

export interface TransferInput {
  /** Our transfer id (one per order line share): the idempotency key is derived from it. */
  transferId: string;
  /**
   * Bump only after a failure that Stripe reported as definitive (`PayoutError.outcome === 'not_created'`): Stripe
   * replays a key's saved answer, errors included, for 24 h. `decideTransferRetry` returns the generation to use.
   */
  keyGeneration?: number | undefined;
  /** Our order id: sent as `transfer_group` and `metadata.order_id`. */
  orderId: string;
  lineId: string;
  /** The collaborator whose share this is (omit for the seller's own share). */
  collaboratorId?: string | undefined;
  destinationAccountId: string;
  amountMinor: number;
  currency: string;
  description?: string | undefined;
}

export interface TransferResult {
  providerTransferId: string;
  /** Our transfer id, from `metadata.veza_transfer_id` (null for a transfer Veza did not make). */
  transferId: string | null;
  destinationAccountId: string;
  amountMinor: number;
  amountReversedMinor: number;
  currency: string;
  transferGroup: string | null;
  metadata: Record<string, string>;
  createdAt: Date;
  /** The idempotency key that was sent (persist it with the attempt); null for a listed transfer. */
  idempotencyKey: string | null;
  /** True when Stripe answered from an earlier request with the same key (the transfer already existed). */
  replayed: boolean;
}

export interface ReversalInput {
  /** Our reversal id (one per refund share): the idempotency key is derived from it. */
  reversalId: string;
  providerTransferId: string;
  /** Partial amount; the whole remaining amount when omitted. */
  amountMinor?: number | undefined;
  /** Our refund id, echoed in metadata. */
  refundId?: string | undefined;
}

export interface ReversalResult {
  providerReversalId: string;
  providerTransferId: string;
  amountMinor: number;
  currency: string;
  createdAt: Date;
  idempotencyKey: string;
  replayed: boolean;
}

export interface PlatformBalance {
  /** Available amount per currency (upper case). */
  available: Record<string, number>;
  pending: Record<string, number>;
}

/** A verified Connect webhook, reduced to what Veza acts on. */
export type PayoutWebhookEvent =
  | { kind: 'account.updated'; eventId: string; createdAt: Date; account: ConnectedAccountStatus }
  | { kind: 'ignored'; eventId: string; createdAt: Date; type: string };

/** The payouts side of a provider: onboarding sellers and moving their shares to them. */
export interface PayoutProvider {
  createConnectedAccount(input: CreateConnectedAccountInput): Promise<ConnectedAccountStatus>;
  createOnboardingLink(input: OnboardingLinkInput): Promise<OnboardingLink>;
  getAccountStatus(accountId: string): Promise<ConnectedAccountStatus>;
  createTransfer(input: TransferInput): Promise<TransferResult>;
  reverseTransfer(input: ReversalInput): Promise<ReversalResult>;
  /** Our transfers already made for an order (matched by `metadata.veza_transfer_id`), for reconciliation. */
  listTransfersForOrder(orderId: string): Promise<TransferResult[]>;
  getPlatformBalance(): Promise<PlatformBalance>;
  /**
   * Verifies a webhook's `stripe-signature` over the raw body (the exact bytes received, never a re-serialised
   * object) and returns the event; throws `StripeWebhookSignatureError` when it does not verify.
   */
  parseWebhook(rawBody: string | Uint8Array, signatureHeader: string | undefined): PayoutWebhookEvent;
}
