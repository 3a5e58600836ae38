import { defineEntity, p } from '@mikro-orm/core';
import { Track } from '../entities/track.entity.ts';
import { User } from '../entities/user.entity.ts';
import { PLAYLIST_TITLE_MAX } from '@veza/validators';


/**
 * A playlist (issue 11): an owner's ordered list of tracks, public (anyone who may see the owner's profile) or private
 * (the owner and collaborators). Its track count and duration are read with its tracks, as the reader sees them (a
 * private track in it counts for those who may hear it only). `version` grows by one with every change of its content or settings: the live view
 * of a playlist applies changes in that order and refetches when it sees a gap.
 */
const PlaylistSchema = defineEntity({
  name: 'Playlist',
  tableName: 'playlists',
  properties: {
    id: p.uuid().primary(),
    owner: () => p.manyToOne(User).deleteRule('cascade'),
    title: p.string().length(PLAYLIST_TITLE_MAX),
    description: p.text().nullable(),
    isPublic: p.boolean().default(true),
    coverKey: p.string().length(300).nullable().hidden(),
    coverMimeType: p.string().length(32).nullable(),
    likeCount: p.integer().default(0),
    repostCount: p.integer().default(0),
    version: p.integer().default(1),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  indexes: [
    { name: 'playlists_owner_recent_idx', properties: ['owner', 'createdAt'] },
    // Search (issue 12; @veza/db search/, migration Migration20261207122627_search).
    { name: 'playlists_search_idx', expression: 'create index "playlists_search_idx" on "playlists" using gin (playlist_search_document("title", "description"))' },
    { name: 'playlists_title_trgm_idx', expression: 'create index "playlists_title_trgm_idx" on "playlists" using gin (veza_search_text("title") gin_trgm_ops)' },
  ],
});

export class Playlist extends PlaylistSchema.class {}
PlaylistSchema.setClass(Playlist);
export { PlaylistSchema };

/**
 * A track in a playlist. `position` is a fractional index (the `fractional-indexing` keys, compared byte by byte,
 * hence the "C" collation): moving or inserting a track writes its own row only, so concurrent edits of different
 * tracks never rewrite each other's order. A track is in a playlist at most once.
 */
const PlaylistTrackSchema = defineEntity({
  name: 'PlaylistTrack',
  tableName: 'playlist_tracks',
  properties: {
    playlist: () => p.manyToOne(Playlist).primary().deleteRule('cascade'),
    track: () => p.manyToOne(Track).primary().deleteRule('cascade').index(),
    position: p.string().length(64).collation('C'),
    addedBy: () => p.manyToOne(User).nullable().deleteRule('set null').index(),
    addedAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ name: 'playlist_tracks_order_unique', properties: ['playlist', 'position'] }],
});

export class PlaylistTrack extends PlaylistTrackSchema.class {}
PlaylistTrackSchema.setClass(PlaylistTrack);
export { PlaylistTrackSchema };

export const PLAYLIST_COLLABORATOR_STATUSES = ['invited', 'active'] as const;
export type PlaylistCollaboratorStatus = (typeof PLAYLIST_COLLABORATOR_STATUSES)[number];

/** Someone the owner invited to edit a playlist: `invited` until they accept, then `active` (adds, removes, reorders). */
const PlaylistCollaboratorSchema = defineEntity({
  name: 'PlaylistCollaborator',
  tableName: 'playlist_collaborators',
  properties: {
    playlist: () => p.manyToOne(Playlist).primary().deleteRule('cascade'),
    user: () => p.manyToOne(User).primary().deleteRule('cascade'),
    status: p.enum([...PLAYLIST_COLLABORATOR_STATUSES]).default('invited'),
    createdAt: p.datetime().onCreate(() => new Date()),
    acceptedAt: p.datetime().nullable(),
  },
  indexes: [{ name: 'playlist_collaborators_user_idx', properties: ['user', 'status', 'createdAt'] }],
});

export class PlaylistCollaborator extends PlaylistCollaboratorSchema.class {}
PlaylistCollaboratorSchema.setClass(PlaylistCollaborator);
export { PlaylistCollaboratorSchema };

const PlaylistLikeSchema = defineEntity({
  name: 'PlaylistLike',
  tableName: 'playlist_likes',
  properties: {
    user: () => p.manyToOne(User).primary().deleteRule('cascade'),
    playlist: () => p.manyToOne(Playlist).primary().deleteRule('cascade').index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ name: 'playlist_likes_user_recent_idx', properties: ['user', 'createdAt'] }],
});

export class PlaylistLike extends PlaylistLikeSchema.class {}
PlaylistLikeSchema.setClass(PlaylistLike);
export { PlaylistLikeSchema };

const PlaylistRepostSchema = defineEntity({
  name: 'PlaylistRepost',
  tableName: 'playlist_reposts',
  properties: {
    user: () => p.manyToOne(User).primary().deleteRule('cascade'),
    playlist: () => p.manyToOne(Playlist).primary().deleteRule('cascade').index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ name: 'playlist_reposts_user_recent_idx', properties: ['user', 'createdAt'] }],
});

export class PlaylistRepost extends PlaylistRepostSchema.class {}
PlaylistRepostSchema.setClass(PlaylistRepost);
export { PlaylistRepostSchema };
