import type { Em } from '../orm.ts';
import { User, type UserRole } from '../entities/user.entity.ts';

export interface AdminUserFilter {
  /** Part of the username, email or display name (case-insensitive). */
  query?: string | undefined;
  role?: UserRole | undefined;
  /** Keyset: users whose username sorts after this one. */
  afterUsername?: string | undefined;
  limit: number;
}

/** LIKE wildcards in user input match themselves. */
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

export const adminRepository = (em: Em) => ({
  /** Users by username, for the admin screens. */
  listUsers(filter: AdminUserFilter) {
    const like = filter.query ? `%${escapeLike(filter.query)}%` : null;
    return em.find(
      User,
      {
        ...(like ? { $or: [{ username: { $ilike: like } }, { email: { $ilike: like } }, { displayName: { $ilike: like } }] } : {}),
        ...(filter.role ? { role: filter.role } : {}),
        ...(filter.afterUsername ? { username: { $gt: filter.afterUsername } } : {}),
      },
      { orderBy: { username: 'asc' }, limit: filter.limit },
    );
  },
  /** Usernames of these users (ids not found are left out). */
  async usernames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await em.find(User, { id: { $in: ids } }, { fields: ['id', 'username'] });
    return new Map(rows.map((u) => [u.id, u.username]));
  },
  setRole: (id: string, role: UserRole) => em.nativeUpdate(User, { id }, { role, updatedAt: new Date() }),
  setLockedAt: (id: string, lockedAt: Date | null) => em.nativeUpdate(User, { id }, { lockedAt, updatedAt: new Date() }),
});
