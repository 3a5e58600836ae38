// The digest mail (issue 12), in English or French: one line per unread group ("ana and 3 others liked “Night Drive”")
// with its link, "and N more" when there are more than it lists, and the footer with the one-click link that turns the
// digest off (RFC 8058 headers alongside).
import type { DigestPeriod } from '@veza/db';
import type { MailLanguage } from '@veza/validators';
import type { OutgoingMail } from '../mail/mailer.ts';
import { escapeHtml } from '../mail/templates.ts';
import type { NotificationGroupDto } from './notifications.dto.ts';
import { headline } from './notifications.mail.ts';

export interface DigestLine {
  group: NotificationGroupDto;
  /** The absolute link that opens it. */
  link: string;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

function words(period: DigestPeriod, total: number, language: MailLanguage) {
  const fr = language === 'fr';
  const daily = period === 'daily';
  if (fr) {
    return {
      subject: `Votre résumé ${daily ? 'quotidien' : 'hebdomadaire'} Veza : ${total} ${plural(total, 'nouvelle notification', 'nouvelles notifications')}`,
      intro: `Voici ce qui s’est passé sur Veza ${daily ? 'depuis hier' : 'cette semaine'} et que vous n’avez pas encore vu :`,
      more: (n: number) => `… et ${n} ${plural(n, 'autre', 'autres')}`,
      all: 'Tout voir dans Veza',
      why: `Vous recevez cet e-mail car le résumé ${daily ? 'quotidien' : 'hebdomadaire'} de vos notifications non lues est activé.`,
      settings: 'Changer la fréquence',
      stop: 'Ne plus recevoir de résumé',
      hi: (name: string) => `Bonjour ${name},`,
      sign: 'L’équipe Veza',
    };
  }
  return {
    subject: `Your ${daily ? 'daily' : 'weekly'} Veza digest: ${total} new ${plural(total, 'notification', 'notifications')}`,
    intro: `Here is what happened on Veza ${daily ? 'since yesterday' : 'this week'} that you have not seen yet:`,
    more: (n: number) => `… and ${n} more`,
    all: 'See everything in Veza',
    why: `You get this email because the ${daily ? 'daily' : 'weekly'} digest of your unread notifications is on.`,
    settings: 'Change how often',
    stop: 'Stop digests',
    hi: (name: string) => `Hi ${name},`,
    sign: 'The Veza team',
  };
}

/** The digest for `lines` (the newest first) out of `total` unread groups. */
export function digestMail(args: {
  to: string;
  username: string;
  period: DigestPeriod;
  language: MailLanguage;
  lines: readonly DigestLine[];
  total: number;
  /** Absolute links: the notification centre and the notification settings. */
  allLink: string;
  settingsLink: string;
  unsubscribe: { page: string; oneClick: string };
}): OutgoingMail {
  const { language, lines, unsubscribe } = args;
  const w = words(args.period, args.total, language);
  const rest = args.total - lines.length;
  const items = lines.map((l) => ({ text: headline(l.group, language), link: l.link }));
  const text =
    [
      w.hi(args.username),
      w.intro,
      [...items.map((i) => `- ${i.text}\n  ${i.link}`), ...(rest > 0 ? [w.more(rest)] : [])].join('\n'),
      `${w.all}: ${args.allLink}`,
      `— ${w.sign}`,
      `${w.why}\n${w.settings}: ${args.settingsLink}\n${w.stop}: ${unsubscribe.page}`,
    ].join('\n\n') + '\n';
  const html = `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(w.subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111;max-width:560px;margin:24px auto;padding:0 16px">
<p>${escapeHtml(w.hi(args.username))}</p>
<p>${escapeHtml(w.intro)}</p>
<ul style="padding-left:20px">
${items.map((i) => `<li style="margin-bottom:8px"><a href="${escapeHtml(i.link)}" style="color:#6d28d9">${escapeHtml(i.text)}</a></li>`).join('\n')}
</ul>
${rest > 0 ? `<p>${escapeHtml(w.more(rest))}</p>\n` : ''}<p><a href="${escapeHtml(args.allLink)}" style="display:inline-block;padding:10px 16px;background:#6d28d9;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(w.all)}</a></p>
<p>— ${escapeHtml(w.sign)}</p>
<p style="font-size:12px;color:#555">${escapeHtml(w.why)} <a href="${escapeHtml(args.settingsLink)}">${escapeHtml(w.settings)}</a> · <a href="${escapeHtml(unsubscribe.page)}">${escapeHtml(w.stop)}</a></p>
</body></html>
`;
  return {
    to: args.to,
    subject: w.subject,
    text,
    html,
    headers: { 'List-Unsubscribe': `<${unsubscribe.oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
