import '../../features/notifications/notifications.css';
import { Button, EmptyState, ErrorState, LoadingState } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { BellIcon } from '../../features/notifications/bell-icon.tsx';
import { NotificationItem } from '../../features/notifications/notification-item.tsx';
import type { NotificationGroup } from '../../features/notifications/notification-text.ts';
import { PushPrompt } from '../../features/notifications/push-prompt.tsx';
import { PAGE_SIZE, useMarkRead } from '../../features/notifications/use-mark-read.ts';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';

/** The two lists of the page, each its own cache entry: every group (shared with what marking read updates), or the unread ones. */
const ALL = { limit: PAGE_SIZE };
const UNREAD = { limit: PAGE_SIZE, unreadOnly: true };

/**
 * `/notifications` (signed in): every group, newest first, 20 at a time; "Unread only" asks the server for the unread
 * ones only (paged the same way), and "Mark all as read" marks those up to the newest one shown.
 */
export function NotificationsPage() {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = trpc.notifications.list.useInfiniteQuery(unreadOnly ? UNREAD : ALL, { getNextPageParam: (last) => last.nextCursor, staleTime: 0 });
  const unread = trpc.notifications.unreadCount.useQuery(undefined, { staleTime: 60_000 });
  const mark = useMarkRead();
  const title = t('notifications.center.title');
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  // What is marked read leaves the unread list at once (the server agrees; a failure reloads every list).
  const dropFromUnread = (read: (g: NotificationGroup) => boolean) =>
    utils.notifications.list.setInfiniteData(UNREAD, (data) => data && { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((g) => !read(g)) })) });
  const markOne = (id: string) => {
    dropFromUnread((g) => g.id === id);
    mark.one.mutate({ id });
  };
  const markAll = () => {
    const upTo = items[0]?.seq ?? null;
    dropFromUnread((g) => !upTo || BigInt(g.seq) <= BigInt(upTo));
    mark.all.mutate({ upTo });
  };

  let body;
  if (list.isPending) body = <LoadingState label={t('notifications.center.loading')} />;
  else if (list.isError && !list.data) {
    body = <ErrorState title={t('notifications.center.errorTitle')} message={errorMessage(list.error)} onRetry={() => void list.refetch()} retryLabel={t('common.retry')} />;
  } else if (items.length === 0) {
    body = unreadOnly ? (
      <EmptyState titleAs="p" icon={<BellIcon />} title={t('notifications.center.noUnreadTitle')} description={t('notifications.center.noUnreadText')} />
    ) : (
      <EmptyState titleAs="p" icon={<BellIcon />} title={t('notifications.center.emptyTitle')} description={t('notifications.center.emptyText')} />
    );
  } else {
    body = (
      <ul className="vw-notification-list" aria-label={unreadOnly ? t('notifications.center.unreadListLabel') : t('notifications.center.listLabel')}>
        {items.map((group) => (
          <NotificationItem key={group.id} group={group} onMarkRead={markOne} />
        ))}
      </ul>
    );
  }

  return (
    <div className="vw-page vw-notifications-page">
      <PageHeading title={title} />
      <div className="vw-notifications-page__actions">
        <label className="vw-notifications-page__filter">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> {t('notifications.center.unreadOnly')}
        </label>
        {(unread.data?.unread ?? 0) > 0 && items.length > 0 && (
          <Button size="sm" variant="secondary" loading={mark.all.isPending} onClick={markAll}>
            {t('notifications.center.markAllRead')}
          </Button>
        )}
        <Link to="/settings/notifications">{t('notifications.center.settings')}</Link>
      </div>
      {(mark.all.error ?? mark.one.error) && <p role="alert" className="vw-inline-error">{errorMessage(mark.all.error ?? mark.one.error)}</p>}
      {items.length > 0 && <PushPrompt />}
      {body}
      {list.isFetchNextPageError && <p role="alert" className="vw-inline-error">{t('notifications.center.moreError')}</p>}
      {list.hasNextPage && (
        <div className="vw-load-more">
          <Button variant="secondary" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('notifications.center.more')}</Button>
        </div>
      )}
    </div>
  );
}
