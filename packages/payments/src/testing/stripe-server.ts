// A local stand-in for the parts of the Stripe API that Veza's payouts use (Connect Express accounts, account links,
// transfers, transfer reversals, the platform balance), written from Stripe's API reference for tests: the official
// `stripe` SDK is pointed at it (`host`/`port`/`protocol`) and never reaches the network.
//
// What it reproduces: form-encoded request bodies with bracket keys, `Authorization: Bearer sk_test_…`, Stripe-shaped
// objects and error bodies (`{ error: { type, code, message, param } }`), idempotency keys (same key and parameters →
// the first response replayed with `Idempotent-Replayed: true`; same key with other parameters or another endpoint →
// a 400 `idempotency_error`; results are saved once the endpoint starts executing, so a `balance_insufficient` error
// is replayed too, while parameter validation errors and injected faults are not saved), a platform balance that
// transfers draw on and reversals give back, and signed `account.updated` webhooks (`Stripe-Signature: t=…,v1=…`,
// HMAC-SHA256 of `${t}.${body}`).
//
// Test controls, as methods and as HTTP routes under `/_test/` (same bearer key, JSON bodies) for tests that run the
// server in another process: set the available balance, complete an account's onboarding (and deliver the webhook),
// make the next N `/v1` requests fail (HTTP 500, a dropped connection before anything runs, or a dropped connection
// after the request ran and its result was saved). Account links point at a small hosted onboarding page on this
// server (`/connect/onboarding/…`) whose button completes onboarding and redirects to the link's `return_url`.

import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const STRIPE_TEST_API_VERSION = '2026-11-18.endive';

export type StripeFormValue = string | { [key: string]: StripeFormValue };
export type StripeForm = { [key: string]: StripeFormValue };

export interface StripeRequirements {
  currently_due: string[];
  eventually_due: string[];
  past_due: string[];
  pending_verification: string[];
  disabled_reason: string | null;
  current_deadline: number | null;
  errors: { code: string; reason: string; requirement: string }[];
}

export interface StripeTestAccount {
  id: string;
  object: 'account';
  type: string;
  email: string | null;
  country: string;
  default_currency: string;
  created: number;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  capabilities: Record<string, 'active' | 'inactive' | 'pending'>;
  requirements: StripeRequirements;
  metadata: Record<string, string>;
  business_type: string | null;
  livemode: false;
}

export interface StripeTestReversal {
  id: string;
  object: 'transfer_reversal';
  amount: number;
  currency: string;
  created: number;
  transfer: string;
  balance_transaction: string;
  destination_payment_refund: string;
  source_refund: null;
  metadata: Record<string, string>;
}

export interface StripeTestTransfer {
  id: string;
  object: 'transfer';
  amount: number;
  amount_reversed: number;
  currency: string;
  created: number;
  description: string | null;
  destination: string;
  destination_payment: string;
  balance_transaction: string;
  livemode: false;
  metadata: Record<string, string>;
  reversed: boolean;
  source_transaction: null;
  source_type: 'card';
  transfer_group: string | null;
  reversals: { object: 'list'; data: StripeTestReversal[]; has_more: false; total_count: number; url: string };
}

export interface StripeTestEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  account: string;
  type: string;
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  data: { object: StripeTestAccount; previous_attributes: Record<string, unknown> };
}

export type StripeFaultMode = 'http_500' | 'network_drop' | 'drop_after_execution';

export interface StripeRecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  /** The response status, or null when the connection was dropped before an answer. */
  status: number | null;
  replayed: boolean;
}

export interface WebhookDelivery {
  url: string;
  status: number | null;
  error: string | null;
  event: StripeTestEvent;
  body: string;
  signature: string;
}

