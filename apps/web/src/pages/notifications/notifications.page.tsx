import '../../features/notifications/notifications.css';
import { Button, EmptyState, ErrorState, LoadingState } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { BellIcon } from '../../features/notifications/notification-bell.tsx';
import { NotificationItem } from '../../features/notifications/notification-item.tsx';
import { PushPrompt } from '../../features/notifications/push-prompt.tsx';
import { PAGE_SIZE, useMarkRead } from '../../features/notifications/use-mark-read.ts';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';

/**
 * `/notifications` (signed in): every group, newest first, 20 at a time; "Unread only" narrows what is loaded, and
 * "Mark all as read" marks those up to the newest one shown.
 */
export function NotificationsPage() {
  const { t } = useTranslation();
  const list = trpc.notifications.list.useInfiniteQuery({ limit: PAGE_SIZE }, { getNextPageParam: (last) => last.nextCursor, staleTime: 0 });
  const unread = trpc.notifications.unreadCount.useQuery(undefined, { staleTime: 60_000 });
  const mark = useMarkRead();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const title = t('notifications.center.title');
  const all = list.data?.pages.flatMap((p) => p.items) ?? [];
  const items = unreadOnly ? all.filter((g) => !g.read) : all;

  if (list.isPending) return <LoadingState label={t('notifications.center.loading')} />;
  if (list.isError && !list.data) {
    return (
      <div className="vw-page">
        <PageHeading title={title} />
        <ErrorState title={t('notifications.center.errorTitle')} message={errorMessage(list.error)} onRetry={() => void list.refetch()} retryLabel={t('common.retry')} />
      </div>
    );
  }
  return (
    <div className="vw-page vw-notifications-page">
      <PageHeading title={title} />
      <div className="vw-notifications-page__actions">
        <label className="vw-notifications-page__filter">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> {t('notifications.center.unreadOnly')}
        </label>
        {(unread.data?.unread ?? 0) > 0 && all.length > 0 && (
          <Button size="sm" variant="secondary" loading={mark.all.isPending} onClick={() => mark.all.mutate({ upTo: all[0]?.seq ?? null })}>
            {t('notifications.center.markAllRead')}
          </Button>
        )}
        <Link to="/settings/notifications">{t('notifications.center.settings')}</Link>
      </div>
      {(mark.all.error ?? mark.one.error) && <p role="alert" className="vw-inline-error">{errorMessage(mark.all.error ?? mark.one.error)}</p>}
      {all.length > 0 && <PushPrompt />}
      {items.length === 0 ? (
        <EmptyState
          titleAs="p"
          icon={<BellIcon />}
          title={unreadOnly && all.length > 0 ? t('notifications.center.noUnreadTitle') : t('notifications.center.emptyTitle')}
          description={t('notifications.center.emptyText')}
        />
      ) : (
        <ul className="vw-notification-list" aria-label={t('notifications.center.listLabel')}>
          {items.map((group) => (
            <NotificationItem key={group.id} group={group} onMarkRead={(id) => mark.one.mutate({ id })} />
          ))}
        </ul>
      )}
      {list.isFetchNextPageError && <p role="alert" className="vw-inline-error">{t('notifications.center.moreError')}</p>}
      {list.hasNextPage && (
        <div className="vw-load-more">
          <Button variant="secondary" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('notifications.center.more')}</Button>
        </div>
      )}
    </div>
  );
}
