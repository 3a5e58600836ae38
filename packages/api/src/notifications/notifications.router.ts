import { tracked } from '@trpc/server';
import { markAllNotificationsReadInput, notificationInput, notificationsListInput, onEventInput, unsubscribeInput, updateNotificationPreferencesInput } from '@veza/validators';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import * as notifications from './notifications.service.ts';
import * as preferences from './preferences.service.ts';

export const notificationsRouter = router({
  /** Live events for the signed-in user; resumable with `lastEventId` (sent back automatically by wsLink). */
  onEvent: authedProcedure.input(onEventInput).subscription(async function* ({ ctx, input, signal }) {
    for await (const event of notifications.stream(ctx, ctx.viewer.id, input.lastEventId ?? null, signal)) {
      yield tracked(event.id, event);
    }
  }),
  /** The notification centre: groups ("ana and 12 others liked X"), most recently updated first. */
  list: authedProcedure.input(notificationsListInput).query(({ ctx, input }) => notifications.list(ctx, ctx.viewer, input)),
  /** How many groups are unread. */
  unreadCount: authedProcedure.query(({ ctx }) => notifications.unreadCount(ctx, ctx.viewer)),
  /** The unread count now, then each time it changes. */
  onUnread: authedProcedure.subscription(({ ctx, signal }) => notifications.unreadStream(ctx, ctx.viewer, signal)),
  /** Marks one group read (again is fine); not the viewer's: NOT_FOUND. */
  markRead: authedProcedure.input(notificationInput).mutation(({ ctx, input }) => notifications.markRead(ctx, ctx.viewer, input.id)),
  /** Marks every unread group read (up to `upTo`, the newest `seq` the reader saw, when given). */
  markAllRead: authedProcedure.input(markAllNotificationsReadInput).mutation(({ ctx, input }) => notifications.markAllRead(ctx, ctx.viewer, input.upTo ?? null)),
  preferences: router({
    /** Channels (in-app, push, email) per kind, with defaults, and the language of notification mails. */
    get: authedProcedure.query(({ ctx }) => preferences.get(ctx, ctx.viewer)),
    update: authedProcedure.input(updateNotificationPreferencesInput).mutation(({ ctx, input }) => preferences.update(ctx, ctx.viewer, input)),
  }),
  /** One-click unsubscribe from a notification mail (RFC 8058): works signed out, with the mail's token only. */
  unsubscribe: publicProcedure.input(unsubscribeInput).mutation(({ ctx, input }) => preferences.unsubscribe(ctx, input.token)),
});
