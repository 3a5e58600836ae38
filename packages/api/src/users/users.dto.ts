import type { AccountRow, User, UserRole } from '@veza/db';
import type { LinkKind, ProfileImageKind } from '@veza/validators';
import type { TrackDto } from '../tracks/tracks.dto.ts';

export interface UserSummaryDto {
  id: string;
  username: string;
  displayName: string | null;
}

/** A profile link with the platform it goes to (`linkKindOf`) and what it reads as. */
export interface ProfileLinkDto {
  url: string;
  kind: LinkKind;
  label: string;
}

export interface ProfileDto extends UserSummaryDto {
  bio: string | null;
  location: string | null;
  /** Up to 8, in the owner's order. */
  links: ProfileLinkDto[];
  /** Versioned URL of the avatar (add `&size=64|256|512`: imageAtSize), null without one. Public, like the name. */
  avatarUrl: string | null;
  /** Versioned URL of the 3:1 banner (add `&size=750|1500`), null without one. */
  bannerUrl: string | null;
  /** The track shown first, when the viewer may see it in the profile's list (never to a private profile's strangers). */
  pinnedTrack: TrackDto | null;
  createdAt: string;
  /** Follows are requests the owner approves; only approved followers see the tracks and lists. */
  isPrivate: boolean;
  trackCount: number;
  /** How many tracks they like. */
  likeCount: number;
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
  /** The account menu's picture (see ProfileDto.avatarUrl). */
  avatarUrl: string | null;
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

const IMAGE_VERSION = /-([0-9a-f]{16})$/;

/** `/api/users/:id/avatar?v=…` (or banner) for a stored key prefix (`users/<id>/<kind>-<version>`), null for none. */
export function profileImageUrl(userId: string, kind: ProfileImageKind, key: string | null | undefined): string | null {
  const version = key ? IMAGE_VERSION.exec(key)?.[1] : undefined;
  return version ? `/api/users/${userId}/${kind}?v=${version}` : null;
}

/** The version a key prefix carries (what `?v=` of its URL says). */
export const profileImageVersion = (key: string): string | null => IMAGE_VERSION.exec(key)?.[1] ?? null;

export const toUserSummary = (u: Pick<User, 'id' | 'username' | 'displayName'>): UserSummaryDto => ({ id: u.id, username: u.username, displayName: u.displayName ?? null });

/** An account as its owner sees it: the plain row (usersRepository.accountRow) or an entity (see accountOf). */
export const toMe = (u: AccountRow, deletionGraceDays: number): MeDto => ({
  ...toUserSummary(u),
  email: u.email,
  avatarUrl: profileImageUrl(u.id, 'avatar', u.avatarKey),
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
  avatarKey: u.avatarKey ?? null,
});
