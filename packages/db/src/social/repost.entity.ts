import { defineEntity, p } from '@mikro-orm/core';
import { Track } from '../entities/track.entity.ts';
import { User } from '../entities/user.entity.ts';

/** How long a repost's caption may be. */
export const REPOST_CAPTION_MAX = 280;

/**
 * `user` reposted `track` (issue 11), with an optional caption: the track shows in the user's followers' home feeds
 * and on the user's reposts tab. One row per user and track.
 *
 * Indexes, each covering what its reader needs (index-only scans): the home feed reads the reposts of the people one
 * follows newest first, either along time for people who follow many (`reposts_recent_idx`) or per person for people
 * who follow few (`reposts_user_recent_idx`), then a track's newest repost among them (`reposts_track_recent_idx`).
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
  // Raw SQL for INCLUDE; declared here so the schema diff keeps them.
  indexes: [
    { name: 'reposts_user_recent_idx', expression: 'create index "reposts_user_recent_idx" on "reposts" ("user_id", "created_at") include ("track_id")' },
    { name: 'reposts_recent_idx', expression: 'create index "reposts_recent_idx" on "reposts" ("created_at") include ("user_id", "track_id")' },
    { name: 'reposts_track_recent_idx', expression: 'create index "reposts_track_recent_idx" on "reposts" ("track_id", "created_at") include ("user_id")' },
  ],
});

export class Repost extends RepostSchema.class {}
RepostSchema.setClass(Repost);
export { RepostSchema };
