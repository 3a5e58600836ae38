import { defineEntity, p } from '@mikro-orm/core';
import { User } from '../entities/user.entity.ts';

/** A follow's state: `active` once it holds (`pending` is kept for follow requests to private profiles). */
export const FOLLOW_STATUSES = ['active', 'pending'] as const;
export type FollowStatus = (typeof FOLLOW_STATUSES)[number];

/**
 * `follower` follows `followee` (issue 11). One row per pair and direction; lists are read newest first in both
 * directions, hence the two indexes that start with each side and end with the date.
 */
const FollowSchema = defineEntity({
  name: 'Follow',
  tableName: 'follows',
  properties: {
    follower: () => p.manyToOne(User).primary().deleteRule('cascade'),
    followee: () => p.manyToOne(User).primary().deleteRule('cascade'),
    status: p.enum([...FOLLOW_STATUSES]).default('active'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [
    { name: 'follows_follower_recent_idx', properties: ['follower', 'status', 'createdAt'] },
    { name: 'follows_followee_recent_idx', properties: ['followee', 'status', 'createdAt'] },
  ],
});

export class Follow extends FollowSchema.class {}
FollowSchema.setClass(Follow);
export { FollowSchema };