export interface StripeTestServerOptions {
  /** The secret key requests must carry (default `sk_test_veza_local`). */
  secretKey?: string;
  /** The webhook endpoint's signing secret (default `whsec_veza_local`). */
  webhookSecret?: string;
  /** Where `account.updated` webhooks are delivered (can also be given per call). */
  webhookUrl?: string;
  /** Initial available platform balance per currency, in minor units (e.g. `{ eur: 100_000 }`). */
  availableBalance?: Record<string, number>;
}

export interface StripeTestServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly secretKey: string;
  readonly webhookSecret: string;
  /** The SDK options that point `new Stripe(key, options)` at this server. */
  readonly sdkOptions: { host: string; port: number; protocol: 'http' };
  setWebhookUrl(url: string | null): void;
  setAvailableBalance(currency: string, amountMinor: number): void;
  availableBalance(currency: string): number;
  /** Marks the account onboarded (details submitted, transfers active) and delivers a signed `account.updated`. */
  completeOnboarding(accountId: string, options?: { webhookUrl?: string }): Promise<WebhookDelivery | null>;
  /** Makes the next `count` `/v1` requests (optionally only those whose path starts with `pathPrefix`) fail. */
  failNext(count: number, mode: StripeFaultMode, pathPrefix?: string): void;
  accounts(): StripeTestAccount[];
  transfers(): StripeTestTransfer[];
  requests(): StripeRecordedRequest[];
  webhookDeliveries(): WebhookDelivery[];
  /** Signs a payload the way Stripe does (for tests that build their own webhook). */
  sign(payload: string, timestampSec?: number): string;
  close(): Promise<void>;
}

interface ApiError {
  status: number;
  type: string;
  message: string;
  code?: string;
  param?: string;
  /** Whether the idempotency layer keeps this answer (true once the endpoint started executing). */
  saved: boolean;
}

interface ApiResult {
  status: number;
  body: unknown;
  saved: boolean;
}

interface SavedIdempotentResult {
  method: string;
  path: string;
  params: string;
  status: number;
  body: string;
  requestId: string;
}

interface AccountLinkRecord {
  token: string;
  account: string;
  refreshUrl: string;
  returnUrl: string;
  expiresAt: number;
  used: boolean;
}

interface Fault {
  mode: StripeFaultMode;
  pathPrefix: string | undefined;
}

const nowSec = (): number => Math.floor(Date.now() / 1000);

const randomId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

const ONBOARDING_REQUIREMENTS = [
  'business_type',
  'external_account',
  'individual.dob.day',
  'individual.email',
  'individual.first_name',
  'individual.last_name',
  'tos_acceptance.date',
  'tos_acceptance.ip',
];

class StripeApiFailure extends Error {
  readonly apiError: ApiError;
  constructor(apiError: ApiError) {
    super(apiError.message);
    this.apiError = apiError;
  }
}

const fail = (error: ApiError): never => {
  throw new StripeApiFailure(error);
};

const invalid = (message: string, extra: Partial<ApiError> = {}): never =>
  fail({ status: 400, type: 'invalid_request_error', message, saved: false, ...extra });

/** Parses an `application/x-www-form-urlencoded` body with Stripe's bracket keys (`a[b][c]=v`) into nested objects. */
export function parseStripeForm(body: string): StripeForm {
  const root: StripeForm = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const first = rawKey.indexOf('[');
    const segments =
      first === -1
        ? [rawKey]
        : [rawKey.slice(0, first), ...Array.from(rawKey.slice(first).matchAll(/\[([^\]]*)\]/g), (m) => m[1] ?? '')];
    let node: StripeForm = root;
    segments.forEach((segment, index) => {
      if (index === segments.length - 1) {
        node[segment] = value;
        return;
      }
      const next = node[segment];
      if (typeof next === 'object') {
        node = next;
      } else {
        const created: StripeForm = {};
        node[segment] = created;
        node = created;
      }
    });
  }
  return root;
}

