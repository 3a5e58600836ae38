import { z } from 'zod';
import { text } from './text.ts';

/** A 6-digit code from an authenticator app; spaces are ignored ("123 456"). */
export const totpCodeSchema = z
  .string({ error: 'Enter the 6-digit code from your authenticator app.' })
  .max(32, 'Enter the 6-digit code from your authenticator app.')
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.'));

/** A recovery code as shown (xxxxx-xxxxx), in any case, with or without the dash or spaces; normalised to 10 lower-case characters. */
export const recoveryCodeSchema = z
  .string({ error: 'Enter one of your recovery codes, like abcde-12345.' })
  .max(64, 'Enter one of your recovery codes, like abcde-12345.')
  .transform((s) => s.toLowerCase().replace(/[\s-]+/g, ''))
  .pipe(z.string().regex(/^[a-z0-9]{10}$/, 'Enter one of your recovery codes, like abcde-12345.'));

const uuid = (what: string) => z.uuid(`${what} is not valid.`);

export const totpConfirmInput = z.object({
  enrolmentId: uuid('This setup'),
  code: totpCodeSchema,
});
export type TotpConfirmInput = z.infer<typeof totpConfirmInput>;

const ticketSchema = z.string({ error: 'This sign-in has expired. Please sign in again.' }).min(1, 'This sign-in has expired. Please sign in again.').max(200, 'This sign-in has expired. Please sign in again.');

/** The second step of a password sign-in, with the ticket `auth.login` answered. */
export const completeLoginInput = z.discriminatedUnion('method', [
  z.object({ ticket: ticketSchema, method: z.literal('totp'), code: totpCodeSchema }),
  z.object({ ticket: ticketSchema, method: z.literal('recovery'), code: recoveryCodeSchema }),
], { error: 'Choose a code from your authenticator app or a recovery code.' });
export type CompleteLoginInput = z.infer<typeof completeLoginInput>;

/** Re-authentication before a sensitive action. */
export const stepUpInput = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('password'),
    secret: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(128, 'Password must be at most 128 characters.'),
  }),
  z.object({ method: z.literal('totp'), secret: totpCodeSchema }),
  z.object({ method: z.literal('recovery'), secret: recoveryCodeSchema }),
], { error: 'Choose how to confirm it is you: your password, a code from your authenticator app or a recovery code.' });
export type StepUpInput = z.infer<typeof stepUpInput>;

// ---- Passkeys (WebAuthn). Responses are checked for shape and size here; @simplewebauthn/server verifies them.

const base64url = (max: number, what = 'This passkey response') =>
  z.string({ error: `${what} is malformed.` }).min(1, `${what} is incomplete.`).max(max, `${what} is too large.`).regex(/^[A-Za-z0-9_-]+$/, `${what} is malformed.`);

/** A credential id (base64url, at most 512 characters as stored). */
export const passkeyIdSchema = base64url(512, 'This passkey');

export const passkeyNameSchema = text('A passkey name')
  .min(1, 'Give this passkey a name.')
  .max(80, 'A passkey name must be at most 80 characters.');

const challengeId = uuid('This passkey request');

/** Known extension outputs only (unknown keys are dropped). */
const clientExtensionResults = z.object({
  appid: z.boolean().optional(),
  credProps: z.object({ rk: z.boolean().optional() }).optional(),
  hmacCreateSecret: z.boolean().optional(),
});

const credentialBase = {
  id: base64url(512),
  rawId: base64url(512),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults,
  type: z.literal('public-key'),
};

/** What `navigator.credentials.create()` returns, as JSON (RegistrationResponseJSON). */
export const registrationResponseSchema = z.object({
  ...credentialBase,
  response: z.object({
    clientDataJSON: base64url(4096),
    attestationObject: base64url(32_768),
    authenticatorData: base64url(16_384).optional(),
    /** Kept as strings (browsers add new ones); the server keeps only the transports it knows. */
    transports: z.array(z.string().max(32)).max(16).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url(4096).optional(),
  }),
});

/** What `navigator.credentials.get()` returns, as JSON (AuthenticationResponseJSON). */
export const authenticationResponseSchema = z.object({
  ...credentialBase,
  response: z.object({
    clientDataJSON: base64url(4096),
    authenticatorData: base64url(16_384),
    /** Room for post-quantum signatures (ML-DSA-44: 2420 bytes), which Chromium's authenticator may pick. */
    signature: base64url(8192),
    userHandle: base64url(256).optional(),
  }),
});

export const passkeyRegisterInput = z.object({ challengeId, name: passkeyNameSchema, response: registrationResponseSchema });
export type PasskeyRegisterInput = z.infer<typeof passkeyRegisterInput>;

export const passkeyAuthenticateInput = z.object({ challengeId, response: authenticationResponseSchema });
export type PasskeyAuthenticateInput = z.infer<typeof passkeyAuthenticateInput>;

export const passkeyRenameInput = z.object({ id: passkeyIdSchema, name: passkeyNameSchema });
export const passkeyIdInput = z.object({ id: passkeyIdSchema });
