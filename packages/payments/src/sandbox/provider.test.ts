import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HyperswitchProvider } from '../hyperswitch/provider.ts';
import { ProviderRejectedError, WebhookSignatureError, type CreatePaymentInput, type PaymentEvent } from '../provider.ts';
import { SIGNATURE_HEADER, signWebhookBody } from '../signature.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver.ts';
import { MemorySandboxStore } from './memory-store.ts';
import { SandboxProvider, type SandboxProviderOptions } from './provider.ts';
import { SandboxCardError, checkTestCard } from './test-cards.ts';

const KEY = 'sandbox-webhook-key-0123456789abcdef';
const VISA_OK = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123' };
const VISA_DECLINED = { ...VISA_OK, number: '4000 0000 0000 0002' };

let store: MemorySandboxStore;
let receiver: WebhookReceiver;
let sandbox: SandboxProvider;

function makeSandbox(overrides: Partial<SandboxProviderOptions> = {}): SandboxProvider {
  return new SandboxProvider({ store, webhookKey: KEY, webhookUrl: receiver.url, timeFactor: 1 / 1000, ...overrides });
}

const order = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
  orderId: 'order-1',
  amountMinor: 4900,
  currency: 'EUR',
  returnUrl: 'https://veza.example/checkout/return',
  idempotencyKey: 'order-1:1',
  ...overrides,
});

beforeEach(async () => {
  store = new MemorySandboxStore();
  // The receiver verifies with the sandbox's own parseWebhook, as the api's endpoint will.
  receiver = await startWebhookReceiver((raw) => sandbox.parseWebhook(raw));
  sandbox = makeSandbox();
});

afterEach(async () => {
  sandbox.close();
  await receiver.close();
});

function paymentEvent(event: PaymentEvent | null | undefined) {
  if (event?.kind !== 'payment') throw new Error(`expected a payment event, got ${event?.kind}`);
  return event;
}

