// Spec-shaped Hyperswitch objects (PaymentsResponse, RefundResponse, OutgoingWebhook) built from a minimal record.
// The sandbox provider emits its webhooks in this format so both providers share one verification and parsing path;
// the Hyperswitch test server answers with them.
import type { HsEventType, HsIntentStatus, HsPayment, HsRefund, HsWebhook } from './mapping.ts';
import type { components } from './openapi.ts';

export interface PaymentRecord {
  id: string;
  clientSecret: string;
  status: HsIntentStatus;
  amountMinor: number;
  amountReceivedMinor: number;
  currency: components['schemas']['Currency'];
  metadata: Record<string, string>;
  returnUrl: string | null;
  description: string | null;
  orderReference: string | null;
  createdAt: Date;
  updatedAt: Date;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface RefundRecord {
  id: string;
  paymentId: string;
  amountMinor: number;
  currency: components['schemas']['Currency'];
  status: components['schemas']['RefundStatus'];
  reason: string | null;
  metadata: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
  errorCode: string | null;
  errorMessage: string | null;
}

export function toHsPayment(record: PaymentRecord, merchantId: string, connector: string): HsPayment {
  return {
    payment_id: record.id,
    merchant_id: merchantId,
    processor_merchant_id: merchantId,
    status: record.status,
    amount: record.amountMinor,
    net_amount: record.amountMinor,
    amount_capturable: record.status === 'succeeded' ? 0 : record.amountMinor,
    amount_received: record.amountReceivedMinor,
    currency: record.currency,
    client_secret: record.clientSecret,
    connector,
    payment_method: 'card',
    attempt_count: 1,
    metadata: record.metadata,
    return_url: record.returnUrl,
    description: record.description,
    merchant_order_reference_id: record.orderReference,
    created: record.createdAt.toISOString(),
    modified_at: record.updatedAt.toISOString(),
    updated: record.updatedAt.toISOString(),
    error_code: record.errorCode,
    error_message: record.errorMessage,
  };
}

export function toHsRefund(record: RefundRecord, connector: string): HsRefund {
  return {
    refund_id: record.id,
    payment_id: record.paymentId,
    amount: record.amountMinor,
    currency: record.currency,
    status: record.status,
    connector,
    reason: record.reason,
    metadata: record.metadata,
    created_at: record.createdAt.toISOString(),
    updated_at: record.updatedAt.toISOString(),
    error_code: record.errorCode,
    error_message: record.errorMessage,
  };
}

export function paymentEventType(status: HsIntentStatus): HsEventType | null {
  switch (status) {
    case 'succeeded':
      return 'payment_succeeded';
    case 'failed':
      return 'payment_failed';
    case 'processing':
      return 'payment_processing';
    case 'cancelled':
      return 'payment_cancelled';
    case 'requires_customer_action':
      return 'action_required';
    default:
      return null;
  }
}

/** The exact JSON text of an `OutgoingWebhook`, as sent (and signed). */
export function outgoingWebhookBody(webhook: HsWebhook): string {
  return JSON.stringify(webhook);
}

/** A strictly increasing clock, so successive changes to one object always get a later `updated`. */
export function monotonicClock(): () => Date {
  let last = 0;
  return () => {
    last = Math.max(Date.now(), last + 1);
    return new Date(last);
  };
}
