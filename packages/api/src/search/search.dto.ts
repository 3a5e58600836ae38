import type { TrackFacetCounts } from '@veza/db';
import type { TrackDto } from '../tracks/tracks.dto.ts';
import type { UserSummaryDto } from '../users/users.dto.ts';

/** A suggestion of the search box, by kind (`kind` tells the web which row and link to show). */
export type SuggestionDto =
  | { kind: 'track'; id: string; title: string; owner: UserSummaryDto; coverUrl: string | null }
  | { kind: 'user'; id: string; username: string; displayName: string | null; avatarUrl: string | null; isPrivate: boolean }
  | { kind: 'playlist'; id: string; title: string; owner: UserSummaryDto; coverUrl: string | null };

/** A search of mine, newest first in the list. */
export interface RecentSearchDto {
  id: string;
  query: string;
  searchedAt: string;
}

export interface SuggestDto {
  /** Best first, mixed kinds (at most `limit`); empty for an empty query. */
  items: SuggestionDto[];
  /** For an empty query, signed in: my recent searches (newest first); otherwise empty. */
  recent: RecentSearchDto[];
}

/**
 * Facet counts of a track search, of the matches under every current filter (first pages only): all of them unless
 * `capped` (then the first FACET_CAP, 10,000, the indexes found); bpm and duration by @veza/validators bucket id, every
 * bucket listed; tags the 20 most frequent. The repository's counts are already plain values.
 */
export type TrackFacetsDto = TrackFacetCounts;

export interface TrackSearchPageDto {
  items: TrackDto[];
  /** Pass back as `cursor` (with the same query, filters and sort) for the next page; null on the last one. */
  nextCursor: string | null;
  /** On the first page only (no cursor); null on later ones. */
  facets: TrackFacetsDto | null;
}

/** A person found. */
export interface PersonResultDto {
  user: UserSummaryDto;
  avatarUrl: string | null;
  /** Their tracks and lists show to approved followers only. */
  isPrivate: boolean;
}

export interface PeopleSearchPageDto {
  items: PersonResultDto[];
  nextCursor: string | null;
}

/** A playlist found. */
export interface PlaylistResultDto {
  id: string;
  title: string;
  description: string | null;
  isPublic: boolean;
  owner: UserSummaryDto;
  coverUrl: string | null;
  likeCount: number;
  createdAt: string;
}

export interface PlaylistSearchPageDto {
  items: PlaylistResultDto[];
  nextCursor: string | null;
}
