import { Avatar } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, relativeTime } from '../../pages/settings/settings-format.ts';
import { displayNameOf } from '../tracks/track-model.ts';
import { excerptOf, headlineOf, type NotificationGroup } from './notification-text.ts';

export interface NotificationItemProps {
  group: NotificationGroup;
  onOpen?: () => void;
  onMarkRead: (id: string) => void;
}

/**
 * One group: the latest people's avatars, "ana and 12 others liked “Night Drive”" linking to it (opening marks it
 * read), the start of a comment or message, when, and a "Mark as read" button while unread.
 */
export function NotificationItem({ group, onOpen, onMarkRead }: NotificationItemProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const headline = headlineOf(t, group);
  const excerpt = excerptOf(group);
  return (
    <li className={`vw-notification${group.read ? '' : ' vw-notification--unread'}`}>
      <span className="vw-notification__avatars" aria-hidden="true">
        {group.actors.slice(0, 3).map((actor) => (
          <Avatar key={actor.id} name={displayNameOf(actor)} size="sm" decorative />
        ))}
        {group.actors.length === 0 && <span className="vw-notification__system">!</span>}
      </span>
      <span className="vw-notification__body">
        <Link
          className="vw-notification__link"
          to={group.url}
          onClick={() => {
            if (!group.read) onMarkRead(group.id);
            onOpen?.();
          }}
        >
          {!group.read && <span className="vz-sr-only">{t('notifications.center.unreadPrefix')} </span>}
          {headline}
        </Link>
        {excerpt && <span className="vw-notification__excerpt">{excerpt}</span>}
        <time className="vw-notification__time vw-muted" dateTime={group.updatedAt} title={formatDate(group.updatedAt, language, true)}>
          {relativeTime(group.updatedAt, language)}
        </time>
      </span>
      {!group.read && (
        <button type="button" className="vw-notification__mark" aria-label={t('notifications.center.markRead', { headline })} title={t('notifications.center.markReadShort')} onClick={() => onMarkRead(group.id)}>
          <span className="vw-notification__dot" aria-hidden="true" />
        </button>
      )}
    </li>
  );
}
