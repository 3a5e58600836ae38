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
  byUsername: (username: string) => em.findOne(User, { username }),
  /** By email or username, with the password hash loaded. */
  byLogin: (login: string) =>
    em.findOne(User, { $or: [{ email: login }, { username: login }] }, { populate: ['passwordHash'] }),
  async isTaken(email: string, username: string) {
    const rows = await em.find(User, { $or: [{ email }, { username }] }, { fields: ['email', 'username'] });
    return { email: rows.some((r) => r.email === email), username: rows.some((r) => r.username === username) };
  },
  /** Inserts a user; maps the unique constraints to a typed error. */
  async create(data: { id: string; email: string; username: string; passwordHash: string }) {
    const user = em.create(User, { ...data, displayName: null, bio: null, role: 'user' });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new UniqueViolation(String(error.message).includes('email') ? 'email' : 'username');
      }
      throw error;
    }
    return user;
  },
});
