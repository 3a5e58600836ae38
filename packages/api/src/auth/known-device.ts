// Which device a sign-in comes from, for "new sign-in from a new device" notices (issue 12). A browser gets a random
// device id in a long-lived httpOnly cookie at its first sign-in (any account: one browser is one device whoever signs
// in on it); clients that keep no cookies are told apart by browser family and network (/24 for IPv4, /48 for IPv6).
// Only a hash of the id is stored, per account. The first device an account is seen on (its sign-up, or its first
// sign-in since devices are remembered) is learned quietly; after that, each new one is notified, once.
import { createHash, randomBytes } from 'node:crypto';
import { knownDevicesRepository, type User } from '@veza/db';
import type { Context, CookieJar } from '../context.ts';
import { describeDevice } from '../notifications/new-sign-in.mail.ts';
import { newSignInNotice } from '../notifications/new-sign-in.ts';

export const DEVICE_ID_COOKIE = 'veza_device';
const MAX_AGE_SECONDS = 400 * 24 * 3600;
const ID = /^[A-Za-z0-9_-]{32}$/;

/** The network part of an address: a.b.c for IPv4 (also IPv4-mapped IPv6), the first three groups for IPv6. */
function networkOf(ip: string | null): string {
  if (!ip) return '';
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}`;
  return ip.toLowerCase().split(':').slice(0, 3).join(':');
}

/** This browser's device id (set now when it has none), or, without cookies, its browser family and network. */
function deviceKey(ctx: Pick<Context, 'meta'> & { cookies?: CookieJar | null | undefined }): string {
  const jar = ctx.cookies;
  if (jar) {
    const current = jar.get(DEVICE_ID_COOKIE);
    const id = current && ID.test(current) ? current : randomBytes(24).toString('base64url');
    // Lax: the cookie must come along on the OAuth provider's redirect back (a cross-site top-level navigation).
    jar.set(DEVICE_ID_COOKIE, id, { maxAgeSeconds: MAX_AGE_SECONDS, sameSite: 'lax' });
    return `cookie:${id}`;
  }
  const ua = ctx.meta.userAgent ?? '';
  return `net:${describeDevice(ua, 'en') ?? ua.slice(0, 200)}|${networkOf(ctx.meta.ip)}`;
}

/**
 * Records the device of a sign-in that just opened a session; a device the account was not seen on before (and not
 * its first) gets the account a notice in the centre and a mail. Never fails the sign-in.
 */
export async function signedInFrom(ctx: Pick<Context, 'deps' | 'em' | 'meta'> & { cookies?: CookieJar | null | undefined }, user: Pick<User, 'id'>): Promise<void> {
  try {
    const hash = createHash('sha256').update(deviceKey(ctx)).digest('hex');
    const seen = await knownDevicesRepository(ctx.em).seen(user.id, hash, ctx.meta.userAgent?.slice(0, 512) ?? null);
    if (seen === 'new') newSignInNotice(ctx.deps, user.id, ctx.meta, new Date());
  } catch {
    // A notice is not worth a failed sign-in: the session is open, the audit log has it.
  }
}
