import { raw } from '@mikro-orm/core';
import type { QBFilterQuery } from '@mikro-orm/sql';
import type { Em } from '../orm.ts';
import { Track, type HlsRenditionInfo, type TrackStatus, type TrackVisibility } from '../entities/track.entity.ts';
import { TrackLike } from '../entities/track-like.entity.ts';

export interface TrackPageCursor {
  createdAt: Date;
  id: string;
}

/**
 * A track as lists show it: its columns but the lazy ones (waveform, lyrics) and the storage key, with its
 * owner's public name. Read as plain rows: a page of entities cost more to hydrate than to query.
 */
export interface TrackCard {
  id: string;
  title: string;
  description: string | null;
  visibility: TrackVisibility;
  format: string;
  mimeType: string;
  sizeBytes: number;
  durationMs: number | null;
  sampleRate: number | null;
  channels: number | null;
  artist: string | null;
  likeCount: number;
  repostCount: number;
  playCount: number;
  commentCount: number;
  commentsEnabled: boolean;
  status: TrackStatus;
  processingPercent: number;
  failureReason: string | null;
  integratedLufs: number | null;
  truePeakDb: number | null;
  hlsRenditions: HlsRenditionInfo[];
  tags: string[];
  genre: string | null;
  bpm: number | null;
  musicalKey: string | null;
  coverKey: string | null;
  /** The waveform in 64 bars, null until analysed. */
  peaks: number[] | null;
  createdAt: Date;
  updatedAt: Date;
  owner: { id: string; username: string; displayName: string | null };
}

const CARD_FIELDS = [
  'id', 'title', 'description', 'visibility', 'format', 'mimeType', 'sizeBytes', 'durationMs', 'sampleRate', 'channels', 'artist',
  'likeCount', 'repostCount', 'playCount', 'commentCount', 'commentsEnabled', 'status', 'processingPercent', 'failureReason', 'integratedLufs', 'truePeakDb', 'hlsRenditions', 'tags', 'genre', 'bpm',
  'musicalKey', 'coverKey', 'peaks', 'createdAt', 'updatedAt',
] as const;

type CardRow = Omit<TrackCard, 'owner' | 'sizeBytes'> & { sizeBytes: number | string; owner_uid: string; owner_username: string; owner_display_name: string | null };

const toCard = (r: CardRow): TrackCard => ({
  id: r.id,
  title: r.title,
  description: r.description,
  visibility: r.visibility,
  format: r.format,
  mimeType: r.mimeType,
  sizeBytes: Number(r.sizeBytes),
  durationMs: r.durationMs,
  sampleRate: r.sampleRate,
  channels: r.channels,
  artist: r.artist,
  likeCount: r.likeCount,
  repostCount: r.repostCount,
  playCount: r.playCount,
  commentCount: r.commentCount,
  commentsEnabled: r.commentsEnabled,
  status: r.status,
  processingPercent: r.processingPercent,
  failureReason: r.failureReason,
  integratedLufs: r.integratedLufs,
  truePeakDb: r.truePeakDb,
  hlsRenditions: r.hlsRenditions,
  tags: r.tags,
  genre: r.genre,
  bpm: r.bpm,
  musicalKey: r.musicalKey,
  coverKey: r.coverKey,
  peaks: r.peaks,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  owner: { id: r.owner_uid, username: r.owner_username, displayName: r.owner_display_name },
});

/**
 * The people who see a profile's tracks and lists, as SQL on the owner's id and `is_private` columns: everyone when
 * the profile is public; its owner and approved (active) followers when it is private.
 */
export function audienceSql(ownerId: string, isPrivate: string, viewerId: string | null): string {
  if (viewerId === null) return `${isPrivate} = false`;
  return `(${isPrivate} = false or ${ownerId} = ? or exists (select 1 from follows af where af.follower_id = ? and af.followee_id = ${ownerId} and af.status = 'active'))`;
}
export const audienceParams = (viewerId: string | null): string[] => (viewerId === null ? [] : [viewerId, viewerId]);

