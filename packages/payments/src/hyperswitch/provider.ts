// The Hyperswitch adapter: payments and refunds over Hyperswitch's v1 HTTP API (openapi-fetch typed by the generated
// types), webhooks verified over their raw bytes before anything is parsed.
import createClient from 'openapi-fetch';
import {
  ProviderRejectedError,
  ProviderUnavailableError,
  WebhookSignatureError,
  assertMinorAmount,
  type CreatePaymentInput,
  type CreateRefundInput,
  type Payment,
  type PaymentEvent,
  type PaymentProvider,
  type RawWebhook,
  type Refund,
} from '../provider.ts';
import { verifyWebhookSignature } from '../signature.ts';
import { hyperswitchPaymentId, hyperswitchRefundId } from './ids.ts';
import { paymentFrom, parseOutgoingWebhook, refundFrom, type HsPayment } from './mapping.ts';
import { currencyValues, type components, type paths } from './openapi.ts';

export interface HyperswitchProviderOptions {
  /** e.g. `https://sandbox.hyperswitch.io` (no trailing path). */
  baseUrl: string;
  /** Secret API key (`api-key` header); server-side only. */
  apiKey: string;
  /** Publishable key, handed to the browser SDK. */
  publishableKey: string;
  /** The business profile's `payment_response_hash_key`; without it every webhook is refused as unsigned. */
  webhookKey: string | undefined;
  /** Per-request timeout (default 15 s). */
  timeoutMs?: number;
  fetch?: (input: Request) => Promise<Response>;
}

type Currency = components['schemas']['Currency'];

function isCurrency(value: string): value is Currency {
  return (currencyValues as readonly string[]).includes(value);
}

/** Hyperswitch answers errors as `{ error: { type, code, message } }`; the spec also documents a flat form. */
function providerError(status: number, body: unknown): ProviderRejectedError {
  const record = (value: unknown): Record<string, unknown> | null =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  const outer = record(body);
  const inner = record(outer?.error) ?? outer;
  const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
  const code = text(inner?.code) ?? (status === 404 ? 'not_found' : `http_${status}`);
  const message = text(inner?.message) ?? (typeof body === 'string' && body !== '' ? body : `HTTP ${status}`);
  const type = text(inner?.type) ?? text(inner?.error_type);
  return new ProviderRejectedError(status, code, message, type);
}

/** Hyperswitch's "already exists" answer to a create with an id already used (`HE_01`). */
function isDuplicate(error: unknown): boolean {
  return error instanceof ProviderRejectedError && error.code === 'HE_01';
}

export class HyperswitchProvider implements PaymentProvider {
  readonly name = 'hyperswitch';
  readonly publishableKey: string;
  readonly #client: ReturnType<typeof createClient<paths>>;
  readonly #webhookKey: string | undefined;
  readonly #timeoutMs: number;

  constructor(options: HyperswitchProviderOptions) {
    this.publishableKey = options.publishableKey;
    this.#webhookKey = options.webhookKey;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#client = createClient<paths>({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      headers: { 'api-key': options.apiKey, accept: 'application/json' },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  async createPayment(input: CreatePaymentInput): Promise<Payment> {
    assertMinorAmount(input.amountMinor, 'amountMinor');
    if (!isCurrency(input.currency)) throw new RangeError(`unsupported currency ${input.currency}`);
    const paymentId = hyperswitchPaymentId(input.idempotencyKey);
    const body: components['schemas']['PaymentsCreateRequest'] = {
      payment_id: paymentId,
      amount: input.amountMinor,
      currency: input.currency,
      confirm: false,
      return_url: input.returnUrl,
      merchant_order_reference_id: input.orderId,
      metadata: { ...input.metadata, order_id: input.orderId },
      ...(input.description ? { description: input.description } : {}),
    };
    try {
      const created = await this.#send((signal) => this.#client.POST('/payments', { body, signal }));
      return paymentFrom(created as HsPayment);
    } catch (error) {
      if (!isDuplicate(error)) throw error;
      // A retry of a create that already went through: answer with that payment, if it is the same request.
      const existing = await this.retrievePayment(paymentId);
      if (
        existing.amountMinor !== input.amountMinor ||
        existing.currency !== input.currency ||
        existing.orderId !== input.orderId
      ) {
        throw new ProviderRejectedError(409, 'idempotency_mismatch', 'idempotency key reused for a different payment');
      }
      return existing;
    }
  }

  async retrievePayment(providerPaymentId: string): Promise<Payment> {
    const payment = await this.#send((signal) =>
      this.#client.GET('/payments/{payment_id}', { params: { path: { payment_id: providerPaymentId } }, signal }),
    );
    // openapi-fetch marks read-only fields on responses; the data is the schema's PaymentsResponse.
    return paymentFrom(payment as HsPayment);
  }

  async createRefund(input: CreateRefundInput): Promise<Refund> {
    if (input.amountMinor !== undefined) assertMinorAmount(input.amountMinor, 'amountMinor');
    const refundId = hyperswitchRefundId(input.refundId);
    const body: components['schemas']['RefundRequest'] = {
      payment_id: input.providerPaymentId,
      refund_id: refundId,
      metadata: { ...input.metadata, refund_id: input.refundId },
      ...(input.amountMinor !== undefined ? { amount: input.amountMinor } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
    };
    try {
      return refundFrom(await this.#send((signal) => this.#client.POST('/refunds', { body, signal })));
    } catch (error) {
      if (!isDuplicate(error)) throw error;
      const existing = await this.retrieveRefund(refundId);
      if (
        existing.providerPaymentId !== input.providerPaymentId ||
        (input.amountMinor !== undefined && existing.amountMinor !== input.amountMinor)
      ) {
        throw new ProviderRejectedError(409, 'idempotency_mismatch', 'refund id reused for a different refund');
      }
      return existing;
    }
  }

  async retrieveRefund(providerRefundId: string): Promise<Refund> {
    const refund = await this.#send((signal) =>
      this.#client.GET('/refunds/{refund_id}', { params: { path: { refund_id: providerRefundId } }, signal }),
    );
    return refundFrom(refund);
  }

  parseWebhook(raw: RawWebhook): PaymentEvent {
    if (!this.#webhookKey) throw new WebhookSignatureError('mismatch');
    verifyWebhookSignature(raw, this.#webhookKey);
    return parseOutgoingWebhook(raw.body);
  }

  async #send<T>(
    call: (signal: AbortSignal) => Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<T> {
    let result: { data?: T; error?: unknown; response: Response };
    try {
      result = await call(AbortSignal.timeout(this.#timeoutMs));
    } catch (cause) {
      const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
      throw new ProviderUnavailableError(timedOut ? 'Hyperswitch did not answer in time' : 'Hyperswitch unreachable', {
        cause,
      });
    }
    const { response } = result;
    if (response.ok && result.data !== undefined) return result.data;
    if (response.status >= 500 || response.status === 429 || response.ok) {
      throw new ProviderUnavailableError(`Hyperswitch answered HTTP ${response.status}`, {
        httpStatus: response.status,
      });
    }
    throw providerError(response.status, result.error);
  }
}
