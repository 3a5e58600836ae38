import type { NotificationEvent } from '@veza/api';
import { formatClock } from '@veza/ui';
import i18next from 'i18next';
import type { Toast } from '../../stores/toasts.ts';

/**
 * The toast for a live notification. Its title names the actor by username ("ana liked “Night Drive”"),
 * a stable text people and E2E tests can find; its id is the event id, so a replayed event shows once.
 */
export function notificationToast(eventId: string, event: NotificationEvent): Toast {
  const id = `notification-${eventId}`;
  const actor = event.actor.username;
  switch (event.type) {
    // Following (issue 11): someone followed me, asks to (my profile is private), or approved my request.
    case 'follow.new':
      return { id, title: i18next.t('notifications.followNew', { actor }), tone: 'info' };
    case 'follow.request':
      return { id, title: i18next.t('notifications.followRequest', { actor }), description: i18next.t('notifications.followRequestDescription'), tone: 'info' };
    case 'follow.accepted':
      return { id, title: i18next.t('notifications.followAccepted', { actor }), tone: 'success' };
    // Timed comments (issue 11): on my track (with its moment), a reply to mine, or a mention; the start of the comment below.
    case 'comment.new': {
      const title = event.track.title;
      const text =
        event.on === 'my_track' ? i18next.t('notifications.commentOnTrack', { actor, title, moment: formatClock(event.atMs / 1000) })
        : event.on === 'my_comment' ? i18next.t('notifications.commentReply', { actor, title })
        : i18next.t('notifications.commentMention', { actor, title });
      return { id, title: text, ...(event.excerpt ? { description: event.excerpt } : {}), tone: 'info' };
    }
    case 'chat.mention': {
      // A mention shows who, where, and the start of the message.
      const title = event.roomName ? i18next.t('notifications.chatMention', { actor, room: event.roomName }) : i18next.t('notifications.chatMentionDirect', { actor });
      return { id, title, ...(event.excerpt ? { description: event.excerpt } : {}), tone: 'info' };
    }
    // The owner of a playlist invited me to edit it with them (issue 11): the toast links to it.
    case 'playlist.invite':
      return {
        id,
        title: i18next.t('notifications.playlistInvite', { actor, title: event.playlist.title }),
        link: { href: `/playlists/${event.playlist.id}`, label: i18next.t('notifications.playlistInviteLink') },
        tone: 'info',
      };
    // Someone reposted my track to their followers (issue 11).
    case 'track.reposted':
      return { id, title: i18next.t('notifications.trackReposted', { actor, title: event.track.title }), tone: 'success' };
    default:
      return { id, title: i18next.t('notifications.trackLiked', { actor, title: event.track.title }), tone: 'success' };
  }
}
