import type { NotificationEvent } from '@veza/api';
import { isUnauthorized } from '../../lib/errors.ts';
import { refreshSession } from '../../lib/session-refresh.ts';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { notificationToast } from './notification-toast.ts';

/**
 * What a live notification does: a toast, and for a like, a refetch of the liked track wherever it is shown
 * (its page, the player dock, the lists), so the owner sees the new count, not the one loaded earlier. For following:
 * the profiles shown (counts, "follows you", "asks to follow you"), the people lists and the follow requests; once my
 * request is approved, that person's tracks, which I may now hear. For a comment: the track's thread and waveform.
 */
export function useNotificationHandler() {
  const utils = trpc.useUtils();
  return (eventId: string, event: NotificationEvent) => {
    pushToast(notificationToast(eventId, event));
    // A like or a repost of my track: its counts, wherever it is shown.
    if (event.type === 'track.liked' || event.type === 'track.reposted') {
      void utils.tracks.byId.invalidate({ id: event.track.id });
      void utils.tracks.list.invalidate();
    }
    if (event.type === 'comment.new') {
      // The thread, the waveform's avatars and the count of the track commented on, wherever they are shown.
      void utils.comments.list.invalidate({ trackId: event.track.id });
      void utils.comments.timeline.invalidate({ trackId: event.track.id });
      void utils.tracks.byId.invalidate({ id: event.track.id });
    }
    if (event.type === 'playlist.invite') {
      // The playlist, if open, shows the invitation banner; "Add to playlist" will list it once accepted.
      void utils.playlists.byId.invalidate({ id: event.playlist.id });
    }
    if (event.type === 'follow.new' || event.type === 'follow.request' || event.type === 'follow.accepted') {
      void utils.users.byUsername.invalidate();
      void utils.social.invalidate();
      if (event.type === 'follow.accepted') void utils.tracks.list.invalidate({ username: event.actor.username });
    }
  };
}

/**
 * Live notifications for the signed-in user. Mounted once in the shell. wsLink resumes with the last event
 * id after a reconnect, so nothing is missed; toasts are keyed by the event id, so nothing shows twice.
 */
export function NotificationListener() {
  const signedIn = useSession((s) => s.status === 'signed-in');
  const onNotification = useNotificationHandler();

  const subscription = trpc.notifications.onEvent.useSubscription(undefined, {
    enabled: signedIn,
    onData: ({ id, data }) => onNotification(id, data),
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
