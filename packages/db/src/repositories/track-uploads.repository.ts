import { LockMode } from '@mikro-orm/core';
import type { Em } from '../orm.ts';
import type { TrackVisibility } from '../entities/track.entity.ts';
import { TrackUpload } from '../entities/track-upload.entity.ts';

/** Details typed for an upload; a missing key leaves that detail as it was. */
export interface UploadDetailsChange {
  title?: string | undefined;
  tags?: string[] | undefined;
  visibility?: TrackVisibility | undefined;
}

export const trackUploadsRepository = (em: Em) => ({
  /** Records an upload as it is created, with the details sent along (tus metadata). */
  start: (id: string, ownerId: string, details: UploadDetailsChange) =>
    em.insert(TrackUpload, {
      id,
      owner: ownerId,
      title: details.title ?? null,
      tags: details.tags ?? null,
      visibility: details.visibility ?? null,
      track: null,
      createdAt: new Date(),
    }),

  /**
   * The owner's upload, locked until the surrounding transaction ends (call it inside `em.transactional`): details
   * being saved and the track being created from them take their turns. Someone else's upload is null too.
   */
  lockOwned: (id: string, ownerId: string) =>
    em.findOne(TrackUpload, { id, owner: ownerId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }),

  /** An upload that ended without a track (refused file, failure): nothing more can be set on it. */
  forget: (id: string) => em.nativeDelete(TrackUpload, { id, track: null }),

  /** Rows older than the uploads themselves can live; returns how many went. */
  removeOlderThan: (before: Date) => em.nativeDelete(TrackUpload, { createdAt: { $lt: before } }),
});
