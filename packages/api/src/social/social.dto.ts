import type { TrackDto } from '../tracks/tracks.dto.ts';
import type { UserSummaryDto } from '../users/users.dto.ts';

/** How the viewer stands with someone, and that person's counts (both false when signed out or looking at oneself). */
export interface RelationshipDto {
  user: UserSummaryDto;
  /** Their profile is private: following is a request they approve. */
  isPrivate: boolean;
  /** I follow them (approved). */
  followedByMe: boolean;
  /** I asked to follow them and they have not answered yet. */
  requested: boolean;
  /** They follow me ("follows you"). */
  followsYou: boolean;
  /** They asked to follow me (my profile is private) and I have not answered yet. */
  requestsYou: boolean;
  /** Their profile is private and I am not an approved follower: their tracks and lists are hidden from me. */
  locked: boolean;
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

/** Someone asking to follow me. */
export interface FollowRequestDto {
  user: UserSummaryDto;
  requestedAt: string;
}

export interface FollowRequestPageDto {
  items: FollowRequestDto[];
  /** How many requests wait in all. */
  total: number;
  nextCursor: string | null;
}

/** Whether I reposted a track, with my caption, and its repost count. */
export interface RepostStateDto {
  trackId: string;
  repostedByMe: boolean;
  caption: string | null;
  repostCount: number;
}

/** A track in someone's reposts or likes: when they reposted or liked it, and the repost's caption. */
export interface UserTrackItemDto {
  track: TrackDto;
  at: string;
  caption: string | null;
}

export interface UserTrackPageDto {
  items: UserTrackItemDto[];
  nextCursor: string | null;
}
