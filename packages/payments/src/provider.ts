// What the marketplace needs from a payment provider, in Veza's terms. Money is always an integer count of the
// currency's minor units (cents); nothing here ever holds a float amount.

/** A payment's state as the marketplace sees it (the provider's own status is kept in `providerStatus`). */
export type PaymentStatus =
  | 'requires_payment_method'
  | 'requires_action'
  | 'processing'
  | 'succeeded'
  | 'failed'
  | 'cancelled';

export type RefundStatus = 'pending' | 'succeeded' | 'failed';

export interface CreatePaymentInput {
  /** Our order id; sent to the provider as `metadata.order_id`. */
  orderId: string;
  amountMinor: number;
  /** ISO 4217, upper case (e.g. `EUR`). */
  currency: string;
  /** Where the browser lands after confirming (success/failure page). */
  returnUrl: string;
  /**
   * Same key, same payment: a retried call (timeout, crash before the answer was stored) never creates a second
   * payment. Use one key per payment attempt of an order (e.g. `${orderId}:${attempt}`).
   */
  idempotencyKey: string;
  description?: string | undefined;
  /** Extra metadata (string values); `order_id` is always set from `orderId`. */
  metadata?: Record<string, string> | undefined;
}

export interface Payment {
  providerPaymentId: string;
  /** For the browser SDK (Hyperswitch's `clientSecret`, the sandbox card form); null once the provider hides it. */
  clientSecret: string | null;
  status: PaymentStatus;
  providerStatus: string;
  amountMinor: number;
  /** What was actually captured (0 until it succeeds). */
  amountReceivedMinor: number;
  currency: string;
  /** `metadata.order_id`, or null when the payment was not created by us. */
  orderId: string | null;
  metadata: Record<string, string>;
  /** The provider's last change to the payment (compare to ignore stale webhooks). */
  updatedAt: Date | null;
  /** The provider's failure code and message, when it failed. */
  errorCode: string | null;
  errorMessage: string | null;
}

export interface CreateRefundInput {
  providerPaymentId: string;
  /**
   * Our refund id: the same id never refunds twice (it is the provider's idempotency key for refunds).
   */
  refundId: string;
  /** The amount to refund; the whole payment when omitted (refused if part of it was already refunded). */
  amountMinor?: number | undefined;
  reason?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

export interface Refund {
  providerRefundId: string;
  providerPaymentId: string;
  status: RefundStatus;
  providerStatus: string;
  amountMinor: number;
  currency: string;
  /** Our refund id, when the provider echoes it (metadata `refund_id`). */
  refundId: string | null;
  metadata: Record<string, string>;
  updatedAt: Date | null;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface Dispute {
  providerDisputeId: string;
  providerPaymentId: string;
  /** The disputed amount in minor units. */
  amountMinor: number;
  currency: string;
  providerStatus: string;
  updatedAt: Date | null;
}

/** The event types the marketplace acts on; any other provider event arrives as `other`. */
export type PaymentEventType =
  | 'payment_succeeded'
  | 'payment_failed'
  | 'payment_processing'
  | 'payment_cancelled'
  | 'payment_action_required'
  | 'refund_succeeded'
  | 'refund_failed'
  | 'dispute_opened'
  | 'dispute_challenged'
  | 'dispute_won'
  | 'dispute_lost'
  | 'dispute_accepted'
  | 'dispute_cancelled'
  | 'dispute_expired';

interface EventBase {
  /** Unique per event (deliveries of the same event repeat it): deduplicate on it. */
  eventId: string;
  /** The provider's own event type name. */
  providerEventType: string;
  /** When the provider sent it (null when absent). */
  sentAt: Date | null;
  /** The object's `updated` time: apply an event only when newer than the stored state. */
  objectUpdatedAt: Date | null;
}

export type PaymentEvent =
  | (EventBase & {
      kind: 'payment';
      type: Extract<PaymentEventType, `payment_${string}`>;
      payment: Payment;
    })
  | (EventBase & { kind: 'refund'; type: Extract<PaymentEventType, `refund_${string}`>; refund: Refund })
  | (EventBase & { kind: 'dispute'; type: Extract<PaymentEventType, `dispute_${string}`>; dispute: Dispute })
  | (EventBase & { kind: 'other'; type: 'other' });

/** The raw webhook request, as received: the exact bytes and the headers (lower-case names). */
export interface RawWebhook {
  body: Uint8Array;
  headers: Record<string, string | string[] | undefined>;
}

export interface PaymentProvider {
  /** `hyperswitch` or `sandbox`: stored with each payment so a webhook is routed to the provider that made it. */
  readonly name: string;
  createPayment(input: CreatePaymentInput): Promise<Payment>;
  retrievePayment(providerPaymentId: string): Promise<Payment>;
  createRefund(input: CreateRefundInput): Promise<Refund>;
  retrieveRefund(providerRefundId: string): Promise<Refund>;
  /**
   * Verifies the signature over the raw bytes first, then parses. Throws `WebhookSignatureError` (answer 401) or
   * `WebhookPayloadError` (signed but unreadable: answer 400).
   */
  parseWebhook(raw: RawWebhook): PaymentEvent;
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

export abstract class PaymentProviderError extends Error {
  abstract readonly kind: string;
}

/** The provider could not be reached or did not answer in time (network error, timeout, 5xx): retry later. */
export class ProviderUnavailableError extends PaymentProviderError {
  readonly kind = 'unavailable';
  readonly httpStatus: number | null;
  constructor(message: string, options: { httpStatus?: number | null; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ProviderUnavailableError';
    this.httpStatus = options.httpStatus ?? null;
  }
}

/** The provider refused the request (4xx): retrying the same request will not help. */
export class ProviderRejectedError extends PaymentProviderError {
  readonly kind = 'rejected';
  readonly httpStatus: number;
  /** The provider's error code (e.g. Hyperswitch `IR_04`, `HE_02`). */
  readonly code: string;
  readonly providerMessage: string;
  readonly errorType: string | null;
  constructor(httpStatus: number, code: string, providerMessage: string, errorType: string | null = null) {
    super(`payment provider rejected the request (${httpStatus} ${code}): ${providerMessage}`);
    this.name = 'ProviderRejectedError';
    this.httpStatus = httpStatus;
    this.code = code;
    this.providerMessage = providerMessage;
    this.errorType = errorType;
  }
}

/** The webhook's signature is missing or does not match its raw body: answer 401 and change nothing. */
export class WebhookSignatureError extends PaymentProviderError {
  readonly kind = 'bad_signature';
  readonly reason: 'missing' | 'mismatch';
  constructor(reason: 'missing' | 'mismatch') {
    super(reason === 'missing' ? 'webhook signature header missing' : 'webhook signature does not match');
    this.name = 'WebhookSignatureError';
    this.reason = reason;
  }
}

/** Correctly signed, but not a webhook we can read (bad JSON or shape): answer 400. */
export class WebhookPayloadError extends PaymentProviderError {
  readonly kind = 'bad_payload';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'WebhookPayloadError';
  }
}

export function assertMinorAmount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${what} must be a positive integer number of minor units, got ${String(value)}`);
  }
}
