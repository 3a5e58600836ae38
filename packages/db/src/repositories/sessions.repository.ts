import type { Em } from '../orm.ts';
import { Session } from '../entities/session.entity.ts';

export const sessionsRepository = (em: Em) => ({
  create: (data: { id: string; userId: string; refreshTokenHash: string; userAgent: string | null; ip: string | null; expiresAt: Date }) => {
    const { userId, ...rest } = data;
    const session = em.create(Session, { ...rest, user: userId, revokedAt: null });
    return em.flush().then(() => session);
  },
  /** A live session (not revoked, not expired) by refresh token hash, with its user. */
  byRefreshHash: (hash: string, now: Date) =>
    em.findOne(Session, { refreshTokenHash: hash, revokedAt: null, expiresAt: { $gt: now } }, { populate: ['user'] }),
  /** Swaps the refresh token hash only if it is still the one presented (no double rotation). */
  async rotate(id: string, fromHash: string, toHash: string, now: Date) {
    const changed = await em.nativeUpdate(Session, { id, refreshTokenHash: fromHash, revokedAt: null }, { refreshTokenHash: toHash, lastUsedAt: now });
    return changed === 1;
  },
  revoke: (id: string, now: Date) => em.nativeUpdate(Session, { id, revokedAt: null }, { revokedAt: now }),
  isLive: async (id: string, now: Date) => (await em.count(Session, { id, revokedAt: null, expiresAt: { $gt: now } })) === 1,
});
