// Web push configuration and the rule deciding which endpoints the server may call (its SSRF guard): only https
// endpoints of the known push services, or of push services the operator names (PUSH_SERVICE_ORIGINS).
import { isIP } from 'node:net';
import type { Agent } from 'node:https';

/** The server's VAPID identity (RFC 8292): a P-256 key pair in base64url and a contact (mailto: or https:). */
export interface VapidKeys {
  /** 65-byte uncompressed public key, base64url: what the browser's `pushManager.subscribe` takes. */
  publicKey: string;
  /** 32-byte private key, base64url. */
  privateKey: string;
  subject: string;
}

export interface PushConfig {
  /** Null: push is off (production without VAPID keys). */
  vapid: VapidKeys | null;
  /**
   * Exact https origins trusted as push services besides the known ones (a self-hosted push service; a test's
   * local one). Nothing else is ever trusted by default.
   */
  serviceOrigins?: readonly string[] | undefined;
  /** The agent for push requests (e.g. one trusting a self-hosted push service's private CA). */
  agent?: Agent | undefined;
  /** How long a push service keeps an undelivered message (default a day). */
  ttlSeconds?: number | undefined;
  /** Pushes in flight at once per `pushToUser` (default 8). */
  concurrency?: number | undefined;
  /** Limit of one request to a push service (default 10 s). */
  timeoutMs?: number | undefined;
  /** Where delivery problems are reported (they are never thrown). */
  log?: ((line: string) => void) | undefined;
}

/** Push services browsers use: Chrome and Edge's FCM, Firefox's autopush, Safari's, and Windows' WNS. */
export const KNOWN_PUSH_HOSTS = ['fcm.googleapis.com', 'updates.push.services.mozilla.com', 'web.push.apple.com'] as const;
export const KNOWN_PUSH_HOST_SUFFIXES = ['.notify.windows.com'] as const;

const isKnownPushHost = (hostname: string) =>
  (KNOWN_PUSH_HOSTS as readonly string[]).includes(hostname) || KNOWN_PUSH_HOST_SUFFIXES.some((suffix) => hostname.endsWith(suffix) && hostname.length > suffix.length);

/**
 * Why the server refuses to send to `endpoint` (a message for people), or null when it may. Refused: anything not
 * https, user names or passwords in the URL, and unless its exact origin is one of `serviceOrigins`: ports other
 * than 443, IP addresses and local names (`localhost`, `*.localhost`), and hosts that are not known push services.
 */
export function endpointRefusal(endpoint: string, serviceOrigins: readonly string[] = []): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'The push endpoint must be a web address.';
  }
  if (url.protocol !== 'https:') return 'Push endpoints must use https.';
  if (url.username || url.password) return 'Push endpoints cannot carry a user name or password.';
  if (serviceOrigins.includes(url.origin)) return null;
  // The URL parser drops the default port, so any port left is another one.
  if (url.port !== '') return 'Push endpoints must use the standard https port.';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 || host === 'localhost' || host.endsWith('.localhost')) return 'Push endpoints cannot point at an IP address or a local machine.';
  if (!isKnownPushHost(host)) return 'This push service is not supported.';
  return null;
}
