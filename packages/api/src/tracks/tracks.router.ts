import { tracked } from '@trpc/server';
import { listTracksInput, playCountInput, relatedTracksInput, trackIdInput, updateTrackInput, uploadDetailsInput } from '@veza/validators';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import * as plays from './plays.service.ts';
import { related } from './related.service.ts';
import * as tracks from './tracks.service.ts';
import { setUploadDetails } from './uploads.service.ts';

export const tracksRouter = router({
  list: publicProcedure.input(listTracksInput).query(({ ctx, input }) => tracks.list(ctx, input)),
  byId: publicProcedure.input(trackIdInput).query(({ ctx, input }) => tracks.byId(ctx, input.id)),
  /** Up next: tracks related to one the viewer may see, for autoplay when the queue ends (related.service.ts). */
  related: publicProcedure.input(relatedTracksInput).query(({ ctx, input }) => related(ctx, input)),
  update: authedProcedure.input(updateTrackInput).mutation(({ ctx, input }) => tracks.update(ctx, ctx.viewer, input)),
  /** Title, tags and visibility typed while a file uploads: the track is created with them (or takes them, if it exists). */
  setUploadDetails: authedProcedure.input(uploadDetailsInput).mutation(({ ctx, input }) => setUploadDetails(ctx, ctx.viewer, input)),
  delete: authedProcedure.input(trackIdInput).mutation(({ ctx, input }) => tracks.remove(ctx, ctx.viewer, input.id)),
  like: authedProcedure.input(trackIdInput).mutation(({ ctx, input }) => tracks.like(ctx, ctx.viewer, input.id)),
  unlike: authedProcedure.input(trackIdInput).mutation(({ ctx, input }) => tracks.unlike(ctx, ctx.viewer, input.id)),
  /** A play ticket, when a track starts playing: sent back to `playCount` after 30 s (plays.service.ts). */
  playStart: publicProcedure.input(trackIdInput).mutation(({ ctx, input }) => plays.playStart(ctx, input.id)),
  /** Counts the play of a ticket heard long enough: once per listener per track per 30 minutes. */
  playCount: publicProcedure.input(playCountInput).mutation(({ ctx, input }) => plays.playCount(ctx, input.ticket)),
  /** queued → processing (percent) → ready | failed (reason): the current state, then live changes. */
  onStatus: publicProcedure.input(trackIdInput).subscription(async function* ({ ctx, input, signal }) {
    let n = 0;
    for await (const event of tracks.statusStream(ctx, input.id, signal)) {
      yield tracked(`${event.status}:${event.percent}:${event.renditions.length}:${n++}`, event);
    }
  }),
});
