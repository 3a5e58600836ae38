// Stripe's failures, sorted into what the payout job needs to know: may it try again, and did anything happen?
import Stripe from 'stripe';

export type PayoutErrorKind =
  /** The platform's available balance cannot cover the transfer (Stripe code `balance_insufficient`). */
  | 'balance_insufficient'
  /** The destination account cannot receive transfers yet (onboarding not finished, capability inactive). */
  | 'account_not_onboarded'
  /** The destination account does not exist or is not connected to the platform. */
  | 'destination_invalid'
  /** Nothing reached Stripe or no answer came back (connection refused, reset, timeout). */
  | 'network'
  /** Stripe answered 5xx. */
  | 'provider_unavailable'
  /** Too many requests, or a concurrent request holds the same key/object (409). */
  | 'rate_limited'
  | 'conflict'
  /** The same idempotency key was sent with other parameters: a bug on our side, never retried blindly. */
  | 'idempotency_mismatch'
  /** Reversal larger than what remains, transfer already reversed. */
  | 'reversal_not_possible'
  /** Wrong or missing API key, or the key lacks permission: configuration to fix, not to retry. */
  | 'configuration'
  /** Any other request Stripe refused (bad parameters). */
  | 'invalid_request';

/**
 * `not_created`: Stripe refused the request, nothing was made (a new idempotency key may be used next time).
 * `unknown`: the request may have been carried out (network error, 5xx): retry with the same key, or reconcile.
 */
export type PayoutErrorOutcome = 'not_created' | 'unknown';

const RETRYABLE: ReadonlySet<PayoutErrorKind> = new Set([
  'balance_insufficient',
  'network',
  'provider_unavailable',
  'rate_limited',
  'conflict',
]);

const UNKNOWN_OUTCOME: ReadonlySet<PayoutErrorKind> = new Set(['network', 'provider_unavailable']);

export class PayoutError extends Error {
  override readonly name = 'PayoutError';
  readonly kind: PayoutErrorKind;
  readonly retryable: boolean;
  readonly outcome: PayoutErrorOutcome;
  /** Stripe's error code (e.g. `balance_insufficient`), when it gave one. */
  readonly providerCode: string | null;
  readonly providerRequestId: string | null;
  readonly statusCode: number | null;

  constructor(
    kind: PayoutErrorKind,
    message: string,
    details: {
      providerCode?: string | null;
      providerRequestId?: string | null;
      statusCode?: number | null;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.retryable = RETRYABLE.has(kind);
    this.outcome = UNKNOWN_OUTCOME.has(kind) ? 'unknown' : 'not_created';
    this.providerCode = details.providerCode ?? null;
    this.providerRequestId = details.providerRequestId ?? null;
    this.statusCode = details.statusCode ?? null;
  }
}

/** A webhook whose signature is missing, forged, stale, or computed over other bytes: answer 401, change nothing. */
export class StripeWebhookSignatureError extends Error {
  override readonly name = 'StripeWebhookSignatureError';
  readonly reason: 'missing' | 'mismatch';
  constructor(reason: 'missing' | 'mismatch', message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
  }
}

const NOT_ONBOARDED_CODES = new Set([
  'insufficient_capabilities_for_transfer',
  'account_invalid',
  'account_not_yet_onboarded',
]);

/** Maps whatever the SDK threw to a `PayoutError`; anything that is not a Stripe error is a non-retryable bug. */
export function toPayoutError(error: unknown): PayoutError {
  if (error instanceof PayoutError) return error;
  if (!(error instanceof Stripe.errors.StripeError)) {
    return new PayoutError('invalid_request', error instanceof Error ? error.message : String(error), { cause: error });
  }
  const details = {
    providerCode: error.code ?? null,
    providerRequestId: error.requestId ?? null,
    statusCode: error.statusCode ?? null,
    cause: error,
  };
  const message = error.message;
  if (error instanceof Stripe.errors.StripeConnectionError) return new PayoutError('network', message, details);
  if (error instanceof Stripe.errors.StripeIdempotencyError) return new PayoutError('idempotency_mismatch', message, details);
  if (error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError) {
    return new PayoutError('configuration', message, details);
  }
  if (error instanceof Stripe.errors.StripeRateLimitError) return new PayoutError('rate_limited', message, details);
  const status = error.statusCode ?? 0;
  if (status === 409) return new PayoutError('conflict', message, details);
  if (status >= 500 || error instanceof Stripe.errors.StripeAPIError) {
    return new PayoutError('provider_unavailable', message, details);
  }
  const code = error.code ?? '';
  const param = (error.raw as { param?: unknown } | undefined)?.param;
  if (code === 'balance_insufficient') return new PayoutError('balance_insufficient', message, details);
  if (NOT_ONBOARDED_CODES.has(code)) return new PayoutError('account_not_onboarded', message, details);
  if (code === 'account_closed' || param === 'destination' || (code === 'resource_missing' && param === 'account')) {
    return new PayoutError('destination_invalid', message, details);
  }
  return new PayoutError('invalid_request', message, details);
}
