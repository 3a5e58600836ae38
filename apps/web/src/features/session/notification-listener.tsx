import { isUnauthorized } from '../../lib/errors.ts';
import { refreshSession } from '../../lib/session-refresh.ts';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { notificationToast } from './notification-toast.ts';

/**
 * Live notifications for the signed-in user, shown as toasts. Mounted once in the shell. wsLink
 * resumes with the last event id after a reconnect, so nothing is missed; toasts are keyed by the
 * event id, so nothing shows twice.
 */
export function NotificationListener() {
  const signedIn = useSession((s) => s.status === 'signed-in');

  const subscription = trpc.notifications.onEvent.useSubscription(undefined, {
    enabled: signedIn,
    onData: ({ id, data }) => {
      pushToast(notificationToast(id, data));
    },
    onError: (error) => {
      // The socket was opened with an expired access cookie: refresh, then subscribe again.
      if (isUnauthorized(error)) {
        void refreshSession().then((ok) => {
          if (ok) subscription.reset();
        });
      }
    },
  });

  return null;
}
