import { describe, expect, it } from 'vitest';
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
