import { trendingInput } from '@veza/validators';
import { publicProcedure, router } from '../trpc.ts';
import * as explore from './explore.service.ts';

export const exploreRouter = router({
  /** Trending this week or month, or new and rising, optionally of one genre. */
  trending: publicProcedure.input(trendingInput).query(({ ctx, input }) => explore.trending(ctx, input)),
});
