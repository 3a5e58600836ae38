import type { AuditEvent, AuditEventType, User, UserRole } from '@veza/db';

export interface AdminUserDto {
  id: string;
  username: string;
  email: string;
  displayName: string | null;
  role: UserRole;
  createdAt: string;
  emailVerified: boolean;
  twoFactorEnabled: boolean;
  locked: boolean;
}

export interface AdminUserPageDto {
  items: AdminUserDto[];
  nextCursor: string | null;
}

export interface AuditEventDto {
  id: string;
  type: AuditEventType;
  /** Who did it; null for anonymous or system events, or an account that no longer exists. */
  actor: { id: string; username: string } | null;
  /** Whose account it concerns. */
  subject: { id: string; username: string } | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, string | number | boolean | null> | null;
  createdAt: string;
}

export interface AuditPageDto {
  items: AuditEventDto[];
  nextCursor: string | null;
}

export const toAdminUser = (u: User): AdminUserDto => ({
  id: u.id,
  username: u.username,
  email: u.email,
  displayName: u.displayName ?? null,
  role: u.role,
  createdAt: u.createdAt.toISOString(),
  emailVerified: u.emailVerifiedAt != null,
  twoFactorEnabled: u.totpEnabledAt != null,
  locked: u.lockedAt != null,
});

export function toAuditEvent(e: AuditEvent, usernames: Map<string, string>): AuditEventDto {
  const who = (id: string | null | undefined) => {
    const username = id ? usernames.get(id) : undefined;
    return id && username ? { id, username } : null;
  };
  return {
    id: e.id,
    type: e.type,
    actor: who(e.actorId),
    subject: who(e.subjectId),
    ip: e.ip ?? null,
    userAgent: e.userAgent ?? null,
    details: e.details ?? null,
    createdAt: e.createdAt.toISOString(),
  };
}
