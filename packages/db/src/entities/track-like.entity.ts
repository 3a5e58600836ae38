import { defineEntity, p } from '@mikro-orm/core';
import { Track } from './track.entity.ts';
import { User } from './user.entity.ts';

const TrackLikeSchema = defineEntity({
  name: 'TrackLike',
  tableName: 'track_likes',
  properties: {
    track: () => p.manyToOne(Track).primary().deleteRule('cascade'),
    user: () => p.manyToOne(User).primary().deleteRule('cascade').index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class TrackLike extends TrackLikeSchema.class {}
TrackLikeSchema.setClass(TrackLike);
export { TrackLikeSchema };
