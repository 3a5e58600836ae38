import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em } from '../orm.ts';
import { OAuthAccount } from '../entities/oauth-account.entity.ts';
import { Passkey } from '../entities/passkey.entity.ts';
import { User } from '../entities/user.entity.ts';

export interface NewPasskey {
  id: string;
  userId: string;
  publicKey: string;
  counter: number;
  transports: string[] | null;
  deviceType: string;
  backedUp: boolean;
  name: string;
}

export const passkeysRepository = (em: Em) => ({
  /** A user's passkeys, oldest first. */
  listFor: (userId: string) => em.find(Passkey, { user: userId }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
  countFor: (userId: string) => em.count(Passkey, { user: userId }),
  /** By credential id, with its user, fresh from the database. */
  byId: (id: string) => em.findOne(Passkey, { id }, { populate: ['user'], disableIdentityMap: true }),
  /** One of this user's passkeys (null for someone else's). */
  ownedBy: (id: string, userId: string) => em.findOne(Passkey, { id, user: userId }),
  exists: async (id: string) => (await em.count(Passkey, { id })) > 0,
  /** Null when the credential id is already registered (a concurrent registration won). */
  async create(data: NewPasskey) {
    const { userId, ...rest } = data;
    const passkey = em.create(Passkey, { ...rest, user: userId, createdAt: new Date(), lastUsedAt: null });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        em.clear();
        return null;
      }
      throw error;
    }
    return passkey;
  },
  /** Stores the new signature counter only if nobody else moved it since it was read (no replayed assertion wins a race). */
  recordUse: async (id: string, fromCounter: number, toCounter: number, now: Date) =>
    (await em.nativeUpdate(Passkey, { id, counter: fromCounter }, { counter: toCounter, lastUsedAt: now })) === 1,
  /** Renames one of this user's passkeys; null for someone else's. */
  async rename(id: string, userId: string, name: string) {
    const passkey = await em.findOne(Passkey, { id, user: userId });
    if (!passkey) return null;
    passkey.name = name;
    await em.flush();
    return passkey;
  },
  remove: async (id: string, userId: string) => (await em.nativeDelete(Passkey, { id, user: userId })) === 1,
  /** Other ways this user can sign in besides passkey `exceptId`: a password, linked accounts, other passkeys. */
  async otherSignInMethods(userId: string, exceptId: string) {
    const user = await em.findOne(User, { id: userId }, { populate: ['passwordHash'], disableIdentityMap: true });
    const oauth = await em.count(OAuthAccount, { user: userId });
    const passkeys = await em.count(Passkey, { user: userId, id: { $ne: exceptId } });
    return (user?.passwordHash ? 1 : 0) + oauth + passkeys;
  },
});
