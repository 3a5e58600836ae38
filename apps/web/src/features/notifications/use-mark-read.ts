import { trpc } from '../../trpc.ts';
import type { NotificationGroup } from './notification-text.ts';

type Page = { items: NotificationGroup[]; nextCursor: string | null };
const markIn = (page: Page, read: (g: NotificationGroup) => boolean): Page => ({ ...page, items: page.items.map((g) => (read(g) ? { ...g, read: true } : g)) });

/** Marks one group, or every group, read: the lists show it at once, the badge takes the server's new count. */
export function useMarkRead() {
  const utils = trpc.useUtils();
  const apply = (read: (g: NotificationGroup) => boolean) => {
    const queries = utils.notifications.list;
    // Both cached lists: the panel's page and the full page's pages.
    void queries.cancel();
    queries.setData({ limit: PANEL_SIZE }, (page) => page && markIn(page, read));
    queries.setInfiniteData({ limit: PAGE_SIZE }, (data) => data && { ...data, pages: data.pages.map((p) => markIn(p, read)) });
  };
  const one = trpc.notifications.markRead.useMutation({
    onMutate: ({ id }) => apply((g) => g.id === id),
    onSuccess: (data) => utils.notifications.unreadCount.setData(undefined, { unread: data.unread }),
    onError: () => void utils.notifications.list.invalidate(),
  });
  const all = trpc.notifications.markAllRead.useMutation({
    onMutate: (input) => {
      const upTo = input?.upTo;
      apply((g) => !upTo || BigInt(g.seq) <= BigInt(upTo));
    },
    onSuccess: (data) => utils.notifications.unreadCount.setData(undefined, { unread: data.unread }),
    onError: () => void utils.notifications.list.invalidate(),
  });
  return { one, all };
}

/** Groups the panel shows; the full page reads this many at a time. */
export const PANEL_SIZE = 8;
export const PAGE_SIZE = 20;
