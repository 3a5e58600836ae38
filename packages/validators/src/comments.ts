import { z } from 'zod';
import { opaqueCursorSchema } from './ids.ts';
import { text } from './text.ts';
import { trackIdSchema } from './tracks.ts';

/** How long a timed comment may be. */
export const COMMENT_MAX_LENGTH = 1000;

export const commentIdSchema = z.uuid('Unknown comment id.');
export const commentBodySchema = text('Comment', { multiline: true })
  .min(1, 'Write something first.')
  .max(COMMENT_MAX_LENGTH, `Comments must be at most ${COMMENT_MAX_LENGTH.toLocaleString('en')} characters.`);

const limit = (max: number, fallback: number) =>
  z.number('Limit must be a number.').int('Limit must be a whole number.').min(1, 'Limit must be at least 1.').max(max, `Limit must be at most ${max}.`).default(fallback);

/**
 * A comment at `atMs` into the track, or a reply to `parentId` (which shares its parent's moment: `atMs` is not
 * needed then).
 */
export const createCommentInput = z
  .object({
    trackId: trackIdSchema,
    body: commentBodySchema,
    atMs: z.number('The moment must be a number of milliseconds.').int('The moment must be a whole number of milliseconds.').min(0, 'The moment cannot be before the start.').optional(),
    parentId: commentIdSchema.optional(),
  })
  .refine((c) => c.parentId !== undefined || c.atMs !== undefined, { message: 'Say where in the track the comment goes.', path: ['atMs'] });
export type CreateCommentInput = z.input<typeof createCommentInput>;

export const editCommentInput = z.object({ id: commentIdSchema, body: commentBodySchema });
export const commentIdInput = z.object({ id: commentIdSchema });

export const listCommentsInput = z.object({ trackId: trackIdSchema, cursor: opaqueCursorSchema.nullish(), limit: limit(50, 20) });
export type ListCommentsInput = z.input<typeof listCommentsInput>;

export const listRepliesInput = z.object({ commentId: commentIdSchema, cursor: opaqueCursorSchema.nullish(), limit: limit(100, 50) });
export type ListRepliesInput = z.input<typeof listRepliesInput>;

export const commentTimelineInput = z.object({ trackId: trackIdSchema });

/** Pins one of the track's comments (null: unpins). */
export const pinCommentInput = z.object({ trackId: trackIdSchema, commentId: commentIdSchema.nullable() });
