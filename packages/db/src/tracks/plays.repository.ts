import { raw } from '@mikro-orm/core';
import type { Em } from '../orm.ts';
import { Track } from '../entities/track.entity.ts';

/** A listener's plays of one track count once within this many minutes. */
export const PLAY_DEDUP_MINUTES = 30;

export const playsRepository = (em: Em) => ({
  /**
   * Counts a play of `trackId` by `listenerKey` unless that listener had one counted in the last PLAY_DEDUP_MINUTES
   * (an atomic upsert on the listener's mark: two requests at once count once). Returns whether it counted.
   */
  count: (trackId: string, listenerKey: string, listenerId: string | null, at = new Date()) =>
    em.transactional(async (tx) => {
      const marked = await tx.execute<{ track_id: string }[]>(
        `insert into track_play_marks (track_id, listener_key, last_counted_at) values (?, ?, ?)
         on conflict (track_id, listener_key) do update set last_counted_at = excluded.last_counted_at
           where track_play_marks.last_counted_at <= excluded.last_counted_at - interval '${PLAY_DEDUP_MINUTES} minutes'
         returning track_id`,
        [trackId, listenerKey, at],
      );
      if (marked.length === 0) return false;
      await tx.execute(`insert into track_plays (track_id, listener_id, played_at) values (?, ?, ?)`, [trackId, listenerId, at]);
      await tx.nativeUpdate(Track, { id: trackId }, { playCount: raw('play_count + 1') });
      return true;
    }),

  playCount: async (trackId: string) => (await em.findOne(Track, { id: trackId }, { fields: ['playCount'], refresh: true }))?.playCount ?? 0,
});
