import type { AccountRow, User, UserRole } from '@veza/db';

export interface UserSummaryDto {
  id: string;
  username: string;
  displayName: string | null;
}

export interface ProfileDto extends UserSummaryDto {
  bio: string | null;
  createdAt: string;
  /** Follows are requests the owner approves; only approved followers see the tracks and lists. */
  isPrivate: boolean;
  trackCount: number;
  followerCount: number;
  followingCount: number;
  /** The viewer follows this person (false signed out and on one's own profile). */
  followedByMe: boolean;
  /** The viewer asked to follow this private profile and waits for an answer. */
  requested: boolean;
  /** This person follows the viewer ("follows you"). */
  followsYou: boolean;
  /** This person asks to follow the viewer's private profile. */
  requestsYou: boolean;
  /** Private, and the viewer is not an approved follower: tracks and lists are hidden. */
  locked: boolean;
  /** On one's own profile: how many follow requests wait for approval (0 elsewhere). */
  followRequestCount: number;
}

export interface MeDto extends UserSummaryDto {
  email: string;
  bio: string | null;
  isPrivate: boolean;
  role: UserRole;
  createdAt: string;
  emailVerified: boolean;
  /** False for accounts created through OAuth or a passkey until they set one. */
  hasPassword: boolean;
  twoFactorEnabled: boolean;
  /** When set, the account is purged after the grace period unless the deletion is cancelled. */
  deletionRequestedAt: string | null;
  /** When a pending deletion takes effect (request + grace period). */
  deletionPurgeAt: string | null;
}

export const toUserSummary = (u: Pick<User, 'id' | 'username' | 'displayName'>): UserSummaryDto => ({ id: u.id, username: u.username, displayName: u.displayName ?? null });

/** An account as its owner sees it: the plain row (usersRepository.accountRow) or an entity (see accountOf). */
export const toMe = (u: AccountRow, deletionGraceDays: number): MeDto => ({
  ...toUserSummary(u),
  email: u.email,
  bio: u.bio ?? null,
  isPrivate: u.isPrivate,
  role: u.role,
  createdAt: u.createdAt.toISOString(),
  emailVerified: u.emailVerifiedAt != null,
  hasPassword: u.hasPassword,
  twoFactorEnabled: u.totpEnabledAt != null,
  deletionRequestedAt: u.deletionRequestedAt?.toISOString() ?? null,
  deletionPurgeAt: u.deletionRequestedAt ? new Date(u.deletionRequestedAt.getTime() + deletionGraceDays * 86_400_000).toISOString() : null,
});


/** The account row of a loaded user (loaded with `passwordHash`, as byIdWithPassword does). */
export const accountOf = (u: User): AccountRow => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName ?? null,
  email: u.email,
  bio: u.bio ?? null,
  isPrivate: u.isPrivate,
  role: u.role,
  createdAt: u.createdAt,
  emailVerifiedAt: u.emailVerifiedAt ?? null,
  totpEnabledAt: u.totpEnabledAt ?? null,
  deletionRequestedAt: u.deletionRequestedAt ?? null,
  hasPassword: Boolean(u.passwordHash),
});
