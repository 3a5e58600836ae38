import type { MailLanguage } from '@veza/validators';
import type { OutgoingMail } from './mailer.ts';

/** The account mails, in English and French: plain text always, and a simple HTML version with escaped values. */
export type MailTemplate =
  | { kind: 'verify_email'; username: string; link: string }
  | { kind: 'change_email'; username: string; link: string; newEmail: string }
  | { kind: 'email_change_notice'; username: string; newEmail: string }
  | { kind: 'reset_password'; link: string }
  | { kind: 'password_changed'; username: string }
  | { kind: 'deletion_scheduled'; username: string; purgeAt: Date }
  | { kind: 'security_change'; username: string; change: SecurityChange };

/** Changes to how an account signs in: each one is mailed to the owner, so a hijack cannot go unnoticed. */
export type SecurityChange = 'totp_enabled' | 'totp_disabled' | 'recovery_codes_regenerated' | 'recovery_code_used' | 'passkey_added' | 'passkey_removed';

const SECURITY_CHANGES: Record<SecurityChange, { en: string; fr: string }> = {
  totp_enabled: { en: 'Two-factor sign-in was turned on.', fr: 'L’authentification à deux facteurs (2FA) a été activée.' },
  totp_disabled: { en: 'Two-factor sign-in was turned off.', fr: 'L’authentification à deux facteurs (2FA) a été désactivée.' },
  recovery_codes_regenerated: { en: 'New recovery codes were generated; the old ones no longer work.', fr: 'De nouveaux codes de récupération ont été générés ; les anciens ne fonctionnent plus.' },
  recovery_code_used: { en: 'A recovery code was used to sign in.', fr: 'Un code de récupération a été utilisé pour se connecter à votre compte.' },
  passkey_added: { en: 'A passkey was added.', fr: 'Une clé d’accès a été ajoutée.' },
  passkey_removed: { en: 'A passkey was removed.', fr: 'Une clé d’accès a été supprimée.' },
};

export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

/** A mail body as paragraphs; a paragraph is text, or a link shown as a button in HTML and on its own line in text. */
type Block = string | { link: string; label: string };
interface Parts {
  subject: string;
  blocks: Block[];
}

const formatDate = (date: Date, language: MailLanguage) =>
  new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date);

const SIGN = { en: 'The Veza team', fr: 'L’équipe Veza' } as const;

