import { z } from 'zod';
import { usernameSchema } from './auth.ts';
import { opaqueCursorSchema } from './ids.ts';

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
