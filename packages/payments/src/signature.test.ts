import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebhookSignatureError } from './provider.ts';
import { SIGNATURE_HEADER, signWebhookBody, verifyWebhookSignature } from './signature.ts';

const KEY = 'whsec_0123456789abcdef0123456789abcdef';
const body = Buffer.from('{"event_id":"evt_1","event_type":"payment_succeeded","content":{"type":"payment_details"}}');
const signature = createHmac('sha512', KEY).update(body).digest('hex');

function reason(run: () => void): string {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookSignatureError) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('webhook signature (HMAC-SHA512 over the raw bytes)', () => {
  it('signs as hex HMAC-SHA512 and accepts the exact bytes', () => {
    expect(signWebhookBody(body, KEY)).toBe(signature);
    expect(reason(() => verifyWebhookSignature({ body, headers: { [SIGNATURE_HEADER]: signature } }, KEY))).toBe('accepted');
  });

  it('accepts upper-case hex and any header-name case', () => {
    const headers = { 'X-Webhook-Signature-512': signature.toUpperCase() };
    expect(reason(() => verifyWebhookSignature({ body, headers }, KEY))).toBe('accepted');
  });

  it('rejects a missing or empty header', () => {
    expect(reason(() => verifyWebhookSignature({ body, headers: {} }, KEY))).toBe('missing');
    expect(reason(() => verifyWebhookSignature({ body, headers: { [SIGNATURE_HEADER]: '' } }, KEY))).toBe('missing');
  });

  it('rejects a forged signature, a truncated one and non-hex text', () => {
    const forged = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
    for (const value of [forged, signature.slice(0, 64), 'not-hex-at-all']) {
      expect(reason(() => verifyWebhookSignature({ body, headers: { [SIGNATURE_HEADER]: value } }, KEY))).toBe(
        'mismatch',
      );
    }
  });

  it('rejects the same JSON re-serialised with different bytes', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 2));
    expect(JSON.parse(reserialised.toString())).toEqual(JSON.parse(body.toString()));
    expect(
      reason(() => verifyWebhookSignature({ body: reserialised, headers: { [SIGNATURE_HEADER]: signature } }, KEY)),
    ).toBe('mismatch');
  });

  it('rejects a signature made with another key', () => {
    const other = createHmac('sha512', `${KEY}x`).update(body).digest('hex');
    expect(reason(() => verifyWebhookSignature({ body, headers: { [SIGNATURE_HEADER]: other } }, KEY))).toBe('mismatch');
  });

  it('rejects an HMAC-SHA256 signature in the 512 header', () => {
    const sha256 = createHmac('sha256', KEY).update(body).digest('hex');
    expect(reason(() => verifyWebhookSignature({ body, headers: { [SIGNATURE_HEADER]: sha256 } }, KEY))).toBe('mismatch');
  });
});
