import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HYPERSWITCH_RETRY_DELAYS_MS } from '../delivery.ts';
import { HyperswitchProvider } from '../hyperswitch/provider.ts';
import { SIGNATURE_HEADER, signWebhookBody } from '../signature.ts';
import { startHyperswitchTestServer, type HyperswitchTestServer } from './hyperswitch-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

const FACTOR = 1 / 1000; // the 1-minute retry comes after 60 ms, the 5-minute ones after 300 ms
let server: HyperswitchTestServer;
let receiver: WebhookReceiver;
let provider: HyperswitchProvider;

beforeEach(async () => {
  server = await startHyperswitchTestServer({ timeFactor: FACTOR });
  provider = new HyperswitchProvider({
    baseUrl: server.url,
    apiKey: server.apiKey,
    publishableKey: 'pk',
    webhookKey: server.webhookKey,
  });
  receiver = await startWebhookReceiver((raw) => provider.parseWebhook(raw));
  server.setWebhookUrl(receiver.url);
});

afterEach(async () => {
  await server.close();
  await receiver.close();
});

async function paidPayment(key = 'k1', amountMinor = 2500): Promise<string> {
  const payment = await provider.createPayment({
    orderId: `order-${key}`,
    amountMinor,
    currency: 'USD',
    returnUrl: 'https://veza.example/r',
    idempotencyKey: key,
  });
  return payment.providerPaymentId;
}

async function post(path: string, body: unknown, apiKey: string | null = server.apiKey): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey === null ? {} : { 'api-key': apiKey }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

describe('Hyperswitch test server: API', () => {
  it('requires the api-key header', async () => {
    const missing = await post('/payments', { amount: 100, currency: 'USD' }, null);
    expect(missing).toEqual({
      status: 401,
      json: { error: { type: 'invalid_request', code: 'IR_01', message: 'API key not provided or invalid API key used' } },
    });
    const response = await fetch(`${server.url}/payments/pay_x`);
    expect(response.status).toBe(401);
    expect(server.paymentCount()).toBe(0);
  });

  it('validates the create-payment body against the spec', async () => {
    const cases: [unknown, number, string][] = [
      [{ currency: 'USD' }, 400, 'IR_04'],
      [{ amount: 100 }, 400, 'IR_04'],
      [{ amount: 0, currency: 'USD' }, 400, 'IR_07'],
      [{ amount: -5, currency: 'USD' }, 400, 'IR_07'],
      [{ amount: 10.5, currency: 'USD' }, 400, 'IR_06'],
      [{ amount: '100', currency: 'USD' }, 400, 'IR_06'],
      [{ amount: 100, currency: 'XXX' }, 400, 'IR_06'],
      [{ amount: 100, currency: 'USD', payment_id: 'too_short' }, 400, 'IR_07'],
      [{ amount: 100, currency: 'USD', metadata: 'x' }, 400, 'IR_06'],
      ['{not json', 400, 'IR_06'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await post('/payments', body);
      expect({ body, status: answer.status, code: (answer.json as { error: { code: string } }).error.code }).toEqual({ body, status, code });
    }
    expect(server.paymentCount()).toBe(0);
    const ok = await post('/payments', { amount: 100, currency: 'USD', confirm: false });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ amount: 100, currency: 'USD', status: 'requires_payment_method', attempt_count: 1 });
  });

  it('answers 404 for unknown routes and objects', async () => {
    expect((await post('/payments/pay_x/confirm', {})).status).toBe(404);
    const refund = await fetch(`${server.url}/refunds/ref_missing`, { headers: { 'api-key': server.apiKey } });
    expect(refund.status).toBe(404);
  });

  it('refuses refunds beyond the captured amount, counting earlier refunds', async () => {
    const paymentId = await paidPayment();
    server.succeedPayment(paymentId);
    expect((await post('/refunds', { payment_id: paymentId, amount: 2000 })).status).toBe(200);
    const over = await post('/refunds', { payment_id: paymentId, amount: 501 });
    expect(over.status).toBe(400);
    expect((await post('/refunds', { payment_id: paymentId, amount: 500 })).status).toBe(200);
  });
});