describe('sandbox payments', () => {
  it('creates a payment idempotently, with metadata.order_id and a client secret', async () => {
    const first = await sandbox.createPayment(order());
    const again = await sandbox.createPayment(order());
    expect(again.providerPaymentId).toBe(first.providerPaymentId);
    expect(first).toMatchObject({ status: 'requires_payment_method', amountMinor: 4900, currency: 'EUR', orderId: 'order-1' });
    expect(first.clientSecret).toMatch(/_secret_/);
    await expect(sandbox.createPayment(order({ amountMinor: 5000 }))).rejects.toMatchObject({ code: 'idempotency_mismatch' });
    await expect(sandbox.createPayment(order({ amountMinor: 49.9 }))).rejects.toThrow(RangeError);
  });

  it('test card 4242… succeeds only through a signed payment_succeeded webhook', async () => {
    const payment = await sandbox.createPayment(order());
    expect(receiver.received).toHaveLength(0);
    const answer = await sandbox.completeWithTestCard({
      providerPaymentId: payment.providerPaymentId,
      clientSecret: payment.clientSecret ?? '',
      card: VISA_OK,
    });
    expect(answer).toEqual({ status: 'succeeded', returnUrl: 'https://veza.example/checkout/return' });
    const [delivery] = await receiver.waitFor(1);
    expect(delivery?.error).toBeNull();
    expect(delivery?.headers[SIGNATURE_HEADER]).toBe(signWebhookBody(delivery?.body ?? new Uint8Array(), KEY));
    const event = paymentEvent(delivery?.event);
    expect(event.type).toBe('payment_succeeded');
    expect(event.payment).toMatchObject({
      providerPaymentId: payment.providerPaymentId,
      orderId: 'order-1',
      amountMinor: 4900,
      amountReceivedMinor: 4900,
      status: 'succeeded',
    });
    expect(event.objectUpdatedAt?.getTime()).toBeGreaterThan(payment.updatedAt?.getTime() ?? Infinity);
    expect((await sandbox.retrievePayment(payment.providerPaymentId)).status).toBe('succeeded');
  });

  it('its webhooks verify only under the sandbox key (same verification as Hyperswitch)', async () => {
    const payment = await sandbox.createPayment(order());
    await sandbox.completeWithTestCard({ providerPaymentId: payment.providerPaymentId, clientSecret: payment.clientSecret ?? '', card: VISA_OK });
    const [delivery] = await receiver.waitFor(1);
    const raw = { body: delivery?.body ?? new Uint8Array(), headers: delivery?.headers ?? {} };
    const hyperswitchSameKey = new HyperswitchProvider({ baseUrl: 'http://127.0.0.1:1', apiKey: 'k', publishableKey: 'p', webhookKey: KEY });
    expect(hyperswitchSameKey.parseWebhook(raw).eventId).toBe(delivery?.event?.eventId);
    const otherKey = makeSandbox({ webhookKey: 'a-different-sandbox-key-000000000' });
    expect(() => otherKey.parseWebhook(raw)).toThrow(WebhookSignatureError);
    const tampered = Buffer.from(Buffer.from(raw.body).toString().replace('"amount":4900', '"amount":1'));
    expect(() => sandbox.parseWebhook({ body: tampered, headers: raw.headers })).toThrow(WebhookSignatureError);
    otherKey.close();
  });

  it('test card 4000…0002 is declined through a payment_failed webhook', async () => {
    const payment = await sandbox.createPayment(order());
    const answer = await sandbox.completeWithTestCard({
      providerPaymentId: payment.providerPaymentId,
      clientSecret: payment.clientSecret ?? '',
      card: VISA_DECLINED,
    });
    expect(answer.status).toBe('failed');
    const event = paymentEvent((await receiver.waitFor(1))[0]?.event);
    expect(event.type).toBe('payment_failed');
    expect(event.payment).toMatchObject({ status: 'failed', errorCode: 'card_declined', amountReceivedMinor: 0 });
  });

  it('refuses invalid card input without changing the payment or sending anything', async () => {
    const payment = await sandbox.createPayment(order());
    const attempt = (card: typeof VISA_OK) =>
      sandbox.completeWithTestCard({ providerPaymentId: payment.providerPaymentId, clientSecret: payment.clientSecret ?? '', card });
    await expect(attempt({ ...VISA_OK, number: '4242 4242 4242 4241' })).rejects.toMatchObject({ field: 'number' });
    await expect(attempt({ ...VISA_OK, expYear: 2001 })).rejects.toMatchObject({ field: 'expiry' });
    await expect(attempt({ ...VISA_OK, cvc: '12' })).rejects.toBeInstanceOf(SandboxCardError);
    await expect(
      sandbox.completeWithTestCard({ providerPaymentId: payment.providerPaymentId, clientSecret: 'wrong', card: VISA_OK }),
    ).rejects.toBeInstanceOf(ProviderRejectedError);
    expect((await sandbox.retrievePayment(payment.providerPaymentId)).status).toBe('requires_payment_method');
    await sandbox.idle();
    expect(receiver.received).toHaveLength(0);
  });

  it('settles a payment once when the card form is submitted twice at the same moment', async () => {
    const payment = await sandbox.createPayment(order());
    const submit = () =>
      sandbox.completeWithTestCard({ providerPaymentId: payment.providerPaymentId, clientSecret: payment.clientSecret ?? '', card: VISA_OK });
    const results = await Promise.allSettled([submit(), submit(), submit()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await sandbox.idle();
    expect(receiver.received).toHaveLength(1);
  });

  it('retries a failing webhook endpoint on the schedule and records the delivery', async () => {
    receiver.script([500, 500]);
    const payment = await sandbox.createPayment(order());
    await sandbox.completeWithTestCard({ providerPaymentId: payment.providerPaymentId, clientSecret: payment.clientSecret ?? '', card: VISA_OK });
    const deliveries = await receiver.waitFor(3);
    await sandbox.idle();
    expect(sandbox.deliveryAttempts().map((a) => [a.kind, a.status])).toEqual([
      ['initial_attempt', 500],
      ['automatic_retry', 500],
      ['automatic_retry', 200],
    ]);
    expect((deliveries[1]?.receivedAt ?? 0) - (deliveries[0]?.receivedAt ?? 0)).toBeGreaterThanOrEqual(59);
    expect((deliveries[2]?.receivedAt ?? 0) - (deliveries[1]?.receivedAt ?? 0)).toBeGreaterThanOrEqual(299);
    expect(await store.listUndeliveredEvents()).toEqual([]);
  });

  it('resumes undelivered webhooks after a restart', async () => {
    sandbox.close();
    const offline = makeSandbox({ webhookUrl: receiver.url.replace(/:\d+\//, ':1/'), timeFactor: 1000 });
    const payment = await offline.createPayment(order());
    await offline.completeWithTestCard({ providerPaymentId: payment.providerPaymentId, clientSecret: payment.clientSecret ?? '', card: VISA_OK });
    while (offline.deliveryAttempts().length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    offline.close(); // the process dies before any retry
    expect(await store.listUndeliveredEvents()).toHaveLength(1);
    sandbox = makeSandbox();
    await sandbox.start();
    const event = paymentEvent((await receiver.waitFor(1))[0]?.event);
    expect(event.payment.providerPaymentId).toBe(payment.providerPaymentId);
    await sandbox.idle();
    expect(await store.listUndeliveredEvents()).toEqual([]);
  });
});

describe('sandbox refunds', () => {
  async function paid(): Promise<string> {
    const payment = await sandbox.createPayment(order());
    await sandbox.completeWithTestCard({ providerPaymentId: payment.providerPaymentId, clientSecret: payment.clientSecret ?? '', card: VISA_OK });
    await receiver.waitFor(1);
    return payment.providerPaymentId;
  }

  it('refunds partially, idempotently on our refund id, then sends refund_succeeded', async () => {
    const paymentId = await paid();
    const refund = await sandbox.createRefund({ providerPaymentId: paymentId, refundId: 'rf-1', amountMinor: 900 });
    const again = await sandbox.createRefund({ providerPaymentId: paymentId, refundId: 'rf-1', amountMinor: 900 });
    expect(again.providerRefundId).toBe(refund.providerRefundId);
    expect(refund).toMatchObject({ status: 'pending', amountMinor: 900, refundId: 'rf-1' });
    const deliveries = await receiver.waitFor(2);
    await sandbox.idle();
    expect(receiver.received).toHaveLength(2);
    const event = deliveries[1]?.event;
    if (event?.kind !== 'refund') throw new Error('expected a refund event');
    expect(event.type).toBe('refund_succeeded');
    expect(event.refund).toMatchObject({ providerRefundId: refund.providerRefundId, refundId: 'rf-1', amountMinor: 900, providerPaymentId: paymentId });
    expect((await sandbox.retrieveRefund(refund.providerRefundId)).status).toBe('succeeded');
  });

  it('never refunds more than was captured, even under concurrent requests', async () => {
    const paymentId = await paid();
    const results = await Promise.allSettled(
      ['a', 'b', 'c'].map((id) => sandbox.createRefund({ providerPaymentId: paymentId, refundId: id, amountMinor: 2000 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    await expect(sandbox.createRefund({ providerPaymentId: paymentId, refundId: 'd' })).rejects.toMatchObject({ code: 'IR_13' });
    const rest = await sandbox.createRefund({ providerPaymentId: paymentId, refundId: 'f', amountMinor: 900 });
    expect(rest.amountMinor).toBe(900);
    await expect(sandbox.createRefund({ providerPaymentId: paymentId, refundId: 'e', amountMinor: 1 })).rejects.toMatchObject({
      code: 'IR_13',
    });
  });

  it('refuses to refund a payment that did not succeed', async () => {
    const payment = await sandbox.createPayment(order());
    await expect(sandbox.createRefund({ providerPaymentId: payment.providerPaymentId, refundId: 'rf' })).rejects.toMatchObject({
      code: 'IR_14',
    });
  });
});

describe('test cards', () => {
  const now = new Date('2026-06-15T00:00:00Z');
  it('maps the documented numbers to their outcomes', () => {
    expect(checkTestCard(VISA_OK, now)).toEqual({ result: 'succeeded' });
    expect(checkTestCard({ ...VISA_OK, number: '4000000000009995' }, now)).toMatchObject({ result: 'declined', code: 'insufficient_funds' });
    expect(checkTestCard({ ...VISA_OK, number: '4000-0000-0000-0069' }, now)).toMatchObject({ code: 'expired_card' });
    expect(checkTestCard({ ...VISA_OK, number: '4111111111111111' }, now)).toMatchObject({ code: 'card_not_supported' });
  });
  it('accepts a card until the end of its expiry month', () => {
    expect(checkTestCard({ ...VISA_OK, expMonth: 6, expYear: 2026 }, now)).toEqual({ result: 'succeeded' });
    expect(() => checkTestCard({ ...VISA_OK, expMonth: 5, expYear: 2026 }, now)).toThrow(SandboxCardError);
  });
});
