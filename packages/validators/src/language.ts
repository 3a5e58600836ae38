import { z } from 'zod';

/** Languages account mails are written in; the client passes the one its UI uses (English by default). */
export const MAIL_LANGUAGES = ['en', 'fr'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

/** A BCP 47 tag from the client (`fr`, `fr-CA`, `en`…) reduced to a mail language; unknown ones fall back to English. */
export const mailLanguageSchema = z
  .string()
  .max(35, 'Unknown language.')
  .optional()
  .transform((tag): MailLanguage | undefined => (tag === undefined ? undefined : /^fr\b/i.test(tag) ? 'fr' : 'en'));
