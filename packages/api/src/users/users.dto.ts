import type { User, UserRole } from '@veza/db';

export interface UserSummaryDto {
  id: string;
  username: string;
  displayName: string | null;
}

export interface ProfileDto extends UserSummaryDto {
  bio: string | null;
  createdAt: string;
  trackCount: number;
}

export interface MeDto extends UserSummaryDto {
  email: string;
  bio: string | null;
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

/** `u` must be loaded with `passwordHash` (see usersRepository.byIdForMe). */
export const toMe = (u: User, deletionGraceDays: number): MeDto => ({
  ...toUserSummary(u),
  email: u.email,
  bio: u.bio ?? null,
  role: u.role,
  createdAt: u.createdAt.toISOString(),
  emailVerified: u.emailVerifiedAt != null,
  hasPassword: Boolean(u.passwordHash),
  twoFactorEnabled: u.totpEnabledAt != null,
  deletionRequestedAt: u.deletionRequestedAt?.toISOString() ?? null,
  deletionPurgeAt: u.deletionRequestedAt ? new Date(u.deletionRequestedAt.getTime() + deletionGraceDays * 86_400_000).toISOString() : null,
});

