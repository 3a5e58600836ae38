import { defineEntity, p } from '@mikro-orm/core';
import { User } from './user.entity.ts';

export const TRACK_VISIBILITIES = ['public', 'unlisted', 'private'] as const;
export type TrackVisibility = (typeof TRACK_VISIBILITIES)[number];

const TrackSchema = defineEntity({
  name: 'Track',
  tableName: 'tracks',
  properties: {
    id: p.uuid().primary(),
    owner: () => p.manyToOne(User).deleteRule('cascade'),
    title: p.string().length(200),
    description: p.text().nullable(),
    visibility: p.enum([...TRACK_VISIBILITIES]).default('public'),
    /** Key of the original file in storage. */
    storageKey: p.string().length(300).hidden(),
    originalFilename: p.string().length(255),
    mimeType: p.string().length(100),
    /** Container detected from magic bytes: mp3, wav, flac, ogg, m4a, aiff. */
    format: p.string().length(16),
    sizeBytes: p.bigint('number'),
    durationMs: p.integer().nullable(),
    sampleRate: p.integer().nullable(),
    channels: p.integer().nullable(),
    artist: p.string().length(200).nullable(),
    likeCount: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  indexes: [
    { name: 'tracks_created_at_id_idx', properties: ['createdAt', 'id'] },
    { name: 'tracks_owner_created_at_idx', properties: ['owner', 'createdAt'] },
  ],
});

export class Track extends TrackSchema.class {}
TrackSchema.setClass(Track);
export { TrackSchema };
