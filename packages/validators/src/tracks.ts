import { z } from 'zod';
import { usernameSchema } from './auth.ts';
import { opaqueCursorSchema } from './ids.ts';
import { text } from './text.ts';
import { genreSchema } from './explore.ts';

export const TRACK_VISIBILITY = ['public', 'unlisted', 'private'] as const;
export const trackVisibilitySchema = z.enum(TRACK_VISIBILITY, 'Visibility must be public, unlisted or private.');
export type TrackVisibilityValue = z.infer<typeof trackVisibilitySchema>;

export const trackIdSchema = z.uuid('Unknown track id.');

export const trackTitleSchema = text('Title')
  .min(1, 'Title cannot be empty.')
  .max(200, 'Title must be at most 200 characters.');

export const trackDescriptionSchema = text('Description', { multiline: true }).max(5000, 'Description must be at most 5000 characters.');

export const trackIdInput = z.object({ id: trackIdSchema });

/** A play ticket from `tracks.playStart`, sent back to count the play. */
export const playCountInput = z.object({ ticket: z.string('The play ticket must be text.').min(1).max(400, 'This play ticket is not valid.') });

export const trackTagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Tags cannot be empty.')
  .max(30, 'Each tag must be at most 30 characters.')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} &'._-]*$/u, 'Tags use letters, digits, spaces and - _ . & \'.');

export const listTracksInput = z
  .object({
    cursor: opaqueCursorSchema.nullish(),
    limit: z.number().int().min(1).max(100).default(20),
    username: usernameSchema.optional(),
    /** Only tracks carrying this tag (normalised like the tags themselves: trimmed, lower case). */
    tag: trackTagSchema.optional(),
  })
  .default({ limit: 20 });
export type ListTracksInput = z.input<typeof listTracksInput>;

const NOTES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;
/** The 24 major and minor keys, written like "F# minor". */
export const MUSICAL_KEYS = NOTES.flatMap((n) => [`${n} major`, `${n} minor`] as const);
export const musicalKeySchema = z.enum(MUSICAL_KEYS as [string, ...string[]], 'Choose a key such as “A minor”.');

export const trackTagsSchema = z
  .array(trackTagSchema)
  .max(10, 'Use at most 10 tags.')
  .transform((tags) => [...new Set(tags)]);

export const bpmSchema = z.number('BPM must be a number.').int('BPM must be a whole number.').min(20, 'BPM must be between 20 and 300.').max(300, 'BPM must be between 20 and 300.');
export const lyricsSchema = text('Lyrics', { multiline: true }).max(10_000, 'Lyrics must be at most 10,000 characters.');

export const updateTrackInput = z.object({
  id: trackIdSchema,
  title: trackTitleSchema.optional(),
  description: trackDescriptionSchema.nullable().optional(),
  visibility: trackVisibilitySchema.optional(),
  tags: trackTagsSchema.optional(),
  bpm: bpmSchema.nullable().optional(),
  musicalKey: musicalKeySchema.nullable().optional(),
  lyrics: lyricsSchema.nullable().optional(),
  /** One of GENRES (explore filters by it), or null for none. */
  genre: genreSchema.nullable().optional(),
  /** Timed comments on this track (off: nobody can comment; the thread stays readable). */
  commentsEnabled: z.boolean('Comments on or off must be true or false.').optional(),
});
export type UpdateTrackInput = z.infer<typeof updateTrackInput>;

/** A resumable upload's id, as the server named it when the upload was created. */
export const uploadIdSchema = z.string('Unknown upload.').regex(/^[A-Za-z0-9_-]{1,128}$/, 'Unknown upload.');

/**
 * Details typed while a file uploads (tracks.setUploadDetails), held to the same rules as tracks.update: the track
 * is created with them, or takes them at once if it already exists.
 */
export const uploadDetailsInput = z.object({
  uploadId: uploadIdSchema,
  title: trackTitleSchema.optional(),
  visibility: trackVisibilitySchema.optional(),
  tags: trackTagsSchema.optional(),
});
export type UploadDetailsInput = z.infer<typeof uploadDetailsInput>;

/** Audio containers accepted on upload, detected from the file's magic bytes (never its name). */
export const AUDIO_FORMATS = ['mp3', 'wav', 'flac', 'ogg', 'm4a', 'aiff'] as const;
export type AudioFormat = (typeof AUDIO_FORMATS)[number];
/** Processing states of an uploaded track: playable from the original at once, adaptive once `ready`. */
export const TRACK_STATUSES = ['queued', 'processing', 'ready', 'failed'] as const;
export type TrackStatus = (typeof TRACK_STATUSES)[number];

/** Cover images: JPEG, PNG or WebP up to 5 MB. */
export const COVER_MAX_BYTES = 5 * 1024 * 1024;
export const COVER_ACCEPT = 'image/jpeg,image/png,image/webp';

export const AUDIO_ACCEPT = '.mp3,.wav,.flac,.ogg,.opus,.m4a,.aac,.aif,.aiff,audio/*';
