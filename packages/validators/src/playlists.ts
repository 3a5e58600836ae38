import { z } from 'zod';
import { usernameSchema } from './auth.ts';
import { opaqueCursorSchema } from './ids.ts';
import { text } from './text.ts';
import { trackIdSchema } from './tracks.ts';

export const PLAYLIST_TITLE_MAX = 100;
export const PLAYLIST_DESCRIPTION_MAX = 1000;
/** How many tracks a playlist holds at most. */
export const PLAYLIST_TRACKS_MAX = 500;
/** How many collaborators (invited or active) a playlist has at most. */
export const PLAYLIST_COLLABORATORS_MAX = 20;
/** How many tracks one call adds at most (a whole album, a queue). */
export const PLAYLIST_ADD_MAX = 100;

export const playlistIdSchema = z.uuid('Unknown playlist id.');

const title = text('Title').min(1, 'Give the playlist a title.').max(PLAYLIST_TITLE_MAX, `Titles must be at most ${PLAYLIST_TITLE_MAX} characters.`);
const description = text('Description', { multiline: true }).max(PLAYLIST_DESCRIPTION_MAX, `Descriptions must be at most ${PLAYLIST_DESCRIPTION_MAX} characters.`);
const trackIds = z
  .array(trackIdSchema, 'Tracks must be a list of track ids.')
  .min(1, 'Choose at least one track.')
  .max(PLAYLIST_ADD_MAX, `Add at most ${PLAYLIST_ADD_MAX} tracks at once.`);

export const createPlaylistInput = z.object({
  title,
  description: description.nullish(),
  isPublic: z.boolean('Public must be true or false.').default(true),
  /** Tracks to start with, in order. */
  trackIds: trackIds.optional(),
});
export type CreatePlaylistInput = z.input<typeof createPlaylistInput>;

export const updatePlaylistInput = z.object({
  id: playlistIdSchema,
  title: title.optional(),
  description: description.nullish(),
  isPublic: z.boolean('Public must be true or false.').optional(),
});
export type UpdatePlaylistInput = z.input<typeof updatePlaylistInput>;

export const playlistInput = z.object({ id: playlistIdSchema });

export const addToPlaylistInput = z.object({ id: playlistIdSchema, trackIds, where: z.enum(['end', 'start'], 'Add at the end or the start.').default('end') });
export type AddToPlaylistInput = z.input<typeof addToPlaylistInput>;

export const removeFromPlaylistInput = z.object({ id: playlistIdSchema, trackId: trackIdSchema });

/** Moves a track right after another (null: to the top). */
export const movePlaylistTrackInput = z.object({ id: playlistIdSchema, trackId: trackIdSchema, afterTrackId: trackIdSchema.nullable() });
export type MovePlaylistTrackInput = z.input<typeof movePlaylistTrackInput>;

const pageLimit = z.number('Limit must be a number.').int('Limit must be a whole number.').min(1, 'Limit must be at least 1.').max(50, 'Limit must be at most 50.').default(24);

/** A page of someone's playlists, newest first. */
export const userPlaylistsInput = z.object({ username: usernameSchema, cursor: opaqueCursorSchema.nullish(), limit: pageLimit });
export type UserPlaylistsInput = z.input<typeof userPlaylistsInput>;

/** The playlists I may add to; with `containing`, whether each holds that track (the "Add to playlist" menu). */
export const editablePlaylistsInput = z.object({ containing: trackIdSchema.nullish() }).default({});
export type EditablePlaylistsInput = z.input<typeof editablePlaylistsInput>;

export const playlistMemberInput = z.object({ id: playlistIdSchema, username: usernameSchema });
export type PlaylistMemberInput = z.input<typeof playlistMemberInput>;

/** Live changes of a playlist, after the version the client holds. */
export const onPlaylistInput = z.object({ id: playlistIdSchema });
