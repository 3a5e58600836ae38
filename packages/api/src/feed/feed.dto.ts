import type { TrackDto } from '../tracks/tracks.dto.ts';
import type { UserSummaryDto } from '../users/users.dto.ts';

/** A reposter shown on a feed item ("reposted by Ana"), with the repost's caption. */
export interface FeedReposterDto {
  user: UserSummaryDto;
  caption: string | null;
  at: string;
}

/**
 * A track of the home feed, once however many of the people I follow uploaded or reposted it; `at` is the newest of
 * those, and `reason` what it was. `reposters` are the newest (up to 3) of the people I follow who reposted it, and
 * `repostersCount` how many did in all ("reposted by Ana and 4 others").
 */
export interface FeedItemDto {
  track: TrackDto;
  at: string;
  reason: 'upload' | 'repost';
  reposters: FeedReposterDto[];
  repostersCount: number;
}

export interface FeedPageDto {
  items: FeedItemDto[];
  nextCursor: string | null;
}
