import type { UserSummaryDto } from '../users/users.dto.ts';

/** How the viewer stands with someone, and that person's counts (both false when signed out or looking at oneself). */
export interface RelationshipDto {
  user: UserSummaryDto;
  /** I follow them. */
  followedByMe: boolean;
  /** They follow me ("follows you"). */
  followsYou: boolean;
  followerCount: number;
  followingCount: number;
}

/** One person in a followers or following list. */
export interface FollowListItemDto {
  user: UserSummaryDto;
  /** When this follow began. */
  followedAt: string;
  followedByMe: boolean;
  followsYou: boolean;
}

export interface FollowListPageDto {
  items: FollowListItemDto[];
  /** Pass back as `cursor` for the next (older) page; null on the last one. */
  nextCursor: string | null;
}
