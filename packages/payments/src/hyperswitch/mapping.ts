// Hyperswitch's objects → Veza's provider types, and the webhook body → a typed event.
import {
  WebhookPayloadError,
  type Dispute,
  type Payment,
  type PaymentEvent,
  type PaymentEventType,
  type PaymentStatus,
  type Refund,
  type RefundStatus,
} from '../provider.ts';
import { eventTypeValues, type components } from './openapi.ts';

export type HsPayment = components['schemas']['PaymentsResponse'];
export type HsRefund = components['schemas']['RefundResponse'];
export type HsDispute = components['schemas']['DisputeResponse'];
export type HsWebhook = components['schemas']['OutgoingWebhook'];
export type HsEventType = components['schemas']['EventType'];
export type HsIntentStatus = components['schemas']['IntentStatus'];

export function paymentStatusFrom(status: HsIntentStatus): PaymentStatus {
  switch (status) {
    case 'succeeded':
    case 'partially_captured':
      return 'succeeded';
    case 'failed':
    case 'expired':
      return 'failed';
    case 'cancelled':
    case 'cancelled_post_capture':
      return 'cancelled';
    case 'requires_payment_method':
    case 'requires_confirmation':
      return 'requires_payment_method';
    case 'requires_customer_action':
    case 'requires_merchant_action':
      return 'requires_action';
    default:
      // processing, requires_capture, partially_* and conflicted: money may still move; wait for the final event.
      return 'processing';
  }
}

function date(value: string | null | undefined): Date | null {
  if (!value) return null;
  // Hyperswitch sends primitive date-times without an offset; they are UTC.
  const normalised = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
  const parsed = new Date(normalised);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function stringMetadata(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, entry] of Object.entries(value)) {
      if (typeof entry === 'string') out[key] = entry;
      else if (typeof entry === 'number' || typeof entry === 'boolean') out[key] = String(entry);
    }
  }
  return out;
}

export function paymentFrom(p: HsPayment): Payment {
  const metadata = stringMetadata(p.metadata);
  return {
    providerPaymentId: p.payment_id,
    clientSecret: p.client_secret ?? null,
    status: paymentStatusFrom(p.status),
    providerStatus: p.status,
    amountMinor: p.amount,
    amountReceivedMinor: p.amount_received ?? 0,
    currency: p.currency,
    orderId: metadata.order_id ?? null,
    metadata,
    updatedAt: date(p.updated ?? p.modified_at ?? p.created),
    errorCode: p.error_code ?? null,
    errorMessage: p.error_message ?? null,
  };
}

export function refundStatusFrom(status: components['schemas']['RefundStatus']): RefundStatus {
  if (status === 'succeeded') return 'succeeded';
  if (status === 'failed') return 'failed';
  return 'pending';
}

export function refundFrom(r: HsRefund): Refund {
  const metadata = stringMetadata(r.metadata);
  return {
    providerRefundId: r.refund_id,
    providerPaymentId: r.payment_id,
    status: refundStatusFrom(r.status),
    providerStatus: r.status,
    amountMinor: r.amount,
    currency: r.currency,
    refundId: metadata.refund_id ?? null,
    metadata,
    updatedAt: date(r.updated_at ?? r.created_at),
    errorCode: r.error_code ?? null,
    errorMessage: r.error_message ?? null,
  };
}

function disputeFrom(d: HsDispute): Dispute {
  const amount = Number(d.amount);
  return {
    providerDisputeId: d.dispute_id,
    providerPaymentId: d.payment_id,
    amountMinor: Number.isSafeInteger(amount) ? amount : 0,
    currency: d.currency,
    providerStatus: d.dispute_status,
    updatedAt: date(d.connector_updated_at ?? d.created_at),
  };
}

