import { z } from 'zod';
import { usernameSchema } from './auth.ts';

export const TRACK_VISIBILITY = ['public', 'unlisted', 'private'] as const;
export const trackVisibilitySchema = z.enum(TRACK_VISIBILITY, 'Visibility must be public, unlisted or private.');
export type TrackVisibilityValue = z.infer<typeof trackVisibilitySchema>;

export const trackIdSchema = z.uuid('Unknown track id.');

export const trackTitleSchema = z
  .string()
  .trim()
  .min(1, 'Title cannot be empty.')
  .max(200, 'Title must be at most 200 characters.');

export const trackDescriptionSchema = z.string().trim().max(5000, 'Description must be at most 5000 characters.');

export const trackIdInput = z.object({ id: trackIdSchema });

export const listTracksInput = z
  .object({
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(100).default(20),
    username: usernameSchema.optional(),
  })
  .default({ limit: 20 });
export type ListTracksInput = z.input<typeof listTracksInput>;

export const updateTrackInput = z.object({
  id: trackIdSchema,
  title: trackTitleSchema.optional(),
  description: trackDescriptionSchema.nullable().optional(),
  visibility: trackVisibilitySchema.optional(),
});
export type UpdateTrackInput = z.infer<typeof updateTrackInput>;

/** Audio containers accepted on upload, detected from the file's magic bytes (never its name). */
export const AUDIO_FORMATS = ['mp3', 'wav', 'flac', 'ogg', 'm4a', 'aiff'] as const;
export type AudioFormat = (typeof AUDIO_FORMATS)[number];
export const AUDIO_ACCEPT = '.mp3,.wav,.flac,.ogg,.opus,.m4a,.aac,.aif,.aiff,audio/*';
