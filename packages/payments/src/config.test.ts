import { describe, expect, it } from 'vitest';
import { parsePaymentsConfig } from './config.ts';

const hyperswitch = {
  HYPERSWITCH_BASE_URL: 'https://sandbox.hyperswitch.io',
  HYPERSWITCH_API_KEY: 'snd_secret_api_key',
  HYPERSWITCH_PUBLISHABLE_KEY: 'pk_snd_publishable',
  HYPERSWITCH_WEBHOOK_KEY: 'payment_response_hash_key_0123456789',
};

describe('parsePaymentsConfig', () => {
  it('uses the sandbox by default, with a random key unless one is set', () => {
    const a = parsePaymentsConfig({});
    const b = parsePaymentsConfig({ HYPERSWITCH_BASE_URL: '  ' });
    expect(a.kind).toBe('sandbox');
    expect(b.kind).toBe('sandbox');
    expect(a.webhookKey).not.toBe(b.webhookKey);
    expect(parsePaymentsConfig({ PAYMENTS_SANDBOX_WEBHOOK_KEY: 'shared-sandbox-key-0123' }).webhookKey).toBe('shared-sandbox-key-0123');
  });

  it('uses Hyperswitch when its base URL is set', () => {
    expect(parsePaymentsConfig({ ...hyperswitch, NODE_ENV: 'production' })).toEqual({
      kind: 'hyperswitch',
      baseUrl: 'https://sandbox.hyperswitch.io',
      apiKey: 'snd_secret_api_key',
      publishableKey: 'pk_snd_publishable',
      webhookKey: 'payment_response_hash_key_0123456789',
      timeoutMs: 15_000,
    });
  });

  it('refuses production without the webhook key, and allows it elsewhere', () => {
    const { HYPERSWITCH_WEBHOOK_KEY: _omit, ...withoutKey } = hyperswitch;
    expect(() => parsePaymentsConfig({ ...withoutKey, NODE_ENV: 'production' })).toThrow(/HYPERSWITCH_WEBHOOK_KEY: required in production/);
    expect(parsePaymentsConfig({ ...withoutKey, NODE_ENV: 'development' })).toMatchObject({ kind: 'hyperswitch', webhookKey: undefined });
  });

  it('lists every missing or invalid variable', () => {
    expect(() => parsePaymentsConfig({ HYPERSWITCH_BASE_URL: 'https://h.example' })).toThrow(
      /HYPERSWITCH_API_KEY: required[\s\S]*HYPERSWITCH_PUBLISHABLE_KEY: required/,
    );
    expect(() => parsePaymentsConfig({ ...hyperswitch, HYPERSWITCH_BASE_URL: 'ftp://h.example' })).toThrow(/HYPERSWITCH_BASE_URL/);
    expect(() => parsePaymentsConfig({ ...hyperswitch, HYPERSWITCH_TIMEOUT_MS: 'soon' })).toThrow(/HYPERSWITCH_TIMEOUT_MS/);
  });
});
