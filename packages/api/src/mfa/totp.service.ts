import { challengesRepository, mfaRepository } from '@veza/db';
import type { TotpConfirmInput } from '@veza/validators';
import { accountsChanged } from '../auth/invalidate.ts';
import type { Context, Viewer } from '../context.ts';
import { DomainError, unauthorized } from '../errors.ts';
import { audit } from '../security/audit.ts';
import { decryptSecret, encryptSecret, sha256 } from './crypto.ts';
import { totpContext } from './second-factor.ts';
import { matchTotpStep, newRecoveryCode, newTotpSecret, normaliseRecoveryCode, qrSvg, RECOVERY_CODE_COUNT, totpFor } from './totp.ts';
import { notifySecurityChange } from '../security/notify.ts';

type Ctx = Pick<Context, 'deps' | 'em' | 'meta'>;

const ENROLMENT_TTL_MS = 10 * 60_000;
/** Wrong codes an enrolment survives before it has to be started again. */
const MAX_ENROLMENT_ATTEMPTS = 5;

const ALREADY_ON = 'Two-step verification is already on. Turn it off first to set it up again.';
const NOT_ON = 'Two-step verification is not on for your account.';
const enrolmentExpired = () => new DomainError('BAD_REQUEST', 'This setup has expired. Please start again.', undefined, 'enrolment_expired');

export interface TotpEnrolmentDto {
  enrolmentId: string;
  /** Base32, for typing into an authenticator app by hand. */
  secret: string;
  otpauthUrl: string;
  /** The otpauth URL as a QR code, an <svg> document. */
  qrSvg: string;
}

/** Starts enrolment: a new secret, kept encrypted as a pending challenge until a code from the app confirms it. */
export async function beginTotp(ctx: Ctx, viewer: Viewer): Promise<TotpEnrolmentDto> {
  const user = await mfaRepository(ctx.em).userWithSecrets(viewer.id);
  if (!user) throw unauthorized('Your account no longer exists.');
  if (user.totpEnabledAt) throw new DomainError('CONFLICT', ALREADY_ON, undefined, 'totp_already_on');
  const challenges = challengesRepository(ctx.em);
  await challenges.discardFor(user.id, 'totp_enrol');
  const secret = newTotpSecret();
  const otpauthUrl = totpFor(secret, ctx.deps.security.appName, user.username).toString();
  const enrolmentId = crypto.randomUUID();
  await challenges.create({
    id: enrolmentId,
    purpose: 'totp_enrol',
    userId: user.id,
    secret: encryptSecret(ctx.deps.security.encryptionKey, secret.bytes, totpContext(user.id)),
    expiresAt: new Date(Date.now() + ENROLMENT_TTL_MS),
  });
  return { enrolmentId, secret: secret.base32, otpauthUrl, qrSvg: await qrSvg(otpauthUrl) };
}

function newRecoveryCodes() {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  return { codes, hashes: codes.map((c) => sha256(normaliseRecoveryCode(c))) };
}

/** Confirms enrolment with a code from the app: TOTP is on, and the 10 recovery codes are returned (shown once). */
export async function confirmTotp(ctx: Ctx, viewer: Viewer, input: TotpConfirmInput): Promise<{ recoveryCodes: string[] }> {
  const now = new Date();
  const challenges = challengesRepository(ctx.em);
  const enrolment = await challenges.live(input.enrolmentId, 'totp_enrol', now);
  if (!enrolment || enrolment.user?.id !== viewer.id) throw enrolmentExpired();
  const secret = decryptSecret(ctx.deps.security.encryptionKey, enrolment.secret, totpContext(viewer.id));
  const step = matchTotpStep(secret, input.code, now.getTime());
  if (step === null) {
    const left = await challenges.recordFailure(enrolment.id, MAX_ENROLMENT_ATTEMPTS, now);
    await audit(ctx, 'mfa.failed', { actorId: viewer.id }, { method: 'totp', during: 'enrolment', attemptsLeft: left });
    if (left === 0) throw new DomainError('BAD_REQUEST', 'Too many incorrect codes. Please start again.', undefined, 'enrolment_expired');
    const message = 'That code is not right. Check that the time on your device is correct and try again.';
    throw new DomainError('BAD_REQUEST', message, { code: [message] }, 'wrong_code');
  }
  if (!(await challenges.consumeFor(enrolment.id, 'totp_enrol', viewer.id, now))) throw enrolmentExpired();
  const { codes, hashes } = newRecoveryCodes();
  if (!(await mfaRepository(ctx.em).enableTotp(viewer.id, enrolment.secret, step, hashes, now))) throw new DomainError('CONFLICT', ALREADY_ON, undefined, 'totp_already_on');
  await accountsChanged(ctx.deps, [viewer.id]);
  await audit(ctx, 'mfa.totp_enabled', { actorId: viewer.id });
  await notifySecurityChange(ctx, viewer.id, 'totp_enabled');
  return { recoveryCodes: codes };
}

export async function disableTotp(ctx: Ctx, viewer: Viewer): Promise<{ ok: true }> {
  if (!(await mfaRepository(ctx.em).disableTotp(viewer.id))) throw new DomainError('BAD_REQUEST', NOT_ON, undefined, 'totp_off');
  await accountsChanged(ctx.deps, [viewer.id]);
  await audit(ctx, 'mfa.totp_disabled', { actorId: viewer.id });
  await notifySecurityChange(ctx, viewer.id, 'totp_disabled');
  return { ok: true };
}

/** New recovery codes; the old ones stop working. */
export async function regenerateRecoveryCodes(ctx: Ctx, viewer: Viewer): Promise<{ recoveryCodes: string[] }> {
  const { codes, hashes } = newRecoveryCodes();
  if (!(await mfaRepository(ctx.em).replaceRecoveryCodes(viewer.id, hashes, new Date()))) {
    throw new DomainError('BAD_REQUEST', NOT_ON, undefined, 'totp_off');
  }
  await audit(ctx, 'mfa.recovery_codes_regenerated', { actorId: viewer.id });
  await notifySecurityChange(ctx, viewer.id, 'recovery_codes_regenerated');
  return { recoveryCodes: codes };
}