export const tracksRepository = (em: Em) => {
  /** Tracks as TrackCard rows (`t`), with their owner (`u`). */
  const cardQuery = () =>
    em
      .createQueryBuilder(Track, 't')
      .select([...CARD_FIELDS.map((f) => `t.${f}` as const), raw('u.id as owner_uid'), raw('u.username as owner_username'), raw('u.display_name as owner_display_name')])
      .join('t.owner', 'u');

  return {
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
      /** Only tracks carrying this tag: `tags @> '["tag"]'`, served by the GIN index tracks_tags_gin_idx. */
      tag?: string | undefined;
      /**
       * Who is looking (null: signed out): tracks of private profiles show only to their owner and approved followers
       * (`audienceSql`).
       */
      viewerId: string | null;
    }) {
      const and: QBFilterQuery<Track>[] = [];
      const where: QBFilterQuery<Track> = { visibility: { $in: opts.visibilities } };
      if (opts.ownerId) where.owner = opts.ownerId;
      if (opts.statuses) {
        const status: QBFilterQuery<Track> = { status: { $in: opts.statuses } };
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
      const qb = cardQuery().where(where);
      if (opts.tag !== undefined) qb.andWhere('t.tags @> ?::jsonb', [JSON.stringify([opts.tag])]);
      qb.andWhere(audienceSql('u.id', 'u.is_private', opts.viewerId), audienceParams(opts.viewerId));
      const rows = await qb
        .orderBy([{ createdAt: 'desc' }, { id: 'desc' }])
        .limit(opts.limit + 1)
        .execute<CardRow[]>('all');
      return { rows: rows.slice(0, opts.limit).map(toCard), hasMore: rows.length > opts.limit };
    },

    countByOwner: (ownerId: string, visibilities: TrackVisibility[], statuses?: TrackStatus[]) =>
      em.count(Track, { owner: ownerId, visibility: { $in: visibilities }, ...(statuses ? { status: { $in: statuses } } : {}) }),

    /** How many tracks the user likes (the count on their profile). */
    countLikedBy: (userId: string) => em.count(TrackLike, { user: userId }),

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

    /** These tracks as cards, in no particular order (the caller orders them); the caller checked who may see them. */
    async cards(ids: string[]): Promise<TrackCard[]> {
      if (ids.length === 0) return [];
      return (await cardQuery().where({ id: { $in: ids } }).execute<CardRow[]>('all')).map(toCard);
    },

    /**
     * A page of the tracks `userId` likes, newest like first, keyset-paged on (like date, track id): the public,
     * ready tracks `viewerId` may see (`audienceSql`), and all of the viewer's own.
     */
    async likedPage(userId: string, viewerId: string | null, after: TrackPageCursor | null, limit: number): Promise<{ rows: { trackId: string; at: Date }[]; more: boolean }> {
      const params: unknown[] = [userId, viewerId, ...audienceParams(viewerId)];
      let keyset = '';
      if (after) {
        keyset = 'and (l.created_at, l.track_id) < (?, ?)';
        params.push(after.createdAt, after.id);
      }
      params.push(limit + 1);
      const rows = await em.execute<{ track_id: string; created_at: Date | string }[]>(
        `select l.track_id, l.created_at from track_likes l join tracks t on t.id = l.track_id join users u on u.id = t.owner_id
         where l.user_id = ? and (t.owner_id = ? or (t.visibility = 'public' and t.status = 'ready' and ${audienceSql('u.id', 'u.is_private', viewerId)})) ${keyset}
         order by l.created_at desc, l.track_id desc limit ?`,
        params,
      );
      return { rows: rows.slice(0, limit).map((r) => ({ trackId: r.track_id, at: new Date(r.created_at) })), more: rows.length > limit };
    },
  };
};
