import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EMAIL_TOKEN_TTL_MS } from '../account/email-tokens.ts';
import { renderMail, type MailTemplate, type SecurityChange } from './templates.ts';

const SECURITY_CHANGES: SecurityChange[] = ['totp_enabled', 'totp_disabled', 'recovery_codes_regenerated', 'recovery_code_used', 'passkey_added', 'passkey_removed'];

const TEMPLATES: MailTemplate[] = [
  { kind: 'verify_email', username: 'ana', link: 'https://veza.test/verify-email?token=t' },
  { kind: 'change_email', username: 'ana', link: 'https://veza.test/verify-email?token=t', newEmail: 'ana@new.test' },
  { kind: 'email_change_notice', username: 'ana', newEmail: 'ana@new.test' },
  { kind: 'reset_password', link: 'https://veza.test/reset-password?token=t' },
  { kind: 'password_changed', username: 'ana' },
  { kind: 'deletion_scheduled', username: 'ana', purgeAt: new Date('2026-12-31T00:00:00Z') },
  ...SECURITY_CHANGES.map((change): MailTemplate => ({ kind: 'security_change', username: 'ana', change })),
];

/** The French glossary of the web app (apps/web/src/locales/GLOSSARY.md), for the words mails use. */
const words = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}-])(?:${source})(?![\\p{L}\\p{N}])`, 'iu');
const FORBIDDEN: [RegExp, string][] = [
  [words('pistes?|titres'), 'morceaux'],
  [words('e?mails?|courriels?'), 'e-mail'],
  [words('d[ée]pos(?:er|ez|é)'), 'envoyer'],
  [words('codes? de secours'), 'code de récupération'],
  [words('deux étapes|double authentification'), 'authentification à deux facteurs'],
  [words('réglages'), 'paramètres'],
  [words('passkeys?'), 'clé d’accès'],
  [words('mentions? j’aime|likes?'), 'j’aime'],
];

describe('French account mails', () => {
  it('follow the French glossary in subject and body', () => {
    const violations = TEMPLATES.flatMap((template) => {
      const mail = renderMail('ana@example.com', template, 'fr');
      const text = `${mail.subject}\n${mail.text}`.replace(/https?:\/\/\S+|\S+@\S+/g, '');
      return FORBIDDEN.filter(([rule]) => rule.test(text)).map(([, use]) => `${template.kind}: use ${use}`);
    });
    expect(violations).toEqual([]);
  });

  it('names two-factor authentication and recovery codes as the settings screens do', () => {
    const text = (change: SecurityChange) => renderMail('ana@example.com', { kind: 'security_change', username: 'ana', change }, 'fr').text;
    expect(text('totp_enabled')).toContain('L’authentification à deux facteurs (2FA) a été activée.');
    expect(text('recovery_code_used')).toContain('Un code de récupération a été utilisé');
    expect(renderMail('ana@example.com', TEMPLATES[5]!, 'fr').text).toContain('(morceaux, j’aime, sessions)');
  });
});

describe('how long a mailed link works', () => {
  const hours = (purpose: keyof typeof EMAIL_TOKEN_TTL_MS) => EMAIL_TOKEN_TTL_MS[purpose] / 3_600_000;
  const locale = (name: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../../../apps/web/src/locales/${name}`, import.meta.url)), 'utf8')) as { account: { email: { verificationSentHelp: string } } };

  it('is said the same in the mails and on the screen that sent them, in both languages', () => {
    const link = 'https://veza.test/t';
    expect(renderMail('a@b.test', { kind: 'verify_email', username: 'ana', link }, 'en').text).toContain(`${hours('verify_email')} hours`);
    expect(renderMail('a@b.test', { kind: 'verify_email', username: 'ana', link }, 'fr').text).toContain(`${hours('verify_email')} heures`);
    expect(renderMail('a@b.test', { kind: 'change_email', username: 'ana', link, newEmail: 'n@b.test' }, 'fr').text).toContain(`${hours('change_email')} heures`);
    expect(renderMail('a@b.test', { kind: 'reset_password', link }, 'fr').text).toContain(`${hours('reset_password')} heure`);
    expect(locale('en.account.json').account.email.verificationSentHelp).toContain(`${hours('verify_email')} hours`);
    expect(locale('fr.account.json').account.email.verificationSentHelp).toContain(`${hours('verify_email')} heures`);
  });
});
