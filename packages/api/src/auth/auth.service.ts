import { setTimeout } from 'node:timers/promises';
import { sessionsRepository, UniqueViolation, usersRepository, type User } from '@veza/db';
import type { LoginInput, RegisterInput } from '@veza/validators';
import { sendVerificationMail } from '../account/account.service.ts';
import { usernameAvailability } from '../account/username.ts';
import type { Context, Viewer } from '../context.ts';
import { DomainError, unauthorized } from '../errors.ts';
import { startSecondFactor, type SecondFactorMethod } from '../mfa/mfa.service.ts';
import { audit } from '../security/audit.ts';
import { retryMessage } from '../security/rate-limits.ts';
import { toMe, type MeDto } from '../users/users.dto.ts';
import { DEVICE_COOKIE, setDeviceCookie, verifyDeviceCookie } from './device-cookie.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { sessionsRevoked } from './invalidate.ts';
import { accessTokenFor, openSession, type SessionTokens } from './session.service.ts';
import { hashRefreshToken, newRefreshToken } from './tokens.ts';

export type { SessionTokens } from './session.service.ts';

type Ctx = Pick<Context, 'deps' | 'em' | 'meta'>;

const TAKEN = {
  email: 'An account with this email already exists.',
  username: 'This username is already taken.',
};

export async function register(ctx: Ctx, input: RegisterInput): Promise<SessionTokens> {
  await ctx.deps.limits.consume('register_ip', ctx.meta.ip ?? 'unknown');
  const users = usersRepository(ctx.em);
  const taken = await users.isTaken(input.email, input.username);
  if (taken.email || taken.username) {
    const fieldErrors: Record<string, string[]> = {};
    if (taken.email) fieldErrors.email = [TAKEN.email];
    if (taken.username) fieldErrors.username = [TAKEN.username];
    throw new DomainError('CONFLICT', taken.email ? TAKEN.email : TAKEN.username, fieldErrors);
  }
  // Reserved names and look-alikes (of reserved names or of existing users, by confusable skeleton).
  const name = await usernameAvailability(ctx.em, input.username);
  if (!name.available) throw new DomainError(name.reason === 'invalid' ? 'BAD_REQUEST' : 'CONFLICT', name.message, { username: [name.message] });
  const passwordHash = await hashPassword(input.password);
  let user: User;
  try {
    user = await users.create({ id: crypto.randomUUID(), email: input.email, username: name.username, usernameSkeleton: name.skeleton, passwordHash });
  } catch (error) {
    // Lost a race with a concurrent sign-up for the same name.
    if (error instanceof UniqueViolation) throw new DomainError('CONFLICT', TAKEN[error.field], { [error.field]: [TAKEN[error.field]] });
    throw error;
  }
  await audit(ctx, 'account.created', { actorId: user.id });
  // The account exists whatever happens to the mail: a failed send must not fail sign-up; the user can
  // ask for the link again (account.sendVerification) from the banner shown while the address is unconfirmed.
  await sendVerificationMail(ctx, user, input.language).catch(() => undefined);
  ctx.deps.metrics?.userRegistered('password');
  return openSession(ctx, user, 'password');
}

const BAD_LOGIN = 'Incorrect email, username or password.';

export type LoginResult =
  | { kind: 'session'; tokens: SessionTokens }
  | { kind: 'second_factor'; ticket: string; methods: SecondFactorMethod[] };

