import { isUnauthorized } from '../../lib/errors.ts';
import { refreshSession } from '../../lib/session-refresh.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';

/**
 * My unread notification count, live: `notifications.unreadCount` once, then `notifications.onUnread` (over the
 * WebSocket) writes each change into that cache, and has the centre's lists read again when it grows.
 */
export function useUnreadCount() {
  const signedIn = useSession((s) => s.status === 'signed-in');
  const utils = trpc.useUtils();
  const count = trpc.notifications.unreadCount.useQuery(undefined, { enabled: signedIn, staleTime: 60_000 });
  const subscription = trpc.notifications.onUnread.useSubscription(undefined, {
    enabled: signedIn,
    onData: (data) => {
      const before = utils.notifications.unreadCount.getData()?.unread;
      utils.notifications.unreadCount.setData(undefined, data);
      if (before !== data.unread) void utils.notifications.list.invalidate();
    },
    onError: (error) => {
      if (isUnauthorized(error)) {
        void refreshSession().then((ok) => {
          if (ok) subscription.reset();
        });
      }
    },
  });
  return count.data?.unread ?? 0;
}

/** "99+" past 99. */
export const badgeText = (unread: number) => (unread > 99 ? '99+' : String(unread));
