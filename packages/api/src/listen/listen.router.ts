import { tracked } from '@trpc/server';
import { listenControlInput, listenLockQueueInput, listenQueueAddInput, listenQueueRemoveInput, listenSessionInput, listenStartInput } from '@veza/validators';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import * as listen from './listen.service.ts';

export const listenRouter = router({
  /** The server's clock (epoch ms): clients estimate their offset from it, half the round trip. */
  time: publicProcedure.query(() => ({ serverNow: Date.now() })),
  /** Hosts a new session, with its chat room. */
  start: authedProcedure.input(listenStartInput).mutation(({ ctx, input }) => listen.start(ctx, ctx.viewer, input)),
  /** The session, for anyone signed in holding its link (to join it), or a member. */
  byId: authedProcedure.input(listenSessionInput).query(({ ctx, input }) => listen.state(ctx, ctx.viewer, input.id)),
  join: authedProcedure.input(listenSessionInput).mutation(({ ctx, input }) => listen.join(ctx, ctx.viewer, input.id)),
  /** Leaves (a host hands over to the next member; the last one out ends it). */
  leave: authedProcedure.input(listenSessionInput).mutation(({ ctx, input }) => listen.leave(ctx, ctx.viewer, input.id)),
  end: authedProcedure.input(listenSessionInput).mutation(({ ctx, input }) => listen.end(ctx, ctx.viewer, input.id)),
  /** The host's play / pause / seek / next / playTrack. */
  control: authedProcedure.input(listenControlInput).mutation(({ ctx, input }) => listen.control(ctx, ctx.viewer, input)),
  queueAdd: authedProcedure.input(listenQueueAddInput).mutation(({ ctx, input }) => listen.queueAdd(ctx, ctx.viewer, input.id, input.trackId)),
  queueRemove: authedProcedure.input(listenQueueRemoveInput).mutation(({ ctx, input }) => listen.queueRemove(ctx, ctx.viewer, input.id, input.entryId)),
  lockQueue: authedProcedure.input(listenLockQueueInput).mutation(({ ctx, input }) => listen.lockQueue(ctx, ctx.viewer, input.id, input.locked)),
  /** Live, for members: the session now, then after every change. */
  onSession: authedProcedure.input(listenSessionInput).subscription(async function* ({ ctx, input, signal }) {
    for await (const state of listen.stream(ctx, ctx.viewer, input.id, signal)) yield tracked(`${state.version}`, state);
  }),
});
