import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from './crypto.ts';
import { matchTotpStep, newRecoveryCode, newTotpSecret, normaliseRecoveryCode, totpFor } from './totp.ts';

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 Appendix B, SHA-1 rows: the ASCII secret "12345678901234567890", 8 digits, 30 s.
  const secret = Secret.fromLatin1('12345678901234567890');
  const vectors: [number, string][] = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];
  it.each(vectors)('T = %d s gives %s', (seconds, code) => {
    const totp = new TOTP({ secret, algorithm: 'SHA1', digits: 8, period: 30 });
    expect(totp.generate({ timestamp: seconds * 1000 })).toBe(code);
    expect(totp.validate({ token: code, timestamp: seconds * 1000, window: 0 })).toBe(0);
  });

  it('accepts the previous, current and next step and reports which one', () => {
    const s = newTotpSecret();
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 30_000);
    const at = (t: number) => totpFor(s, 'Veza', 'ana').generate({ timestamp: t });
    expect(matchTotpStep(s.bytes, at(now), now)).toBe(step);
    expect(matchTotpStep(s.bytes, at(now - 30_000), now)).toBe(step - 1);
    expect(matchTotpStep(s.bytes, at(now + 30_000), now)).toBe(step + 1);
    expect(matchTotpStep(s.bytes, at(now - 60_000), now)).toBeNull();
    expect(matchTotpStep(s.bytes, at(now + 60_000), now)).toBeNull();
  });

  it('builds an otpauth URL for authenticator apps', () => {
    const s = newTotpSecret();
    const url = new URL(totpFor(s, 'Veza', 'ana').toString());
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(s.base32);
    expect(url.searchParams.get('issuer')).toBe('Veza');
    expect(url.searchParams.get('digits')).toBe('6');
    expect(url.searchParams.get('period')).toBe('30');
    expect(decodeURIComponent(url.pathname)).toContain('Veza:ana');
  });
});

describe('secret encryption (AES-256-GCM)', () => {
  const key = new Uint8Array(32).fill(1);
  const plain = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

  it('round-trips and never repeats a ciphertext', () => {
    const a = encryptSecret(key, plain, 'totp:u1');
    const b = encryptSecret(key, plain, 'totp:u1');
    expect(a).not.toBe(b);
    expect(Array.from(decryptSecret(key, a, 'totp:u1'))).toEqual(Array.from(plain));
  });

  it('refuses another context, another key or a tampered value', () => {
    const sealed = encryptSecret(key, plain, 'totp:u1');
    expect(() => decryptSecret(key, sealed, 'totp:u2')).toThrow();
    expect(() => decryptSecret(new Uint8Array(32).fill(2), sealed, 'totp:u1')).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[14] = (raw[14] ?? 0) ^ 1;
    expect(() => decryptSecret(key, `v1.${raw.toString('base64url')}`, 'totp:u1')).toThrow();
    expect(() => encryptSecret(new Uint8Array(16), plain, 'x')).toThrow(/32 bytes/);
  });
});

describe('recovery codes', () => {
  it('are 10 readable characters grouped in two, and all different', () => {
    const codes = Array.from({ length: 200 }, newRecoveryCode);
    for (const code of codes) expect(code).toMatch(/^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(normaliseRecoveryCode(' ABCDE-fghjk ')).toBe('abcdefghjk');
  });
});
