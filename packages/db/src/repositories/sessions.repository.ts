import type { Em } from '../orm.ts';
import { RefreshToken } from '../entities/refresh-token.entity.ts';
import { Session } from '../entities/session.entity.ts';

export interface NewSession {
  id: string;
  userId: string;
  refreshTokenHash: string;
  userAgent: string | null;
  ip: string | null;
  expiresAt: Date;
  method: string;
  /** The second factor that completed the sign-in (totp, recovery), or null. */
  secondFactor: string | null;
  elevatedUntil: Date | null;
}

export const sessionsRepository = (em: Em) => ({
  /** Opens a session and records its first refresh token. */
  async create(data: NewSession) {
    const { userId, ...rest } = data;
    const session = em.create(Session, { ...rest, user: userId, revokedAt: null, revokedReason: null });
    em.create(RefreshToken, { hash: data.refreshTokenHash, session });
    await em.flush();
    return session;
  },
  /** A live session (not revoked, not expired) by its current refresh token hash, with its user. */
  byRefreshHash: (hash: string, now: Date) =>
    em.findOne(Session, { refreshTokenHash: hash, revokedAt: null, expiresAt: { $gt: now } }, { populate: ['user'] }),
  /** The session a refresh token was ever issued to (current or superseded), or null for an unknown token. */
  async issuedTo(hash: string) {
    const row = await em.findOne(RefreshToken, { hash }, { populate: ['session'] });
    return row ? row.session : null;
  },
  /** Swaps the refresh token hash only if it is still the one presented (no double rotation), and records the new one. */
  async rotate(id: string, fromHash: string, toHash: string, now: Date) {
    const changed = await em.nativeUpdate(Session, { id, refreshTokenHash: fromHash, revokedAt: null }, { refreshTokenHash: toHash, lastUsedAt: now });
    if (changed !== 1) return false;
    await em.insert(RefreshToken, { hash: toHash, session: id, createdAt: now });
    return true;
  },
  /** Marks the session as seen only if it was last seen before `staleBefore` (one cheap conditional update). */
  touchIfStale: (id: string, now: Date, staleBefore: Date) =>
    em.nativeUpdate(Session, { id, revokedAt: null, lastUsedAt: { $lt: staleBefore } }, { lastUsedAt: now }),
  /** Revokes one live session of this user; 0 when it is not theirs, already ended or unknown. */
  revokeOwn: (id: string, userId: string, now: Date, reason: string) =>
    em.nativeUpdate(Session, { id, user: userId, revokedAt: null, expiresAt: { $gt: now } }, { revokedAt: now, revokedReason: reason }),
  revoke: (id: string, now: Date, reason = 'logout') => em.nativeUpdate(Session, { id, revokedAt: null }, { revokedAt: now, revokedReason: reason }),
  /** Revokes every live session of a user (but `exceptId`); returns the ids revoked. */
  async revokeAllForUser(userId: string, now: Date, reason: string, exceptId?: string) {
    const live = await em.find(Session, { user: userId, revokedAt: null, ...(exceptId ? { id: { $ne: exceptId } } : {}) }, { fields: ['id'] });
    const ids = live.map((s) => s.id);
    if (ids.length) await em.nativeUpdate(Session, { id: { $in: ids }, revokedAt: null }, { revokedAt: now, revokedReason: reason });
    return ids;
  },
  /** The live session behind an access token, with the user's current role and lock state; null once revoked or expired. */
  liveWithUser: (id: string, now: Date) =>
    em.findOne(Session, { id, revokedAt: null, expiresAt: { $gt: now } }, { populate: ['user'], disableIdentityMap: true }),
  /** A user's live sessions, most recently used first. */
  listLive: (userId: string, now: Date) =>
    em.find(Session, { user: userId, revokedAt: null, expiresAt: { $gt: now } }, { orderBy: { lastUsedAt: 'desc' } }),
  setElevatedUntil: (id: string, until: Date | null) => em.nativeUpdate(Session, { id }, { elevatedUntil: until }),
});
