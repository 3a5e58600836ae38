// Email verification and email changes.
import { accountsRepository, emailTokensRepository, usersRepository, type User } from '@veza/db';
import type { ChangeEmailInput, MailLanguage } from '@veza/validators';
import { accountsChanged } from '../auth/invalidate.ts';
import type { Context, Viewer } from '../context.ts';
import { DomainError, unauthorized } from '../errors.ts';
import { audit } from '../security/audit.ts';
import { appLink, sendAccountMail, sendNotice } from './account-mail.ts';
import { consumeToken, findUsableToken, issueEmailToken, LINK_ERRORS } from './email-tokens.ts';

export type Ctx = Pick<Context, 'deps' | 'em' | 'meta'>;

export async function currentUser(ctx: Ctx, viewer: Viewer): Promise<User> {
  const user = await usersRepository(ctx.em).byIdWithPassword(viewer.id);
  if (!user) throw unauthorized('Your account no longer exists.');
  return user;
}

/** Sends (again) the link that proves the account's address; the previous link stops working. */
export async function sendVerificationMail(ctx: Ctx, user: Pick<User, 'id' | 'email' | 'username'>, language?: MailLanguage): Promise<void> {
  const token = await issueEmailToken(ctx.em, { userId: user.id, purpose: 'verify_email', email: user.email });
  await sendAccountMail(ctx.deps, user.email, { kind: 'verify_email', username: user.username, link: appLink(ctx.deps, '/verify-email', token) }, language);
}

export async function sendVerification(ctx: Ctx, viewer: Viewer, language?: MailLanguage): Promise<{ ok: true }> {
  const user = await currentUser(ctx, viewer);
  if (user.emailVerifiedAt) throw new DomainError('BAD_REQUEST', 'Your email address is already confirmed.', undefined, 'already_verified');
  await ctx.deps.limits.consume('verification_email_account', user.id);
  await sendVerificationMail(ctx, user, language);
  return { ok: true };
}

/** Opens an emailed link: confirms the address (verify_email) or applies a requested change (change_email). */
export async function verifyEmail(ctx: Ctx, token: string): Promise<{ email: string }> {
  const now = new Date();
  const row = await findUsableToken(ctx.em, token, ['verify_email', 'change_email'], now);
  const user = row.user;
  if (row.purpose === 'verify_email') {
    // The account's address changed since the link was sent: it proves nothing about the current one.
    if (row.email !== user.email) throw new DomainError('BAD_REQUEST', LINK_ERRORS.invalid, undefined, 'link_invalid');
    await consumeToken(ctx.em, row, now);
    await accountsRepository(ctx.em).markEmailVerified(user.id, row.email, now);
    await accountsChanged(ctx.deps, [user.id]);
    await audit(ctx, 'email.verified', { actorId: user.id });
    return { email: row.email };
  }
  const result = await accountsRepository(ctx.em).applyEmailChange(row.id, user.id, row.email, now);
  if (result === 'used') throw new DomainError('BAD_REQUEST', LINK_ERRORS.used, undefined, 'link_used');
  if (result === 'conflict') {
    throw new DomainError('CONFLICT', 'Another account already uses this email address, so it cannot be moved to yours.', undefined, 'email_in_use');
  }
  await accountsChanged(ctx.deps, [user.id]);
  // Links sent to the old address for it to be confirmed are moot now.
  await emailTokensRepository(ctx.em).voidUnused(user.id, 'verify_email');
  await audit(ctx, 'email.changed', { actorId: user.id });
  return { email: row.email };
}

const EMAIL_IN_USE = 'An account with this email already exists.';

/** Sends a confirmation link to the new address (the change applies when it is opened) and a notice to the current one. */
export async function changeEmail(ctx: Ctx, viewer: Viewer, input: ChangeEmailInput): Promise<{ pendingEmail: string }> {
  const user = await currentUser(ctx, viewer);
  if (input.email === user.email) {
    throw new DomainError('BAD_REQUEST', 'This is already your email address.', { email: ['This is already your email address.'] });
  }
  const owner = await accountsRepository(ctx.em).emailOwner(input.email);
  if (owner) throw new DomainError('CONFLICT', EMAIL_IN_USE, { email: [EMAIL_IN_USE] });
  await ctx.deps.limits.consume('verification_email_account', user.id);
  const token = await issueEmailToken(ctx.em, { userId: user.id, purpose: 'change_email', email: input.email });
  await sendAccountMail(
    ctx.deps,
    input.email,
    { kind: 'change_email', username: user.username, newEmail: input.email, link: appLink(ctx.deps, '/verify-email', token) },
    input.language,
  );
  await sendNotice(ctx.deps, user.email, { kind: 'email_change_notice', username: user.username, newEmail: input.email }, input.language);
  await audit(ctx, 'email.change_requested', { actorId: user.id });
  return { pendingEmail: input.email };
}
