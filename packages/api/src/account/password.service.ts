// Password reset by email, and changing (or setting) the password while signed in.
import { accountsRepository, emailTokensRepository, oauthRepository, sessionsRepository, usersRepository } from '@veza/db';
import type { ChangePasswordInput, RequestPasswordResetInput, ResetPasswordInput } from '@veza/validators';
import type { Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { hashPassword } from '../auth/password.ts';
import { accountsChanged, sessionsRevoked } from '../auth/invalidate.ts';
import { audit } from '../security/audit.ts';
import { appLink, sendAccountMail, sendNotice } from './account-mail.ts';
import { currentUser, type Ctx } from './account.service.ts';
import { runInBackground } from './background.ts';
import { consumeToken, findUsableToken, issueEmailToken, LINK_ERRORS } from './email-tokens.ts';

/**
 * Always answers the same, at once: the lookup, the token and the mail happen after the answer, so
 * neither the reply nor its timing tells whether an account uses the address. Rate-limited per address
 * (known or not) and per IP.
 */
export async function requestPasswordReset(ctx: Ctx, input: RequestPasswordResetInput): Promise<{ ok: true }> {
  await ctx.deps.limits.consume('password_reset_ip', ctx.meta.ip ?? 'unknown');
  await ctx.deps.limits.consume('password_reset_account', input.email);
  const deps = ctx.deps;
  const auditCtx = { deps, meta: ctx.meta };
  runInBackground(async () => {
    const em = deps.db.fork();
    const user = await usersRepository(em).byLogin(input.email);
    if (!user || user.email !== input.email) {
      await audit(auditCtx, 'password.reset_requested', {}, { account: 'unknown' });
      return;
    }
    const token = await issueEmailToken(em, { userId: user.id, purpose: 'reset_password', email: user.email });
    await sendAccountMail(deps, user.email, { kind: 'reset_password', link: appLink(deps, '/reset-password', token) }, input.language);
    await audit(auditCtx, 'password.reset_requested', { subjectId: user.id });
  });
  return { ok: true };
}

/** Sets a new password from an emailed link: every session of the account ends, and the owner is told. */
export async function resetPassword(ctx: Ctx, input: ResetPasswordInput): Promise<{ ok: true }> {
  const now = new Date();
  const row = await findUsableToken(ctx.em, input.token, ['reset_password'], now);
  const user = row.user;
  if (row.email !== user.email) throw new DomainError('BAD_REQUEST', LINK_ERRORS.invalid, undefined, 'link_invalid');
  const passwordHash = await hashPassword(input.password);
  await consumeToken(ctx.em, row, now);
  const accounts = accountsRepository(ctx.em);
  await accounts.setPasswordHash(user.id, passwordHash);
  // Opening the link proved the mailbox is theirs.
  if (!user.emailVerifiedAt) {
    await accounts.markEmailVerified(user.id, user.email, now);
    // Pre-hijacking: someone may have created this account through a provider that does not verify emails,
    // with the real owner's address. The owner has just proven the mailbox: such links go.
    for (const provider of await oauthRepository(ctx.em).removeUnverified(user.id)) {
      await audit(ctx, 'oauth.unlinked', { actorId: user.id }, { provider, reason: 'unverified_email_on_reset' });
    }
  }
  await accountsChanged(ctx.deps, [user.id]);
  await emailTokensRepository(ctx.em).voidUnused(user.id, 'reset_password');
  const revoked = await sessionsRepository(ctx.em).revokeAllForUser(user.id, now, 'password_reset');
  await sessionsRevoked(ctx.deps, revoked);
  await audit(ctx, 'password.reset', { actorId: user.id }, { revokedSessions: revoked.length });
  await sendNotice(ctx.deps, user.email, { kind: 'password_changed', username: user.username }, input.language);
  return { ok: true };
}

/** Changes the password (or sets a first one for OAuth/passkey accounts); every other session ends. */
export async function changePassword(ctx: Ctx, viewer: Viewer, input: ChangePasswordInput): Promise<{ ok: true }> {
  const user = await currentUser(ctx, viewer);
  const hadPassword = Boolean(user.passwordHash);
  const now = new Date();
  await accountsRepository(ctx.em).setPasswordHash(user.id, await hashPassword(input.newPassword));
  await accountsChanged(ctx.deps, [user.id]);
  await emailTokensRepository(ctx.em).voidUnused(user.id, 'reset_password');
  const revoked = await sessionsRepository(ctx.em).revokeAllForUser(user.id, now, 'password_changed', viewer.sessionId);
  await sessionsRevoked(ctx.deps, revoked);
  await audit(ctx, 'password.changed', { actorId: user.id }, { firstPassword: !hadPassword, revokedSessions: revoked.length });
  await sendNotice(ctx.deps, user.email, { kind: 'password_changed', username: user.username }, input.language);
  return { ok: true };
}
