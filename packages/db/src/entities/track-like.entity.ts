import { defineEntity, p } from '@mikro-orm/core';
import { Track } from './track.entity.ts';
import { User } from './user.entity.ts';

const TrackLikeSchema = defineEntity({
  name: 'TrackLike',
  tableName: 'track_likes',
  properties: {
    track: () => p.manyToOne(Track).primary().deleteRule('cascade'),
    user: () => p.manyToOne(User).primary().deleteRule('cascade'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  // A user's likes, newest first (the "Liked tracks" list).
  // Trending reads the likes of a window (`track_likes_recent_idx`).
  indexes: [
    { name: 'track_likes_user_recent_idx', properties: ['user', 'createdAt'] },
    { name: 'track_likes_recent_idx', properties: ['createdAt'] },
  ],
});

export class TrackLike extends TrackLikeSchema.class {}
TrackLikeSchema.setClass(TrackLike);
export { TrackLikeSchema };