const EVENT_TYPES: ReadonlyMap<HsEventType, PaymentEventType> = new Map<HsEventType, PaymentEventType>([
  ['payment_succeeded', 'payment_succeeded'],
  ['payment_failed', 'payment_failed'],
  ['payment_expired', 'payment_failed'],
  ['payment_processing', 'payment_processing'],
  ['payment_authorized', 'payment_processing'],
  ['payment_partially_authorized', 'payment_processing'],
  ['payment_captured', 'payment_succeeded'],
  ['payment_cancelled', 'payment_cancelled'],
  ['payment_cancelled_post_capture', 'payment_cancelled'],
  ['action_required', 'payment_action_required'],
  ['refund_succeeded', 'refund_succeeded'],
  ['refund_failed', 'refund_failed'],
  ['dispute_opened', 'dispute_opened'],
  ['dispute_challenged', 'dispute_challenged'],
  ['dispute_won', 'dispute_won'],
  ['dispute_lost', 'dispute_lost'],
  ['dispute_accepted', 'dispute_accepted'],
  ['dispute_cancelled', 'dispute_cancelled'],
  ['dispute_expired', 'dispute_expired'],
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireFields(value: unknown, fields: readonly string[], what: string): Record<string, unknown> {
  if (!isRecord(value)) throw new WebhookPayloadError(`${what} is not an object`);
  for (const field of fields) {
    if (value[field] === undefined || value[field] === null) throw new WebhookPayloadError(`${what}.${field} missing`);
  }
  return value;
}

function requireInteger(value: unknown, what: string): void {
  if (!Number.isSafeInteger(value)) throw new WebhookPayloadError(`${what} must be an integer`);
}

/** Parses an already verified body as Hyperswitch's `OutgoingWebhook`. */
export function parseOutgoingWebhook(body: Uint8Array): PaymentEvent {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (cause) {
    throw new WebhookPayloadError('webhook body is not JSON', { cause });
  }
  const webhook = requireFields(json, ['event_id', 'event_type', 'content'], 'webhook');
  const content = requireFields(webhook.content, ['type', 'object'], 'webhook.content');
  const eventId = webhook.event_id;
  const providerEventType = webhook.event_type;
  if (typeof eventId !== 'string' || eventId === '') throw new WebhookPayloadError('webhook.event_id invalid');
  if (typeof providerEventType !== 'string' || !(eventTypeValues as readonly string[]).includes(providerEventType)) {
    throw new WebhookPayloadError('webhook.event_type unknown');
  }
  const base = {
    eventId,
    providerEventType,
    sentAt: typeof webhook.timestamp === 'string' ? date(webhook.timestamp) : null,
  };
  const type = EVENT_TYPES.get(providerEventType as HsEventType);

  if (content.type === 'payment_details' && type?.startsWith('payment_')) {
    const object = requireFields(content.object, ['payment_id', 'status', 'amount', 'currency'], 'payment');
    requireInteger(object.amount, 'payment.amount');
    const payment = paymentFrom(object as unknown as HsPayment);
    return { ...base, kind: 'payment', type: type as Extract<PaymentEventType, `payment_${string}`>, payment, objectUpdatedAt: payment.updatedAt };
  }
  if (content.type === 'refund_details' && type?.startsWith('refund_')) {
    const object = requireFields(content.object, ['refund_id', 'payment_id', 'amount', 'currency', 'status'], 'refund');
    requireInteger(object.amount, 'refund.amount');
    const refund = refundFrom(object as unknown as HsRefund);
    return { ...base, kind: 'refund', type: type as Extract<PaymentEventType, `refund_${string}`>, refund, objectUpdatedAt: refund.updatedAt };
  }
  if (content.type === 'dispute_details' && type?.startsWith('dispute_')) {
    const object = requireFields(content.object, ['dispute_id', 'payment_id', 'amount', 'currency'], 'dispute');
    const dispute = disputeFrom(object as unknown as HsDispute);
    return { ...base, kind: 'dispute', type: type as Extract<PaymentEventType, `dispute_${string}`>, dispute, objectUpdatedAt: dispute.updatedAt };
  }
  return { ...base, kind: 'other', type: 'other', objectUpdatedAt: null };
}
