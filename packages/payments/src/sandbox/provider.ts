// The sandbox provider: Veza's embedded default (no external service). It keeps payments in a `SandboxStore` and
// settles them with test cards; every outcome reaches the api only as a signed webhook in Hyperswitch's format
// (HMAC-SHA512 under the sandbox key, `x-webhook-signature-512`), delivered over HTTP with Hyperswitch's retry
// schedule — the same verification and parsing path as Hyperswitch, no shortcut.
import { randomBytes } from 'node:crypto';
import { WebhookDispatcher, type DeliveryAttempt } from '../delivery.ts';
import { hyperswitchPaymentId, hyperswitchRefundId } from '../hyperswitch/ids.ts';
import { paymentFrom, parseOutgoingWebhook, refundFrom, type HsEventType, type HsWebhook } from '../hyperswitch/mapping.ts';
import {
  monotonicClock,
  outgoingWebhookBody,
  toHsPayment,
  toHsRefund,
  type PaymentRecord,
  type RefundRecord,
} from '../hyperswitch/objects.ts';
import { currencyValues, type components } from '../hyperswitch/openapi.ts';
import {
  ProviderRejectedError,
  assertMinorAmount,
  type CreatePaymentInput,
  type CreateRefundInput,
  type Payment,
  type PaymentEvent,
  type PaymentProvider,
  type PaymentStatus,
  type RawWebhook,
  type Refund,
} from '../provider.ts';
import { verifyWebhookSignature } from '../signature.ts';
import type { SandboxStore } from './store.ts';
import { checkTestCard, type TestCardInput } from './test-cards.ts';

const MERCHANT_ID = 'veza_sandbox';
const CONNECTOR = 'veza_sandbox';

export interface SandboxProviderOptions {
  store: SandboxStore;
  /** HMAC key for the sandbox's webhooks (the api verifies with the same key). */
  webhookKey: string;
  /** The api's sandbox webhook endpoint (e.g. `http://127.0.0.1:3000/api/webhooks/sandbox`). */
  webhookUrl: string;
  /** Scales the retry schedule (tests). Default 1. */
  timeFactor?: number;
  /** Per-delivery timeout (default 10 s). */
  webhookTimeoutMs?: number;
  /** How long a refund stays pending before the sandbox settles it (default 0: on the next tick). */
  refundDelayMs?: number;
  /** Called after every webhook delivery attempt. */
  onDeliveryAttempt?: (attempt: DeliveryAttempt) => void;
}

function stripCurrency(value: string): components['schemas']['Currency'] {
  if (!(currencyValues as readonly string[]).includes(value)) throw new RangeError(`unsupported currency ${value}`);
  return value as components['schemas']['Currency'];
}

