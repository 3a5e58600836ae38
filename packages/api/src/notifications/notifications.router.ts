import { tracked } from '@trpc/server';
import { onEventInput } from '@veza/validators';
import { authedProcedure, router } from '../trpc.ts';
import * as notifications from './notifications.service.ts';

export const notificationsRouter = router({
  /** Live events for the signed-in user; resumable with `lastEventId` (sent back automatically by wsLink). */
  onEvent: authedProcedure.input(onEventInput).subscription(async function* ({ ctx, input, signal }) {
    for await (const event of notifications.stream(ctx, ctx.viewer.id, input.lastEventId ?? null, signal)) {
      yield tracked(event.id, event);
    }
  }),
});
