import { defineEntity, p } from '@mikro-orm/core';
import { User } from './user.entity.ts';

export const TRACK_VISIBILITIES = ['public', 'unlisted', 'private'] as const;
export type TrackVisibility = (typeof TRACK_VISIBILITIES)[number];

/** A published HLS rendition: nominal bit rate and what the master playlist says of it. */
export interface HlsRenditionInfo {
  kbps: number;
  bandwidth: number;
  averageBandwidth: number;
  codecs: string;
}

export const TRACK_STATUSES = ['queued', 'processing', 'ready', 'failed'] as const;
export type TrackStatus = (typeof TRACK_STATUSES)[number];

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
    repostCount: p.integer().default(0),
    /** Counted plays (tracks/plays.repository.ts): once per listener per 30 minutes, never the owner's. */
    playCount: p.integer().default(0),
    /** Timed comments (comments/): the owner can turn them off; the count includes replies; one may be pinned. */
    commentsEnabled: p.boolean().default(true),
    commentCount: p.integer().default(0),
    pinnedCommentId: p.uuid().nullable(),
    /** Processing: queued → processing (percent) → ready | failed (reason in plain words). */
    status: p.enum([...TRACK_STATUSES]).default('queued'),
    processingPercent: p.integer().default(0),
    failureReason: p.string().length(500).nullable(),
    /** EBU R128 integrated loudness and true peak of the original. */
    integratedLufs: p.double().nullable(),
    truePeakDb: p.double().nullable(),
    /** Waveform peaks (0..1, ~1800 points); loaded only when asked for. */
    waveform: p.json<number[]>().nullable().lazy(),
    /** The waveform in 64 bars (0..1), small enough for every list row. */
    peaks: p.json<number[]>().nullable(),
    /** HLS renditions published so far, in kbps; playable as soon as one is there. */
    hlsRenditions: p.json<HlsRenditionInfo[]>().default('[]'),
    /** The version of the HLS ladder the renditions were made with (@veza/media HLS_LADDER_VERSION); older ones are re-made. */
    hlsLadderVersion: p.integer().default(1),
    tags: p.json<string[]>().default('[]'),
    /** One of @veza/validators GENRES, or null. */
    genre: p.string().length(32).nullable(),
    bpm: p.integer().nullable(),
    musicalKey: p.string().length(16).nullable(),
    lyrics: p.text().nullable().lazy(),
    /** Storage key of the cover image, and its type. */
    coverKey: p.string().length(300).nullable().hidden(),
    coverMimeType: p.string().length(32).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    /**
     * Search's full-text document (issue 12; @veza/db search/), computed by PostgreSQL from the title, artist tag, tags
     * and description (`track_search_document`, Migration20261207122627_search) and stored, so ranking reads it
     * instead of recomputing it for every match. Never written by the application, never loaded.
     */
    searchDocument: p
      .string()
      .columnType('tsvector')
      .generated('(track_search_document(title, artist, tags, description)) stored')
      .nullable()
      .lazy()
      .hidden(),
  },
  indexes: [
    // Newest first, with the owner for the home feed's scan along time (index-only).
    { name: 'tracks_created_at_id_idx', expression: 'create index "tracks_created_at_id_idx" on "tracks" ("created_at", "id") include ("owner_id")' },
    { name: 'tracks_owner_created_at_idx', properties: ['owner', 'createdAt'] },
    { name: 'tracks_status_idx', properties: ['status'] },
    // Serves `tags @> '["tag"]'` (lists by tag); raw SQL, declared here so the schema diff keeps it.
    { name: 'tracks_tags_gin_idx', expression: 'create index "tracks_tags_gin_idx" on "tracks" using gin ("tags" jsonb_path_ops)' },
    // Search (issue 12; @veza/db search/, migration Migration20261207122627_search, which creates the functions): the
    // full-text document (title, tags and artist, description; accents removed; CJK pairs), and the title's trigrams
    // for typo tolerance.
    { name: 'tracks_search_idx', expression: 'create index "tracks_search_idx" on "tracks" using gin ("search_document")' },
    { name: 'tracks_title_trgm_idx', expression: 'create index "tracks_title_trgm_idx" on "tracks" using gin (veza_search_text("title") gin_trgm_ops)' },
    // Most played first (search: sort by plays, and the candidates a relevance page ranks; @veza/db search/).
    { name: 'tracks_play_count_idx', expression: 'create index "tracks_play_count_idx" on "tracks" ("play_count" desc, "id")' },
    // Search filters without words, and facet samples under filters (@veza/db search/track-facets.ts): genre (with the
    // key, or the BPM, the usual pairs: one index scan instead of two bitmaps ANDed, 74,000 and 143,000 rows for a
    // genre and a BPM bucket on a million tracks), key, BPM and duration; the upload date has tracks_created_at_id_idx.
    { name: 'tracks_genre_key_idx', properties: ['genre', 'musicalKey'] },
    { name: 'tracks_genre_bpm_idx', properties: ['genre', 'bpm'] },
    { name: 'tracks_musical_key_idx', properties: ['musicalKey'] },
    { name: 'tracks_bpm_idx', properties: ['bpm'] },
    { name: 'tracks_duration_ms_idx', properties: ['durationMs'] },
  ],
});

export class Track extends TrackSchema.class {}
TrackSchema.setClass(Track);
export { TrackSchema };
