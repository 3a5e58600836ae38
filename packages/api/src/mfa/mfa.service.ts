import { randomBytes, timingSafeEqual } from 'node:crypto';
import { challengesRepository, mfaRepository, passkeysRepository, sessionsRepository, type User } from '@veza/db';
import type { CompleteLoginInput, StepUpInput } from '@veza/validators';
import { verifyPassword } from '../auth/password.ts';
import { sessionsChanged } from '../auth/invalidate.ts';
import { openSession, type SessionTokens } from '../auth/session.service.ts';
import type { Context, Viewer } from '../context.ts';
import { DomainError, unauthorized } from '../errors.ts';
import { audit } from '../security/audit.ts';
import { sha256 } from './crypto.ts';
import { checkSecondFactor, type SecondFactorCheck } from './second-factor.ts';

type Ctx = Pick<Context, 'deps' | 'em' | 'meta'>;

/** What the second step of a password sign-in accepts (a passkey signs in on its own, without a password). */
export type SecondFactorMethod = 'totp' | 'recovery';
/** What a second-factor ticket follows: a correct password, or a provider's sign-in (OAuth). */
export type FirstFactor = 'password' | `oauth:${string}`;
const isFirstFactor = (value: string | null | undefined): value is FirstFactor => value === 'password' || (value?.startsWith('oauth:') ?? false);

const TICKET_TTL_MS = 5 * 60_000;
/** Wrong codes a second-factor ticket survives; then the password has to be entered again. */
export const MAX_TICKET_ATTEMPTS = 5;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const ticketExpired = (message = 'This sign-in has expired. Please sign in again.') =>
  new DomainError('BAD_REQUEST', message, undefined, 'ticket_expired');

/**
 * After a correct first factor for an account with 2FA: a single-use ticket for the second step
 * (`<challenge id>.<random>`, stored hashed). It remembers the first factor, so the session says how it was opened.
 */
export async function startSecondFactor(
  ctx: Pick<Context, 'deps' | 'em' | 'meta'>,
  user: User,
  firstFactor: FirstFactor,
): Promise<{ ticket: string; methods: SecondFactorMethod[] }> {
  const id = crypto.randomUUID();
  const ticket = `${id}.${randomBytes(32).toString('base64url')}`;
  await challengesRepository(ctx.em).create({
    id,
    purpose: 'mfa_login',
    userId: user.id,
    secret: sha256(ticket),
    expiresAt: new Date(Date.now() + TICKET_TTL_MS),
    firstFactor,
  });
  return { ticket, methods: ['totp', 'recovery'] };
}

async function liveTicket(ctx: Ctx, ticket: string, now: Date) {
  const id = ticket.split('.')[0] ?? '';
  if (!UUID.test(id)) return null;
  const challenge = await challengesRepository(ctx.em).live(id, 'mfa_login', now);
  if (!challenge?.user) return null;
  const presented = Buffer.from(sha256(ticket), 'hex');
  const stored = Buffer.from(challenge.secret, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored) ? challenge : null;
}

/** The second step of a password sign-in: a TOTP code or a recovery code against the ticket; opens the session. */
export async function completeLogin(ctx: Ctx, input: CompleteLoginInput): Promise<SessionTokens> {
  const now = new Date();
  const challenge = await liveTicket(ctx, input.ticket, now);
  if (!challenge?.user) throw ticketExpired();
  const userId = challenge.user.id;
  await ctx.deps.limits.consume('second_factor_user', userId);
  const challenges = challengesRepository(ctx.em);
  const user = await mfaRepository(ctx.em).userWithSecrets(userId);
  if (!user || user.lockedAt || !user.totpEnabledAt) {
    await challenges.consume(challenge.id, 'mfa_login', now);
    throw ticketExpired();
  }
  const check = await checkSecondFactor(ctx, user, input.method, input.code, now);
  if (check !== 'ok') {
    const left = await challenges.recordFailure(challenge.id, MAX_TICKET_ATTEMPTS, now);
    await audit(ctx, 'mfa.failed', { subjectId: userId }, { method: input.method, during: 'login', attemptsLeft: left, ...(check === 'reused' ? { reused: true } : {}) });
    if (left === 0) throw ticketExpired('Too many incorrect codes. Please sign in again.');
    throw refusedCode(input.method, check, 'code');
  }
  // The code is spent; the ticket must be too (a concurrent request with the same ticket loses here).
  if (!(await challenges.consume(challenge.id, 'mfa_login', now))) throw ticketExpired();
  // Tickets issued before the first factor was recorded followed a password.
  const firstFactor = isFirstFactor(challenge.firstFactor) ? challenge.firstFactor : 'password';
  await audit(ctx, 'login.succeeded', { actorId: userId }, { method: `${firstFactor}+${input.method}` });
  ctx.deps.metrics?.login(firstFactor === 'password' ? 'password' : 'oauth');
  return openSession(ctx, user, firstFactor, input.method);
}

