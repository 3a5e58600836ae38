import { byUsernameInput, updateProfileInput } from '@veza/validators';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import * as users from './users.service.ts';

export const usersRouter = router({
  byUsername: publicProcedure.input(byUsernameInput).query(({ ctx, input }) => users.byUsername(ctx, input.username)),
  updateProfile: authedProcedure.input(updateProfileInput).mutation(({ ctx, input }) => users.updateProfile(ctx, ctx.viewer, input)),
});