describe('Hyperswitch test server: webhook delivery', () => {
  it('follows the documented retry schedule (1 min, 5, 5, 10×5, 1 h×5, 6 h×3)', () => {
    const minutes = HYPERSWITCH_RETRY_DELAYS_MS.map((ms) => ms / 60_000);
    expect(minutes).toEqual([1, 5, 5, 10, 10, 10, 10, 10, 60, 60, 60, 60, 60, 360, 360, 360]);
  });

  it('retries a receiver that fails twice: 3 attempts at the scheduled (scaled) times', async () => {
    receiver.script([500, 503]);
    const paymentId = await paidPayment();
    const event = server.succeedPayment(paymentId);
    const deliveries = await receiver.waitFor(3);
    await server.webhooksIdle();
    const attempts = server.deliveryAttempts(event.eventId);
    expect(attempts.map((a) => [a.attempt, a.kind, a.status, a.ok])).toEqual([
      [1, 'initial_attempt', 500, false],
      [2, 'automatic_retry', 503, false],
      [3, 'automatic_retry', 200, true],
    ]);
    const [first, second, third] = deliveries.map((d) => d.receivedAt);
    // 1 minute then 5 minutes, scaled by 1/1000 (timers never fire early; allow slack for a busy machine)
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(59);
    expect((second ?? 0) - (first ?? 0)).toBeLessThan(250);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(299);
    expect((third ?? 0) - (second ?? 0)).toBeLessThan(600);
    expect(new Set(deliveries.map((d) => Buffer.from(d.body).toString()))).toHaveProperty('size', 1);
    expect(deliveries.every((d) => d.event?.eventId === event.eventId)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.received).toHaveLength(3);
  });

  it('retries when the receiver is unreachable, then delivers', async () => {
    const paymentId = await paidPayment();
    server.setWebhookUrl(receiver.url.replace(/:\d+\//, ':1/'));
    const event = server.succeedPayment(paymentId);
    while (server.deliveryAttempts(event.eventId).length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    server.setWebhookUrl(receiver.url);
    await receiver.waitFor(1);
    await server.webhooksIdle();
    const attempts = server.deliveryAttempts(event.eventId);
    expect(attempts.map((a) => [a.attempt, a.status, a.ok])).toEqual([
      [1, null, false],
      [2, 200, true],
    ]);
    expect(attempts[0]?.error).toBeTruthy();
  });

  it('stops after the last scheduled retry', async () => {
    const short = await startHyperswitchTestServer({ timeFactor: 1 / 60_000 }); // 1 min → 1 ms … 6 h → 360 ms
    short.setWebhookUrl(receiver.url);
    receiver.script(Array<number>(40).fill(500));
    const client = new HyperswitchProvider({ baseUrl: short.url, apiKey: short.apiKey, publishableKey: 'p', webhookKey: short.webhookKey });
    const payment = await client.createPayment({ orderId: 'o', amountMinor: 100, currency: 'USD', returnUrl: 'https://x.example', idempotencyKey: 'z' });
    const event = short.succeedPayment(payment.providerPaymentId);
    await short.webhooksIdle();
    expect(short.deliveryAttempts(event.eventId)).toHaveLength(17);
    await short.close();
  }, 10_000);

  it('delivers duplicates with the same event_id and the same signed bytes', async () => {
    const paymentId = await paidPayment();
    const event = server.succeedPayment(paymentId);
    await receiver.waitFor(1);
    const attempts = await server.redeliver(event.eventId, 9);
    expect(attempts.every((a) => a.ok && a.kind === 'manual_retry')).toBe(true);
    const deliveries = await receiver.waitFor(10);
    expect(deliveries.map((d) => d.event?.eventId)).toEqual(Array<string>(10).fill(event.eventId));
    expect(new Set(deliveries.map((d) => d.headers[SIGNATURE_HEADER]))).toHaveProperty('size', 1);
    expect(server.deliveryAttempts(event.eventId).map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('delivers out of order: refund_succeeded before payment_succeeded, each carrying its own `updated`', async () => {
    const paymentId = await paidPayment();
    server.holdWebhooks();
    const paid = server.succeedPayment(paymentId);
    const refund = await provider.createRefund({ providerPaymentId: paymentId, refundId: 'rf-1', amountMinor: 2500 });
    const refunded = server.succeedRefund(refund.providerRefundId);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.received).toHaveLength(0);
    server.releaseWebhooks('reversed');
    const deliveries = await receiver.waitFor(2);
    // Sequential sends can still race on the wire; order by arrival.
    const arrived = [...deliveries].sort((a, b) => a.receivedAt - b.receivedAt).map((d) => d.event);
    expect(arrived.map((e) => e?.eventId)).toEqual([refunded.eventId, paid.eventId]);
    const [refundEvent, paymentEvent] = arrived;
    if (refundEvent?.kind !== 'refund' || paymentEvent?.kind !== 'payment') throw new Error('unexpected kinds');
    expect(refundEvent.refund.providerPaymentId).toBe(paymentId);
    expect(paymentEvent.payment.orderId).toBe('order-k1');
    expect(paymentEvent.objectUpdatedAt?.getTime()).toBeLessThanOrEqual(refundEvent.objectUpdatedAt?.getTime() ?? 0);
  });

  it('signs with the profile key, so a receiver with another key refuses every delivery', async () => {
    const strict = await startWebhookReceiver((raw) =>
      new HyperswitchProvider({ baseUrl: server.url, apiKey: 'k', publishableKey: 'p', webhookKey: 'not-the-profile-key' }).parseWebhook(raw),
    );
    server.setWebhookUrl(strict.url);
    strict.script([]);
    const paymentId = await paidPayment();
    const event = server.succeedPayment(paymentId);
    const [delivery] = await strict.waitFor(1);
    expect(delivery?.answeredStatus).toBe(401);
    expect(delivery?.headers[SIGNATURE_HEADER]).toBe(signWebhookBody(delivery?.body ?? new Uint8Array(), server.webhookKey));
    while (server.deliveryAttempts(event.eventId).length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(server.deliveryAttempts(event.eventId)[0]).toMatchObject({ status: 401, ok: false });
    server.setWebhookUrl(receiver.url);
    await strict.close();
  });
});
