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
}

export const toUserSummary = (u: User): UserSummaryDto => ({ id: u.id, username: u.username, displayName: u.displayName ?? null });

export const toMe = (u: User): MeDto => ({
  ...toUserSummary(u),
  email: u.email,
  bio: u.bio ?? null,
  role: u.role,
  createdAt: u.createdAt.toISOString(),
});
