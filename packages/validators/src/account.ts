import { z } from 'zod';
import { emailSchema, passwordSchema } from './auth.ts';
import { mailLanguageSchema } from './language.ts';
import { bigintIdSchema } from './ids.ts';
import { text } from './text.ts';

export { MAIL_LANGUAGES, mailLanguageSchema, type MailLanguage } from './language.ts';

const language = mailLanguageSchema;

/** The token from an emailed link: 32 random bytes, base64url. */
export const emailTokenSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This link is not valid. Please use the latest link we sent you, or ask for a new one.');

export const usernameAvailableInput = z.object({
  /** Anything typed so far; judged (invalid, reserved, look-alike, taken) by the server. */
  username: z.string().max(200, 'Username must be at most 30 characters.'),
});
export type UsernameAvailableInput = z.infer<typeof usernameAvailableInput>;

export const sendVerificationInput = z.object({ language }).optional();

export const verifyEmailInput = z.object({ token: emailTokenSchema });
export type VerifyEmailInput = z.infer<typeof verifyEmailInput>;

export const requestPasswordResetInput = z.object({ email: emailSchema, language });
export type RequestPasswordResetInput = z.infer<typeof requestPasswordResetInput>;

export const resetPasswordInput = z.object({ token: emailTokenSchema, password: passwordSchema, language });
export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;

export const changeEmailInput = z.object({ email: emailSchema, language });
export type ChangeEmailInput = z.infer<typeof changeEmailInput>;

export const changePasswordInput = z.object({ newPassword: passwordSchema, language });
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

export const requestDeletionInput = z.object({ language }).optional();

export const devMailboxListInput = z
  .object({
    to: text('Email').toLowerCase().max(254, 'Email must be at most 254 characters.').optional(),
    cursor: bigintIdSchema('This page link is no longer valid. Start again from the first page.').optional(),
  })
  .optional();
export type DevMailboxListInput = z.infer<typeof devMailboxListInput>;