/** The message for a genuine authenticator code that was already accepted in its 30-second window. */
export const CODE_REUSED_MESSAGE = 'This code was just used. Wait for the next code in your app (up to 30 seconds) and enter it.';

/** A refused code: `code_reused` (wait for the next one) or `wrong_code`, with the message on the form field too. */
function refusedCode(method: 'totp' | 'recovery', check: Exclude<SecondFactorCheck, 'ok'>, field: string) {
  if (check === 'reused') return new DomainError('BAD_REQUEST', CODE_REUSED_MESSAGE, { [field]: [CODE_REUSED_MESSAGE] }, 'code_reused');
  const message =
    method === 'totp'
      ? 'That code is not right, or was already used. Wait for the next code and try again.'
      : 'That recovery code is not right, or was already used.';
  return new DomainError('BAD_REQUEST', message, { [field]: [message] }, 'wrong_code');
}

/** Lets the session perform sensitive actions for a while (`deps.security.stepUpSeconds`). */
export async function grantStepUp(ctx: Ctx, viewer: Viewer, method: 'password' | 'totp' | 'recovery' | 'passkey'): Promise<{ elevatedUntil: string }> {
  const until = new Date(Date.now() + ctx.deps.security.stepUpSeconds * 1000);
  await sessionsRepository(ctx.em).setElevatedUntil(viewer.sessionId, until);
  await sessionsChanged(ctx.deps, [viewer.sessionId]);
  await audit(ctx, 'step_up.succeeded', { actorId: viewer.id }, { method });
  return { elevatedUntil: until.toISOString() };
}

/**
 * Re-authentication before a sensitive action. With TOTP on, the password alone is not enough (a code,
 * a recovery code or a passkey is); without TOTP, the password; accounts without a password use a passkey.
 */
export async function stepUp(ctx: Ctx, viewer: Viewer, input: StepUpInput): Promise<{ elevatedUntil: string }> {
  await ctx.deps.limits.consume('step_up_user', viewer.id);
  const user = await mfaRepository(ctx.em).userWithSecrets(viewer.id);
  if (!user) throw unauthorized('Your account no longer exists.');
  let check: SecondFactorCheck;
  if (input.method === 'password') {
    if (user.totpEnabledAt) {
      throw new DomainError(
        'BAD_REQUEST',
        'Two-step verification is on for your account: confirm with a code from your authenticator app, a recovery code or a passkey.',
        undefined,
        'second_factor_required',
      );
    }
    if (!user.passwordHash) {
      throw new DomainError('BAD_REQUEST', 'Your account has no password: confirm with a passkey, or sign out and sign in again.', undefined, 'no_password');
    }
    check = (await verifyPassword(user.passwordHash, input.secret)) ? 'ok' : 'wrong';
  } else {
    if (!user.totpEnabledAt) throw new DomainError('BAD_REQUEST', 'Two-step verification is not on for your account.', undefined, 'totp_off');
    check = await checkSecondFactor(ctx, user, input.method, input.secret, new Date());
  }
  if (check !== 'ok') {
    await audit(ctx, 'step_up.failed', { actorId: viewer.id }, { method: input.method });
    if (input.method === 'password') throw new DomainError('BAD_REQUEST', 'Incorrect password.', { secret: ['Incorrect password.'] }, 'wrong_password');
    throw refusedCode(input.method, check, 'secret');
  }
  return grantStepUp(ctx, viewer, input.method);
}

export interface MfaStatusDto {
  totpEnabled: boolean;
  recoveryCodesRemaining: number;
  passkeys: number;
}

export async function status(ctx: Ctx, viewer: Viewer): Promise<MfaStatusDto> {
  const user = await mfaRepository(ctx.em).userWithSecrets(viewer.id);
  if (!user) throw unauthorized('Your account no longer exists.');
  const totpEnabled = user.totpEnabledAt != null;
  return {
    totpEnabled,
    recoveryCodesRemaining: totpEnabled ? await mfaRepository(ctx.em).remainingRecoveryCodes(viewer.id) : 0,
    passkeys: await passkeysRepository(ctx.em).countFor(viewer.id),
  };
}
