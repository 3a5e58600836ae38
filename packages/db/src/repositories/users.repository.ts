import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em } from '../orm.ts';
import { User, type UserRole } from '../entities/user.entity.ts';

export class UniqueViolation extends Error {
  readonly field: 'email' | 'username';
  constructor(field: 'email' | 'username') {
    super(`${field} already taken`);
    this.field = field;
  }
}

/** What an account's own page shows of it, as a plain row: whether a password is set, never the hash. */
export interface AccountRow {
  id: string;
  username: string;
  displayName: string | null;
  email: string;
  bio: string | null;
  isPrivate: boolean;
  role: UserRole;
  createdAt: Date;
  emailVerifiedAt: Date | null;
  totpEnabledAt: Date | null;
  deletionRequestedAt: Date | null;
  hasPassword: boolean;
  /** Storage key prefix of the avatar's sizes (the account menu shows it). */
  avatarKey: string | null;
}

// Written once (not built per call): the query every page load of a signed-in user runs.
const ACCOUNT_SQL = `select id, username, display_name, email, bio, is_private, role, created_at, email_verified_at, totp_enabled_at,
  deletion_requested_at, (password_hash is not null) as has_password, avatar_key from users where id = ? limit 1`;

interface AccountSqlRow {
  id: string;
  username: string;
  display_name: string | null;
  email: string;
  bio: string | null;
  is_private: boolean;
  role: UserRole;
  created_at: Date | string;
  email_verified_at: Date | string | null;
  totp_enabled_at: Date | string | null;
  deletion_requested_at: Date | string | null;
  has_password: boolean;
  avatar_key: string | null;
}

const date = (value: Date | string) => (value instanceof Date ? value : new Date(value));
const dateOrNull = (value: Date | string | null) => (value === null ? null : date(value));

export const usersRepository = (em: Em) => ({
  byId: (id: string) => em.findOne(User, { id }),
  /** One query, no entity (auth.me runs on every page load). */
  async accountRow(id: string): Promise<AccountRow | null> {
    const [row] = await em.getConnection().execute<AccountSqlRow[]>(ACCOUNT_SQL, [id], 'all');
    if (!row) return null;
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      email: row.email,
      bio: row.bio,
      isPrivate: Boolean(row.is_private),
      role: row.role,
      createdAt: date(row.created_at),
      emailVerifiedAt: dateOrNull(row.email_verified_at),
      totpEnabledAt: dateOrNull(row.totp_enabled_at),
      deletionRequestedAt: dateOrNull(row.deletion_requested_at),
      hasPassword: Boolean(row.has_password),
      avatarKey: row.avatar_key,
    };
  },
  /** With the lazy password hash loaded (to tell whether one is set, or to verify it). */
  byIdWithPassword: (id: string) => em.findOne(User, { id }, { populate: ['passwordHash'] }),
  byUsername: (username: string) => em.findOne(User, { username }),
  /**
   * Sets the avatar's or banner's key prefix (null removes it), returning the one it replaces so its files can be
   * deleted once this is committed; undefined when the account is gone.
   */
  async swapImage(userId: string, kind: 'avatar' | 'banner', key: string | null): Promise<{ previous: string | null } | undefined> {
    const column = kind === 'avatar' ? 'avatar_key' : 'banner_key';
    return em.transactional(async (tx) => {
      const [row] = await tx.execute<{ key: string | null }[]>(`select ${column} as key from users where id = ? for no key update`, [userId]);
      if (!row) return undefined;
      await tx.execute(`update users set ${column} = ?, updated_at = ? where id = ?`, [key, new Date(), userId]);
      return { previous: row.key };
    });
  },
  /** The avatar's or banner's key prefix and whether the profile is private (serving the image). */
  async imageOf(userId: string, kind: 'avatar' | 'banner'): Promise<{ key: string | null; isPrivate: boolean } | null> {
    const column = kind === 'avatar' ? 'avatar_key' : 'banner_key';
    const [row] = await em.getConnection().execute<{ key: string | null; is_private: boolean }[]>(`select ${column} as key, is_private from users where id = ? limit 1`, [userId], 'all');
    return row ? { key: row.key, isPrivate: Boolean(row.is_private) } : null;
  },
  /** The accounts of these usernames that exist (lower-cased names). */
  byUsernames: (usernames: string[]) => (usernames.length ? em.find(User, { username: { $in: usernames } }) : Promise.resolve([])),
  /** The accounts of these ids that exist. */
  byIds: (ids: string[]) => (ids.length ? em.find(User, { id: { $in: ids } }) : Promise.resolve([])),
  /** By email or username, with the password hash loaded. */
  byLogin: (login: string) =>
    em.findOne(User, { $or: [{ email: login }, { username: login }] }, { populate: ['passwordHash'] }),
  async isTaken(email: string, username: string) {
    const rows = await em.find(User, { $or: [{ email }, { username }] }, { fields: ['email', 'username'] });
    return { email: rows.some((r) => r.email === email), username: rows.some((r) => r.username === username) };
  },
  /** Inserts a user; maps the unique constraints to a typed error. */
  async create(data: { id: string; email: string; username: string; usernameSkeleton: string; passwordHash: string | null; emailVerifiedAt?: Date | null }) {
    const user = em.create(User, {
      ...data,
      emailVerifiedAt: data.emailVerifiedAt ?? null,
      displayName: null,
      bio: null,
      // The entity's default ('[]') would be stored as a JSON string, not an empty list.
      links: [],
      isPrivate: false,
      role: 'user',
      totpSecretEnc: null,
      totpEnabledAt: null,
      totpLastStep: null,
      lockedAt: null,
      deletionRequestedAt: null,
    });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        // The skeleton constraint guards look-alike usernames: report it as the username being taken.
        throw new UniqueViolation(String(error.message).includes('email') ? 'email' : 'username');
      }
      throw error;
    }
    return user;
  },
});
