// Administration: users (role, suspension) for moderators and admins, the security audit trail for admins.
import { adminRepository, auditRepository, sessionsRepository, usersRepository, type UserRole } from '@veza/db';
import type { AdminAuditListInput, AdminUsersListInput } from '@veza/validators';
import { isBigintId } from '@veza/validators';
import { sessionsRevoked, usersChanged } from '../auth/invalidate.ts';
import type { ApiDeps, Context, Viewer } from '../context.ts';
import { DomainError, forbidden, notFound } from '../errors.ts';
import { audit } from '../security/audit.ts';
import { toAdminUser, toAuditEvent, type AdminUserDto, type AdminUserPageDto, type AuditPageDto } from './admin.dto.ts';

type Ctx = Pick<Context, 'deps' | 'em' | 'meta'>;

const DEFAULT_LIMIT = 50;
const BAD_CURSOR = () => new DomainError('BAD_REQUEST', 'This page link is no longer valid. Start again from the first page.');

/** Opaque keyset cursors: the last username, or the last audit event id. */
const encodeCursor = (value: string) => Buffer.from(value).toString('base64url');
function decodeCursor(cursor: string | undefined, valid: RegExp): string | undefined {
  if (cursor === undefined) return undefined;
  const value = Buffer.from(cursor, 'base64url').toString();
  if (!valid.test(value)) throw BAD_CURSOR();
  return value;
}

export async function listUsers(ctx: Ctx, input: AdminUsersListInput): Promise<AdminUserPageDto> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  const afterUsername = decodeCursor(input.cursor, /^[a-z0-9][a-z0-9_.-]{0,29}$/);
  const rows = await adminRepository(ctx.em).listUsers({ query: input.query || undefined, role: input.role, afterUsername, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toAdminUser), nextCursor: rows.length > limit && last ? encodeCursor(last.username) : null };
}

async function target(ctx: Ctx, userId: string) {
  const user = await usersRepository(ctx.em).byId(userId);
  if (!user) throw notFound('User');
  return user;
}

/** The user as stored now (the request's identity map still holds the state before a native update). */
const fresh = async (ctx: Ctx, userId: string) => toAdminUser(await target({ ...ctx, em: ctx.deps.db.fork() }, userId));

/** Admins only. Takes effect at the user's next request, on every instance (their cached sessions are dropped). */
export async function setRole(ctx: Ctx, viewer: Viewer, userId: string, role: UserRole): Promise<AdminUserDto> {
  const user = await target(ctx, userId);
  if (user.id === viewer.id && role !== 'admin') throw forbidden('You cannot remove your own admin role. Ask another admin.');
  const from = user.role;
  if (from !== role) {
    await adminRepository(ctx.em).setRole(user.id, role);
    await usersChanged(ctx.deps, [user.id]);
    await audit(ctx, 'role.changed', { actorId: viewer.id, subjectId: user.id }, { from, to: role });
  }
  return fresh(ctx, user.id);
}

/**
 * Suspends (or restores) an account. Locking ends every session at once, WebSockets included; a locked
 * account cannot sign in. Moderators cannot lock moderators or admins, and nobody can lock themself.
 */
export async function setLocked(ctx: Ctx, viewer: Viewer, userId: string, locked: boolean): Promise<AdminUserDto> {
  const user = await target(ctx, userId);
  if (user.id === viewer.id) throw forbidden('You cannot lock your own account.');
  if (viewer.role !== 'admin' && (user.role === 'admin' || user.role === 'moderator')) {
    throw forbidden('Only an admin can lock a moderator or an admin.');
  }
  const now = new Date();
  if (locked !== (user.lockedAt != null)) {
    await adminRepository(ctx.em).setLockedAt(user.id, locked ? now : null);
    await usersChanged(ctx.deps, [user.id]);
    if (locked) {
      const ids = await sessionsRepository(ctx.em).revokeAllForUser(user.id, now, 'locked');
      await sessionsRevoked(ctx.deps, ids);
    }
    await audit(ctx, locked ? 'account.locked' : 'account.unlocked', { actorId: viewer.id, subjectId: user.id });
  }
  return fresh(ctx, user.id);
}

export async function listAudit(ctx: Ctx, input: AdminAuditListInput): Promise<AuditPageDto> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  const beforeId = decodeCursor(input.cursor, /^[1-9][0-9]{0,18}$/);
  // Nineteen digits can still overflow a bigint.
  if (beforeId !== undefined && !isBigintId(beforeId)) throw BAD_CURSOR();
  const rows = await auditRepository(ctx.em).list({
    types: input.types,
    userId: input.userId,
    ip: input.ip || undefined,
    since: input.since ? new Date(input.since) : undefined,
    until: input.until ? new Date(input.until) : undefined,
    beforeId,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const ids = [...new Set(page.flatMap((e) => [e.actorId, e.subjectId]).filter((id): id is string => Boolean(id)))];
  const usernames = await adminRepository(ctx.em).usernames(ids);
  const last = page.at(-1);
  return { items: page.map((e) => toAuditEvent(e, usernames)), nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}

/**
 * Sets a role from the server's command line (`pnpm user:role <username|email> <role>`): how the first admin
 * of an instance is made. Audited with no actor and `via: 'cli'`.
 */
export async function setRoleFromCli(deps: ApiDeps, login: string, role: UserRole): Promise<{ username: string; from: UserRole; to: UserRole }> {
  const em = deps.db.fork();
  const user = await usersRepository(em).byLogin(login.trim().toLowerCase());
  if (!user) throw new DomainError('NOT_FOUND', `No account with the username or email "${login}".`);
  const from = user.role;
  if (from !== role) {
    await adminRepository(em).setRole(user.id, role);
    // With REDIS_URL the running instances hear it at once; on the embedded database the server is stopped.
    await usersChanged(deps, [user.id]);
    await audit({ deps, meta: { ip: null, userAgent: 'cli' } }, 'role.changed', { actorId: null, subjectId: user.id }, { from, to: role, via: 'cli' });
  }
  return { username: user.username, from, to: role };
}
