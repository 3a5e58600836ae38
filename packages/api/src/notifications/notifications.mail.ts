// Notification mails and push texts, in English and French: one line that says what happened ("ana and 3 others
// liked “Night Drive”"), the start of the comment or message when there is one, a link to it, and the footer with the
// one-click unsubscribe link (RFC 8058 headers alongside).
import type { NotificationKind } from '@veza/db';
import type { MailLanguage } from '@veza/validators';
import type { OutgoingMail } from '../mail/mailer.ts';
import { escapeHtml } from '../mail/templates.ts';
import type { NotificationGroupDto } from './notifications.dto.ts';

const who = (g: NotificationGroupDto, fr: boolean) => {
  const first = g.actors[0]?.username ?? (fr ? 'Quelqu’un' : 'Someone');
  const others = g.actorCount - 1;
  if (others <= 0) return { text: first, many: false };
  if (fr) return { text: others === 1 ? `${first} et 1 autre personne` : `${first} et ${others} autres personnes`, many: true };
  return { text: others === 1 ? `${first} and 1 other` : `${first} and ${others} others`, many: true };
};

/** The sentence that says what happened, in `language`. */
export function headline(g: NotificationGroupDto, language: MailLanguage): string {
  const fr = language === 'fr';
  const { text: actor, many } = who(g, fr);
  const t = g.target;
  const q = (title: string) => (fr ? `« ${title} »` : `“${title}”`);
  switch (g.type) {
    case 'track.liked':
      return t.type === 'track' ? (fr ? `${actor} ${many ? 'ont' : 'a'} aimé ${q(t.title)}` : `${actor} liked ${q(t.title)}`) : '';
    case 'track.reposted':
      return t.type === 'track' ? (fr ? `${actor} ${many ? 'ont' : 'a'} republié ${q(t.title)}` : `${actor} reposted ${q(t.title)}`) : '';
    case 'follow.new':
      return fr ? `${actor} ${many ? 'vous suivent' : 'vous suit'}` : `${actor} followed you`;
    case 'follow.request':
      return fr ? `${actor} ${many ? 'demandent' : 'demande'} à vous suivre` : `${actor} ${many ? 'ask' : 'asks'} to follow you`;
    case 'follow.accepted':
      return fr ? `${actor} ${many ? 'ont' : 'a'} accepté votre demande d’abonnement` : `${actor} approved your follow request`;
    case 'comment.new': {
      if (t.type !== 'comment') return '';
      if (t.on === 'my_track') return fr ? `${actor} ${many ? 'ont' : 'a'} commenté ${q(t.trackTitle)}` : `${actor} commented on ${q(t.trackTitle)}`;
      if (t.on === 'my_comment') return fr ? `${actor} ${many ? 'ont' : 'a'} répondu à votre commentaire sur ${q(t.trackTitle)}` : `${actor} replied to your comment on ${q(t.trackTitle)}`;
      return fr ? `${actor} vous ${many ? 'ont' : 'a'} mentionné dans un commentaire sur ${q(t.trackTitle)}` : `${actor} mentioned you in a comment on ${q(t.trackTitle)}`;
    }
    case 'chat.mention': {
      if (t.type !== 'chat') return '';
      const where = t.roomName ? `#${t.roomName}` : fr ? 'une conversation' : 'a conversation';
      return fr ? `${actor} vous ${many ? 'ont' : 'a'} mentionné dans ${where}` : `${actor} mentioned you in ${where}`;
    }
    case 'playlist.invite':
      return t.type === 'playlist' ? (fr ? `${actor} vous invite à modifier la playlist ${q(t.title)}` : `${actor} invited you to edit the playlist ${q(t.title)}`) : '';
    case 'track.processed':
      return t.type === 'track' ? (fr ? `${q(t.title)} est prêt à être écouté` : `${q(t.title)} is ready to play`) : '';
    case 'track.failed':
      return t.type === 'track' ? (fr ? `${q(t.title)} n’a pas pu être traité` : `${q(t.title)} could not be processed`) : '';
    case 'security.notice':
      return fr ? 'Modification de sécurité sur votre compte' : 'Security change on your account';
    case 'group.invite':
      return t.type === 'group' ? (fr ? `${actor} vous invite à rejoindre le groupe ${q(t.name)}` : `${actor} invited you to join the group ${q(t.name)}`) : '';
    case 'group.request':
      return t.type === 'group' ? (fr ? `${actor} ${many ? 'demandent' : 'demande'} à rejoindre ${q(t.name)}` : `${actor} ${many ? 'ask' : 'asks'} to join ${q(t.name)}`) : '';
  }
}

/** The quoted start of a comment or message, or why processing failed. */
const detailOf = (g: NotificationGroupDto) => (g.target.type === 'comment' || g.target.type === 'chat' ? g.target.excerpt : (g.detail ?? '')) || null;

const KIND_WORDS: Record<NotificationKind, { en: string; fr: string }> = {
  likes: { en: 'likes', fr: 'j’aime' },
  reposts: { en: 'reposts', fr: 'republications' },
  follows: { en: 'new followers', fr: 'nouveaux abonnés' },
  follow_requests: { en: 'follow requests', fr: 'demandes d’abonnement' },
  comments: { en: 'comments and replies', fr: 'commentaires et réponses' },
  mentions: { en: 'mentions', fr: 'mentions' },
  invites: { en: 'invitations (playlists, groups) and requests to join your groups', fr: 'invitations (playlists, groupes) et demandes pour rejoindre vos groupes' },
  processing: { en: 'upload processing', fr: 'traitement des envois' },
  security: { en: 'security notices', fr: 'alertes de sécurité' },
};

/** The mail for a group, in the recipient's language, with its unsubscribe link and RFC 8058 headers. */
export function notificationMail(args: {
  to: string;
  username: string;
  group: NotificationGroupDto;
  language: MailLanguage;
  link: string;
  unsubscribe: { page: string; oneClick: string };
}): OutgoingMail {
  const { group, language, link, unsubscribe } = args;
  const fr = language === 'fr';
  const subject = headline(group, language);
  const detail = detailOf(group);
  const kind = KIND_WORDS[group.kind][language];
  const hi = fr ? `Bonjour ${args.username},` : `Hi ${args.username},`;
  const open = fr ? 'Ouvrir dans Veza' : 'Open in Veza';
  const why = fr ? `Vous recevez cet e-mail car les notifications par e-mail pour : ${kind} sont activées.` : `You get this email because email notifications for ${kind} are on.`;
  const stop = fr ? 'Ne plus recevoir ces e-mails' : 'Stop these emails';
  const sign = fr ? 'L’équipe Veza' : 'The Veza team';
  const text = [hi, `${subject}.`, ...(detail ? [fr ? `« ${detail} »` : `“${detail}”`] : []), `${open}: ${link}`, `— ${sign}`, `${why}\n${stop}: ${unsubscribe.page}`].join('\n\n') + '\n';
  const html = `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111;max-width:560px;margin:24px auto;padding:0 16px">
<p>${escapeHtml(hi)}</p>
<p>${escapeHtml(subject)}.</p>
${detail ? `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #ccc;color:#333">${escapeHtml(detail)}</blockquote>\n` : ''}<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:#6d28d9;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(open)}</a></p>
<p>— ${escapeHtml(sign)}</p>
<p style="font-size:12px;color:#555">${escapeHtml(why)} <a href="${escapeHtml(unsubscribe.page)}">${escapeHtml(stop)}</a></p>
</body></html>
`;
  return {
    to: args.to,
    subject,
    text,
    html,
    headers: { 'List-Unsubscribe': `<${unsubscribe.oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
