import type { NotificationEvent } from '@veza/api';
import i18next from 'i18next';
import type { Toast } from '../../stores/toasts.ts';

/**
 * The toast for a live notification. Its title names the actor by username ("ana liked “Night Drive”"),
 * a stable text people and E2E tests can find; its id is the event id, so a replayed event shows once.
 */
export function notificationToast(eventId: string, event: NotificationEvent): Toast {
  return {
    id: `notification-${eventId}`,
    title: i18next.t('notifications.trackLiked', { actor: event.actor.username, title: event.track.title }),
    tone: 'success',
  };
}
