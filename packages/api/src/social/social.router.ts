import { followInput, followListInput, followRequestsInput, repostInput, unrepostInput, userTracksPageInput } from '@veza/validators';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import * as follows from './follows.service.ts';
import * as reposts from './reposts.service.ts';

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
  /** Public tracks of others only; idempotent (again: the caption is replaced). */
  repost: authedProcedure.input(repostInput).mutation(({ ctx, input }) => reposts.repost(ctx, ctx.viewer, input)),
  unrepost: authedProcedure.input(unrepostInput).mutation(({ ctx, input }) => reposts.unrepost(ctx, ctx.viewer, input.trackId)),
  /** Someone's reposts, newest first (a private profile's to its approved followers only). */
  reposts: publicProcedure.input(userTracksPageInput).query(({ ctx, input }) => reposts.userTracks(ctx, 'reposts', input)),
  /** The tracks someone likes ("Liked tracks"), newest like first. */
  likes: publicProcedure.input(userTracksPageInput).query(({ ctx, input }) => reposts.userTracks(ctx, 'likes', input)),
});
