import { defineEntity, p } from '@mikro-orm/core';
import { Track } from '../entities/track.entity.ts';
import { User } from '../entities/user.entity.ts';

/**
 * A counted play (issue 11, play counts): once per listener per track per PLAY_DEDUP_MINUTES, after the listener heard
 * enough of it. The rows are the input of trending (plays in a window) and of creator analytics; `tracks.play_count`
 * keeps the total.
 */
const TrackPlaySchema = defineEntity({
  name: 'TrackPlay',
  tableName: 'track_plays',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    track: () => p.manyToOne(Track).deleteRule('cascade'),
    /** Null for a signed-out listener (counted by a hash of their address and browser). */
    listener: () => p.manyToOne(User).deleteRule('set null').nullable(),
    playedAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [
    { name: 'track_plays_track_recent_idx', properties: ['track', 'playedAt'] },
    { name: 'track_plays_recent_idx', properties: ['playedAt'] },
  ],
});

export class TrackPlay extends TrackPlaySchema.class {}
TrackPlaySchema.setClass(TrackPlay);
export { TrackPlaySchema };

/** The last counted play of a track by one listener: the sliding window's memory. */
const TrackPlayMarkSchema = defineEntity({
  name: 'TrackPlayMark',
  tableName: 'track_play_marks',
  properties: {
    track: () => p.manyToOne(Track).primary().deleteRule('cascade'),
    /** `u:<user id>`, or `a:` and a hash of a signed-out listener's address and browser. */
    listenerKey: p.string().length(64).primary(),
    lastCountedAt: p.datetime(),
  },
});

export class TrackPlayMark extends TrackPlayMarkSchema.class {}
TrackPlayMarkSchema.setClass(TrackPlayMark);
export { TrackPlayMarkSchema };