const stableStringify = (value: StripeFormValue): string =>
  typeof value === 'string'
    ? JSON.stringify(value)
    : `{${Object.keys(value)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${stableStringify(value[key] ?? '')}`)
        .join(',')}}`;

const str = (form: StripeForm, key: string): string | undefined => {
  const value = form[key];
  return typeof value === 'string' ? value : undefined;
};

const metadataOf = (form: StripeForm): Record<string, string> => {
  const raw = form['metadata'];
  const out: Record<string, string> = {};
  if (raw === undefined || raw === '') return out;
  if (typeof raw === 'string') return invalid('Invalid metadata: must be an object', { param: 'metadata' });
  const keys = Object.keys(raw);
  if (keys.length > 50) invalid('Invalid metadata: at most 50 keys', { param: 'metadata' });
  for (const key of keys) {
    const value = raw[key];
    if (typeof value !== 'string') return invalid(`Invalid metadata[${key}]: must be a string`, { param: 'metadata' });
    if (key.length > 40) invalid(`Invalid metadata key ${key}: at most 40 characters`, { param: 'metadata' });
    if (value.length > 500) invalid(`Invalid metadata[${key}]: at most 500 characters`, { param: 'metadata' });
    if (value !== '') out[key] = value;
  }
  return out;
};

const positiveInteger = (form: StripeForm, key: string): number | undefined => {
  const raw = str(form, key);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) return invalid(`Invalid integer: ${raw}`, { param: key, code: 'parameter_invalid_integer' });
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    return invalid('This value must be greater than or equal to 1.', { param: key, code: 'parameter_invalid_integer' });
  }
  return value;
};

const required = (form: StripeForm, key: string): string => {
  const value = str(form, key);
  if (value === undefined || value === '') {
    return invalid(`Missing required param: ${key}.`, { param: key, code: 'parameter_missing' });
  }
  return value;
};

const currencyOf = (form: StripeForm): string => {
  const currency = required(form, 'currency').toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) invalid(`Invalid currency: ${currency}.`, { param: 'currency' });
  return currency;
};

const isUrl = (value: string): boolean => {
  try {
    const parsed = new URL(value);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
};

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Starts the server on 127.0.0.1 with a random port. */
export async function startStripeTestServer(options: StripeTestServerOptions = {}): Promise<StripeTestServer> {
  const secretKey = options.secretKey ?? 'sk_test_veza_local';
  const webhookSecret = options.webhookSecret ?? 'whsec_veza_local';
  let webhookUrl: string | null = options.webhookUrl ?? null;

  const balance = new Map<string, number>(Object.entries(options.availableBalance ?? {}));
  const accounts = new Map<string, StripeTestAccount>();
  const transfers = new Map<string, StripeTestTransfer>();
  const accountLinks = new Map<string, AccountLinkRecord>();
  const idempotency = new Map<string, SavedIdempotentResult>();
  const requestLog: StripeRecordedRequest[] = [];
  const deliveries: WebhookDelivery[] = [];
  const faults: Fault[] = [];
  let baseUrl = '';

  const sign = (payload: string, timestampSec: number = nowSec()): string => {
    const digest = createHmac('sha256', webhookSecret).update(`${timestampSec}.${payload}`, 'utf8').digest('hex');
    return `t=${timestampSec},v1=${digest}`;
  };

  const getAccount = (id: string): StripeTestAccount => {
    const account = accounts.get(id);
    if (!account) {
      return fail({
        status: 404,
        type: 'invalid_request_error',
        code: 'resource_missing',
        param: 'account',
        message: `No such account: '${id}'`,
        saved: false,
      });
    }
    return account;
  };

  const getTransfer = (id: string): StripeTestTransfer => {
    const transfer = transfers.get(id);
    if (!transfer) {
      return fail({
        status: 404,
        type: 'invalid_request_error',
        code: 'resource_missing',
        param: 'id',
        message: `No such transfer: '${id}'`,
        saved: false,
      });
    }
    return transfer;
  };

  const createAccount = (form: StripeForm): StripeTestAccount => {
    const type = str(form, 'type') ?? 'express';
    if (!['express', 'standard', 'custom'].includes(type)) invalid(`Invalid type: ${type}`, { param: 'type' });
    const country = (str(form, 'country') ?? 'US').toUpperCase();
    if (!/^[A-Z]{2}$/.test(country)) invalid(`Invalid country: ${country}`, { param: 'country' });
    const email = str(form, 'email') ?? null;
    if (email !== null && !/^[^@\s]+@[^@\s]+$/.test(email)) {
      invalid('Invalid email address.', { param: 'email', code: 'email_invalid' });
    }
    const metadata = metadataOf(form);
    const capabilities: Record<string, 'active' | 'inactive' | 'pending'> = {};
    const requested = form['capabilities'];
    if (typeof requested === 'object') {
      for (const [name, value] of Object.entries(requested)) {
        if (typeof value === 'object' && value['requested'] === 'true') capabilities[name] = 'inactive';
      }
    }
    const account: StripeTestAccount = {
      id: randomId('acct'),
      object: 'account',
      type,
      email,
      country,
      default_currency: country === 'US' ? 'usd' : country === 'GB' ? 'gbp' : 'eur',
      created: nowSec(),
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      capabilities,
      requirements: {
        currently_due: [...ONBOARDING_REQUIREMENTS],
        eventually_due: [...ONBOARDING_REQUIREMENTS],
        past_due: [...ONBOARDING_REQUIREMENTS],
        pending_verification: [],
        disabled_reason: 'requirements.past_due',
        current_deadline: null,
        errors: [],
      },
      metadata,
      business_type: null,
      livemode: false,
    };
    accounts.set(account.id, account);
    return account;
  };

  const createAccountLink = (form: StripeForm): unknown => {
    const account = getAccount(required(form, 'account'));
    const type = required(form, 'type');
    if (type !== 'account_onboarding' && type !== 'account_update') {
      invalid(`Invalid type: must be one of account_onboarding or account_update`, { param: 'type' });
    }
    const refreshUrl = required(form, 'refresh_url');
    const returnUrl = required(form, 'return_url');
    if (!isUrl(refreshUrl)) invalid('Not a valid URL', { param: 'refresh_url', code: 'url_invalid' });
    if (!isUrl(returnUrl)) invalid('Not a valid URL', { param: 'return_url', code: 'url_invalid' });
    const token = randomBytes(16).toString('hex');
    const created = nowSec();
    const link: AccountLinkRecord = { token, account: account.id, refreshUrl, returnUrl, expiresAt: created + 300, used: false };
    accountLinks.set(token, link);
    return {
      object: 'account_link',
      created,
      expires_at: link.expiresAt,
      url: `${baseUrl}/connect/onboarding/${account.id}/${token}`,
    };
  };

  const createTransfer = (form: StripeForm): StripeTestTransfer => {
    const amount = positiveInteger(form, 'amount');
    if (amount === undefined) return invalid('Missing required param: amount.', { param: 'amount', code: 'parameter_missing' });
    const currency = currencyOf(form);
    const destinationId = required(form, 'destination');
    const metadata = metadataOf(form);
    const destination = accounts.get(destinationId);
    if (!destination) {
      return invalid(`No such destination: '${destinationId}'`, { param: 'destination', code: 'resource_missing' });
    }
    // From here on the endpoint runs: its outcome is saved under the idempotency key, failures included.
    if (destination.capabilities['transfers'] !== 'active') {
      return fail({
        status: 400,
        type: 'invalid_request_error',
        code: 'insufficient_capabilities_for_transfer',
        param: 'destination',
        message:
          'Your destination account needs to have at least one of the following capabilities enabled: ' +
          'transfers, crypto_transfers, legacy_payments',
        saved: true,
      });
    }
    const available = balance.get(currency) ?? 0;
    if (available < amount) {
      return fail({
        status: 400,
        type: 'invalid_request_error',
        code: 'balance_insufficient',
        message:
          'You have insufficient available funds in your Stripe account. Try adding funds directly to your ' +
          'available balance by creating Charges using the 4000000000000077 test card.',
        saved: true,
      });
    }
    balance.set(currency, available - amount);
    const id = randomId('tr');
    const transfer: StripeTestTransfer = {
      id,
      object: 'transfer',
      amount,
      amount_reversed: 0,
      currency,
      created: nowSec(),
      description: str(form, 'description') ?? null,
      destination: destination.id,
      destination_payment: randomId('py'),
      balance_transaction: randomId('txn'),
      livemode: false,
      metadata,
      reversed: false,
      source_transaction: null,
      source_type: 'card',
      transfer_group: str(form, 'transfer_group') ?? null,
      reversals: { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/transfers/${id}/reversals` },
    };
    transfers.set(id, transfer);
    return transfer;
  };

  const createReversal = (transferId: string, form: StripeForm): StripeTestReversal => {
    const transfer = getTransfer(transferId);
    const requested = positiveInteger(form, 'amount');
    const metadata = metadataOf(form);
    const remaining = transfer.amount - transfer.amount_reversed;
    if (remaining === 0) {
      return invalid(`Transfer ${transfer.id} has already been reversed.`, { saved: true });
    }
    const amount = requested ?? remaining;
    if (amount > remaining) {
      return invalid(`Amount (${amount}) is greater than the amount that can be reversed (${remaining}).`, {
        param: 'amount',
        saved: true,
      });
    }
    const reversal: StripeTestReversal = {
      id: randomId('trr'),
      object: 'transfer_reversal',
      amount,
      currency: transfer.currency,
      created: nowSec(),
      transfer: transfer.id,
      balance_transaction: randomId('txn'),
      destination_payment_refund: randomId('pyr'),
      source_refund: null,
      metadata,
    };
    transfer.amount_reversed += amount;
    transfer.reversed = transfer.amount_reversed === transfer.amount;
    transfer.reversals.data.unshift(reversal);
    transfer.reversals.total_count += 1;
    balance.set(transfer.currency, (balance.get(transfer.currency) ?? 0) + amount);
    return reversal;
  };

  const listTransfers = (query: StripeForm): unknown => {
    const limitRaw = str(query, 'limit');
    const limit = limitRaw === undefined ? 10 : Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) invalid('Invalid limit', { param: 'limit' });
    const group = str(query, 'transfer_group');
    const destination = str(query, 'destination');
    const matching = [...transfers.values()]
      .reverse()
      .filter((t) => group === undefined || t.transfer_group === group)
      .filter((t) => destination === undefined || t.destination === destination);
    // Newest first; `starting_after` continues after the given transfer (the SDK's auto-pagination uses it).
    const after = str(query, 'starting_after');
    const start = after === undefined ? 0 : matching.findIndex((t) => t.id === after) + 1;
    if (after !== undefined && start === 0) invalid(`No such transfer: '${after}'`, { param: 'starting_after' });
    const page = matching.slice(start, start + limit);
    return { object: 'list', data: page, has_more: matching.length > start + limit, url: '/v1/transfers' };
  };

  const balanceObject = (): unknown => ({
    object: 'balance',
    livemode: false,
    available: [...balance.entries()].map(([currency, amount]) => ({ amount, currency, source_types: { card: amount } })),
    pending: [...balance.keys()].map((currency) => ({ amount: 0, currency, source_types: { card: 0 } })),
  });

  const deliverAccountUpdated = async (
    account: StripeTestAccount,
    previous: Record<string, unknown>,
    url: string | null,
  ): Promise<WebhookDelivery | null> => {
    if (url === null) return null;
    const event: StripeTestEvent = {
      id: randomId('evt'),
      object: 'event',
      api_version: STRIPE_TEST_API_VERSION,
      created: nowSec(),
      account: account.id,
      type: 'account.updated',
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: structuredClone(account), previous_attributes: previous },
    };
    // Stripe sends pretty-printed JSON: a verifier must use these exact bytes, never a re-serialised object.
    const body = JSON.stringify(event, null, 2);
    const signature = sign(body);
    const delivery: WebhookDelivery = { url, status: null, error: null, event, body, signature };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': signature,
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
        body,
      });
      delivery.status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    }
    deliveries.push(delivery);
    return delivery;
  };

  const completeOnboarding = (accountId: string, url: string | null): Promise<WebhookDelivery | null> => {
    const account = getAccount(accountId);
    const previous = {
      charges_enabled: account.charges_enabled,
      payouts_enabled: account.payouts_enabled,
      details_submitted: account.details_submitted,
      capabilities: { ...account.capabilities },
      requirements: structuredClone(account.requirements),
    };
    account.charges_enabled = true;
    account.payouts_enabled = true;
    account.details_submitted = true;
    account.business_type = 'individual';
    account.capabilities['transfers'] = 'active';
    account.requirements = {
      currently_due: [],
      eventually_due: [],
      past_due: [],
      pending_verification: [],
      disabled_reason: null,
      current_deadline: null,
      errors: [],
    };
    return deliverAccountUpdated(account, previous, url);
  };

  const route = (method: string, path: string, form: StripeForm): ApiResult => {
    const ok = (body: unknown): ApiResult => ({ status: 200, body, saved: true });
    if (method === 'POST' && path === '/v1/accounts') return ok(createAccount(form));
    if (method === 'POST' && path === '/v1/account_links') return ok(createAccountLink(form));
    if (method === 'POST' && path === '/v1/transfers') return ok(createTransfer(form));
    if (method === 'GET' && path === '/v1/transfers') return ok(listTransfers(form));
    if (method === 'GET' && path === '/v1/balance') return ok(balanceObject());
    let match = /^\/v1\/accounts\/([^/]+)$/.exec(path);
    if (match && method === 'GET') return ok(getAccount(decodeURIComponent(match[1] ?? '')));
    match = /^\/v1\/transfers\/([^/]+)$/.exec(path);
    if (match && method === 'GET') return ok(getTransfer(decodeURIComponent(match[1] ?? '')));
    match = /^\/v1\/transfers\/([^/]+)\/reversals$/.exec(path);
    if (match && method === 'POST') return ok(createReversal(decodeURIComponent(match[1] ?? ''), form));
    if (match && method === 'GET') {
      const transfer = getTransfer(decodeURIComponent(match[1] ?? ''));
      return ok({ ...transfer.reversals });
    }
    return fail({
      status: 404,
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: ${path}).`,
      saved: false,
    });
  };

  const readBody = (req: IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const sendJson = (res: ServerResponse, status: number, body: string, headers: Record<string, string>): void => {
    res.writeHead(status, {
      'content-type': 'application/json',
      'stripe-version': STRIPE_TEST_API_VERSION,
      ...headers,
    });
    res.end(body);
  };

  const errorBody = (error: ApiError): string =>
    JSON.stringify({
      error: {
        type: error.type,
        message: error.message,
        ...(error.code === undefined ? {} : { code: error.code, doc_url: `https://stripe.com/docs/error-codes/${error.code}` }),
        ...(error.param === undefined ? {} : { param: error.param }),
      },
    });

  const authorised = (req: IncomingMessage): boolean => {
    const header = req.headers.authorization ?? '';
    return header === `Bearer ${secretKey}`;
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void> => {
    const method = req.method ?? 'GET';
    const rawBody = await readBody(req);
    const idempotencyKey = method === 'POST' ? (req.headers['idempotency-key'] as string | undefined) ?? null : null;
    const record: StripeRecordedRequest = { method, path, idempotencyKey, status: null, replayed: false };
    requestLog.push(record);
    const requestId = randomId('req');

    const faultIndex = faults.findIndex((f) => f.pathPrefix === undefined || path.startsWith(f.pathPrefix));
    const fault = faultIndex === -1 ? undefined : faults.splice(faultIndex, 1)[0];
    if (fault?.mode === 'network_drop') {
      req.socket.destroy();
      return;
    }
    const refuse = (status: number, type: string, message: string, extraHeaders: Record<string, string> = {}): void => {
      record.status = status;
      sendJson(res, status, JSON.stringify({ error: { type, message } }), { 'request-id': requestId, ...extraHeaders });
    };
    if (fault?.mode === 'http_500') {
      refuse(500, 'api_error', 'An unknown error occurred (injected by the test server).');
      return;
    }

    if (!authorised(req)) {
      refuse(
        401,
        'invalid_request_error',
        req.headers.authorization === undefined || req.headers.authorization === ''
          ? 'You did not provide an API key. You need to provide your API key in the Authorization header, ' +
              "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
          : 'Invalid API Key provided.',
      );
      return;
    }

    const contentType = req.headers['content-type'] ?? '';
    if (rawBody !== '' && !contentType.startsWith('application/x-www-form-urlencoded')) {
      refuse(400, 'invalid_request_error', 'Invalid request: the body must be form-encoded.');
      return;
    }
    const form = parseStripeForm(method === 'GET' ? query : rawBody);
    const params = stableStringify(form);

    if (idempotencyKey !== null) {
      if (idempotencyKey.length > 255) {
        refuse(400, 'invalid_request_error', 'Idempotency keys are at most 255 characters.');
        return;
      }
      const saved = idempotency.get(idempotencyKey);
      if (saved) {
        if (saved.method !== method || saved.path !== path || saved.params !== params) {
          refuse(
            400,
            'idempotency_error',
            'Keys for idempotent requests can only be used with the same parameters they were first used with. ' +
              `Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            { 'idempotency-key': idempotencyKey },
          );
          return;
        }
        record.status = saved.status;
        record.replayed = true;
        sendJson(res, saved.status, saved.body, {
          'request-id': saved.requestId,
          'idempotency-key': idempotencyKey,
          'idempotent-replayed': 'true',
        });
        return;
      }
    }

    let result: { status: number; body: string; saved: boolean };
    try {
      const ok = route(method, path, form);
      result = { status: ok.status, body: JSON.stringify(ok.body), saved: ok.saved };
    } catch (error) {
      if (!(error instanceof StripeApiFailure)) throw error;
      result = { status: error.apiError.status, body: errorBody(error.apiError), saved: error.apiError.saved };
    }
    if (idempotencyKey !== null && result.saved && method === 'POST') {
      idempotency.set(idempotencyKey, { method, path, params, status: result.status, body: result.body, requestId });
    }
    if (fault?.mode === 'drop_after_execution') {
      req.socket.destroy();
      return;
    }
    record.status = result.status;
    sendJson(res, result.status, result.body, {
      'request-id': requestId,
      ...(idempotencyKey === null ? {} : { 'idempotency-key': idempotencyKey }),
    });
  };

  const handleOnboardingPage = async (
    req: IncomingMessage,
    res: ServerResponse,
    accountId: string,
    token: string,
  ): Promise<void> => {
    const link = accountLinks.get(token);
    if (!link || link.account !== accountId) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Unknown onboarding link');
      return;
    }
    if (link.used || link.expiresAt < nowSec()) {
      // An expired or already visited link sends the seller to refresh_url, where the platform makes a new one.
      res.writeHead(303, { location: link.refreshUrl });
      res.end();
      return;
    }
    if (req.method === 'POST') {
      await readBody(req);
      link.used = true;
      await completeOnboarding(accountId, webhookUrl);
      res.writeHead(303, { location: link.returnUrl });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe test onboarding</title></head><body>` +
        `<main><h1>Connect onboarding (test server)</h1><p>Account ${escapeHtml(accountId)}</p>` +
        `<form method="post"><button type="submit">Complete onboarding</button></form></main></body></html>`,
    );
  };

  const handleControl = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!authorised(req)) return reply(401, { error: 'unauthorised' });
    if (req.method !== 'POST') return reply(405, { error: 'POST only' });
    let input: Record<string, unknown>;
    try {
      const raw = await readBody(req);
      const parsed: unknown = raw === '' ? {} : JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null) return reply(400, { error: 'JSON object expected' });
      input = parsed as Record<string, unknown>;
    } catch {
      return reply(400, { error: 'invalid JSON' });
    }
    if (path === '/_test/balance') {
      const { currency, amount } = input;
      if (typeof currency !== 'string' || typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) {
        return reply(400, { error: 'currency (string) and amount (integer ≥ 0) expected' });
      }
      server.setAvailableBalance(currency, amount);
      return reply(200, balanceObject());
    }
    if (path === '/_test/faults') {
      const { count, mode, pathPrefix } = input;
      const modes: StripeFaultMode[] = ['http_500', 'network_drop', 'drop_after_execution'];
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || !modes.includes(mode as StripeFaultMode)) {
        return reply(400, { error: 'count (integer) and mode expected' });
      }
      server.failNext(count, mode as StripeFaultMode, typeof pathPrefix === 'string' ? pathPrefix : undefined);
      return reply(200, { pending: faults.length });
    }
    const match = /^\/_test\/accounts\/([^/]+)\/complete_onboarding$/.exec(path);
    if (match) {
      const accountId = decodeURIComponent(match[1] ?? '');
      if (!accounts.has(accountId)) return reply(404, { error: 'no such account' });
      const url = typeof input['webhookUrl'] === 'string' ? input['webhookUrl'] : webhookUrl;
      const delivery = await completeOnboarding(accountId, url);
      return reply(200, { account: accounts.get(accountId), webhookStatus: delivery?.status ?? null });
    }
    return reply(404, { error: 'unknown control route' });
  };

  const httpServer: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const onboarding = /^\/connect\/onboarding\/([^/]+)\/([^/]+)$/.exec(path);
    const work = path.startsWith('/v1/')
      ? handleApi(req, res, path, url.search.slice(1))
      : path.startsWith('/_test/')
        ? handleControl(req, res, path)
        : onboarding
          ? handleOnboardingPage(req, res, decodeURIComponent(onboarding[1] ?? ''), onboarding[2] ?? '')
          : Promise.resolve().then(() => {
              res.writeHead(404, { 'content-type': 'text/plain' });
              res.end('Not found');
            });
    work.catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { type: 'api_error', message: error instanceof Error ? error.message : 'error' } }));
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  const server: StripeTestServer = {
    url: baseUrl,
    port,
    secretKey,
    webhookSecret,
    sdkOptions: { host: '127.0.0.1', port, protocol: 'http' },
    setWebhookUrl(url) {
      webhookUrl = url;
    },
    setAvailableBalance(currency, amountMinor) {
      if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) throw new RangeError('amountMinor must be an integer ≥ 0');
      balance.set(currency.toLowerCase(), amountMinor);
    },
    availableBalance(currency) {
      return balance.get(currency.toLowerCase()) ?? 0;
    },
    completeOnboarding(accountId, callOptions) {
      if (!accounts.has(accountId)) return Promise.reject(new Error(`No such account: ${accountId}`));
      return completeOnboarding(accountId, callOptions?.webhookUrl ?? webhookUrl);
    },
    failNext(count, mode, pathPrefix) {
      for (let i = 0; i < count; i += 1) faults.push({ mode, pathPrefix });
    },
    accounts: () => [...accounts.values()].map((a) => structuredClone(a)),
    transfers: () => [...transfers.values()].map((t) => structuredClone(t)),
    requests: () => requestLog.map((r) => ({ ...r })),
    webhookDeliveries: () => [...deliveries],
    sign,
    close: () =>
      new Promise<void>((resolve, reject) => {
        httpServer.closeAllConnections();
        httpServer.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return server;
}
