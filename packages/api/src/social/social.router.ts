import { followInput, followListInput } from '@veza/validators';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import * as follows from './follows.service.ts';

export const socialRouter = router({
  /** Idempotent; refused for oneself and across a block. Returns the relationship as it now stands. */
  follow: authedProcedure.input(followInput).mutation(({ ctx, input }) => follows.follow(ctx, ctx.viewer, input.username)),
  unfollow: authedProcedure.input(followInput).mutation(({ ctx, input }) => follows.unfollow(ctx, ctx.viewer, input.username)),
  followers: publicProcedure.input(followListInput).query(({ ctx, input }) => follows.list(ctx, ctx.viewer, 'followers', input)),
  following: publicProcedure.input(followListInput).query(({ ctx, input }) => follows.list(ctx, ctx.viewer, 'following', input)),
});
