import type { SessionUser } from '../../stores/session.ts';

export type AdminArea = 'users' | 'audit' | 'mailbox' | 'reports';

/** Admins see every area (reports: admin.chat.* is for global admins only); moderators manage users (list and lock) only; everyone else sees none. */
export function adminAreas(user: Pick<SessionUser, 'role'> | null): AdminArea[] {
  if (user?.role === 'admin') return ['users', 'audit', 'mailbox', 'reports'];
  if (user?.role === 'moderator') return ['users'];
  return [];
}

export const canChangeRoles = (user: Pick<SessionUser, 'role'> | null) => user?.role === 'admin';
