// Hyperswitch ids chosen by us. `payment_id` and `refund_id` are exactly 30 characters in the spec and make their
// create calls idempotent, so they are derived from our idempotency key / refund id: a retried create asks for the
// same id, and Hyperswitch answers "already exists" instead of charging or refunding twice.
import { createHash } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Uint8Array, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= 0xff;
  }
  return out;
}

function derive(prefix: string, namespace: string, key: string): string {
  const digest = createHash('sha256').update(`${namespace}\0${key}`).digest();
  return prefix + base32(digest, 30 - prefix.length);
}

/** `pay_` + 26 base32 characters (130 bits) of sha256 over the idempotency key. */
export function hyperswitchPaymentId(idempotencyKey: string): string {
  return derive('pay_', 'veza-payment', idempotencyKey);
}

/** `ref_` + 26 base32 characters of sha256 over our refund id. */
export function hyperswitchRefundId(refundId: string): string {
  return derive('ref_', 'veza-refund', refundId);
}
