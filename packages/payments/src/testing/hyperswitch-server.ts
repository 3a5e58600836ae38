// A local HTTP server speaking the part of Hyperswitch's v1 API Veza uses (POST /payments, GET /payments/{id},
// POST /refunds, GET /refunds/{id}), written from the published OpenAPI description, plus test controls that play the
// browser SDK and the processor, and send signed webhooks the way Hyperswitch documents them (retries on its
// schedule, scalable with `timeFactor`; duplicates; out-of-order delivery).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookDispatcher, type DeliveryAttempt } from '../delivery.ts';
import type { HsEventType, HsWebhook } from '../hyperswitch/mapping.ts';
import {
  monotonicClock,
  outgoingWebhookBody,
  paymentEventType,
  toHsPayment,
  toHsRefund,
  type PaymentRecord,
  type RefundRecord,
} from '../hyperswitch/objects.ts';
import { currencyValues, type components } from '../hyperswitch/openapi.ts';

export interface HyperswitchTestServerOptions {
  apiKey?: string;
  /** The profile's `payment_response_hash_key`. */
  webhookKey?: string;
  /** Where webhooks go; without it, events are recorded but not sent until `setWebhookUrl`. */
  webhookUrl?: string;
  /** Scales the retry schedule (1/1000: the 1-minute retry after 60 ms). Default 1. */
  timeFactor?: number;
  merchantId?: string;
  /** Per-delivery timeout (default 2 s). */
  webhookTimeoutMs?: number;
}

export interface SentEvent {
  eventId: string;
  eventType: HsEventType;
  /** The exact body delivered (and signed). */
  body: string;
}

type Json = Record<string, unknown>;

class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly type: string;
  constructor(status: number, code: string, message: string, type = 'invalid_request') {
    super(message);
    this.status = status;
    this.code = code;
    this.type = type;
  }
}

const CONNECTOR = 'stripe_test';
const random = (bytes: number): string => randomBytes(bytes).toString('hex');
const CURRENCIES: readonly string[] = currencyValues;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw new HttpError(400, 'IR_06', `Json deserialize error: ${field} must be an object`);
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') out[key] = entry;
    else out[key] = JSON.stringify(entry);
  }
  return out;
}

function optionalString(body: Json, field: string, max: number): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new HttpError(400, 'IR_06', `Json deserialize error: ${field} must be a string`);
  if (value.length > max) throw new HttpError(400, 'IR_07', `Invalid value provided: ${field}`);
  return value;
}

function id30(body: Json, field: string): string | null {
  const value = optionalString(body, field, 30);
  if (value !== null && (value.length !== 30 || !/^[A-Za-z0-9_-]+$/.test(value))) {
    throw new HttpError(400, 'IR_07', `Invalid value provided: ${field} must be 30 characters`);
  }
  return value;
}

function positiveAmount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new HttpError(400, 'IR_06', `Json deserialize error: ${field} must be an integer in minor units`);
  }
  if (value <= 0) throw new HttpError(400, 'IR_07', `Invalid value provided: ${field} must be greater than 0`);
  return value;
}

export class HyperswitchTestServer {
  readonly apiKey: string;
  readonly webhookKey: string;
  readonly merchantId: string;
  /** Requests received (method and path), in order. */
  readonly requests: { method: string; path: string }[] = [];
  readonly #server: Server;
  readonly #options: HyperswitchTestServerOptions;
  readonly #payments = new Map<string, PaymentRecord>();
  readonly #refunds = new Map<string, RefundRecord>();
  readonly #events: SentEvent[] = [];
  readonly #now = monotonicClock();
  #dispatcher: WebhookDispatcher | null = null;
  #held: SentEvent[] | null = null;
  #responseDelayMs = 0;
  #url = '';

