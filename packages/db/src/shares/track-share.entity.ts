import { defineEntity, p } from '@mikro-orm/core';
import { Track } from '../entities/track.entity.ts';
import { User } from '../entities/user.entity.ts';

export const SHARE_LABEL_MAX = 80;

/**
 * A private share link of a track (issue 11): whoever holds the token may listen to the track, whatever its
 * visibility, until the link is revoked or expires. Only a SHA-256 of the token is stored; the token itself is shown
 * once, when the link is made.
 */
const TrackShareSchema = defineEntity({
  name: 'TrackShare',
  tableName: 'track_shares',
  properties: {
    id: p.uuid().primary(),
    track: () => p.manyToOne(Track).deleteRule('cascade'),
    createdBy: () => p.manyToOne(User).deleteRule('cascade').index(),
    tokenHash: p.string().length(64).unique().hidden(),
    label: p.string().length(SHARE_LABEL_MAX).nullable(),
    expiresAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    useCount: p.integer().default(0),
    lastUsedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ name: 'track_shares_track_recent_idx', properties: ['track', 'createdAt'] }],
});

export class TrackShare extends TrackShareSchema.class {}
TrackShareSchema.setClass(TrackShare);
export { TrackShareSchema };
