// "New sign-in from a new device" (issue 12), in English or French: when, which browser and system (approximately,
// from the user agent), from which address, and the link to the sessions page to sign that session out.
import type { MailLanguage } from '@veza/validators';
import type { OutgoingMail } from '../mail/mailer.ts';
import { escapeHtml } from '../mail/templates.ts';

/** Where the web app lists sessions (and signs them out). */
export const SESSIONS_PAGE_PATH = '/settings/sessions';

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\b(?:Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/** An approximate "Firefox on Linux" from a user agent; null when nothing is recognised. */
export function describeDevice(userAgent: string | null, language: MailLanguage): string | null {
  if (!userAgent) return null;
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1] ?? null;
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1] ?? null;
  if (browser && system) return language === 'fr' ? `${browser} sous ${system}` : `${browser} on ${system}`;
  return browser ?? system;
}

const when = (at: Date, language: MailLanguage) =>
  `${new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(at)} UTC`;

export function newSignInMail(args: {
  to: string;
  username: string;
  language: MailLanguage;
  at: Date;
  userAgent: string | null;
  ip: string | null;
  /** Absolute link to the sessions page. */
  sessionsLink: string;
}): OutgoingMail {
  const fr = args.language === 'fr';
  const device = describeDevice(args.userAgent, args.language) ?? (fr ? 'un appareil non reconnu' : 'an unrecognised device');
  const ip = args.ip ?? (fr ? 'inconnue' : 'unknown');
  const subject = fr ? 'Nouvelle connexion à votre compte Veza depuis un nouvel appareil' : 'New sign-in to your Veza account from a new device';
  const facts = fr
    ? [`Quand : ${when(args.at, 'fr')}`, `Appareil : ${device} (approximatif)`, `Adresse IP : ${ip}`]
    : [`When: ${when(args.at, 'en')}`, `Device: ${device} (approximate)`, `IP address: ${ip}`];
  const hi = fr ? `Bonjour ${args.username},` : `Hi ${args.username},`;
  const intro = fr ? 'Quelqu’un vient de se connecter à votre compte Veza depuis un appareil que nous ne connaissions pas :' : 'Someone just signed in to your Veza account from a device we had not seen before:';
  const ifYou = fr ? 'Si c’était vous, il n’y a rien à faire.' : 'If this was you, there is nothing to do.';
  const ifNot = fr
    ? 'Sinon, déconnectez cette session et changez votre mot de passe :'
    : 'If not, sign that session out and change your password:';
  const label = fr ? 'Voir mes sessions' : 'Review my sessions';
  const sign = fr ? 'L’équipe Veza' : 'The Veza team';
  const text = [hi, intro, facts.join('\n'), ifYou, `${ifNot}\n${label}: ${args.sessionsLink}`, `— ${sign}`].join('\n\n') + '\n';
  const html = `<!doctype html>
<html lang="${args.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111;max-width:560px;margin:24px auto;padding:0 16px">
<p>${escapeHtml(hi)}</p>
<p>${escapeHtml(intro)}</p>
<ul>${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>
<p>${escapeHtml(ifYou)}</p>
<p>${escapeHtml(ifNot)}</p>
<p><a href="${escapeHtml(args.sessionsLink)}" style="display:inline-block;padding:10px 16px;background:#6d28d9;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(label)}</a></p>
<p>— ${escapeHtml(sign)}</p>
</body></html>
`;
  return { to: args.to, subject, text, html };
}
