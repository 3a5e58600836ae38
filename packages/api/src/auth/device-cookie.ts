// "Known device" cookie (OWASP: slow down online guessing attacks with device cookies): after a successful
// sign-in the browser gets an httpOnly cookie, signed with a key derived from the server secret and bound
// to the account. A sign-in carrying it skips the per-account lockout, so an attacker guessing passwords
// cannot lock the real user out of their usual device. It grants nothing else: the password is still checked.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { ApiDeps, CookieJar } from '../context.ts';

export const DEVICE_COOKIE = 'veza_dev';
const MAX_AGE_SECONDS = 365 * 24 * 3600;

const keys = new WeakMap<ApiDeps['tokens'], Buffer>();
const keyOf = (tokens: ApiDeps['tokens']) => {
  let key = keys.get(tokens);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', tokens.jwtSecret, 'veza', 'veza/device-cookie/v1', 32));
    keys.set(tokens, key);
  }
  return key;
};

const sign = (deps: Pick<ApiDeps, 'tokens'>, payload: string) => createHmac('sha256', keyOf(deps.tokens)).update(payload).digest('base64url');

/** `<userId>.<issuedAt>.<nonce>.<mac>` */
export function makeDeviceCookie(deps: Pick<ApiDeps, 'tokens'>, userId: string, now = Date.now()): string {
  const payload = `${userId}.${Math.floor(now / 1000)}.${crypto.randomUUID()}`;
  return `${payload}.${sign(deps, payload)}`;
}

/** The device's id (its nonce) when `value` is a genuine, unexpired device cookie for `userId`; null otherwise. */
export function verifyDeviceCookie(deps: Pick<ApiDeps, 'tokens'>, value: string | undefined, userId: string, now = Date.now()): string | null {
  if (!value || value.length > 200) return null;
  const parts = value.split('.');
  if (parts.length !== 4) return null;
  const [owner = '', issued = '', nonce = '', mac = ''] = parts;
  const expected = Buffer.from(sign(deps, `${owner}.${issued}.${nonce}`));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const issuedAt = Number(issued) * 1000;
  if (owner !== userId || !Number.isFinite(issuedAt) || issuedAt > now + 60_000 || now - issuedAt > MAX_AGE_SECONDS * 1000) return null;
  return nonce;
}

/** Remembers this browser as a known device of `userId` (replacing a cookie for another account). */
export function setDeviceCookie(deps: ApiDeps, jar: CookieJar | null, userId: string): void {
  jar?.set(DEVICE_COOKIE, makeDeviceCookie(deps, userId), { maxAgeSeconds: MAX_AGE_SECONDS, sameSite: 'strict' });
}
