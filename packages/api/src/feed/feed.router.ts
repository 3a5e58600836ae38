import { homeFeedInput } from '@veza/validators';
import { authedProcedure, router } from '../trpc.ts';
import * as feed from './feed.service.ts';

export const feedRouter = router({
  /** Tracks uploaded or reposted by the people I follow, newest activity first, each once. */
  home: authedProcedure.input(homeFeedInput).query(({ ctx, input }) => feed.home(ctx, ctx.viewer, input)),
});
