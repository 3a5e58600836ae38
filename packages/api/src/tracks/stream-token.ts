import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { TokenConfig } from '../auth/tokens.ts';

/**
 * Short-lived signed stream tokens for HLS. The token sits in the URL path
 * (`/media/hls/<trackId>/<expires>.<sig>/master.m3u8`), so the playlists' relative URLs carry it to every
 * rendition and segment with no rewriting, and a CDN or nginx can check it without the database.
 * Expiry is rounded up to the hour so URLs stay stable (and cacheable) for a while.
 */
export const STREAM_TOKEN_TTL_SECONDS = 3 * 3600;
const BUCKET_SECONDS = 3600;

// A KeyObject made once: createHmac with a raw Buffer builds one on every call, which dominated serving.
const keyCache = new WeakMap<TokenConfig, KeyObject>();
const keyOf = (config: TokenConfig) => {
  let key = keyCache.get(config);
  if (!key) {
    key = createSecretKey(createHmac('sha256', config.jwtSecret).update('veza-stream-token-v1').digest());
    keyCache.set(config, key);
  }
  return key;
};

const signature = (config: TokenConfig, trackId: string, expires: number) =>
  createHmac('sha256', keyOf(config)).update(`${trackId}.${expires}`).digest('base64url');

// Tokens are stable for an hour (the expiry bucket): lists sign the same tracks again and again, so remember them.
const signed = new WeakMap<TokenConfig, Map<string, string>>();
const SIGNED_MAX = 10_000;

export function signStreamToken(config: TokenConfig, trackId: string, now = Date.now()): string {
  const expires = Math.ceil((now / 1000 + STREAM_TOKEN_TTL_SECONDS) / BUCKET_SECONDS) * BUCKET_SECONDS;
  let cache = signed.get(config);
  if (!cache) signed.set(config, (cache = new Map()));
  const key = `${trackId}.${expires}`;
  let token = cache.get(key);
  if (token === undefined) {
    if (cache.size >= SIGNED_MAX) cache.clear();
    token = `${expires}.${signature(config, trackId, expires)}`;
    cache.set(key, token);
  }
  return token;
}

/** True when the token was signed for this track and has not expired. */
export function verifyStreamToken(config: TokenConfig, trackId: string, token: string, now = Date.now()): boolean {
  const match = /^(\d{10})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const expires = Number(match[1]);
  if (expires * 1000 <= now) return false;
  const expected = Buffer.from(signature(config, trackId, expires));
  const given = Buffer.from(match[2] ?? '');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export const hlsMasterUrl = (config: TokenConfig, trackId: string) =>
  `/media/hls/${trackId}/${signStreamToken(config, trackId)}/master.m3u8`;
