import { commentIdInput, commentTimelineInput, createCommentInput, editCommentInput, listCommentsInput, listRepliesInput, pinCommentInput } from '@veza/validators';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import * as comments from './comments.service.ts';

export const commentsRouter = router({
  /** A track's comments, newest first, each with its newest replies; the pinned one apart on the first page. */
  list: publicProcedure.input(listCommentsInput).query(({ ctx, input }) => comments.list(ctx, input)),
  /** A comment's replies, oldest first. */
  replies: publicProcedure.input(listRepliesInput).query(({ ctx, input }) => comments.replies(ctx, input)),
  /** The comments along the track, for the waveform (the most liked, up to 200). */
  timeline: publicProcedure.input(commentTimelineInput).query(({ ctx, input }) => comments.timeline(ctx, input.trackId)),
  create: authedProcedure.input(createCommentInput).mutation(({ ctx, input }) => comments.create(ctx, ctx.viewer, input)),
  edit: authedProcedure.input(editCommentInput).mutation(({ ctx, input }) => comments.edit(ctx, ctx.viewer, input.id, input.body)),
  delete: authedProcedure.input(commentIdInput).mutation(({ ctx, input }) => comments.remove(ctx, ctx.viewer, input.id)),
  like: authedProcedure.input(commentIdInput).mutation(({ ctx, input }) => comments.like(ctx, ctx.viewer, input.id, true)),
  unlike: authedProcedure.input(commentIdInput).mutation(({ ctx, input }) => comments.like(ctx, ctx.viewer, input.id, false)),
  /** The track's owner pins one comment (null: unpins). */
  pin: authedProcedure.input(pinCommentInput).mutation(({ ctx, input }) => comments.pin(ctx, ctx.viewer, input.trackId, input.commentId)),
});
