import { defineEntity, p } from '@mikro-orm/core';
import { TRACK_VISIBILITIES, Track } from './track.entity.ts';
import { User } from './user.entity.ts';

/**
 * A resumable (tus) upload in progress, keyed by the tus upload id: who sends it and the details typed while it
 * uploads (null: not set, the file's tags or name decide). The track created when the last byte arrives takes them
 * and is named here, so details sent after that go to the track. Rows outlive their upload by the tus expiry.
 */
const TrackUploadSchema = defineEntity({
  name: 'TrackUpload',
  tableName: 'track_uploads',
  properties: {
    id: p.string().length(128).primary(),
    owner: () => p.manyToOne(User).deleteRule('cascade').index(),
    title: p.string().length(200).nullable(),
    tags: p.json<string[]>().nullable(),
    visibility: p.enum([...TRACK_VISIBILITIES]).nullable(),
    track: () => p.manyToOne(Track).nullable().deleteRule('cascade'),
    createdAt: p.datetime().onCreate(() => new Date()).index(),
  },
});

export class TrackUpload extends TrackUploadSchema.class {}
TrackUploadSchema.setClass(TrackUpload);
export { TrackUploadSchema };
