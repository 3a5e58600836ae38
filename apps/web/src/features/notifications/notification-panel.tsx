import { Button, ErrorState, Spinner } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';
import { NotificationItem } from './notification-item.tsx';
import { PushPrompt } from './push-prompt.tsx';
import { PANEL_SIZE, useMarkRead } from './use-mark-read.ts';

export interface NotificationPanelProps {
  /** The bell's id: the title's is made from it. */
  id: string;
  unread: number;
  /** Closes the panel (a link followed). */
  onClose: () => void;
}

/**
 * The bell's panel (the content of its React Aria dialog, notification-bell.tsx): the latest groups, "Mark all as read", the offer of push on this device, and "See all". A
 * module of its own, loaded when the bell is hovered, focused or pressed.
 */
export function NotificationPanel({ id, unread, onClose }: NotificationPanelProps) {
  const { t } = useTranslation();
  const list = trpc.notifications.list.useQuery({ limit: PANEL_SIZE }, { staleTime: 0 });
  const mark = useMarkRead();
  const items = list.data?.items ?? [];

  return (
    <>
      <div className="vw-notification-panel__head">
        <h2 id={`${id}-title`}>{t('notifications.center.title')}</h2>
        {unread > 0 && items.length > 0 && (
          <Button size="sm" variant="ghost" loading={mark.all.isPending} onClick={() => mark.all.mutate({ upTo: items[0]?.seq ?? null })}>
            {t('notifications.center.markAllRead')}
          </Button>
        )}
      </div>
      {mark.all.error && <p role="alert" className="vw-inline-error">{errorMessage(mark.all.error)}</p>}
      {mark.one.error && <p role="alert" className="vw-inline-error">{errorMessage(mark.one.error)}</p>}
      {list.isPending ? (
        <div className="vw-notification-panel__state" aria-busy="true">
          <Spinner label={t('notifications.center.loading')} />
        </div>
      ) : list.isError ? (
        <ErrorState title={t('notifications.center.errorTitle')} message={errorMessage(list.error)} onRetry={() => void list.refetch()} retryLabel={t('common.retry')} />
      ) : items.length === 0 ? (
        <div className="vw-notification-panel__state">
          <p className="vw-notification-panel__empty-title">{t('notifications.center.emptyTitle')}</p>
          <p className="vw-muted">{t('notifications.center.emptyText')}</p>
        </div>
      ) : (
        <>
          <PushPrompt />
          <ul className="vw-notification-list" aria-label={t('notifications.center.listLabel')}>
            {items.map((group) => (
              <NotificationItem key={group.id} group={group} onOpen={onClose} onMarkRead={(gid) => mark.one.mutate({ id: gid })} />
            ))}
          </ul>
        </>
      )}
      <div className="vw-notification-panel__foot">
        <Link to="/notifications" onClick={onClose}>{t('notifications.center.seeAll')}</Link>
        <Link to="/settings/notifications" onClick={onClose}>{t('notifications.center.settings')}</Link>
      </div>
    </>
  );
}
