import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { challengesRepository, passkeysRepository, usersRepository, type AuthChallengePurpose, type Passkey } from '@veza/db';
import type { PasskeyAuthenticateInput, PasskeyRegisterInput } from '@veza/validators';
import { openSession, type SessionTokens } from '../auth/session.service.ts';
import type { Context, Viewer } from '../context.ts';
import { DomainError, notFound, unauthorized } from '../errors.ts';
import { grantStepUp } from '../mfa/mfa.service.ts';
import { audit } from '../security/audit.ts';
import { notifySecurityChange } from '../security/notify.ts';

type Ctx = Pick<Context, 'deps' | 'em' | 'meta'>;

const CHALLENGE_TTL_MS = 5 * 60_000;
export const MAX_PASSKEYS = 20;
const TRANSPORTS: readonly string[] = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'];

export interface PasskeyDto {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  backedUp: boolean;
  deviceType: string;
}

const toDto = (p: Passkey): PasskeyDto => ({
  id: p.id,
  name: p.name,
  createdAt: p.createdAt.toISOString(),
  lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
  backedUp: p.backedUp,
  deviceType: p.deviceType,
});

const challengeExpired = () => new DomainError('BAD_REQUEST', 'This passkey request has expired. Please try again.', undefined, 'challenge_expired');
const notVerified = (message = 'This passkey could not be verified. Please try again.') => new DomainError('BAD_REQUEST', message, undefined, 'passkey_failed');
const SIGN_IN_FAILED = 'Sign-in with this passkey did not work. Try again, or sign in another way.';

/** The WebAuthn user handle: the account id's bytes (no personal data). */
const userHandleOf = (userId: string) => new TextEncoder().encode(userId);
const ipKey = (ctx: Ctx) => ctx.meta.ip ?? 'unknown';
const transportsOf = (list: readonly string[] | null | undefined) =>
  (list ?? []).filter((t) => TRANSPORTS.includes(t));

async function newChallenge(ctx: Ctx, purpose: AuthChallengePurpose, userId: string | null, challenge: string) {
  const id = crypto.randomUUID();
  await challengesRepository(ctx.em).create({ id, purpose, userId, secret: challenge, expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS) });
  return id;
}

/** Reads and spends a challenge in one go: a second use of the same challenge always fails. */
async function takeChallenge(ctx: Ctx, id: string, purpose: AuthChallengePurpose, userId: string | null, now: Date): Promise<string> {
  const challenges = challengesRepository(ctx.em);
  const challenge = await challenges.live(id, purpose, now);
  if (!challenge || (challenge.user?.id ?? null) !== userId) throw challengeExpired();
  const spent = userId ? await challenges.consumeFor(id, purpose, userId, now) : await challenges.consume(id, purpose, now);
  if (!spent) throw challengeExpired();
  return challenge.secret;
}

export async function list(ctx: Ctx, viewer: Viewer): Promise<PasskeyDto[]> {
  return (await passkeysRepository(ctx.em).listFor(viewer.id)).map(toDto);
}

export async function registrationOptions(ctx: Ctx, viewer: Viewer): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const user = await usersRepository(ctx.em).byId(viewer.id);
  if (!user) throw unauthorized('Your account no longer exists.');
  const existing = await passkeysRepository(ctx.em).listFor(user.id);
  if (existing.length >= MAX_PASSKEYS) throw new DomainError('CONFLICT', `You can have up to ${MAX_PASSKEYS} passkeys. Remove one to add another.`, undefined, 'too_many_passkeys');
  const options = await generateRegistrationOptions({
    rpName: ctx.deps.security.appName,
    rpID: ctx.deps.security.rpId,
    userName: user.username,
    userID: userHandleOf(user.id),
    userDisplayName: user.displayName ?? user.username,
    attestationType: 'none',
    timeout: CHALLENGE_TTL_MS,
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: transportsOf(p.transports) })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  return { challengeId: await newChallenge(ctx, 'passkey_register', user.id, options.challenge), options };
}

