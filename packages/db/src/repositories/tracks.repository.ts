import { raw, type FilterQuery } from '@mikro-orm/core';
import type { Em } from '../orm.ts';
import { Track, type TrackStatus, type TrackVisibility } from '../entities/track.entity.ts';
import { TrackLike } from '../entities/track-like.entity.ts';

export interface TrackPageCursor {
  createdAt: Date;
  id: string;
}

export const tracksRepository = (em: Em) => ({
  byId: (id: string) => em.findOne(Track, { id }, { populate: ['owner', 'storageKey'] }),

  /**
   * Newest first, keyset-paginated on (createdAt, id). `statuses` narrows to those processing states, except
   * for the tracks of `anyStatusOwnerId` (the viewer's own, shown whatever their state).
   */
  async page(opts: {
    limit: number;
    after: TrackPageCursor | null;
    ownerId?: string;
    visibilities: TrackVisibility[];
    statuses?: TrackStatus[] | undefined;
    anyStatusOwnerId?: string | undefined;
  }) {
    const and: FilterQuery<Track>[] = [];
    const where: FilterQuery<Track> = { visibility: { $in: opts.visibilities } };
    if (opts.ownerId) where.owner = opts.ownerId;
    if (opts.statuses) {
      const status: FilterQuery<Track> = { status: { $in: opts.statuses } };
      and.push(opts.anyStatusOwnerId ? { $or: [status, { owner: opts.anyStatusOwnerId }] } : status);
    }
    if (opts.after) {
      and.push({
        $or: [
          { createdAt: { $lt: opts.after.createdAt } },
          { createdAt: opts.after.createdAt, id: { $lt: opts.after.id } },
        ],
      });
    }
    if (and.length > 0) where.$and = and;
    const rows = await em.find(Track, where, {
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      limit: opts.limit + 1,
      populate: ['owner'],
    });
    return { rows: rows.slice(0, opts.limit), hasMore: rows.length > opts.limit };
  },

  countByOwner: (ownerId: string, visibilities: TrackVisibility[], statuses?: TrackStatus[]) =>
    em.count(Track, { owner: ownerId, visibility: { $in: visibilities }, ...(statuses ? { status: { $in: statuses } } : {}) }),

  /** Which of these tracks the user likes. */
  async likedAmong(userId: string, trackIds: string[]) {
    if (trackIds.length === 0) return new Set<string>();
    const likes = await em.find(TrackLike, { user: userId, track: { $in: trackIds } }, { fields: ['track'] });
    return new Set(likes.map((l) => l.track.id));
  },

  /** Adds a like once; returns true when it was new. Keeps likeCount in step in the same transaction. */
  addLike: (trackId: string, userId: string) =>
    em.transactional(async (tx) => {
      const inserted = await tx
        .createQueryBuilder(TrackLike)
        .insert({ track: trackId, user: userId, createdAt: new Date() })
        .onConflict(['track', 'user'])
        .ignore()
        .execute('run');
      if (!inserted.affectedRows) return false;
      await tx.nativeUpdate(Track, { id: trackId }, { likeCount: raw('like_count + 1') });
      return true;
    }),

  removeLike: (trackId: string, userId: string) =>
    em.transactional(async (tx) => {
      const removed = await tx.nativeDelete(TrackLike, { track: trackId, user: userId });
      if (!removed) return false;
      await tx.nativeUpdate(Track, { id: trackId }, { likeCount: raw('greatest(like_count - 1, 0)') });
      return true;
    }),

  likeCount: async (trackId: string) => (await em.findOne(Track, { id: trackId }, { fields: ['likeCount'], refresh: true }))?.likeCount ?? 0,
});
