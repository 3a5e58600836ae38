import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em } from '../orm.ts';
import { AuditEvent } from '../entities/audit-event.entity.ts';
import { EmailToken } from '../entities/email-token.entity.ts';
import { Notification } from '../notifications/notification.entity.ts';
import { OAuthAccount } from '../entities/oauth-account.entity.ts';
import { Passkey } from '../entities/passkey.entity.ts';
import { RecoveryCode } from '../entities/recovery-code.entity.ts';
import { Session } from '../entities/session.entity.ts';
import { TrackLike } from '../entities/track-like.entity.ts';
import { Track } from '../entities/track.entity.ts';
import { User } from '../entities/user.entity.ts';

/** Account self-service queries: usernames, email and password changes, deletion and the data export. */
export const accountsRepository = (em: Em) => ({
  /** Whether the exact username, or another with the same confusable skeleton, exists. */
  async usernameClash(username: string, skeleton: string) {
    const rows = await em.find(User, { $or: [{ username }, { usernameSkeleton: skeleton }] }, { fields: ['username'] });
    if (rows.some((r) => r.username === username)) return 'taken' as const;
    return rows.length ? ('lookalike' as const) : null;
  },
  emailOwner: async (email: string) => (await em.findOne(User, { email }, { fields: ['id'] }))?.id ?? null,
  markEmailVerified: (userId: string, email: string, now: Date) =>
    em.nativeUpdate(User, { id: userId, email }, { emailVerifiedAt: now }),
  setPasswordHash: (userId: string, passwordHash: string) => em.nativeUpdate(User, { id: userId }, { passwordHash }),
  /**
   * Applies an email change from a `change_email` token, atomically: the token is consumed and the address
   * switched (and marked verified) together, or neither happens.
   */
  async applyEmailChange(tokenId: string, userId: string, email: string, now: Date): Promise<'ok' | 'used' | 'conflict'> {
    try {
      return await em.transactional(async (tx) => {
        const consumed = await tx.nativeUpdate(EmailToken, { id: tokenId, usedAt: null, expiresAt: { $gt: now } }, { usedAt: now });
        if (consumed !== 1) return 'used' as const;
        await tx.nativeUpdate(User, { id: userId }, { email, emailVerifiedAt: now });
        return 'ok' as const;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return 'conflict';
      throw error;
    }
  },
  setDeletionRequestedAt: (userId: string, at: Date | null) => em.nativeUpdate(User, { id: userId }, { deletionRequestedAt: at }),
  /** Accounts whose deletion was requested at or before `requestedBefore`. */
  dueForPurge: (requestedBefore: Date, limit = 100) =>
    em.find(User, { deletionRequestedAt: { $ne: null, $lte: requestedBefore } }, { fields: ['id', 'username', 'deletionRequestedAt'], limit, orderBy: { deletionRequestedAt: 'asc' } }),
  trackIdsOf: async (userId: string) => (await em.find(Track, { owner: userId }, { fields: ['id'] })).map((t) => t.id),
  /**
   * Deletes the user row if its deletion is still requested (at or before `requestedBefore`); owned rows go with it
   * (ON DELETE CASCADE), the groups it owns too, and their chat rooms here in the same transaction (a group's room
   * without its group would be a private room nobody runs).
   */
  deleteIfStillRequested: (userId: string, requestedBefore: Date) =>
    em.transactional(async (tx) => {
      const due = { id: userId, deletionRequestedAt: { $ne: null, $lte: requestedBefore } };
      if (!(await tx.findOne(User, due, { fields: ['id'], lockMode: LockMode.PESSIMISTIC_WRITE }))) return false;
      await tx.execute('delete from rooms where id in (select room_id from groups where owner_id = ?)', [userId]);
      return (await tx.nativeDelete(User, due)) === 1;
    }),

  /** Everything held about a user, for the data export. */
  async exportData(userId: string) {
    const user = await em.findOne(User, { id: userId }, { populate: ['passwordHash'], disableIdentityMap: true });
    if (!user) return null;
    // One query at a time: an EntityManager is not meant for concurrent use.
    const tracks = await em.find(Track, { owner: userId }, { populate: ['lyrics'], orderBy: { createdAt: 'asc' } });
    const likes = await em.find(TrackLike, { user: userId }, { populate: ['track'], orderBy: { createdAt: 'asc' } });
    const sessions = await em.find(Session, { user: userId }, { orderBy: { createdAt: 'asc' } });
    const passkeys = await em.find(Passkey, { user: userId }, { orderBy: { createdAt: 'asc' } });
    const oauthAccounts = await em.find(OAuthAccount, { user: userId }, { orderBy: { createdAt: 'asc' } });
    const notifications = await em.find(Notification, { recipient: userId }, { orderBy: { id: 'asc' } });
    const recoveryCodes = await em.count(RecoveryCode, { user: userId, usedAt: null });
    const auditEvents = await em.find(AuditEvent, { $or: [{ actorId: userId }, { subjectId: userId }] }, { orderBy: { id: 'asc' } });
    return { user, tracks, likes, sessions, passkeys, oauthAccounts, notifications, recoveryCodes, auditEvents };
  },
});
