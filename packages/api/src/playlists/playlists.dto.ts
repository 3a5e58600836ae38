import type { TrackDto } from '../tracks/tracks.dto.ts';
import type { UserSummaryDto } from '../users/users.dto.ts';

/** How the viewer stands with a playlist. */
export type PlaylistRole = 'owner' | 'collaborator' | 'invited' | null;

/** A playlist as a list shows it. Counts and duration are of the tracks the viewer may hear. */
export interface PlaylistDto {
  id: string;
  title: string;
  description: string | null;
  isPublic: boolean;
  owner: UserSummaryDto;
  /** Its own cover (set by the owner), or null: then the mosaic of `artworkUrls`. */
  coverUrl: string | null;
  /** Covers of its first tracks (up to 4), for a mosaic. */
  artworkUrls: string[];
  trackCount: number;
  durationMs: number;
  likeCount: number;
  repostCount: number;
  likedByMe: boolean;
  repostedByMe: boolean;
  myRole: PlaylistRole;
  /** The owner or an active collaborator: may add, remove and reorder. */
  canEdit: boolean;
  /** Grows with every change: the live view refetches when it sees a newer one. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PlaylistItemDto {
  track: TrackDto;
  addedBy: UserSummaryDto | null;
  addedAt: string;
}

export interface PlaylistCollaboratorDto {
  user: UserSummaryDto;
  status: 'invited' | 'active';
}

/** A playlist with its tracks in order, and its collaborators (active ones; invitations too for the owner). */
export interface PlaylistDetailDto extends PlaylistDto {
  items: PlaylistItemDto[];
  collaborators: PlaylistCollaboratorDto[];
}

export interface PlaylistPageDto {
  items: PlaylistDto[];
  nextCursor: string | null;
}

/** A playlist I may add to, and whether it holds the track asked about. */
export interface EditablePlaylistDto extends PlaylistDto {
  contains: boolean;
}

/** What an edit of a playlist's tracks did. */
export interface PlaylistEditDto {
  id: string;
  version: number;
  /** How many tracks an `add` put in (those already in it are skipped). */
  added?: number;
}

export interface PlaylistMarkDto {
  id: string;
  likedByMe: boolean;
  repostedByMe: boolean;
  likeCount: number;
  repostCount: number;
}

/** A live change of a playlist: refetch it (or, `deleted`, leave). */
export interface PlaylistChangeEvent {
  id: string;
  version: number;
  change: 'tracks' | 'settings' | 'collaborators' | 'deleted';
  /** Who changed it. */
  byUserId: string;
}
