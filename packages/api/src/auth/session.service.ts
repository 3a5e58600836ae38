import { sessionsRepository, type User } from '@veza/db';
import type { ApiDeps, Context, CookieJar } from '../context.ts';
import { signedInFrom } from './known-device.ts';
import { newRefreshToken, signAccessToken } from './tokens.ts';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  user: { id: string; username: string };
}

/** `cookies`: the browser's, when there is one (the device id cookie tells a new device from a known one). */
type Ctx = Pick<Context, 'deps' | 'em' | 'meta'> & { cookies?: CookieJar | null | undefined };

/** How a session was opened (its first factor): shown in the sessions list. */
export type SessionMethod = 'password' | 'passkey' | `oauth:${string}`;
/** What completed a sign-in after the first factor, for accounts with 2FA. */
export type SessionSecondFactor = 'totp' | 'recovery';

export async function accessTokenFor(deps: ApiDeps, user: Pick<User, 'id' | 'username' | 'role'>, sessionId: string) {
  return signAccessToken(deps.tokens, { userId: user.id, username: user.username, role: user.role, sessionId });
}

/**
 * Opens a session for a fully authenticated user. A fresh sign-in counts as a step-up for a few minutes. A sign-in from
 * a device the account was not seen on before is notified to its owner (auth/known-device.ts).
 */
export async function openSession(ctx: Ctx, user: User, method: SessionMethod, secondFactor: SessionSecondFactor | null = null): Promise<SessionTokens> {
  const refresh = newRefreshToken();
  const now = Date.now();
  const session = await sessionsRepository(ctx.em).create({
    id: crypto.randomUUID(),
    userId: user.id,
    refreshTokenHash: refresh.hash,
    userAgent: ctx.meta.userAgent?.slice(0, 512) ?? null,
    ip: ctx.meta.ip,
    expiresAt: new Date(now + ctx.deps.tokens.sessionTtlSeconds * 1000),
    method,
    secondFactor,
    elevatedUntil: new Date(now + ctx.deps.security.stepUpSeconds * 1000),
  });
  await signedInFrom(ctx, user);
  return {
    accessToken: await accessTokenFor(ctx.deps, user, session.id),
    refreshToken: refresh.token,
    user: { id: user.id, username: user.username },
  };
}

export { SESSION_REVOKED_CHANNEL, type SessionRevokedMessage } from './session-cache.ts';
