import type { NotificationEvent } from '@veza/api';
import i18next from 'i18next';
import type { Toast } from '../../stores/toasts.ts';

/**
 * The toast for a live notification. Its title names the actor by username ("ana liked “Night Drive”"),
 * a stable text people and E2E tests can find; its id is the event id, so a replayed event shows once.
 */
export function notificationToast(eventId: string, event: NotificationEvent): Toast {
  if (event.type === 'chat.mention') {
    // A mention shows who, where, and the start of the message.
    const title = event.roomName
      ? i18next.t('notifications.chatMention', { actor: event.actor.username, room: event.roomName })
      : i18next.t('notifications.chatMentionDirect', { actor: event.actor.username });
    return { id: `notification-${eventId}`, title, ...(event.excerpt ? { description: event.excerpt } : {}), tone: 'info' };
  }
  return {
    id: `notification-${eventId}`,
    title: i18next.t('notifications.trackLiked', { actor: event.actor.username, title: event.track.title }),
    tone: 'success',
  };
}
