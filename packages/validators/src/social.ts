import { z } from 'zod';
import { usernameSchema } from './auth.ts';
import { opaqueCursorSchema } from './ids.ts';
import { text } from './text.ts';
import { trackIdSchema } from './tracks.ts';

/** How many people one account may follow: generous for a person, a bound for an abuser. */
export const FOLLOWING_MAX = 10_000;

export const followInput = z.object({ username: usernameSchema });
export type FollowInput = z.infer<typeof followInput>;

const pageLimit = z.number('Limit must be a number.').int('Limit must be a whole number.').min(1, 'Limit must be at least 1.').max(100, 'Limit must be at most 100.').default(30);

/** A page of someone's followers or of the people they follow, newest first. */
export const followListInput = z.object({
  username: usernameSchema,
  cursor: opaqueCursorSchema.nullish(),
  limit: pageLimit,
});
export type FollowListInput = z.input<typeof followListInput>;

/** A page of the follow requests waiting for my approval, newest first. */
export const followRequestsInput = z.object({ cursor: opaqueCursorSchema.nullish(), limit: pageLimit });
export type FollowRequestsInput = z.input<typeof followRequestsInput>;

/** A repost's caption: one line, like a comment on one's own share. */
export const REPOST_CAPTION_MAX = 280;

/** Reposts a track to one's followers' feeds, with an optional caption (reposting again replaces the caption). */
export const repostInput = z.object({
  trackId: trackIdSchema,
  caption: text('Caption').max(REPOST_CAPTION_MAX, `Captions must be at most ${REPOST_CAPTION_MAX} characters.`).nullish(),
});
export type RepostInput = z.input<typeof repostInput>;

export const unrepostInput = z.object({ trackId: trackIdSchema });

/** A page of someone's reposts or liked tracks, newest first. */
export const userTracksPageInput = z.object({ username: usernameSchema, cursor: opaqueCursorSchema.nullish(), limit: pageLimit });
export type UserTracksPageInput = z.input<typeof userTracksPageInput>;

/** A page of my home feed, newest activity first. */
export const homeFeedInput = z.object({ cursor: opaqueCursorSchema.nullish(), limit: z.number('Limit must be a number.').int('Limit must be a whole number.').min(1, 'Limit must be at least 1.').max(50, 'Limit must be at most 50.').default(20) }).default({ limit: 20 });
export type HomeFeedInput = z.input<typeof homeFeedInput>;
