import { followInput, followListInput, followRequestsInput } from '@veza/validators';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import * as follows from './follows.service.ts';

export const socialRouter = router({
  /** Idempotent; a request when the profile is private; refused for oneself and across a block. Returns the relationship as it now stands. */
  follow: authedProcedure.input(followInput).mutation(({ ctx, input }) => follows.follow(ctx, ctx.viewer, input.username)),
  unfollow: authedProcedure.input(followInput).mutation(({ ctx, input }) => follows.unfollow(ctx, ctx.viewer, input.username)),
  /** Follow requests waiting for my approval (my profile is private), newest first. */
  requests: authedProcedure.input(followRequestsInput).query(({ ctx, input }) => follows.requests(ctx, ctx.viewer, input)),
  approveRequest: authedProcedure.input(followInput).mutation(({ ctx, input }) => follows.approve(ctx, ctx.viewer, input.username)),
  declineRequest: authedProcedure.input(followInput).mutation(({ ctx, input }) => follows.decline(ctx, ctx.viewer, input.username)),
  followers: publicProcedure.input(followListInput).query(({ ctx, input }) => follows.list(ctx, ctx.viewer, 'followers', input)),
  following: publicProcedure.input(followListInput).query(({ ctx, input }) => follows.list(ctx, ctx.viewer, 'following', input)),
});
