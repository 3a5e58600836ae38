import { pushDeviceInput, pushEndpointInput, pushSubscriptionInput } from '@veza/validators';
import { authedProcedure, publicProcedure, router } from '../../trpc.ts';
import * as push from './push.service.ts';

export const pushRouter = router({
  /** Whether this server sends web push, and the VAPID public key to subscribe with. */
  status: publicProcedure.query(({ ctx }) => push.status(ctx)),
  /** Subscribes this browser (its `PushSubscription.toJSON()`), tied to the current session; again: updated. */
  subscribe: authedProcedure.input(pushSubscriptionInput).mutation(({ ctx, input }) => push.subscribe(ctx, ctx.viewer, input)),
  /** Stops pushes to one of my browsers, by its endpoint. */
  unsubscribe: authedProcedure.input(pushEndpointInput).mutation(({ ctx, input }) => push.unsubscribe(ctx, ctx.viewer, input.endpoint)),
  /** Stops pushes to one of my browsers, by its id in `devices` (someone else's, or an unknown one: NOT_FOUND). */
  remove: authedProcedure.input(pushDeviceInput).mutation(({ ctx, input }) => push.remove(ctx, ctx.viewer, input.id)),
  /** My subscribed browsers. */
  devices: authedProcedure.query(({ ctx }) => push.devices(ctx, ctx.viewer)),
});
