import { z } from 'zod';

/**
 * The genres a track can be filed under (beside its free tags): a fixed list, so explore can filter by it. Slugs here;
 * the web names them in each language.
 */
export const GENRES = [
  'electronic', 'house', 'techno', 'drum-and-bass', 'ambient', 'hip-hop', 'rnb-soul', 'pop', 'rock', 'indie', 'metal',
  'punk', 'jazz', 'blues', 'classical', 'folk', 'country', 'reggae', 'latin', 'world', 'lo-fi', 'experimental',
  'soundtrack', 'chanson', 'other',
] as const;
export type Genre = (typeof GENRES)[number];
export const genreSchema = z.enum(GENRES, 'Choose a genre from the list.');

/** Trending windows: this week, this month, and "new and rising" (artists with few followers, recent tracks). */
export const TRENDING_WINDOWS = ['week', 'month', 'rising'] as const;
export type TrendingWindow = (typeof TRENDING_WINDOWS)[number];

export const trendingInput = z
  .object({
    window: z.enum(TRENDING_WINDOWS, 'Choose week, month or rising.').default('week'),
    genre: genreSchema.optional(),
    /** Ranks are stable between recomputes: a page starts after the rank given. */
    afterRank: z.number('The rank must be a number.').int().min(0).max(10_000).optional(),
    limit: z.number('Limit must be a number.').int('Limit must be a whole number.').min(1, 'Limit must be at least 1.').max(50, 'Limit must be at most 50.').default(20),
  })
  .default({ window: 'week', limit: 20 });
export type TrendingInput = z.input<typeof trendingInput>;

/** Up next (issue 11): at most this many tracks per `tracks.related` call, and this many ids to leave out. */
export const RELATED_LIMIT_MAX = 20;
export const RELATED_EXCLUDE_MAX = 200;

/** Tracks to play after `trackId` when the queue ends (autoplay), leaving out those just heard (`excludeIds`). */
export const relatedTracksInput = z.object({
  trackId: z.uuid('Unknown track id.'),
  excludeIds: z
    .array(z.uuid('Each excluded id must be a track id.'), 'Excluded ids must be a list of track ids.')
    .max(RELATED_EXCLUDE_MAX, `Leave out at most ${RELATED_EXCLUDE_MAX} tracks.`)
    .optional(),
  limit: z
    .number('Limit must be a number.')
    .int('Limit must be a whole number.')
    .min(1, 'Limit must be at least 1.')
    .max(RELATED_LIMIT_MAX, `Limit must be at most ${RELATED_LIMIT_MAX}.`)
    .default(10),
});
export type RelatedTracksInput = z.input<typeof relatedTracksInput>;
