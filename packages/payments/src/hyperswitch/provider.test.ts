import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ProviderRejectedError,
  ProviderUnavailableError,
  WebhookPayloadError,
  WebhookSignatureError,
  type CreatePaymentInput,
} from '../provider.ts';
import { SIGNATURE_HEADER, signWebhookBody } from '../signature.ts';
import { startHyperswitchTestServer, type HyperswitchTestServer } from '../testing/hyperswitch-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver.ts';
import { hyperswitchPaymentId, hyperswitchRefundId } from './ids.ts';
import { HyperswitchProvider } from './provider.ts';

let server: HyperswitchTestServer;
let provider: HyperswitchProvider;

const order = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
  orderId: '7b0c1d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d',
  amountMinor: 1999,
  currency: 'EUR',
  returnUrl: 'https://veza.example/checkout/return',
  idempotencyKey: 'order-7b0c:1',
  ...overrides,
});

function providerFor(s: HyperswitchTestServer, overrides: { apiKey?: string; timeoutMs?: number } = {}) {
  return new HyperswitchProvider({
    baseUrl: s.url,
    apiKey: overrides.apiKey ?? s.apiKey,
    publishableKey: 'pk_snd_test',
    webhookKey: s.webhookKey,
    timeoutMs: overrides.timeoutMs ?? 2_000,
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

beforeEach(async () => {
  server = await startHyperswitchTestServer({ timeFactor: 1 / 1000 });
  provider = providerFor(server);
});

afterEach(async () => {
  await server.close();
});

describe('HyperswitchProvider payments', () => {
  it('creates an unconfirmed payment with our payment_id, the amount in minor units and metadata.order_id', async () => {
    const payment = await provider.createPayment(order({ metadata: { buyer: 'u1' } }));
    expect(payment.providerPaymentId).toBe(hyperswitchPaymentId('order-7b0c:1'));
    expect(payment.providerPaymentId).toHaveLength(30);
    expect(payment.status).toBe('requires_payment_method');
    expect(payment.clientSecret).toMatch(new RegExp(`^${payment.providerPaymentId}_secret_`));
    expect(payment).toMatchObject({ amountMinor: 1999, currency: 'EUR', orderId: order().orderId, amountReceivedMinor: 0 });
    const stored = server.payment(payment.providerPaymentId);
    expect(stored?.metadata).toEqual({ buyer: 'u1', order_id: order().orderId });
    expect(stored?.return_url).toBe('https://veza.example/checkout/return');
    expect(server.requests).toEqual([{ method: 'POST', path: '/payments' }]);
  });

  it('retrieves a payment with its current status', async () => {
    const created = await provider.createPayment(order());
    server.succeedPayment(created.providerPaymentId);
    const payment = await provider.retrievePayment(created.providerPaymentId);
    expect(payment.status).toBe('succeeded');
    expect(payment.amountReceivedMinor).toBe(1999);
    expect(payment.updatedAt?.getTime()).toBeGreaterThan(created.updatedAt?.getTime() ?? Infinity);
  });

  it('is idempotent: a retried create returns the same payment and charges once', async () => {
    const first = await provider.createPayment(order());
    const second = await provider.createPayment(order());
    expect(second.providerPaymentId).toBe(first.providerPaymentId);
    expect(second.clientSecret).toBe(first.clientSecret);
    expect(server.paymentCount()).toBe(1);
    const other = await provider.createPayment(order({ idempotencyKey: 'order-7b0c:2' }));
    expect(other.providerPaymentId).not.toBe(first.providerPaymentId);
    expect(server.paymentCount()).toBe(2);
  });

  it('refuses an idempotency key reused for a different amount', async () => {
    await provider.createPayment(order());
    const error = await rejection(provider.createPayment(order({ amountMinor: 2999 })));
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect((error as ProviderRejectedError).code).toBe('idempotency_mismatch');
    expect(server.payment(hyperswitchPaymentId('order-7b0c:1'))?.amount).toBe(1999);
  });

  it('refuses non-integer and non-positive amounts and unknown currencies before calling Hyperswitch', async () => {
    await expect(provider.createPayment(order({ amountMinor: 19.99 }))).rejects.toThrow(RangeError);
    await expect(provider.createPayment(order({ amountMinor: 0 }))).rejects.toThrow(RangeError);
    await expect(provider.createPayment(order({ currency: 'EURO' }))).rejects.toThrow(RangeError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('HyperswitchProvider refunds', () => {
  async function paid(): Promise<string> {
    const payment = await provider.createPayment(order());
    server.succeedPayment(payment.providerPaymentId);
    return payment.providerPaymentId;
  }

  it('creates a partial refund under our refund id and retrieves it', async () => {
    const paymentId = await paid();
    const refund = await provider.createRefund({ providerPaymentId: paymentId, refundId: 'rf-1', amountMinor: 500 });
    expect(refund).toMatchObject({
      providerRefundId: hyperswitchRefundId('rf-1'),
      providerPaymentId: paymentId,
      status: 'pending',
      amountMinor: 500,
      currency: 'EUR',
      refundId: 'rf-1',
    });
    server.succeedRefund(refund.providerRefundId);
    expect((await provider.retrieveRefund(refund.providerRefundId)).status).toBe('succeeded');
  });

  it('refunds the whole payment when no amount is given (refused once part of it was refunded)', async () => {
    const paymentId = await paid();
    const full = await provider.createRefund({ providerPaymentId: paymentId, refundId: 'rf-1' });
    expect(full.amountMinor).toBe(1999);
    const other = await provider.createPayment(order({ idempotencyKey: 'second' }));
    server.succeedPayment(other.providerPaymentId);
    await provider.createRefund({ providerPaymentId: other.providerPaymentId, refundId: 'rf-2', amountMinor: 499 });
    await expect(provider.createRefund({ providerPaymentId: other.providerPaymentId, refundId: 'rf-3' })).rejects.toMatchObject({
      code: 'IR_13',
    });
    const rest = await provider.createRefund({ providerPaymentId: other.providerPaymentId, refundId: 'rf-4', amountMinor: 1500 });
    expect(rest.amountMinor).toBe(1500);
  });

  it('is idempotent on our refund id: a retry does not refund twice', async () => {
    const paymentId = await paid();
    const first = await provider.createRefund({ providerPaymentId: paymentId, refundId: 'rf-1', amountMinor: 700 });
    const again = await provider.createRefund({ providerPaymentId: paymentId, refundId: 'rf-1', amountMinor: 700 });
    expect(again.providerRefundId).toBe(first.providerRefundId);
    expect(server.refundCount()).toBe(1);
  });

  it('surfaces Hyperswitch rejections with their code and message', async () => {
    const paymentId = await paid();
    const tooMuch = await rejection(provider.createRefund({ providerPaymentId: paymentId, refundId: 'rf-1', amountMinor: 5000 }));
    expect(tooMuch).toBeInstanceOf(ProviderRejectedError);
    expect(tooMuch).toMatchObject({ httpStatus: 400, code: 'IR_13', errorType: 'invalid_request' });

    const unpaid = await provider.createPayment(order({ idempotencyKey: 'other' }));
    const notPaid = await rejection(provider.createRefund({ providerPaymentId: unpaid.providerPaymentId, refundId: 'rf-9' }));
    expect(notPaid).toMatchObject({ httpStatus: 400, code: 'IR_14' });
    expect((notPaid as ProviderRejectedError).providerMessage).toContain('requires_payment_method');
  });
});

describe('HyperswitchProvider faults', () => {
  it('maps a wrong api key to a rejection (401 IR_01)', async () => {
    const wrong = providerFor(server, { apiKey: 'snd_wrong_key_123' });
    const error = await rejection(wrong.createPayment(order()));
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect(error).toMatchObject({ httpStatus: 401, code: 'IR_01' });
    expect(server.paymentCount()).toBe(0);
  });

  it('maps an unknown payment to a 404 rejection with Hyperswitch’s error body', async () => {
    const error = await rejection(provider.retrievePayment('pay_doesnotexist00000000000000'));
    expect(error).toMatchObject({ httpStatus: 404, code: 'HE_02', providerMessage: 'Payment does not exist in our records' });
  });

  it('reads the flat error body the spec documents too', async () => {
    const flat = createServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error_type: 'invalid_request', message: 'Missing required param: amount', code: 'IR_04' }));
    });
    await new Promise<void>((resolve) => flat.listen(0, '127.0.0.1', resolve));
    const port = (flat.address() as AddressInfo).port;
    const client = new HyperswitchProvider({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'k', publishableKey: 'p', webhookKey: 'w' });
    const error = await rejection(client.retrievePayment('pay_x'));
    flat.close();
    expect(error).toMatchObject({ httpStatus: 400, code: 'IR_04', errorType: 'invalid_request' });
  });

  it('reports a server that is down as unavailable', async () => {
    const url = server.url;
    await server.close();
    const down = new HyperswitchProvider({ baseUrl: url, apiKey: 'k', publishableKey: 'p', webhookKey: 'w' });
    const error = await rejection(down.createPayment(order()));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    server = await startHyperswitchTestServer();
  });

  it('gives up after the timeout and reports it as unavailable', async () => {
    server.delayResponses(1_000);
    const slow = providerFor(server, { timeoutMs: 100 });
    const started = performance.now();
    const error = await rejection(slow.retrievePayment('pay_any'));
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toContain('in time');
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('treats 5xx answers as unavailable', async () => {
    const failing = createServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"type":"server_not_available","code":"HE_00","message":"down"}}');
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const port = (failing.address() as AddressInfo).port;
    const client = new HyperswitchProvider({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'k', publishableKey: 'p', webhookKey: 'w' });
    const error = await rejection(client.retrievePayment('pay_x'));
    failing.close();
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ httpStatus: 503 });
  });
});

describe('HyperswitchProvider webhooks', () => {
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    receiver = await startWebhookReceiver((raw) => provider.parseWebhook(raw));
    server.setWebhookUrl(receiver.url);
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('parses a signed payment_succeeded into a typed event with the order id and amounts', async () => {
    const created = await provider.createPayment(order());
    const sent = server.succeedPayment(created.providerPaymentId);
    const [delivery] = await receiver.waitFor(1);
    expect(delivery?.error).toBeNull();
    const event = delivery?.event;
    expect(event).toMatchObject({ eventId: sent.eventId, kind: 'payment', type: 'payment_succeeded', providerEventType: 'payment_succeeded' });
    if (event?.kind !== 'payment') throw new Error('expected a payment event');
    expect(event.payment).toMatchObject({
      providerPaymentId: created.providerPaymentId,
      orderId: order().orderId,
      amountMinor: 1999,
      amountReceivedMinor: 1999,
      status: 'succeeded',
    });
    expect(event.objectUpdatedAt).toEqual(event.payment.updatedAt);
    expect(event.sentAt).toBeInstanceOf(Date);
  });

  it('parses payment_failed and refund events', async () => {
    const failed = await provider.createPayment(order({ idempotencyKey: 'a' }));
    server.failPayment(failed.providerPaymentId, 'insufficient_funds', 'Insufficient funds');
    const ok = await provider.createPayment(order({ idempotencyKey: 'b' }));
    server.succeedPayment(ok.providerPaymentId);
    const refund = await provider.createRefund({ providerPaymentId: ok.providerPaymentId, refundId: 'rf-1', amountMinor: 300 });
    server.failRefund(refund.providerRefundId);
    const deliveries = await receiver.waitFor(3);
    const events = deliveries.map((d) => d.event);
    expect(events.map((e) => e?.type)).toEqual(['payment_failed', 'payment_succeeded', 'refund_failed']);
    const first = events[0];
    if (first?.kind !== 'payment') throw new Error('expected a payment event');
    expect(first.payment).toMatchObject({ status: 'failed', errorCode: 'insufficient_funds', amountReceivedMinor: 0 });
    const last = events[2];
    if (last?.kind !== 'refund') throw new Error('expected a refund event');
    expect(last.refund).toMatchObject({ refundId: 'rf-1', amountMinor: 300, status: 'failed', providerPaymentId: ok.providerPaymentId });
  });

  it('refuses a body whose signature was made with another key, and any webhook when no key is configured', () => {
    const body = Buffer.from('{"event_id":"evt_1","event_type":"payment_succeeded","content":{}}');
    const headers = { [SIGNATURE_HEADER]: signWebhookBody(body, 'another-key-entirely') };
    expect(() => provider.parseWebhook({ body, headers })).toThrow(WebhookSignatureError);
    const keyless = new HyperswitchProvider({ baseUrl: server.url, apiKey: 'k', publishableKey: 'p', webhookKey: undefined });
    expect(() => keyless.parseWebhook({ body, headers: { [SIGNATURE_HEADER]: signWebhookBody(body, '') } })).toThrow(
      WebhookSignatureError,
    );
  });

  it('verifies before parsing: a signed non-JSON body is a payload error, an unsigned one a signature error', () => {
    const garbage = Buffer.from('not json');
    expect(() => provider.parseWebhook({ body: garbage, headers: {} })).toThrow(WebhookSignatureError);
    const signed = { [SIGNATURE_HEADER]: signWebhookBody(garbage, server.webhookKey) };
    expect(() => provider.parseWebhook({ body: garbage, headers: signed })).toThrow(WebhookPayloadError);
    const floatAmount = Buffer.from(
      JSON.stringify({
        event_id: 'evt_x',
        event_type: 'payment_succeeded',
        content: { type: 'payment_details', object: { payment_id: 'p', status: 'succeeded', amount: 19.99, currency: 'EUR' } },
      }),
    );
    expect(() =>
      provider.parseWebhook({ body: floatAmount, headers: { [SIGNATURE_HEADER]: signWebhookBody(floatAmount, server.webhookKey) } }),
    ).toThrow(WebhookPayloadError);
  });

  it('parses a dispute event with its amount (a string of minor units in the spec) as an integer', () => {
    const body = Buffer.from(
      JSON.stringify({
        merchant_id: 'm',
        event_id: 'evt_d',
        event_type: 'dispute_opened',
        timestamp: '2026-03-01T10:00:00.000Z',
        content: {
          type: 'dispute_details',
          object: {
            dispute_id: 'dp_1', payment_id: 'pay_1', attempt_id: 'a', amount: '1999', currency: 'EUR',
            dispute_stage: 'dispute', dispute_status: 'dispute_opened', connector: 'stripe', connector_status: 'needs_response',
            connector_dispute_id: 'du_1', created_at: '2026-03-01T09:59:00.000Z',
          },
        },
      }),
    );
    const event = provider.parseWebhook({ body, headers: { [SIGNATURE_HEADER]: signWebhookBody(body, server.webhookKey) } });
    if (event.kind !== 'dispute') throw new Error('expected a dispute event');
    expect(event).toMatchObject({ type: 'dispute_opened', eventId: 'evt_d', sentAt: new Date('2026-03-01T10:00:00.000Z') });
    expect(event.dispute).toMatchObject({ providerDisputeId: 'dp_1', providerPaymentId: 'pay_1', amountMinor: 1999, currency: 'EUR' });
    expect(event.objectUpdatedAt).toEqual(new Date('2026-03-01T09:59:00.000Z'));
  });

  it('passes events the marketplace does not act on as `other`', () => {
    const body = Buffer.from(
      JSON.stringify({ merchant_id: 'm', event_id: 'evt_m', event_type: 'mandate_active', content: { type: 'mandate_details', object: {} } }),
    );
    const event = provider.parseWebhook({ body, headers: { [SIGNATURE_HEADER]: signWebhookBody(body, server.webhookKey) } });
    expect(event).toMatchObject({ kind: 'other', type: 'other', providerEventType: 'mandate_active', eventId: 'evt_m' });
  });
});
