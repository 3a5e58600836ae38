import { sessionsRepository, UniqueViolation, usersRepository, type User } from '@veza/db';
import type { LoginInput, RegisterInput } from '@veza/validators';
import type { ApiDeps, Context, Viewer } from '../context.ts';
import { DomainError, unauthorized } from '../errors.ts';
import { toMe, type MeDto } from '../users/users.dto.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { hashRefreshToken, newRefreshToken, signAccessToken } from './tokens.ts';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  user: { id: string; username: string };
}

type Ctx = Pick<Context, 'deps' | 'em' | 'meta'>;

const TAKEN = {
  email: 'An account with this email already exists.',
  username: 'This username is already taken.',
};

async function accessTokenFor(deps: ApiDeps, user: Pick<User, 'id' | 'username' | 'role'>, sessionId: string) {
  return signAccessToken(deps.tokens, { userId: user.id, username: user.username, role: user.role, sessionId });
}

async function openSession(ctx: Ctx, user: User): Promise<SessionTokens> {
  const refresh = newRefreshToken();
  const session = await sessionsRepository(ctx.em).create({
    id: crypto.randomUUID(),
    userId: user.id,
    refreshTokenHash: refresh.hash,
    userAgent: ctx.meta.userAgent?.slice(0, 512) ?? null,
    ip: ctx.meta.ip,
    expiresAt: new Date(Date.now() + ctx.deps.tokens.sessionTtlSeconds * 1000),
  });
  return {
    accessToken: await accessTokenFor(ctx.deps, user, session.id),
    refreshToken: refresh.token,
    user: { id: user.id, username: user.username },
  };
}

export async function register(ctx: Ctx, input: RegisterInput): Promise<SessionTokens> {
  const users = usersRepository(ctx.em);
  const taken = await users.isTaken(input.email, input.username);
  if (taken.email || taken.username) {
    const fieldErrors: Record<string, string[]> = {};
    if (taken.email) fieldErrors.email = [TAKEN.email];
    if (taken.username) fieldErrors.username = [TAKEN.username];
    throw new DomainError('CONFLICT', taken.email ? TAKEN.email : TAKEN.username, fieldErrors);
  }
  const passwordHash = await hashPassword(input.password);
  let user: User;
  try {
    user = await users.create({ id: crypto.randomUUID(), email: input.email, username: input.username, passwordHash });
  } catch (error) {
    // Lost a race with a concurrent sign-up for the same name.
    if (error instanceof UniqueViolation) throw new DomainError('CONFLICT', TAKEN[error.field], { [error.field]: [TAKEN[error.field]] });
    throw error;
  }
  return openSession(ctx, user);
}

const BAD_LOGIN = 'Incorrect email, username or password.';

export async function login(ctx: Ctx, input: LoginInput): Promise<SessionTokens> {
  const user = await usersRepository(ctx.em).byLogin(input.login);
  // Always run one argon2 verification so unknown users and wrong passwords take alike time.
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok) throw unauthorized(BAD_LOGIN);
  return openSession(ctx, user);
}

/** Rotates the refresh token: the old one stops working, the session keeps its absolute expiry. */
export async function refresh(ctx: Ctx, refreshToken: string | undefined): Promise<SessionTokens> {
  if (!refreshToken) throw unauthorized('Your session has ended. Please sign in again.');
  const now = new Date();
  const hash = hashRefreshToken(refreshToken);
  const sessions = sessionsRepository(ctx.em);
  const session = await sessions.byRefreshHash(hash, now);
  if (!session) throw unauthorized('Your session has ended. Please sign in again.');
  const next = newRefreshToken();
  if (!(await sessions.rotate(session.id, hash, next.hash, now))) {
    throw unauthorized('Your session has ended. Please sign in again.');
  }
  const user = session.user;
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
  if (viewer) await sessions.revoke(viewer.sessionId, now);
  if (refreshToken) {
    const session = await sessions.byRefreshHash(hashRefreshToken(refreshToken), now);
    if (session) await sessions.revoke(session.id, now);
  }
}

export async function me(ctx: Ctx, viewer: Viewer): Promise<MeDto> {
  const user = await usersRepository(ctx.em).byId(viewer.id);
  if (!user) throw unauthorized('Your account no longer exists.');
  return toMe(user);
}
