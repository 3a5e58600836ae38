import { defineEntity, p } from '@mikro-orm/core';
import { Track } from '../entities/track.entity.ts';
import { User } from '../entities/user.entity.ts';

/** How long a repost's caption may be. */
export const REPOST_CAPTION_MAX = 280;

/**
 * `user` reposted `track` (issue 11), with an optional caption: the track shows in the user's followers' home feeds
 * and on the user's reposts tab. One row per user and track.
 *
 * Indexes: the home feed reads the reposts of the people one follows newest first, either per person
 * (`reposts_user_recent_idx`) or along time for people who follow many (`reposts_recent_idx`); a track's reposters
 * come from the primary key's order reversed (`reposts_track_recent_idx`).
 */
const RepostSchema = defineEntity({
  name: 'Repost',
  tableName: 'reposts',
  properties: {
    user: () => p.manyToOne(User).primary().deleteRule('cascade'),
    track: () => p.manyToOne(Track).primary().deleteRule('cascade'),
    caption: p.string().length(REPOST_CAPTION_MAX).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [
    { name: 'reposts_user_recent_idx', properties: ['user', 'createdAt'] },
    { name: 'reposts_recent_idx', properties: ['createdAt'] },
    { name: 'reposts_track_recent_idx', properties: ['track', 'createdAt'] },
  ],
});

export class Repost extends RepostSchema.class {}
RepostSchema.setClass(Repost);
export { RepostSchema };
