// One-click unsubscribe tokens (RFC 8058) for notification mails: signed with a key derived from the server secret,
// bound to one account, one kind (or the digest: `digest` in the kind's place) and the email channel, valid for
// UNSUBSCRIBE_TTL_MS. They work signed out: the mail
// client POSTs `List-Unsubscribe=One-Click` to the link of the List-Unsubscribe header, with nothing but the token.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { NotificationKind } from '@veza/db';
import type { ApiDeps } from '../context.ts';
import { KINDS } from './notifications.kinds.ts';

/** How long an unsubscribe link works (mails are read, and acted on, long after they arrive). */
export const UNSUBSCRIBE_TTL_MS = 180 * 24 * 3600 * 1000;
/** The web page of the link in the mail's footer (it asks for confirmation, then calls notifications.unsubscribe). */
export const UNSUBSCRIBE_PAGE_PATH = '/unsubscribe';
/** The HTTP endpoint of the List-Unsubscribe header, for the server to serve: POST `List-Unsubscribe=One-Click`. */
export const UNSUBSCRIBE_HTTP_PATH = '/api/notifications/unsubscribe';

const keys = new WeakMap<ApiDeps['tokens'], Buffer>();
const keyOf = (tokens: ApiDeps['tokens']) => {
  let key = keys.get(tokens);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', tokens.jwtSecret, 'veza', 'veza/unsubscribe/v1', 32));
    keys.set(tokens, key);
  }
  return key;
};
const sign = (deps: Pick<ApiDeps, 'tokens'>, payload: string) => createHmac('sha256', keyOf(deps.tokens)).update(payload).digest('base64url');

/** What a token unsubscribes from: a kind's mails, or the digest. */
export type UnsubscribeTopic = NotificationKind | 'digest';
const TOPICS: readonly string[] = [...KINDS, 'digest'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `u1.<userId>.<kind|digest>.email.<expires (s)>.<mac>` */
export function makeUnsubscribeToken(deps: Pick<ApiDeps, 'tokens'>, userId: string, kind: UnsubscribeTopic, now = Date.now()): string {
  const payload = `u1.${userId}.${kind}.email.${Math.floor((now + UNSUBSCRIBE_TTL_MS) / 1000)}`;
  return `${payload}.${sign(deps, payload)}`;
}

export type UnsubscribeCheck = { ok: true; userId: string; kind: UnsubscribeTopic } | { ok: false; reason: 'invalid' | 'expired' };

/** Checks a token: genuine (signature first, in constant time), well-formed, unexpired. */
export function readUnsubscribeToken(deps: Pick<ApiDeps, 'tokens'>, token: string, now = Date.now()): UnsubscribeCheck {
  const parts = token.split('.');
  if (parts.length !== 6) return { ok: false, reason: 'invalid' };
  const [version = '', userId = '', kind = '', channel = '', expires = '', mac = ''] = parts;
  const expected = Buffer.from(sign(deps, parts.slice(0, 5).join('.')));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  if (version !== 'u1' || channel !== 'email' || !UUID.test(userId) || !TOPICS.includes(kind) || !/^[0-9]{1,12}$/.test(expires)) return { ok: false, reason: 'invalid' };
  if (Number(expires) * 1000 < now) return { ok: false, reason: 'expired' };
  return { ok: true, userId, kind: kind as UnsubscribeTopic };
}

/** The links a notification mail carries: the footer's page, and the one-click endpoint of the header. */
export function unsubscribeLinks(deps: Pick<ApiDeps, 'tokens' | 'security'>, userId: string, kind: UnsubscribeTopic) {
  const token = makeUnsubscribeToken(deps, userId, kind);
  const page = new URL(UNSUBSCRIBE_PAGE_PATH, deps.security.appOrigin);
  page.searchParams.set('token', token);
  const oneClick = new URL(UNSUBSCRIBE_HTTP_PATH, deps.security.appOrigin);
  oneClick.searchParams.set('token', token);
  return { page: page.toString(), oneClick: oneClick.toString() };
}
