// Hyperswitch's webhook signature: hex HMAC-SHA512 of the exact body bytes under the profile's
// `payment_response_hash_key`, in the `x-webhook-signature-512` header. The sandbox signs the same way.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookSignatureError, type RawWebhook } from './provider.ts';

export const SIGNATURE_HEADER = 'x-webhook-signature-512';

export function signWebhookBody(body: Uint8Array | string, key: string): string {
  return createHmac('sha512', key).update(body).digest('hex');
}

function headerValue(headers: RawWebhook['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Throws `WebhookSignatureError` unless the header holds the HMAC of exactly these bytes (constant-time compare). */
export function verifyWebhookSignature(raw: RawWebhook, key: string): void {
  const given = headerValue(raw.headers, SIGNATURE_HEADER)?.trim();
  if (!given) throw new WebhookSignatureError('missing');
  const expected = Buffer.from(signWebhookBody(raw.body, key), 'hex');
  const actual = /^[0-9a-fA-F]+$/.test(given) ? Buffer.from(given, 'hex') : Buffer.alloc(0);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new WebhookSignatureError('mismatch');
  }
}