function parts(mail: MailTemplate, language: MailLanguage): Parts {
  const fr = language === 'fr';
  switch (mail.kind) {
    case 'verify_email':
      return fr
        ? {
            subject: 'Confirmez votre adresse e-mail',
            blocks: [
              `Bonjour ${mail.username},`,
              'Confirmez votre adresse e-mail pour sécuriser votre compte Veza :',
              { link: mail.link, label: 'Confirmer mon adresse' },
              'Ce lien est valable 48 heures. Si vous n’avez pas créé de compte Veza, ignorez ce message.',
            ],
          }
        : {
            subject: 'Confirm your email address',
            blocks: [
              `Hi ${mail.username},`,
              'Please confirm your email address to secure your Veza account:',
              { link: mail.link, label: 'Confirm my address' },
              'This link works for 48 hours. If you did not create a Veza account, you can ignore this email.',
            ],
          };
    case 'change_email':
      return fr
        ? {
            subject: 'Confirmez votre nouvelle adresse e-mail',
            blocks: [
              `Bonjour ${mail.username},`,
              `Vous avez demandé à utiliser ${mail.newEmail} pour votre compte Veza. Confirmez ce changement :`,
              { link: mail.link, label: 'Confirmer la nouvelle adresse' },
              'Ce lien est valable 24 heures. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
            ],
          }
        : {
            subject: 'Confirm your new email address',
            blocks: [
              `Hi ${mail.username},`,
              `You asked to use ${mail.newEmail} for your Veza account. Confirm the change:`,
              { link: mail.link, label: 'Confirm the new address' },
              'This link works for 24 hours. If you did not ask for this, you can ignore this email.',
            ],
          };
    case 'email_change_notice':
      return fr
        ? {
            subject: 'Changement d’adresse e-mail demandé',
            blocks: [
              `Bonjour ${mail.username},`,
              `Quelqu’un connecté à votre compte Veza a demandé à remplacer cette adresse par ${mail.newEmail}. Le changement n’aura lieu que si le lien envoyé à la nouvelle adresse est ouvert.`,
              'Si ce n’est pas vous, changez votre mot de passe et déconnectez vos autres sessions dans les paramètres.',
            ],
          }
        : {
            subject: 'Email change requested',
            blocks: [
              `Hi ${mail.username},`,
              `Someone signed in to your Veza account asked to replace this address with ${mail.newEmail}. The change only happens once the link sent to the new address is opened.`,
              'If this was not you, change your password and sign out your other sessions in your settings.',
            ],
          };
    case 'reset_password':
      return fr
        ? {
            subject: 'Réinitialisez votre mot de passe',
            blocks: [
              'Quelqu’un (vous, espérons-le) a demandé à réinitialiser le mot de passe de votre compte Veza :',
              { link: mail.link, label: 'Choisir un nouveau mot de passe' },
              'Ce lien est valable 1 heure et ne fonctionne qu’une fois. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.',
            ],
          }
        : {
            subject: 'Reset your password',
            blocks: [
              'Someone (hopefully you) asked to reset the password of your Veza account:',
              { link: mail.link, label: 'Choose a new password' },
              'This link works once, for 1 hour. If you did not ask for it, ignore this email: your password stays the same.',
            ],
          };
    case 'password_changed':
      return fr
        ? {
            subject: 'Votre mot de passe a été modifié',
            blocks: [
              `Bonjour ${mail.username},`,
              'Le mot de passe de votre compte Veza vient d’être modifié, et vos autres sessions ont été déconnectées.',
              'Si ce n’est pas vous, réinitialisez votre mot de passe tout de suite depuis la page de connexion.',
            ],
          }
        : {
            subject: 'Your password was changed',
            blocks: [
              `Hi ${mail.username},`,
              'The password of your Veza account was just changed, and your other sessions were signed out.',
              'If this was not you, reset your password right away from the sign-in page.',
            ],
          };
    case 'deletion_scheduled':
      return fr
        ? {
            subject: 'Suppression de votre compte programmée',
            blocks: [
              `Bonjour ${mail.username},`,
              `Votre compte Veza et toutes ses données (morceaux, j’aime, sessions) seront supprimés définitivement le ${formatDate(mail.purgeAt, language)}.`,
              'Pour annuler, connectez-vous avant cette date et annulez la suppression dans les paramètres du compte.',
            ],
          }
        : {
            subject: 'Your account is scheduled for deletion',
            blocks: [
              `Hi ${mail.username},`,
              `Your Veza account and all its data (tracks, likes, sessions) will be deleted for good on ${formatDate(mail.purgeAt, language)}.`,
              'To keep it, sign in before then and cancel the deletion in your account settings.',
            ],
          };
    case 'security_change':
      return fr
        ? {
            subject: 'Modification de sécurité sur votre compte Veza',
            blocks: [
              `Bonjour ${mail.username},`,
              SECURITY_CHANGES[mail.change].fr,
              'Si ce n’est pas vous, réinitialisez votre mot de passe depuis la page de connexion et déconnectez vos autres sessions dans les paramètres.',
            ],
          }
        : {
            subject: 'Security change on your Veza account',
            blocks: [
              `Hi ${mail.username},`,
              SECURITY_CHANGES[mail.change].en,
              'If this was not you, reset your password from the sign-in page and sign out your other sessions in your settings.',
            ],
          };
  }
}

/** Renders one account mail for `to`, in `language` (English by default). */
export function renderMail(to: string, template: MailTemplate, language: MailLanguage = 'en'): OutgoingMail {
  const { subject, blocks } = parts(template, language);
  const sign = SIGN[language];
  const text = [...blocks.map((b) => (typeof b === 'string' ? b : `${b.label}: ${b.link}`)), `— ${sign}`].join('\n\n') + '\n';
  const body = blocks
    .map((b) =>
      typeof b === 'string'
        ? `<p>${escapeHtml(b)}</p>`
        : `<p><a href="${escapeHtml(b.link)}" style="display:inline-block;padding:10px 16px;background:#6d28d9;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(b.label)}</a></p>\n<p style="font-size:12px;color:#555">${escapeHtml(b.link)}</p>`,
    )
    .join('\n');
  const html = `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111;max-width:560px;margin:24px auto;padding:0 16px">
${body}
<p>— ${escapeHtml(sign)}</p>
</body></html>
`;
  return { to, subject, text, html };
}

/** For mails that answer no request of the reader's (we do not know their language): English, then French, in one mail. */
export function renderBilingualMail(to: string, template: MailTemplate): OutgoingMail {
  const en = renderMail(to, template, 'en');
  const fr = renderMail(to, template, 'fr');
  const body = (html: string | undefined) => /<body[^>]*>([\s\S]*)<\/body>/.exec(html ?? '')?.[1] ?? '';
  return {
    to,
    subject: `${en.subject} / ${fr.subject}`,
    text: `${en.text}\n— Français —\n\n${fr.text}`,
    html: (en.html ?? '').replace(/<\/body>/, `<hr>\n<div lang="fr">${body(fr.html)}</div>\n</body>`),
  };
}