export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox';
  readonly #store: SandboxStore;
  readonly #options: SandboxProviderOptions;
  readonly #dispatcher: WebhookDispatcher;
  readonly #now = monotonicClock();
  readonly #timers = new Set<NodeJS.Timeout>();
  #closed = false;

  constructor(options: SandboxProviderOptions) {
    this.#options = options;
    this.#store = options.store;
    this.#dispatcher = new WebhookDispatcher({
      url: options.webhookUrl,
      key: options.webhookKey,
      timeFactor: options.timeFactor ?? 1,
      timeoutMs: options.webhookTimeoutMs ?? 10_000,
      onAttempt: (attempt) => options.onDeliveryAttempt?.(attempt),
      onDelivered: (eventId) => {
        void this.#store.markEventDelivered(eventId, new Date());
      },
    });
  }

  /** Resumes what a previous process left: undelivered webhooks and pending refunds. */
  async start(): Promise<void> {
    for (const event of await this.#store.listUndeliveredEvents()) this.#dispatcher.deliver(event.eventId, event.body);
    for (const refund of await this.#store.listPendingRefunds()) this.#scheduleRefundSettlement(refund.id);
  }

  close(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#dispatcher.close();
  }

  deliveryAttempts(eventId?: string): DeliveryAttempt[] {
    return this.#dispatcher.attempts(eventId);
  }

  /** Resolves once no refund settlement or webhook delivery is in flight or scheduled. */
  async idle(): Promise<void> {
    while (this.#timers.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.#dispatcher.idle();
  }

  async createPayment(input: CreatePaymentInput): Promise<Payment> {
    assertMinorAmount(input.amountMinor, 'amountMinor');
    const currency = stripCurrency(input.currency);
    const id = hyperswitchPaymentId(input.idempotencyKey);
    const now = this.#now();
    const { payment } = await this.#store.insertPayment({
      id,
      clientSecret: `${id}_secret_${randomBytes(12).toString('hex')}`,
      status: 'requires_payment_method',
      amountMinor: input.amountMinor,
      amountReceivedMinor: 0,
      currency,
      metadata: { ...input.metadata, order_id: input.orderId },
      returnUrl: input.returnUrl,
      description: input.description ?? null,
      orderReference: input.orderId,
      createdAt: now,
      updatedAt: now,
      errorCode: null,
      errorMessage: null,
    });
    if (
      payment.amountMinor !== input.amountMinor ||
      payment.currency !== currency ||
      payment.metadata.order_id !== input.orderId
    ) {
      throw new ProviderRejectedError(409, 'idempotency_mismatch', 'idempotency key reused for a different payment');
    }
    return this.#payment(payment);
  }

  async retrievePayment(providerPaymentId: string): Promise<Payment> {
    const record = await this.#store.getPayment(providerPaymentId);
    if (!record) throw new ProviderRejectedError(404, 'HE_02', 'Payment does not exist in our records');
    return this.#payment(record);
  }

  /**
   * What the sandbox's test-card form calls. Throws `SandboxCardError` for input the form should correct (nothing
   * changes then). Otherwise settles the payment and sends the signed webhook; the returned status is only for the
   * buyer's page — fulfilment must wait for the webhook.
   */
  async completeWithTestCard(input: {
    providerPaymentId: string;
    clientSecret: string;
    card: TestCardInput;
  }): Promise<{ status: PaymentStatus; returnUrl: string | null }> {
    const record = await this.#store.getPayment(input.providerPaymentId);
    if (!record || record.clientSecret !== input.clientSecret) {
      throw new ProviderRejectedError(404, 'HE_02', 'Payment does not exist in our records');
    }
    const outcome = checkTestCard(input.card, new Date());
    const updatedAt = this.#now();
    const patch: Partial<PaymentRecord> =
      outcome.result === 'succeeded'
        ? { status: 'succeeded', amountReceivedMinor: record.amountMinor, updatedAt, errorCode: null, errorMessage: null }
        : { status: 'failed', updatedAt, errorCode: outcome.code, errorMessage: outcome.message };
    const updated = await this.#store.transitionPayment(record.id, ['requires_payment_method'], patch);
    if (!updated) {
      throw new ProviderRejectedError(409, 'IR_16', `The payment is ${record.status}, it can no longer be confirmed`);
    }
    await this.#emit(updated.status === 'succeeded' ? 'payment_succeeded' : 'payment_failed', {
      type: 'payment_details',
      object: toHsPayment(updated, MERCHANT_ID, CONNECTOR),
    });
    return { status: paymentFrom(toHsPayment(updated, MERCHANT_ID, CONNECTOR)).status, returnUrl: updated.returnUrl };
  }

  async createRefund(input: CreateRefundInput): Promise<Refund> {
    if (input.amountMinor !== undefined) assertMinorAmount(input.amountMinor, 'amountMinor');
    const payment = await this.#store.getPayment(input.providerPaymentId);
    if (!payment) throw new ProviderRejectedError(404, 'HE_02', 'Payment does not exist in our records');
    const id = hyperswitchRefundId(input.refundId);
    const existing = await this.#store.getRefund(id);
    if (!existing && payment.status !== 'succeeded') {
      throw new ProviderRejectedError(400, 'IR_14', `This payment could not be refunded: it is ${payment.status}`);
    }
    const now = this.#now();
    const result = await this.#store.insertRefund(
      {
        id,
        paymentId: payment.id,
        amountMinor: input.amountMinor ?? payment.amountReceivedMinor,
        currency: payment.currency,
        status: 'pending',
        reason: input.reason ?? null,
        metadata: { ...input.metadata, refund_id: input.refundId },
        createdAt: now,
        updatedAt: now,
        errorCode: null,
        errorMessage: null,
      },
      payment.amountReceivedMinor,
    );
    if (!result.ok) throw new ProviderRejectedError(400, 'IR_13', 'The refund amount exceeds the amount captured');
    const { refund, created } = result;
    if (
      !created &&
      (refund.paymentId !== payment.id || (input.amountMinor !== undefined && refund.amountMinor !== input.amountMinor))
    ) {
      throw new ProviderRejectedError(409, 'idempotency_mismatch', 'refund id reused for a different refund');
    }
    if (created) this.#scheduleRefundSettlement(refund.id);
    return refundFrom(toHsRefund(refund, CONNECTOR));
  }

  async retrieveRefund(providerRefundId: string): Promise<Refund> {
    const record = await this.#store.getRefund(providerRefundId);
    if (!record) throw new ProviderRejectedError(404, 'HE_02', 'Refund does not exist in our records');
    return refundFrom(toHsRefund(record, CONNECTOR));
  }

  parseWebhook(raw: RawWebhook): PaymentEvent {
    verifyWebhookSignature(raw, this.#options.webhookKey);
    return parseOutgoingWebhook(raw.body);
  }

  #payment(record: PaymentRecord): Payment {
    return paymentFrom(toHsPayment(record, MERCHANT_ID, CONNECTOR));
  }

  #scheduleRefundSettlement(refundId: string): void {
    if (this.#closed) return;
    const timer = setTimeout(() => {
      void this.#settleRefund(refundId).finally(() => this.#timers.delete(timer));
    }, this.#options.refundDelayMs ?? 0);
    this.#timers.add(timer);
  }

  async #settleRefund(refundId: string): Promise<void> {
    const settled: RefundRecord | null = await this.#store.transitionRefund(refundId, ['pending'], {
      status: 'succeeded',
      updatedAt: this.#now(),
    });
    if (!settled) return;
    await this.#emit('refund_succeeded', { type: 'refund_details', object: toHsRefund(settled, CONNECTOR) });
  }

  async #emit(eventType: HsEventType, content: HsWebhook['content']): Promise<void> {
    const createdAt = new Date();
    const webhook: HsWebhook = {
      merchant_id: MERCHANT_ID,
      event_id: `evt_${randomBytes(16).toString('hex')}`,
      event_type: eventType,
      content,
      timestamp: createdAt.toISOString(),
    };
    const body = outgoingWebhookBody(webhook);
    await this.#store.insertEvent({ eventId: webhook.event_id, body, createdAt, deliveredAt: null });
    if (!this.#closed) this.#dispatcher.deliver(webhook.event_id, body);
  }
}
