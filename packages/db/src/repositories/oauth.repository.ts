import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em } from '../orm.ts';
import { OAuthAccount, type OAuthProvider } from '../entities/oauth-account.entity.ts';
import { Passkey } from '../entities/passkey.entity.ts';
import { User } from '../entities/user.entity.ts';

/** What the provider told us about the person at the last sign-in. */
export interface OAuthIdentity {
  provider: OAuthProvider;
  providerUserId: string;
  email: string | null;
  emailVerified: boolean;
  displayName: string | null;
}

export interface NewOAuthUser {
  id: string;
  email: string;
  username: string;
  usernameSkeleton: string;
  displayName: string | null;
  emailVerifiedAt: Date | null;
}

/** A unique constraint lost to a concurrent write: which one. */
export class OAuthConflict extends Error {
  readonly field: 'email' | 'username' | 'link';
  constructor(field: 'email' | 'username' | 'link') {
    super(`${field} already taken`);
    this.name = 'OAuthConflict';
    this.field = field;
  }
}

const conflictField = (error: UniqueConstraintViolationException): OAuthConflict['field'] => {
  const message = String(error.message);
  if (message.includes('oauth_accounts')) return 'link';
  return message.includes('email') ? 'email' : 'username';
};

const identityFields = (identity: OAuthIdentity) => ({
  email: identity.email?.slice(0, 254) ?? null,
  emailVerified: identity.emailVerified,
  displayName: identity.displayName?.slice(0, 255) ?? null,
});

export const oauthRepository = (em: Em) => ({
  /** The link for this provider account, with its user, fresh from the database. */
  byProviderUser: (provider: OAuthProvider, providerUserId: string) =>
    em.findOne(OAuthAccount, { provider, providerUserId }, { populate: ['user'], disableIdentityMap: true }),
  byUser: (userId: string, provider: OAuthProvider) => em.findOne(OAuthAccount, { user: userId, provider }),
  /** A user's linked accounts, oldest first. */
  listFor: (userId: string) => em.find(OAuthAccount, { user: userId }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
  /** A user with this (lower-cased) email, whoever they are. */
  userByEmail: (email: string) => em.findOne(User, { email }, { disableIdentityMap: true }),

  /** Links a provider account to an existing user. */
  async link(userId: string, identity: OAuthIdentity, now: Date) {
    const link = em.create(OAuthAccount, {
      id: crypto.randomUUID(),
      user: userId,
      provider: identity.provider,
      providerUserId: identity.providerUserId,
      ...identityFields(identity),
      createdAt: now,
      lastUsedAt: now,
    });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new OAuthConflict('link');
      throw error;
    }
    return link;
  },

  /** Creates an account (no password) and its first link in one transaction. */
  async createUser(data: NewOAuthUser, identity: OAuthIdentity, now: Date) {
    const user = em.create(User, {
      ...data,
      bio: null,
      // The entity's default ('[]') would be stored as a JSON string, not an empty list.
      links: [],
      passwordHash: null,
      role: 'user',
      totpSecretEnc: null,
      totpEnabledAt: null,
      totpLastStep: null,
      lockedAt: null,
      deletionRequestedAt: null,
    });
    em.create(OAuthAccount, {
      id: crypto.randomUUID(),
      user,
      provider: identity.provider,
      providerUserId: identity.providerUserId,
      ...identityFields(identity),
      createdAt: now,
      lastUsedAt: now,
    });
    try {
      await em.flush();
    } catch (error) {
      em.clear();
      if (error instanceof UniqueConstraintViolationException) throw new OAuthConflict(conflictField(error));
      throw error;
    }
    return user;
  },

  /** Removes the user's links whose provider never vouched for the email; returns the providers removed. */
  async removeUnverified(userId: string) {
    const links = await em.find(OAuthAccount, { user: userId, emailVerified: false }, { fields: ['provider'] });
    if (links.length) await em.nativeDelete(OAuthAccount, { id: { $in: links.map((l) => l.id) } });
    return links.map((l) => l.provider);
  },

  /** Records a sign-in through the link, refreshing what the provider says about the person. */
  touch: (id: string, identity: OAuthIdentity, now: Date) =>
    em.nativeUpdate(OAuthAccount, { id }, { ...identityFields(identity), lastUsedAt: now }),

  /**
   * Removes the user's link to `provider` unless it is their last way to sign in (no password,
   * no passkey, no other link). The user row is locked meanwhile, so two removals racing each other
   * cannot both pass the check.
   */
  async unlinkUnlessLast(userId: string, provider: OAuthProvider): Promise<'removed' | 'not_linked' | 'last_method'> {
    return em.transactional(async (tx) => {
      const user = await tx.findOne(User, { id: userId }, { populate: ['passwordHash'], lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!user) return 'not_linked';
      const link = await tx.findOne(OAuthAccount, { user: userId, provider });
      if (!link) return 'not_linked';
      const otherLinks = await tx.count(OAuthAccount, { user: userId, provider: { $ne: provider } });
      const passkeys = await tx.count(Passkey, { user: userId });
      if (!user.passwordHash && passkeys === 0 && otherLinks === 0) return 'last_method';
      await tx.nativeDelete(OAuthAccount, { id: link.id });
      return 'removed';
    });
  },
});
