import { createShareInput, embedTrackInput, listSharesInput, revokeShareInput, sharedTrackInput } from '@veza/validators';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import { embedTrack } from './embed.service.ts';
import * as shares from './shares.service.ts';

export const sharesRouter = router({
  /** A private link to one of the viewer's tracks: its token is in the answer, and nowhere else ever again. */
  create: authedProcedure.input(createShareInput).mutation(({ ctx, input }) => shares.create(ctx, ctx.viewer, input)),
  /** The track's private links with their state (active, expired, revoked), newest first; never their tokens. */
  list: authedProcedure.input(listSharesInput).query(({ ctx, input }) => shares.list(ctx, ctx.viewer, input.trackId)),
  revoke: authedProcedure.input(revokeShareInput).mutation(({ ctx, input }) => shares.revoke(ctx, ctx.viewer, input.id)),
  /** GetSharedTrack: what a live private link opens, for anyone holding it (counted as a use). */
  track: publicProcedure.input(sharedTrackInput).query(({ ctx, input }) => shares.sharedTrack(ctx, input.token)),
  /** The embeddable player's data, answered as to a signed-out visitor (public and unlisted tracks, or a live link). */
  embed: publicProcedure.input(embedTrackInput).query(({ ctx, input }) => embedTrack(ctx, input)),
});
