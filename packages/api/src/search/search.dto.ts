import type { TrackFacetCounts } from '@veza/db';
import type { GroupDto } from '../groups/groups.dto.ts';
import type { TrackDto } from '../tracks/tracks.dto.ts';
import type { UserSummaryDto } from '../users/users.dto.ts';

/** A suggestion of the search box, by kind (`kind` tells the web which row and link to show). */
export type SuggestionDto =
  | { kind: 'track'; id: string; title: string; owner: UserSummaryDto; coverUrl: string | null }
  | { kind: 'user'; id: string; username: string; displayName: string | null; avatarUrl: string | null; isPrivate: boolean }
  | { kind: 'playlist'; id: string; title: string; owner: UserSummaryDto; coverUrl: string | null }
  /**
   * A group (link by `slug`). A private one (`isPublic` false) is found by anyone, as the groups service shows its
   * name, avatar and member count to all: its page offers to ask to join; its feed and members stay for members.
   */
  | { kind: 'group'; id: string; slug: string; name: string; avatarUrl: string | null; memberCount: number; isPublic: boolean };

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
 * `capped` (then the first FACET_CAP, 1,000, the indexes found: a sample); bpm and duration by @veza/validators bucket id, every
 * bucket listed; tags the 20 most frequent. The repository's counts are already plain values.
 */
export type TrackFacetsDto = TrackFacetCounts;

export interface TrackSearchPageDto {
  items: TrackDto[];
  /** Pass back as `cursor` (with the same query, filters and sort) for the next page; null on the last one. */
  nextCursor: string | null;
  /** On the first page only (no cursor); null on later ones. */
  facets: TrackFacetsDto | null;
  /**
   * By relevance, more tracks matched than are ranked (the first 500 found and the 500 most played are: @veza/db
   * RANK_CANDIDATES), so the order is the best of those; the web may say "showing the best of many matches, refine your search".
   * Absent or false: every match was ranked (always so by newest or plays).
   */
  approximate?: boolean;
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

/**
 * Groups found: the groups service's own DTO (public and private alike; `myStanding` and `canRead` tell the viewer
 * whether they are in, have asked, were invited, or may ask to join a private one).
 */
export interface GroupSearchPageDto {
  items: GroupDto[];
  nextCursor: string | null;
}
