// The Stripe test server on the wire (raw HTTP), for what the SDK-level tests do not show.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseStripeForm, startStripeTestServer, type StripeTestServer } from '../testing/stripe-server.ts';

let server: StripeTestServer;

beforeEach(async () => {
  server = await startStripeTestServer({ availableBalance: { eur: 10_000 } });
});

afterEach(async () => {
  await server.close();
});

const form = (body: Record<string, string>): string => new URLSearchParams(body).toString();

async function call(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${server.secretKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

async function onboardedAccount(): Promise<string> {
  const created = await call(
    'POST',
    '/v1/accounts',
    form({ type: 'express', country: 'FR', 'capabilities[transfers][requested]': 'true' }),
  );
  const id = String(created.json['id']);
  await server.completeOnboarding(id);
  return id;
}

describe('parseStripeForm', () => {
  it('nests bracket keys the way the SDK encodes them', () => {
    expect(
      parseStripeForm('amount=100&metadata[order_id]=o%201&capabilities[transfers][requested]=true&expand[0]=destination'),
    ).toEqual({
      amount: '100',
      metadata: { order_id: 'o 1' },
      capabilities: { transfers: { requested: 'true' } },
      expand: { '0': 'destination' },
    });
  });
});

describe('Stripe test server', () => {
  it('requires the secret key as a bearer token', async () => {
    const missing = await call('GET', '/v1/balance', undefined, { authorization: '' });
    expect(missing.status).toBe(401);
    expect(missing.json).toMatchObject({ error: { type: 'invalid_request_error' } });
    const wrong = await call('GET', '/v1/balance', undefined, { authorization: 'Bearer sk_test_other' });
    expect(wrong.status).toBe(401);
    expect((await call('GET', '/v1/balance')).status).toBe(200);
  });

  it('answers Stripe-shaped errors for missing parameters and unknown routes', async () => {
    const missing = await call('POST', '/v1/transfers', form({ currency: 'eur', destination: 'acct_x' }));
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ error: { type: 'invalid_request_error', code: 'parameter_missing', param: 'amount' } });
    const unknown = await call('GET', '/v1/charges');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('replays the first answer for the same key and parameters, and refuses the key with other parameters', async () => {
    const destination = await onboardedAccount();
    const body = form({ amount: '100', currency: 'eur', destination });
    const first = await call('POST', '/v1/transfers', body, { 'idempotency-key': 'k1' });
    const again = await call('POST', '/v1/transfers', body, { 'idempotency-key': 'k1' });
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const otherBody = form({ amount: '101', currency: 'eur', destination });
    const other = await call('POST', '/v1/transfers', otherBody, { 'idempotency-key': 'k1' });
    expect(other.status).toBe(400);
    expect(other.json).toMatchObject({ error: { type: 'idempotency_error' } });
    const otherEndpoint = await call('POST', '/v1/accounts', form({ type: 'express' }), { 'idempotency-key': 'k1' });
    expect(otherEndpoint.json).toMatchObject({ error: { type: 'idempotency_error' } });
    expect(server.transfers()).toHaveLength(1);
  });

  it('does not save validation errors or injected 500s under the key', async () => {
    const destination = await onboardedAccount();
    const bad = await call('POST', '/v1/transfers', form({ currency: 'eur', destination }), { 'idempotency-key': 'k2' });
    expect(bad.status).toBe(400);
    server.failNext(1, 'http_500');
    const body = form({ amount: '100', currency: 'eur', destination });
    expect((await call('POST', '/v1/transfers', body, { 'idempotency-key': 'k3' })).status).toBe(500);
    const ok = await call('POST', '/v1/transfers', body, { 'idempotency-key': 'k3' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('idempotent-replayed')).toBeNull();
  });

  it('drops the connection when told to', async () => {
    server.failNext(1, 'network_drop');
    await expect(call('GET', '/v1/balance')).rejects.toThrow();
    expect((await call('GET', '/v1/balance')).status).toBe(200);
  });

  it('serves a hosted onboarding page that completes onboarding and redirects to return_url once', async () => {
    const created = await call('POST', '/v1/accounts', form({ type: 'express', 'capabilities[transfers][requested]': 'true' }));
    const accountId = String(created.json['id']);
    const link = await call(
      'POST',
      '/v1/account_links',
      form({
        account: accountId,
        refresh_url: 'https://veza.test/refresh',
        return_url: 'https://veza.test/done',
        type: 'account_onboarding',
      }),
    );
    const url = String(link.json['url']);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Complete onboarding');

    const submitted = await fetch(url, { method: 'POST', redirect: 'manual' });
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get('location')).toBe('https://veza.test/done');
    expect(server.accounts()[0]).toMatchObject({ details_submitted: true, capabilities: { transfers: 'active' } });

    const reused = await fetch(url, { redirect: 'manual' });
    expect(reused.status).toBe(303);
    expect(reused.headers.get('location')).toBe('https://veza.test/refresh');
  });

  it('exposes its controls over HTTP for tests in another process', async () => {
    const json = { authorization: `Bearer ${server.secretKey}`, 'content-type': 'application/json' };
    const control = (path: string, body: unknown): Promise<Response> =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
    const balance = await control('/_test/balance', { currency: 'usd', amount: 42 });
    expect(balance.status).toBe(200);
    expect(server.availableBalance('usd')).toBe(42);

    const created = await call('POST', '/v1/accounts', form({ type: 'express', 'capabilities[transfers][requested]': 'true' }));
    const accountId = String(created.json['id']);
    const completed = await control(`/_test/accounts/${accountId}/complete_onboarding`, {});
    expect(completed.status).toBe(200);
    expect(server.accounts()[0]?.payouts_enabled).toBe(true);

    const faults = await control('/_test/faults', { count: 1, mode: 'http_500' });
    expect(faults.status).toBe(200);
    expect((await call('GET', '/v1/balance')).status).toBe(500);

    const unauthorised = await fetch(`${server.url}/_test/balance`, { method: 'POST', body: '{}' });
    expect(unauthorised.status).toBe(401);
  });
});