export async function register(ctx: Ctx, viewer: Viewer, input: PasskeyRegisterInput): Promise<PasskeyDto> {
  await ctx.deps.limits.consume('passkey_ip', ipKey(ctx));
  const expectedChallenge = await takeChallenge(ctx, input.challengeId, 'passkey_register', viewer.id, new Date());
  const response: RegistrationResponseJSON = input.response;
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: ctx.deps.security.appOrigin,
      expectedRPID: ctx.deps.security.rpId,
      requireUserVerification: false,
    });
  } catch {
    throw notVerified();
  }
  if (!verification.verified) throw notVerified();
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;
  if (credential.id !== response.id || credential.id.length > 512) throw notVerified();
  const passkeys = passkeysRepository(ctx.em);
  if (await passkeys.exists(credential.id)) throw new DomainError('CONFLICT', 'This passkey is already registered.', undefined, 'passkey_exists');
  const passkey = await passkeys.create({
    id: credential.id,
    userId: viewer.id,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: transportsOf(input.response.response.transports ?? credential.transports),
    deviceType: credentialDeviceType,
    backedUp: credentialBackedUp,
    name: input.name,
  });
  if (!passkey) throw new DomainError('CONFLICT', 'This passkey is already registered.', undefined, 'passkey_exists');
  await audit(ctx, 'passkey.added', { actorId: viewer.id }, { passkeyId: passkey.id.slice(0, 64), name: passkey.name });
  await notifySecurityChange(ctx, viewer.id, 'passkey_added');
  return toDto(passkey);
}

export async function rename(ctx: Ctx, viewer: Viewer, id: string, name: string): Promise<PasskeyDto> {
  const passkey = await passkeysRepository(ctx.em).rename(id, viewer.id, name);
  if (!passkey) throw notFound('Passkey');
  return toDto(passkey);
}

export async function remove(ctx: Ctx, viewer: Viewer, id: string): Promise<{ ok: true }> {
  const passkeys = passkeysRepository(ctx.em);
  const passkey = await passkeys.ownedBy(id, viewer.id);
  if (!passkey) throw notFound('Passkey');
  if ((await passkeys.otherSignInMethods(viewer.id, id)) === 0) {
    throw new DomainError('CONFLICT', 'This passkey is your only way to sign in. Set a password or add another passkey first.', undefined, 'last_sign_in_method');
  }
  if (!(await passkeys.remove(id, viewer.id))) throw notFound('Passkey');
  await audit(ctx, 'passkey.removed', { actorId: viewer.id }, { passkeyId: id.slice(0, 64), name: passkey.name });
  await notifySecurityChange(ctx, viewer.id, 'passkey_removed');
  return { ok: true };
}

/** Verifies an assertion against a stored passkey and records the new signature counter. Throws on any failure. */
async function verifyAssertion(ctx: Ctx, passkey: Passkey, response: AuthenticationResponseJSON, expectedChallenge: string, message: string) {
  if (response.response.userHandle) {
    const handle = Buffer.from(response.response.userHandle, 'base64url').toString('utf8');
    if (handle !== passkey.user.id) throw notVerified(message);
  }
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: ctx.deps.security.appOrigin,
      expectedRPID: ctx.deps.security.rpId,
      credential: {
        id: passkey.id,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
        counter: passkey.counter,
        transports: transportsOf(passkey.transports),
      },
      // Checked below, against the account: see USER_VERIFICATION_NEEDED.
      requireUserVerification: false,
    });
  } catch {
    throw notVerified(message);
  }
  if (!verification.verified) throw notVerified(message);
  const { newCounter, userVerified } = verification.authenticationInfo;
  // With two-step verification on, a passkey stands in for both factors: the authenticator must have verified
  // the person (PIN, biometrics), not only their presence. Without it, a passkey is at least as strong as the password.
  if (!userVerified && passkey.user.totpEnabledAt) throw new DomainError('BAD_REQUEST', USER_VERIFICATION_NEEDED, undefined, 'user_verification_required');
  if (!(await passkeysRepository(ctx.em).recordUse(passkey.id, passkey.counter, newCounter, new Date()))) throw notVerified(message);
}

