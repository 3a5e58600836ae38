import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/** RFC 6238 with the parameters every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** Codes from the previous and the next step are accepted too (clock drift). */
export const TOTP_WINDOW = 1;

export const newTotpSecret = () => new Secret({ size: 20 });

export function totpFor(secret: Secret, issuer: string, label: string) {
  return new TOTP({ issuer, label, secret, ...TOTP_PARAMS });
}

/** The time step `code` belongs to (within ±window of now), or null when it is not a valid code. */
export function matchTotpStep(secretBytes: Uint8Array, code: string, now = Date.now()): number | null {
  const secret = new Secret({ buffer: secretBytes.slice().buffer });
  const delta = TOTP.validate({ token: code, secret, timestamp: now, window: TOTP_WINDOW, ...TOTP_PARAMS });
  if (delta === null) return null;
  return TOTP.counter({ period: TOTP_PARAMS.period, timestamp: now }) + delta;
}

/** The enrolment QR code, an <svg> document. */
export const qrSvg = (otpauthUrl: string) => QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

/** No 0/o, 1/l/i: easy to read back from paper. 31^10 ≈ 2^49.5 per code. */
const RECOVERY_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
export const RECOVERY_CODE_COUNT = 10;

/** One recovery code, as shown: xxxxx-xxxxx. */
export function newRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** The form a code is hashed in: lower case, no dash or spaces (the validator produces the same). */
export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]+/g, '');
