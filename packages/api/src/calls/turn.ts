/**
 * ICE servers for WebRTC calls: STUN and TURN URLs from config, with short-lived TURN credentials minted per user
 * by coturn's "TURN REST API" scheme (turnserver --use-auth-secret --static-auth-secret=<secret>): the username is
 * `<unix expiry>:<userId>` and the credential is base64(HMAC-SHA1(secret, username)). coturn checks both and refuses
 * the credential after the expiry, so nothing is stored and a leaked credential dies on its own.
 * Without TURN configured, calls get no ICE servers: they then connect only where the peers reach each other directly
 * (host candidates, e.g. the same LAN).
 */
import { createHmac } from 'node:crypto';

export interface TurnConfig {
  /** turn:, turns: and stun: URLs (validated by the server's config). */
  urls: string[];
  /** The static auth secret shared with coturn; required when a turn:/turns: URL is given. */
  secret: string | undefined;
  /** How long a minted credential works (default 1 hour). */
  ttlSeconds?: number | undefined;
  /** Calls go through TURN only (TURN_RELAY_ONLY): browsers get `iceTransportPolicy: 'relay'`. */
  relayOnly?: boolean | undefined;
}

export const DEFAULT_TURN_TTL_SECONDS = 3600;

/** What RTCPeerConnection takes as `iceServers` (STUN entries carry no credentials). */
export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface IceServers {
  iceServers: IceServer[];
  /** Seconds the TURN credentials stay valid: fetch new ones before then (0 when none were minted). */
  ttlSeconds: number;
  /** `relay` when the server wants every call relayed through TURN (RTCConfiguration.iceTransportPolicy). */
  iceTransportPolicy: 'all' | 'relay';
}

export const isTurnUrl = (url: string) => /^turns?:/i.test(url);
export const isStunUrl = (url: string) => /^stuns?:/i.test(url);

/** coturn's REST credential for `username` (base64 HMAC-SHA1 with the shared secret). */
export const turnCredential = (secret: string, username: string) => createHmac('sha1', secret).update(username).digest('base64');

/** The ICE servers for `userId` at `now` (ms): one STUN entry, one TURN entry with fresh credentials, each only when configured. */
export function mintIceServers(config: TurnConfig, userId: string, now = Date.now()): IceServers {
  const stun = config.urls.filter(isStunUrl);
  const turn = config.urls.filter(isTurnUrl);
  const iceServers: IceServer[] = [];
  if (stun.length > 0) iceServers.push({ urls: stun });
  // Relay-only needs a TURN server to relay through; without one it would forbid every connection.
  if (turn.length === 0 || !config.secret) return { iceServers, ttlSeconds: 0, iceTransportPolicy: 'all' };
  const ttlSeconds = config.ttlSeconds ?? DEFAULT_TURN_TTL_SECONDS;
  const username = `${Math.floor(now / 1000) + ttlSeconds}:${userId}`;
  iceServers.push({ urls: turn, username, credential: turnCredential(config.secret, username) });
  return { iceServers, ttlSeconds, iceTransportPolicy: config.relayOnly ? 'relay' : 'all' };
}
