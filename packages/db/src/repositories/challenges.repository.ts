import { raw } from '@mikro-orm/core';
import type { Em } from '../orm.ts';
import { AuthChallenge, type AuthChallengePurpose } from '../entities/auth-challenge.entity.ts';

export interface NewChallenge {
  id: string;
  purpose: AuthChallengePurpose;
  userId: string | null;
  secret: string;
  expiresAt: Date;
  /** Second-factor tickets only: how the first step was done. */
  firstFactor?: string | null;
}

/** Short-lived, single-use steps of authentication ceremonies (second-factor tickets, WebAuthn challenges, pending TOTP secrets). */
export const challengesRepository = (em: Em) => ({
  async create(data: NewChallenge) {
    const { userId, ...rest } = data;
    await em.insert(AuthChallenge, { ...rest, firstFactor: rest.firstFactor ?? null, user: userId, attempts: 0, createdAt: new Date(), usedAt: null });
  },
  /** An unused, unexpired challenge of this purpose, with its user; read past the identity map (attempts change underneath). */
  live: (id: string, purpose: AuthChallengePurpose, now: Date) =>
    em.findOne(AuthChallenge, { id, purpose, usedAt: null, expiresAt: { $gt: now } }, { populate: ['user'], disableIdentityMap: true }),
  /** Marks the challenge used if it still is live: true for exactly one caller. */
  consume: async (id: string, purpose: AuthChallengePurpose, now: Date) =>
    (await em.nativeUpdate(AuthChallenge, { id, purpose, usedAt: null, expiresAt: { $gt: now } }, { usedAt: now })) === 1,
  /** Same as consume, but only for a challenge bound to this user. */
  consumeFor: async (id: string, purpose: AuthChallengePurpose, userId: string, now: Date) =>
    (await em.nativeUpdate(AuthChallenge, { id, purpose, user: userId, usedAt: null, expiresAt: { $gt: now } }, { usedAt: now })) === 1,
  /**
   * Counts a failed attempt against a live challenge; once `max` failures are reached it is used up.
   * Returns the attempts left (0: the challenge is dead).
   */
  async recordFailure(id: string, max: number, now: Date) {
    await em.nativeUpdate(AuthChallenge, { id, usedAt: null }, { attempts: raw('attempts + 1') });
    await em.nativeUpdate(AuthChallenge, { id, usedAt: null, attempts: { $gte: max } }, { usedAt: now });
    const row = await em.findOne(AuthChallenge, { id }, { fields: ['attempts', 'usedAt'], disableIdentityMap: true });
    return row && !row.usedAt ? Math.max(0, max - row.attempts) : 0;
  },
  /** Drops a user's pending challenges of one purpose (e.g. an abandoned TOTP enrolment). */
  discardFor: (userId: string, purpose: AuthChallengePurpose) => em.nativeDelete(AuthChallenge, { user: userId, purpose, usedAt: null }),
  /** Housekeeping: removes challenges that expired before `before`. */
  purgeExpired: (before: Date) => em.nativeDelete(AuthChallenge, { expiresAt: { $lt: before } }),
});
