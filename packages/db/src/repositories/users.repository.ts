import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em } from '../orm.ts';
import { User } from '../entities/user.entity.ts';

export class UniqueViolation extends Error {
  readonly field: 'email' | 'username';
  constructor(field: 'email' | 'username') {
    super(`${field} already taken`);
    this.field = field;
  }
}

export const usersRepository = (em: Em) => ({
  byId: (id: string) => em.findOne(User, { id }),
  /** With the lazy password hash loaded (to tell whether one is set, or to verify it). */
  byIdWithPassword: (id: string) => em.findOne(User, { id }, { populate: ['passwordHash'] }),
  byUsername: (username: string) => em.findOne(User, { username }),
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
