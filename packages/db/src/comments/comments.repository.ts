import { raw } from '@mikro-orm/core';
import type { Em } from '../orm.ts';
import { Track } from '../entities/track.entity.ts';
import { CommentLike, TrackComment } from './comment.entity.ts';

/** Where a page of comments starts: after this (date, id), newest first. */
export interface CommentCursor {
  at: Date;
  id: string;
}

/** Timed comments on tracks (issue 11). */
export const commentsRepository = (em: Em) => ({
  byId: (id: string) => em.findOne(TrackComment, { id }, { populate: ['author', 'track', 'track.owner'], refresh: true }),

  /** Adds a comment (or a reply) and keeps the track's count, and the parent's, in step in one transaction. */
  create: (data: { id: string; trackId: string; authorId: string; parentId: string | null; atMs: number; body: string }) =>
    em.transactional(async (tx) => {
      tx.create(TrackComment, {
        id: data.id,
        track: data.trackId,
        author: data.authorId,
        parent: data.parentId,
        atMs: data.atMs,
        body: data.body,
        likeCount: 0,
        replyCount: 0,
        // The date from here, in milliseconds: page cursors carry it as a JS date.
        createdAt: new Date(),
        editedAt: null,
      });
      await tx.flush();
      await tx.nativeUpdate(Track, { id: data.trackId }, { commentCount: raw('comment_count + 1') });
      if (data.parentId) await tx.nativeUpdate(TrackComment, { id: data.parentId }, { replyCount: raw('reply_count + 1') });
    }),

  /** Deletes a comment with its replies; the counts follow, and a pinned one is unpinned. */
  remove: (comment: { id: string; trackId: string; parentId: string | null; replyCount: number }) =>
    em.transactional(async (tx) => {
      const removed = await tx.nativeDelete(TrackComment, { id: comment.id });
      if (!removed) return false;
      await tx.nativeUpdate(Track, { id: comment.trackId }, { commentCount: raw(`greatest(comment_count - ${1 + comment.replyCount}, 0)`) });
      await tx.nativeUpdate(Track, { id: comment.trackId, pinnedCommentId: comment.id }, { pinnedCommentId: null });
      if (comment.parentId) await tx.nativeUpdate(TrackComment, { id: comment.parentId }, { replyCount: raw('greatest(reply_count - 1, 0)') });
      return true;
    }),

  /** A page of a track's top-level comments (`parentId` null) or of a comment's replies, newest first (replies: oldest first). */
  async page(where: { trackId: string; parentId: string | null }, after: CommentCursor | null, limit: number): Promise<{ rows: TrackComment[]; more: boolean }> {
    const replies = where.parentId !== null;
    const cmp = replies ? '$gt' : '$lt';
    const keyset = after ? { $or: [{ createdAt: { [cmp]: after.at } }, { createdAt: after.at, id: { [cmp]: after.id } }] } : {};
    const rows = await em.find(
      TrackComment,
      { track: where.trackId, parent: where.parentId, ...keyset },
      { populate: ['author'], orderBy: replies ? [{ createdAt: 'asc' }, { id: 'asc' }] : [{ createdAt: 'desc' }, { id: 'desc' }], limit: limit + 1 },
    );
    return { rows: rows.slice(0, limit), more: rows.length > limit };
  },

  /** The newest replies of these comments, up to `per` each, oldest first within each. */
  async firstReplies(parentIds: string[], per: number): Promise<TrackComment[]> {
    if (parentIds.length === 0) return [];
    const ids = await em.execute<{ id: string }[]>(
      `select id from (select id, row_number() over (partition by parent_id order by created_at desc, id desc) as n
         from track_comments where parent_id in (${parentIds.map(() => '?').join(', ')})) r where n <= ?`,
      [...parentIds, per],
    );
    if (ids.length === 0) return [];
    return em.find(TrackComment, { id: { $in: ids.map((r) => r.id) } }, { populate: ['author'], orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  },

  /** A track's top-level comments along the track (the waveform's avatars): the `limit` most liked, then newest. */
  timeline: (trackId: string, limit: number) =>
    em.find(TrackComment, { track: trackId, parent: null }, { populate: ['author'], orderBy: [{ likeCount: 'desc' }, { createdAt: 'desc' }], limit }),

  /** Which of these comments `userId` likes. */
  async likedAmong(userId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await em.find(CommentLike, { user: userId, comment: { $in: ids } }, { fields: ['comment'] });
    return new Set(rows.map((r) => r.comment.id));
  },

  /** Likes a comment once (true when new), keeping its count in step. */
  like: (commentId: string, userId: string) =>
    em.transactional(async (tx) => {
      const rows = await tx.execute<{ comment_id: string }[]>(
        `insert into comment_likes (comment_id, user_id, created_at) values (?, ?, ?) on conflict do nothing returning comment_id`,
        [commentId, userId, new Date()],
      );
      if (rows.length === 0) return false;
      await tx.nativeUpdate(TrackComment, { id: commentId }, { likeCount: raw('like_count + 1') });
      return true;
    }),

  unlike: (commentId: string, userId: string) =>
    em.transactional(async (tx) => {
      if (!(await tx.nativeDelete(CommentLike, { comment: commentId, user: userId }))) return false;
      await tx.nativeUpdate(TrackComment, { id: commentId }, { likeCount: raw('greatest(like_count - 1, 0)') });
      return true;
    }),

  likeCount: async (commentId: string) => (await em.findOne(TrackComment, { id: commentId }, { fields: ['likeCount'], refresh: true }))?.likeCount ?? 0,
});
