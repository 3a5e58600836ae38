// The room list, live (issue 10): `chat.rooms.list` once, then `chat.onInbox` events applied to the cached list
// (inbox-events.ts), so badges change as messages, mentions and reads (from any tab or device) happen. The list is
// still read again now and then (ROOM_LIST_FALLBACK_MS) in case an event was missed, and soon after an event the
// cache cannot apply by itself (a room joined elsewhere, a new DM), at most once per REFETCH_THROTTLE_MS.
import { useCallback, useEffect, useRef } from 'react';
import { errorInfo, isUnauthorized } from '../../../lib/errors.ts';
import { refreshSession } from '../../../lib/session-refresh.ts';
import { useSession } from '../../../stores/session.ts';
import { trpc } from '../../../trpc.ts';
import { applyInboxEvent, type InboxEvent } from './inbox-events.ts';

/** The slow fallback: the list is read again this often even while live. */
export const ROOM_LIST_FALLBACK_MS = 60_000;
/** Refetches an event asks for are at most this frequent. */
export const REFETCH_THROTTLE_MS = 2_000;

/** Applies one inbox event to the cached room list (what the live subscription does; stories and tests feed it too). */
export function useApplyInboxEvent() {
  const utils = trpc.useUtils();
  const blocks = trpc.users.blocks.useQuery(undefined, { staleTime: 60_000 });
  const blocked = useRef(new Set<string>());
  blocked.current = new Set((blocks.data ?? []).map((b) => b.user.id));
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const refetchSoon = useCallback(() => {
    if (timer.current) return;
    const wait = Math.max(0, last.current + REFETCH_THROTTLE_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = Date.now();
      void utils.chat.rooms.list.invalidate();
    }, wait);
  }, [utils]);
  return useCallback(
    (event: InboxEvent) => {
      let refetch = false;
      utils.chat.rooms.list.setData(undefined, (rooms) => {
        if (!rooms) return rooms;
        const applied = applyInboxEvent(rooms, event, useSession.getState().user?.id ?? null, (id) => blocked.current.has(id));
        refetch = applied.refetch;
        return applied.rooms;
      });
      if (refetch) refetchSoon();
    },
    [utils, refetchSoon],
  );
}

/** My rooms and DMs, kept live by `chat.onInbox` (see above). */
export function useLiveRoomList() {
  const rooms = trpc.chat.rooms.list.useQuery(undefined, { refetchInterval: ROOM_LIST_FALLBACK_MS, refetchOnWindowFocus: true });
  const apply = useApplyInboxEvent();
  const subscription = trpc.chat.onInbox.useSubscription(
    {},
    {
      enabled: rooms.isSuccess,
      onData: ({ data }) => apply(data as InboxEvent),
      onError: (error) => {
        if (isUnauthorized(error)) {
          void refreshSession().then((ok) => {
            if (ok) subscription.reset();
          });
          return;
        }
        // Fell behind: subscribe again (its first event is a fresh sync).
        if (errorInfo(error).code === 'TOO_MANY_REQUESTS') subscription.reset();
      },
    },
  );
  return rooms;
}
