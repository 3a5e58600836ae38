import { blockInput, byUsernameInput, updateProfileInput } from '@veza/validators';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import * as blocks from './blocks.service.ts';
import * as users from './users.service.ts';

export const usersRouter = router({
  byUsername: publicProcedure.input(byUsernameInput).query(({ ctx, input }) => users.byUsername(ctx, input.username)),
  updateProfile: authedProcedure.input(updateProfileInput).mutation(({ ctx, input }) => users.updateProfile(ctx, ctx.viewer, input)),
  /** Blocking (blocks.service.ts): no DMs either way, their messages reach me hidden. Idempotent. */
  block: authedProcedure.input(blockInput).mutation(({ ctx, input }) => blocks.block(ctx, ctx.viewer, input.username)),
  unblock: authedProcedure.input(blockInput).mutation(({ ctx, input }) => blocks.unblock(ctx, ctx.viewer, input.username)),
  /** The people I blocked, newest first: clients hide their live chat events with it. */
  blocks: authedProcedure.query(({ ctx }) => blocks.list(ctx, ctx.viewer)),
});
