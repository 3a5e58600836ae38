import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStripeTestServer, type StripeTestServer } from '../testing/stripe-server.ts';
import { StripeConnectPayouts } from './connect.ts';
import { StripeWebhookSignatureError } from './errors.ts';

interface Received {
  body: Buffer;
  signature: string | undefined;
}

let stripeServer: StripeTestServer;
let receiver: Server;
let receiverUrl: string;
let received: Received[];
let provider: StripeConnectPayouts;

beforeEach(async () => {
  received = [];
  // Stands in for the api's webhook route: keeps the raw bytes, as the real route must.
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const header = req.headers['stripe-signature'];
      received.push({ body: Buffer.concat(chunks), signature: typeof header === 'string' ? header : undefined });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/stripe`;
  stripeServer = await startStripeTestServer({ webhookUrl: receiverUrl });
  provider = new StripeConnectPayouts({
    secretKey: stripeServer.secretKey,
    webhookSecret: stripeServer.webhookSecret,
    apiBaseUrl: stripeServer.url,
    maxNetworkRetries: 0,
  });
});

afterEach(async () => {
  await stripeServer.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

async function completedOnboardingWebhook(): Promise<{ accountId: string; delivery: Received }> {
  const { accountId } = await provider.createConnectedAccount({ sellerId: 'seller-1', email: 'a@example.test', country: 'FR' });
  const result = await stripeServer.completeOnboarding(accountId);
  expect(result?.status).toBe(200);
  const delivery = received[0];
  if (!delivery) throw new Error('no webhook delivered');
  return { accountId, delivery };
}

function signAt(secret: string, payload: string, timestampSec: number): string {
  return `t=${timestampSec},v1=${createHmac('sha256', secret).update(`${timestampSec}.${payload}`).digest('hex')}`;
}

function expectRejected(body: string | Buffer, signature: string | undefined): void {
  expect(() => provider.parseWebhook(body, signature)).toThrow(StripeWebhookSignatureError);
}

describe('Connect webhooks (account.updated)', () => {
  it('accepts the signed delivery and reports the account ready for transfers', async () => {
    const { accountId, delivery } = await completedOnboardingWebhook();
    const event = provider.parseWebhook(delivery.body, delivery.signature);
    expect(event.kind).toBe('account.updated');
    if (event.kind !== 'account.updated') return;
    expect(event.eventId).toMatch(/^evt_/);
    expect(event.account).toMatchObject({
      accountId,
      sellerId: 'seller-1',
      detailsSubmitted: true,
      payoutsEnabled: true,
      readyForTransfers: true,
    });
  });

  it('rejects a body signed with another secret (forged)', async () => {
    const { delivery } = await completedOnboardingWebhook();
    const text = delivery.body.toString('utf8');
    expectRejected(text, signAt('whsec_attacker', text, Math.floor(Date.now() / 1000)));
  });

  it('rejects the event re-serialised from its parsed object (other bytes than were signed)', async () => {
    const { delivery } = await completedOnboardingWebhook();
    const reserialised = JSON.stringify(JSON.parse(delivery.body.toString('utf8')));
    expect(reserialised).not.toBe(delivery.body.toString('utf8'));
    expectRejected(reserialised, delivery.signature);
  });

  it('rejects a tampered body under the original signature', async () => {
    const { delivery } = await completedOnboardingWebhook();
    const tampered = delivery.body.toString('utf8').replace('"payouts_enabled": true', '"payouts_enabled": false');
    expect(tampered).not.toBe(delivery.body.toString('utf8'));
    expectRejected(tampered, delivery.signature);
  });

  it('rejects a missing or empty signature header', async () => {
    const { delivery } = await completedOnboardingWebhook();
    expectRejected(delivery.body, undefined);
    expectRejected(delivery.body, '');
    expect(() => provider.parseWebhook(delivery.body, undefined)).toThrow(
      expect.objectContaining({ reason: 'missing' }) as Error,
    );
  });

  it('rejects a correctly signed but stale delivery (replay after the tolerance)', async () => {
    const { delivery } = await completedOnboardingWebhook();
    const text = delivery.body.toString('utf8');
    expectRejected(text, signAt(stripeServer.webhookSecret, text, Math.floor(Date.now() / 1000) - 3600));
    // The same signature made now verifies: only the age differs.
    expect(provider.parseWebhook(text, signAt(stripeServer.webhookSecret, text, Math.floor(Date.now() / 1000))).kind).toBe(
      'account.updated',
    );
  });

  it('verifies other event types but leaves them to the caller as ignored', () => {
    const payload = JSON.stringify({
      id: 'evt_1',
      object: 'event',
      type: 'payout.paid',
      created: 1_700_000_000,
      data: { object: {} },
    });
    const event = provider.parseWebhook(payload, stripeServer.sign(payload));
    expect(event).toEqual({ kind: 'ignored', eventId: 'evt_1', type: 'payout.paid', createdAt: new Date(1_700_000_000_000) });
  });
});