  constructor(options: HyperswitchTestServerOptions) {
    this.#options = options;
    this.apiKey = options.apiKey ?? `snd_${random(16)}`;
    this.webhookKey = options.webhookKey ?? random(32);
    this.merchantId = options.merchantId ?? 'merchant_veza_test';
    this.#server = createServer((req, res) => {
      void this.#handle(req, res);
    });
    if (options.webhookUrl) this.setWebhookUrl(options.webhookUrl);
  }

  /** Base URL (`http://127.0.0.1:<port>`), for `HYPERSWITCH_BASE_URL`. */
  get url(): string {
    return this.#url;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.#url = `http://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    this.#dispatcher?.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Where webhooks go from now on (retries already scheduled included). */
  setWebhookUrl(url: string): void {
    if (this.#dispatcher) {
      this.#dispatcher.setUrl(url);
      return;
    }
    this.#dispatcher = new WebhookDispatcher({
      url,
      key: this.webhookKey,
      timeFactor: this.#options.timeFactor ?? 1,
      timeoutMs: this.#options.webhookTimeoutMs ?? 2_000,
    });
  }

  /** Every API answer waits this long first (to test client timeouts). */
  delayResponses(ms: number): void {
    this.#responseDelayMs = ms;
  }

  payment(id: string): components['schemas']['PaymentsResponse'] | undefined {
    const record = this.#payments.get(id);
    return record && toHsPayment(record, this.merchantId, CONNECTOR);
  }

  paymentCount(): number {
    return this.#payments.size;
  }

  refund(id: string): components['schemas']['RefundResponse'] | undefined {
    const record = this.#refunds.get(id);
    return record && toHsRefund(record, CONNECTOR);
  }

  refundCount(): number {
    return this.#refunds.size;
  }

  // --- what the browser SDK and the processor would do -------------------------------------------------------

  /** The buyer confirmed and the processor captured: `succeeded`, webhook `payment_succeeded`. */
  succeedPayment(paymentId: string): SentEvent {
    return this.#settlePayment(paymentId, { status: 'succeeded' });
  }

  /** The processor declined: `failed`, webhook `payment_failed`. */
  failPayment(paymentId: string, errorCode = 'card_declined', errorMessage = 'Your card was declined.'): SentEvent {
    return this.#settlePayment(paymentId, { status: 'failed', errorCode, errorMessage });
  }

  /** The payment is with the processor: `processing`, webhook `payment_processing`. */
  processPayment(paymentId: string): SentEvent {
    return this.#settlePayment(paymentId, { status: 'processing' });
  }

  succeedRefund(refundId: string): SentEvent {
    return this.#settleRefund(refundId, 'succeeded');
  }

  failRefund(refundId: string, errorCode = 'refund_failed', errorMessage = 'The processor refused the refund.'): SentEvent {
    return this.#settleRefund(refundId, 'failed', errorCode, errorMessage);
  }

  // --- webhook delivery controls -----------------------------------------------------------------------------

  /** Events produced from now on are queued instead of sent, until `releaseWebhooks`. */
  holdWebhooks(): void {
    this.#held ??= [];
  }

  /** Sends the held events, in the order they happened or reversed (out-of-order delivery). */
  releaseWebhooks(order: 'as_produced' | 'reversed' = 'as_produced'): void {
    const held = this.#held ?? [];
    this.#held = null;
    for (const event of order === 'reversed' ? [...held].reverse() : held) this.#send(event);
  }

  /** Delivers an event `times` more times at once (same event_id, same bytes), without retries: duplicates. */
  async redeliver(eventId: string, times = 1): Promise<DeliveryAttempt[]> {
    const event = this.#events.find((e) => e.eventId === eventId);
    if (!event) throw new Error(`no event ${eventId}`);
    const dispatcher = this.#requireDispatcher();
    return Promise.all(Array.from({ length: times }, () => dispatcher.deliverOnce(event.eventId, event.body)));
  }

  /** Events produced so far, in order. */
  events(): SentEvent[] {
    return [...this.#events];
  }

  /** Delivery attempts so far (all events, or one), with their times and the receiver's status. */
  deliveryAttempts(eventId?: string): DeliveryAttempt[] {
    return this.#dispatcher?.attempts(eventId) ?? [];
  }

  /** Resolves once no delivery is in flight or scheduled. */
  async webhooksIdle(): Promise<void> {
    await this.#dispatcher?.idle();
  }

  // --- internals -----------------------------------------------------------------------------------------------

  #requireDispatcher(): WebhookDispatcher {
    if (!this.#dispatcher) throw new Error('no webhook URL configured (setWebhookUrl)');
    return this.#dispatcher;
  }

  #settlePayment(
    paymentId: string,
    change: { status: PaymentRecord['status']; errorCode?: string; errorMessage?: string },
  ): SentEvent {
    const record = this.#payments.get(paymentId);
    if (!record) throw new Error(`no payment ${paymentId}`);
    if (record.status === 'succeeded' || record.status === 'failed' || record.status === 'cancelled') {
      throw new Error(`payment ${paymentId} is already ${record.status}`);
    }
    record.status = change.status;
    record.updatedAt = this.#now();
    if (change.status === 'succeeded') record.amountReceivedMinor = record.amountMinor;
    record.errorCode = change.errorCode ?? null;
    record.errorMessage = change.errorMessage ?? null;
    const eventType = paymentEventType(change.status);
    if (!eventType) throw new Error(`no webhook for status ${change.status}`);
    return this.#emit(eventType, { type: 'payment_details', object: toHsPayment(record, this.merchantId, CONNECTOR) });
  }

  #settleRefund(refundId: string, status: 'succeeded' | 'failed', errorCode?: string, errorMessage?: string): SentEvent {
    const record = this.#refunds.get(refundId);
    if (!record) throw new Error(`no refund ${refundId}`);
    if (record.status !== 'pending') throw new Error(`refund ${refundId} is already ${record.status}`);
    record.status = status;
    record.updatedAt = this.#now();
    record.errorCode = errorCode ?? null;
    record.errorMessage = errorMessage ?? null;
    return this.#emit(status === 'succeeded' ? 'refund_succeeded' : 'refund_failed', {
      type: 'refund_details',
      object: toHsRefund(record, CONNECTOR),
    });
  }

  #emit(eventType: HsEventType, content: HsWebhook['content']): SentEvent {
    const webhook: HsWebhook = {
      merchant_id: this.merchantId,
      event_id: `evt_${random(16)}`,
      event_type: eventType,
      content,
      timestamp: new Date().toISOString(),
    };
    const event: SentEvent = { eventId: webhook.event_id, eventType, body: outgoingWebhookBody(webhook) };
    this.#events.push(event);
    if (this.#held) this.#held.push(event);
    else this.#send(event);
    return event;
  }

  #send(event: SentEvent): void {
    this.#dispatcher?.deliver(event.eventId, event.body);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: url.pathname });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.#responseDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.#responseDelayMs));
    if (res.destroyed) return;
    try {
      if (req.headers['api-key'] !== this.apiKey) {
        throw new HttpError(401, 'IR_01', 'API key not provided or invalid API key used');
      }
      const body = (): Json => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          throw new HttpError(400, 'IR_06', 'Json deserialize error: invalid JSON');
        }
        if (!isRecord(parsed)) throw new HttpError(400, 'IR_06', 'Json deserialize error: expected an object');
        return parsed;
      };
      const segments = url.pathname.split('/').filter(Boolean);
      let answer: unknown;
      if (method === 'POST' && url.pathname === '/payments') answer = this.#createPayment(body());
      else if (method === 'GET' && segments[0] === 'payments' && segments.length === 2) {
        const record = this.#payments.get(decodeURIComponent(segments[1] ?? ''));
        if (!record) throw new HttpError(404, 'HE_02', 'Payment does not exist in our records', 'object_not_found');
        answer = toHsPayment(record, this.merchantId, CONNECTOR);
      } else if (method === 'POST' && url.pathname === '/refunds') answer = this.#createRefund(body());
      else if (method === 'GET' && segments[0] === 'refunds' && segments.length === 2) {
        const record = this.#refunds.get(decodeURIComponent(segments[1] ?? ''));
        if (!record) throw new HttpError(404, 'HE_02', 'Refund does not exist in our records', 'object_not_found');
        answer = toHsRefund(record, CONNECTOR);
      } else throw new HttpError(404, 'IR_02', 'Unrecognized request URL');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    } catch (error) {
      const e = error instanceof HttpError ? error : new HttpError(500, 'HE_00', 'Something went wrong', 'server_not_available');
      res
        .writeHead(e.status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { type: e.type, message: e.message, code: e.code } }));
    }
  }

  #createPayment(body: Json): components['schemas']['PaymentsResponse'] {
    if (body.amount === undefined || body.amount === null) throw new HttpError(400, 'IR_04', 'Missing required param: amount');
    if (body.currency === undefined || body.currency === null) {
      throw new HttpError(400, 'IR_04', 'Missing required param: currency');
    }
    const amount = positiveAmount(body.amount, 'amount');
    if (typeof body.currency !== 'string' || !CURRENCIES.includes(body.currency)) {
      throw new HttpError(400, 'IR_06', 'Json deserialize error: unknown variant currency');
    }
    if (body.confirm === true) {
      throw new HttpError(400, 'IR_04', 'Missing required param: payment_method_data (confirm without a payment method)');
    }
    const requested = id30(body, 'payment_id');
    if (requested && this.#payments.has(requested)) {
      throw new HttpError(400, 'HE_01', 'The payment with the specified payment_id already exists in our records');
    }
    const id = requested ?? `pay_${random(13)}`;
    const now = this.#now();
    const record: PaymentRecord = {
      id,
      clientSecret: `${id}_secret_${random(10)}`,
      status: 'requires_payment_method',
      amountMinor: amount,
      amountReceivedMinor: 0,
      currency: body.currency as components['schemas']['Currency'],
      metadata: stringMap(body.metadata, 'metadata'),
      returnUrl: optionalString(body, 'return_url', 2048),
      description: optionalString(body, 'description', 65_535),
      orderReference: optionalString(body, 'merchant_order_reference_id', 255),
      createdAt: now,
      updatedAt: now,
      errorCode: null,
      errorMessage: null,
    };
    this.#payments.set(id, record);
    return toHsPayment(record, this.merchantId, CONNECTOR);
  }

  #createRefund(body: Json): components['schemas']['RefundResponse'] {
    if (typeof body.payment_id !== 'string') throw new HttpError(400, 'IR_04', 'Missing required param: payment_id');
    const payment = this.#payments.get(body.payment_id);
    if (!payment) throw new HttpError(404, 'HE_02', 'Payment does not exist in our records', 'object_not_found');
    const requested = id30(body, 'refund_id');
    if (requested && this.#refunds.has(requested)) {
      throw new HttpError(400, 'HE_01', 'Duplicate refund request. Refund already attempted with the refund ID');
    }
    if (payment.status !== 'succeeded') {
      throw new HttpError(
        400,
        'IR_14',
        `This Payment could not be refund because it has a status of ${payment.status}. The expected state is succeeded`,
      );
    }
    const amount = body.amount === undefined || body.amount === null ? null : positiveAmount(body.amount, 'amount');
    let refunded = 0;
    for (const refund of this.#refunds.values()) {
      if (refund.paymentId === payment.id && refund.status !== 'failed') refunded += refund.amountMinor;
    }
    const remaining = payment.amountReceivedMinor - refunded;
    // As Hyperswitch: without an amount, the refund is for the whole payment (refused after a partial refund).
    const value = amount ?? payment.amountReceivedMinor;
    if (value <= 0 || value > remaining) {
      throw new HttpError(400, 'IR_13', 'The refund amount exceeds the amount captured');
    }
    const id = requested ?? `ref_${random(13)}`;
    const now = this.#now();
    const record: RefundRecord = {
      id,
      paymentId: payment.id,
      amountMinor: value,
      currency: payment.currency,
      status: 'pending',
      reason: optionalString(body, 'reason', 255),
      metadata: stringMap(body.metadata, 'metadata'),
      createdAt: now,
      updatedAt: now,
      errorCode: null,
      errorMessage: null,
    };
    this.#refunds.set(id, record);
    return toHsRefund(record, CONNECTOR);
  }
}

/** Starts a test server on 127.0.0.1 (random port). Close it with `close()`. */
export async function startHyperswitchTestServer(
  options: HyperswitchTestServerOptions = {},
): Promise<HyperswitchTestServer> {
  return new HyperswitchTestServer(options).listen();
}
