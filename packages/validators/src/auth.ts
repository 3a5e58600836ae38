import { z } from 'zod';
import { mailLanguageSchema } from './language.ts';
import { newUsernameSchema } from './username.ts';

/** Lower-case handle used in URLs: 3–30 of a–z, 0–9, `_`, `.`, `-`, starting with a letter or digit. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Username must be at least 3 characters.')
  .max(30, 'Username must be at most 30 characters.')
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'Use letters, digits, dots, dashes or underscores, starting with a letter or digit.');

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'Email must be at most 254 characters.')
  .pipe(z.email('Enter a valid email address.'));

/** ASVS 5.0: at least 8 characters, up to 128 accepted, no composition rules. */
export const passwordSchema = z
  .string()
  .min(8, 'Password must be at least 8 characters.')
  .max(128, 'Password must be at most 128 characters.');

export const registerInput = z.object({
  email: emailSchema,
  /** Normalised (look-alike letters folded) and refused when reserved or a look-alike of a reserved name. */
  username: newUsernameSchema,
  password: passwordSchema,
  /** The language of the verification mail (the UI's), English by default. */
  language: mailLanguageSchema,
});
export type RegisterInput = z.infer<typeof registerInput>;

export const loginInput = z.object({
  /**
   * Email or username. Not `text()`: a login with control characters matches nobody and gets the usual
   * incorrect sign-in answer (the auth service never sends it to the database).
   */
  login: z.string().trim().toLowerCase().min(1, 'Enter your email or username.').max(254, 'Too long.'),
  password: z.string().min(1, 'Enter your password.').max(128, 'Password must be at most 128 characters.'),
});
export type LoginInput = z.infer<typeof loginInput>;
