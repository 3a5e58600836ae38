import type { GroupRole } from '@veza/validators';
import type { TrackDto } from '../tracks/tracks.dto.ts';
import type { UserSummaryDto } from '../users/users.dto.ts';

/** How the viewer stands with a group: a member's role, or waiting (asked to join, invited), or nothing. */
export type GroupStanding = GroupRole | 'requested' | 'invited' | null;

/**
 * A group as anyone sees it: its name, description, avatar and member count are public even when the group is
 * private (people find it and ask to join). `roomId` (its chat room) is given to members only.
 */
export interface GroupDto {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  isPublic: boolean;
  avatarUrl: string | null;
  memberCount: number;
  owner: UserSummaryDto;
  myStanding: GroupStanding;
  /** The viewer reads its feed and members (a member, or anyone for a public group). */
  canRead: boolean;
  /** The owner or an admin: approves, invites, removes, edits. */
  canManage: boolean;
  roomId: string | null;
  createdAt: string;
}

export interface GroupPageDto {
  items: GroupDto[];
  nextCursor: string | null;
}

export interface GroupMemberDto {
  user: UserSummaryDto;
  role: GroupRole;
  joinedAt: string;
}

export interface GroupMemberPageDto {
  items: GroupMemberDto[];
  nextCursor: string | null;
}

export interface GroupJoinRequestDto {
  user: UserSummaryDto;
  createdAt: string;
}

export interface GroupJoinRequestPageDto {
  items: GroupJoinRequestDto[];
  nextCursor: string | null;
}

/**
 * What asking to join did. `created` is true for a new request: then `notify` (the group's owner and admins) are who a
 * "join request" notification is for.
 */
export interface GroupJoinRequestResultDto {
  groupId: string;
  status: 'requested' | 'member';
  created: boolean;
  notify: string[];
}

/** An invitation of mine, waiting for my answer. */
export interface GroupInvitationDto {
  group: GroupDto;
  invitedBy: UserSummaryDto | null;
  createdAt: string;
}

/**
 * What inviting someone did: `invited` (new: `created`, then a notification is due to `user`), or `member` when they
 * are in already.
 */
export interface GroupInviteResultDto {
  groupId: string;
  user: UserSummaryDto;
  status: 'invited' | 'member';
  created: boolean;
}

/** An invite link at creation: `token` is shown this once (only its hash is kept). */
export interface GroupLinkDto {
  id: string;
  groupId: string;
  token: string;
  /** The web app's path that joins with it. */
  path: string;
  expiresAt: string | null;
}

/** An invite link as the group's admins list it. */
export interface GroupLinkSummaryDto {
  id: string;
  createdBy: UserSummaryDto | null;
  createdAt: string;
  expiresAt: string | null;
  uses: number;
  revokedAt: string | null;
  active: boolean;
}

export interface GroupBanDto {
  user: UserSummaryDto;
  bannedBy: UserSummaryDto | null;
  createdAt: string;
}

/** A playlist as a group post shows it. */
export interface GroupPostPlaylistDto {
  id: string;
  title: string;
  owner: UserSummaryDto;
  coverUrl: string | null;
  trackCount: number;
}

/** A post of a group's feed: one track or one playlist, with the poster's comment. */
export interface GroupPostDto {
  id: string;
  groupId: string;
  author: UserSummaryDto;
  comment: string | null;
  track: TrackDto | null;
  playlist: GroupPostPlaylistDto | null;
  /** The author or an admin may remove it. */
  canDelete: boolean;
  createdAt: string;
}

export interface GroupFeedPageDto {
  items: GroupPostDto[];
  nextCursor: string | null;
}
