import { defineEntity, p } from '@mikro-orm/core';
import { Track } from '../entities/track.entity.ts';
import { User } from '../entities/user.entity.ts';

/** How long a comment may be. */
export const COMMENT_MAX_LENGTH = 1000;

/**
 * A timed comment on a track (issue 11): anchored at `atMs` into the track (top-level comments; a reply shares its
 * parent's moment), with replies one level deep. Deleting a comment deletes its replies.
 */
const TrackCommentSchema = defineEntity({
  name: 'TrackComment',
  tableName: 'track_comments',
  properties: {
    id: p.uuid().primary(),
    track: () => p.manyToOne(Track).deleteRule('cascade'),
    author: () => p.manyToOne(User).deleteRule('cascade'),
    /** The comment replied to (top-level only: replies are one level deep). */
    parent: () => p.manyToOne(TrackComment).deleteRule('cascade').nullable(),
    /** Where in the track, in milliseconds from its start. */
    atMs: p.integer(),
    body: p.string().length(COMMENT_MAX_LENGTH),
    likeCount: p.integer().default(0),
    replyCount: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    editedAt: p.datetime().nullable(),
  },
  indexes: [
    // A track's top-level comments, newest first (the thread) and along the track (the waveform).
    { name: 'track_comments_track_recent_idx', properties: ['track', 'parent', 'createdAt'] },
    { name: 'track_comments_track_at_idx', properties: ['track', 'atMs'] },
    { name: 'track_comments_parent_idx', properties: ['parent', 'createdAt'] },
    { name: 'track_comments_author_idx', properties: ['author'] },
    // Trending reads the comments of a window.
    { name: 'track_comments_recent_idx', properties: ['createdAt'] },
  ],
});

export class TrackComment extends TrackCommentSchema.class {}
TrackCommentSchema.setClass(TrackComment);
export { TrackCommentSchema };

const CommentLikeSchema = defineEntity({
  name: 'CommentLike',
  tableName: 'comment_likes',
  properties: {
    comment: () => p.manyToOne(TrackComment).primary().deleteRule('cascade'),
    user: () => p.manyToOne(User).primary().deleteRule('cascade').index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class CommentLike extends CommentLikeSchema.class {}
CommentLikeSchema.setClass(CommentLike);
export { CommentLikeSchema };
