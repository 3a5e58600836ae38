import { raw } from '@mikro-orm/core';
import type { Em } from '../orm.ts';
import { TrackShare } from './track-share.entity.ts';

/** A new private link: only the SHA-256 of its token is stored. */
export interface NewTrackShare {
  id: string;
  trackId: string;
  createdById: string;
  tokenHash: string;
  label: string | null;
  expiresAt: Date | null;
}

/** Live links: neither revoked nor past their expiry at `now`. */
const live = (now: Date) => ({ revokedAt: null, $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] });

/** Private share links of tracks (issue 11). */
export const trackSharesRepository = (em: Em) => ({
  /**
   * Adds a link unless the track already has `max` live ones (false then). The track's row is locked meanwhile, so
   * two links made at once cannot both take the last place.
   */
  create: (share: NewTrackShare, max: number, now: Date) =>
    em.transactional(async (tx) => {
      await tx.execute('select id from tracks where id = ? for update', [share.trackId]);
      if ((await tx.count(TrackShare, { track: share.trackId, ...live(now) })) >= max) return false;
      tx.create(TrackShare, {
        id: share.id,
        track: share.trackId,
        createdBy: share.createdById,
        tokenHash: share.tokenHash,
        label: share.label,
        expiresAt: share.expiresAt,
        revokedAt: null,
        useCount: 0,
        lastUsedAt: null,
        createdAt: now,
      });
      await tx.flush();
      return true;
    }),

  /** A track's links, newest first (at most `limit`). */
  forTrack: (trackId: string, limit: number) =>
    em.find(TrackShare, { track: trackId }, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit, refresh: true }),

  byId: (id: string) => em.findOne(TrackShare, { id }, { populate: ['track', 'track.owner'], refresh: true }),

  /** The link with this token hash, its track and the track's owner loaded. */
  byTokenHash: (tokenHash: string) => em.findOne(TrackShare, { tokenHash }, { populate: ['track', 'track.owner'], refresh: true }),

  /** Revokes a live link (false when it was already revoked). */
  revoke: async (id: string, at: Date) => (await em.nativeUpdate(TrackShare, { id, revokedAt: null }, { revokedAt: at })) > 0,

  /** Counts one use of a link. */
  markUsed: (id: string, at: Date) => em.nativeUpdate(TrackShare, { id }, { useCount: raw('use_count + 1'), lastUsedAt: at }),

  /** Whether `tokenHash` is a live link of `trackId` at `now` (the media routes' check: no use counted). */
  isLiveFor: async (tokenHash: string, trackId: string, now: Date) => (await em.count(TrackShare, { tokenHash, track: trackId, ...live(now) })) > 0,
});
