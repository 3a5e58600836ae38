import type { Em } from '../orm.ts';
import { EmailToken, type EmailTokenPurpose } from '../entities/email-token.entity.ts';

export interface NewEmailToken {
  userId: string;
  purpose: EmailTokenPurpose;
  /** SHA-256 of the token, hex; the token itself is only in the mail. */
  tokenHash: string;
  email: string;
  createdAt: Date;
  expiresAt: Date;
}

export const emailTokensRepository = (em: Em) => ({
  /** Stores a new token and voids the user's older unused ones of the same purpose: only the latest link works. */
  async issue(data: NewEmailToken) {
    await em.nativeDelete(EmailToken, { user: data.userId, purpose: data.purpose, usedAt: null });
    await em.insert(EmailToken, {
      id: crypto.randomUUID(),
      user: data.userId,
      purpose: data.purpose,
      tokenHash: data.tokenHash,
      email: data.email,
      createdAt: data.createdAt,
      expiresAt: data.expiresAt,
      usedAt: null,
    });
  },
  /** The token row (with its user) by hash, used or not. */
  byHash: (tokenHash: string) => em.findOne(EmailToken, { tokenHash }, { populate: ['user'], disableIdentityMap: true }),
  /** Marks the token used if it still is unused and unexpired; true only for the one caller that wins. */
  async consume(id: string, now: Date) {
    return (await em.nativeUpdate(EmailToken, { id, usedAt: null, expiresAt: { $gt: now } }, { usedAt: now })) === 1;
  },
  /** Voids a user's unused tokens of a purpose (a reset link stops working once the password is reset). */
  voidUnused: (userId: string, purpose: EmailTokenPurpose) => em.nativeDelete(EmailToken, { user: userId, purpose, usedAt: null }),
  /** The address of the latest pending (unused, unexpired) email change, if any. */
  async pendingEmailChange(userId: string, now: Date) {
    const row = await em.findOne(EmailToken, { user: userId, purpose: 'change_email', usedAt: null, expiresAt: { $gt: now } }, { orderBy: { createdAt: 'desc' } });
    return row?.email ?? null;
  },
});