const USER_VERIFICATION_NEEDED =
  'Two-step verification is on for your account, so your passkey must check it is you (PIN, fingerprint or face). Try again with it, or use your password and code.';

/** Passwordless sign-in: discoverable credentials, so no account is named before the passkey is used. */
export async function loginOptions(ctx: Ctx): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  await ctx.deps.limits.consume('passkey_ip', ipKey(ctx));
  const options = await generateAuthenticationOptions({ rpID: ctx.deps.security.rpId, userVerification: 'preferred', timeout: CHALLENGE_TTL_MS });
  return { challengeId: await newChallenge(ctx, 'passkey_login', null, options.challenge), options };
}

/** Signs in with a passkey. It is already multi-factor (possession + user verification): no TOTP step, see verifyAssertion. */
export async function login(ctx: Ctx, input: PasskeyAuthenticateInput): Promise<SessionTokens> {
  await ctx.deps.limits.consume('passkey_ip', ipKey(ctx));
  const expectedChallenge = await takeChallenge(ctx, input.challengeId, 'passkey_login', null, new Date());
  const passkey = await passkeysRepository(ctx.em).byId(input.response.id);
  if (!passkey) {
    await audit(ctx, 'login.failed', {}, { reason: 'unknown_passkey' });
    throw notVerified(SIGN_IN_FAILED);
  }
  try {
    await verifyAssertion(ctx, passkey, input.response, expectedChallenge, SIGN_IN_FAILED);
  } catch (error) {
    await audit(ctx, 'login.failed', { subjectId: passkey.user.id }, { reason: 'bad_passkey_assertion' });
    throw error;
  }
  const user = passkey.user;
  if (user.lockedAt) {
    await audit(ctx, 'login.failed', { subjectId: user.id }, { reason: 'locked' });
    throw notVerified(SIGN_IN_FAILED);
  }
  await audit(ctx, 'login.succeeded', { actorId: user.id }, { method: 'passkey' });
  ctx.deps.metrics?.login('passkey');
  return openSession(ctx, user, 'passkey');
}

/** Step-up options: only the signed-in user's own passkeys are allowed. */
export async function stepUpOptions(ctx: Ctx, viewer: Viewer): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const existing = await passkeysRepository(ctx.em).listFor(viewer.id);
  if (existing.length === 0) throw new DomainError('BAD_REQUEST', 'You have no passkeys yet. Confirm it is you another way.', undefined, 'no_passkeys');
  const options = await generateAuthenticationOptions({
    rpID: ctx.deps.security.rpId,
    userVerification: 'preferred',
    timeout: CHALLENGE_TTL_MS,
    allowCredentials: existing.map((p) => ({ id: p.id, transports: transportsOf(p.transports) })),
  });
  return { challengeId: await newChallenge(ctx, 'passkey_step_up', viewer.id, options.challenge), options };
}

export async function stepUp(ctx: Ctx, viewer: Viewer, input: PasskeyAuthenticateInput): Promise<{ elevatedUntil: string }> {
  await ctx.deps.limits.consume('step_up_user', viewer.id);
  const expectedChallenge = await takeChallenge(ctx, input.challengeId, 'passkey_step_up', viewer.id, new Date());
  const passkey = await passkeysRepository(ctx.em).byId(input.response.id);
  const message = 'This passkey could not confirm it is you. Try again, or confirm another way.';
  try {
    if (!passkey || passkey.user.id !== viewer.id) throw notVerified(message);
    await verifyAssertion(ctx, passkey, input.response, expectedChallenge, message);
  } catch (error) {
    await audit(ctx, 'step_up.failed', { actorId: viewer.id }, { method: 'passkey' });
    throw error;
  }
  return grantStepUp(ctx, viewer, 'passkey');
}
