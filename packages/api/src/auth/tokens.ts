import { createHash, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { UserRole } from '@veza/db';

export interface TokenConfig {
  /** HMAC secret for access tokens, at least 32 characters. */
  jwtSecret: string;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  /** Absolute lifetime of a session; refresh rotation never extends it. */
  sessionTtlSeconds: number;
  /** A session not used for this long ends (default 14 days). */
  idleTimeoutSeconds?: number | undefined;
}

export interface AccessClaims {
  userId: string;
  sessionId: string;
  username: string;
  role: UserRole;
}

const ALG = 'HS256';
const keyCache = new WeakMap<TokenConfig, Uint8Array>();
const keyOf = (config: TokenConfig) => {
  let key = keyCache.get(config);
  if (!key) {
    key = new TextEncoder().encode(config.jwtSecret);
    keyCache.set(config, key);
  }
  return key;
};

export async function signAccessToken(config: TokenConfig, claims: AccessClaims): Promise<string> {
  return new SignJWT({ sid: claims.sessionId, usr: claims.username, role: claims.role })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(`${config.accessTokenTtlSeconds}s`)
    .sign(keyOf(config));
}

/** Verifies signature (HS256 only), issuer, audience and expiry; null for any invalid token. */
// A client sends the same access token with every call until it expires: check its signature once, then only its
// expiry. (Whether its session is still live is the session check's job, on every call.)
const verified = new WeakMap<TokenConfig, Map<string, { claims: AccessClaims; expiresAt: number }>>();
const VERIFIED_MAX = 10_000;

export async function verifyAccessToken(config: TokenConfig, token: string): Promise<AccessClaims | null> {
  let cache = verified.get(config);
  if (!cache) verified.set(config, (cache = new Map()));
  const known = cache.get(token);
  if (known) {
    if (known.expiresAt > Date.now()) return known.claims;
    cache.delete(token);
    return null;
  }
  try {
    const { payload } = await jwtVerify(token, keyOf(config), {
      algorithms: [ALG],
      issuer: config.issuer,
      audience: config.audience,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    const { sub, sid, usr, role, exp } = payload;
    if (typeof sub !== 'string' || typeof sid !== 'string' || typeof usr !== 'string' || typeof role !== 'string') return null;
    const claims: AccessClaims = Object.freeze({ userId: sub, sessionId: sid, username: usr, role: role as UserRole });
    if (typeof exp === 'number') {
      if (cache.size >= VERIFIED_MAX) cache.delete(cache.keys().next().value ?? '');
      cache.set(token, { claims, expiresAt: exp * 1000 });
    }
    return claims;
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}

/** An opaque refresh token (256 random bits) and the SHA-256 we store instead of it. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export const hashRefreshToken = (token: string) => createHash('sha256').update(token).digest('hex');
