import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (TOTP secrets): AES-256-GCM under the server's 32-byte key, with a fresh 96-bit IV
 * each time. `context` is bound as additional authenticated data (e.g. `totp:<userId>`), so a ciphertext
 * copied into another row does not decrypt. Format: `v1.` + base64url(iv ‖ ciphertext ‖ tag).
 */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function checkKey(key: Uint8Array) {
  if (key.byteLength !== 32) throw new Error('The encryption key must be 32 bytes.');
}

export function encryptSecret(key: Uint8Array, plaintext: Uint8Array, context: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
}

/** Throws when the value was tampered with, belongs to another context or was made with another key. */
export function decryptSecret(key: Uint8Array, sealed: string, context: string): Uint8Array {
  checkKey(key);
  const [version, payload] = sealed.split('.');
  if (version !== VERSION || !payload) throw new Error('Unknown encrypted secret format.');
  const raw = Buffer.from(payload, 'base64url');
  if (raw.byteLength < IV_BYTES + TAG_BYTES) throw new Error('Encrypted secret is truncated.');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(raw.subarray(raw.byteLength - TAG_BYTES));
  return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.byteLength - TAG_BYTES)), decipher.final()]));
}

/** Hex SHA-256: how tickets and recovery codes are stored (they carry enough entropy for a fast hash). */
export const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