/** No email or username holds control characters (and PostgreSQL text cannot hold NUL): such a login matches nobody. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

export async function login(ctx: Ctx & Pick<Context, 'cookies'>, input: LoginInput): Promise<LoginResult> {
  const user = CONTROL.test(input.login) ? null : await usersRepository(ctx.em).byLogin(input.login);
  // Counters are per account when it exists (email and username share one), per typed login otherwise.
  const attempt = { ip: ctx.meta.ip, login: user?.id ?? input.login, device: user ? verifyDeviceCookie(ctx.deps, ctx.cookies?.get(DEVICE_COOKIE), user.id) : null };
  const gate = await ctx.deps.limits.login.check(attempt);
  if (gate.throttled) {
    const { limit, retryAfterSeconds, knownDevice } = gate.throttled;
    await audit(ctx, 'login.throttled', { subjectId: user?.id ?? null }, { limit, retryAfterSeconds, knownDevice });
    throw new DomainError('TOO_MANY_REQUESTS', retryMessage(retryAfterSeconds), undefined, 'rate_limited');
  }
  if (gate.delayMs > 0) await setTimeout(gate.delayMs);
  // Always run one argon2 verification so unknown users, locked users and wrong passwords take alike time.
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok || user.lockedAt) {
    await ctx.deps.limits.login.failed(attempt);
    await audit(ctx, 'login.failed', { subjectId: user?.id ?? null }, { reason: !user ? 'unknown_user' : user.lockedAt && ok ? 'locked' : 'bad_password' });
    throw unauthorized(BAD_LOGIN);
  }
  await ctx.deps.limits.login.succeeded(attempt);
  // The password was right: this browser is a known device of the account, even if a second factor follows.
  setDeviceCookie(ctx.deps, ctx.cookies, user.id);
  if (user.totpEnabledAt) return { kind: 'second_factor', ...(await startSecondFactor(ctx, user, 'password')) };
  await audit(ctx, 'login.succeeded', { actorId: user.id }, { method: 'password' });
  ctx.deps.metrics?.login('password');
  return { kind: 'session', tokens: await openSession(ctx, user, 'password') };
}

const ENDED = 'Your session has ended. Please sign in again.';
/** Sessions unused for two weeks end (ASVS inactivity timeout); the absolute lifetime still applies. */
const DEFAULT_IDLE_SECONDS = 14 * 24 * 3600;

/**
 * Rotates the refresh token: the old one stops working, the session keeps its absolute expiry.
 * A refresh token that was already rotated away is a replay (stolen or leaked): the whole session dies.
 */
export async function refresh(ctx: Ctx, refreshToken: string | undefined): Promise<SessionTokens> {
  if (!refreshToken) throw unauthorized(ENDED);
  const now = new Date();
  const hash = hashRefreshToken(refreshToken);
  const sessions = sessionsRepository(ctx.em);
  const session = await sessions.byRefreshHash(hash, now);
  if (!session) {
    const family = await sessions.issuedTo(hash);
    if (family && !family.revokedAt) {
      await sessions.revoke(family.id, now, 'reuse');
      await sessionsRevoked(ctx.deps, [family.id]);
      await audit(ctx, 'session.reuse_detected', { subjectId: family.user.id }, { sessionId: family.id });
    }
    throw unauthorized(ENDED);
  }
  // Inactivity timeout: a session nobody used for this long ends even before its absolute expiry.
  if (now.getTime() - session.lastUsedAt.getTime() > (ctx.deps.tokens.idleTimeoutSeconds ?? DEFAULT_IDLE_SECONDS) * 1000) {
    if (await sessions.revoke(session.id, now, 'idle')) await sessionsRevoked(ctx.deps, [session.id]);
    throw unauthorized(ENDED);
  }
  const next = newRefreshToken();
  if (!(await sessions.rotate(session.id, hash, next.hash, now))) throw unauthorized(ENDED);
  const user = session.user;
  if (user.lockedAt) throw unauthorized(ENDED);
  return {
    accessToken: await accessTokenFor(ctx.deps, user, session.id),
    refreshToken: next.token,
    user: { id: user.id, username: user.username },
  };
}

/** Ends the session named by the access token, or else by the refresh token. Always succeeds. */
export async function logout(ctx: Ctx, viewer: Viewer | null, refreshToken: string | undefined): Promise<void> {
  const sessions = sessionsRepository(ctx.em);
  const now = new Date();
  const ended: string[] = [];
  if (viewer && (await sessions.revoke(viewer.sessionId, now, 'logout'))) ended.push(viewer.sessionId);
  if (refreshToken) {
    const session = await sessions.byRefreshHash(hashRefreshToken(refreshToken), now);
    if (session && (await sessions.revoke(session.id, now, 'logout'))) ended.push(session.id);
  }
  await sessionsRevoked(ctx.deps, ended);
  if (ended.length) await audit(ctx, 'logout', { actorId: viewer?.id ?? null });
}

/**
 * The viewer's own account. Served from the session cache when it holds it (no database round trip: every
 * writer of a field shown here calls accountsChanged or usersChanged); read and cached otherwise.
 */
export async function me(ctx: Ctx, viewer: Viewer): Promise<MeDto> {
  const cache = ctx.deps.sessionCache;
  const cached = cache.getAccount(viewer.id);
  if (cached) return cached;
  const generation = cache.generation();
  const account = await usersRepository(ctx.em).accountRow(viewer.id);
  if (!account) throw unauthorized('Your account no longer exists.');
  const dto = toMe(account, ctx.deps.security.deletionGraceDays);
  cache.setAccount(viewer.id, dto, generation);
  return dto;
}
