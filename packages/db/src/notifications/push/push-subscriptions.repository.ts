import type { Em } from '../../orm.ts';
import { PushSubscription } from './push-subscription.entity.ts';

export interface NewPushSubscription {
  id: string;
  userId: string;
  sessionId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  userAgent: string | null;
}

/** What a push needs: where to send and the keys to encrypt with. */
export interface PushTarget {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Subscriptions whose session is live (neither revoked nor expired) at `now`. */
const liveSession = (now: Date) => ({ revokedAt: null, expiresAt: { $gt: now } });

/** Web push subscriptions (issue 12), one per session. */
export const pushSubscriptionsRepository = (em: Em) => {
  /** Deletes `userId`'s subscriptions whose session has ended (revoked, signed out, expired); returns how many. */
  const pruneEnded = async (tx: Em, userId: string, now: Date) =>
    (
      await tx.execute<{ id: string }[]>(
        `delete from push_subscriptions ps using sessions s
          where ps.session_id = s.id and ps.user_id = ? and (s.revoked_at is not null or s.expires_at <= ?)
          returning ps.id`,
        [userId, now],
      )
    ).length;

  return {
    /**
     * Subscribes the session's browser, or re-subscribes it: one subscription per session (a new endpoint replaces
     * the session's old one) and per endpoint (an endpoint subscribed from another session, or by another account on
     * a shared browser, moves to this one). The session's row is locked meanwhile and must still be live, so a
     * subscription never outlives a sign-out racing it. Ended sessions' subscriptions are dropped, and the user keeps
     * at most `maxPerUser` (the least recently subscribed go). Returns null when the session is no longer live.
     */
    subscribe: (sub: NewPushSubscription, now: Date, maxPerUser: number) =>
      em.transactional(async (tx) => {
        const live = await tx.execute<{ id: string }[]>(
          'select id from sessions where id = ? and user_id = ? and revoked_at is null and expires_at > ? for update',
          [sub.sessionId, sub.userId, now],
        );
        if (live.length === 0) return null;
        await tx.nativeDelete(PushSubscription, { session: sub.sessionId, endpoint: { $ne: sub.endpoint } });
        const [row] = await tx.execute<{ id: string }[]>(
          `insert into push_subscriptions (id, user_id, session_id, endpoint, p256dh, auth, user_agent, created_at, updated_at, last_pushed_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, null)
           on conflict (endpoint) do update set
             created_at = case when push_subscriptions.user_id = excluded.user_id then push_subscriptions.created_at else excluded.created_at end,
             last_pushed_at = case when push_subscriptions.user_id = excluded.user_id then push_subscriptions.last_pushed_at else null end,
             user_id = excluded.user_id, session_id = excluded.session_id, p256dh = excluded.p256dh, auth = excluded.auth,
             user_agent = excluded.user_agent, updated_at = excluded.updated_at
           returning id`,
          [sub.id, sub.userId, sub.sessionId, sub.endpoint, sub.p256dh, sub.auth, sub.userAgent, now, now],
        );
        await pruneEnded(tx, sub.userId, now);
        await tx.execute(
          `delete from push_subscriptions where user_id = ? and id not in (
             select id from push_subscriptions where user_id = ? order by updated_at desc, id desc limit ?)`,
          [sub.userId, sub.userId, maxPerUser],
        );
        return tx.findOneOrFail(PushSubscription, { id: row!.id }, { refresh: true });
      }),

    /** Unsubscribes one of `userId`'s own endpoints; false when it is not theirs (or not subscribed). */
    removeOwn: async (userId: string, endpoint: string) => (await em.nativeDelete(PushSubscription, { user: userId, endpoint })) > 0,

    /** Removes one of `userId`'s own subscriptions by its id; false when none of theirs has it. */
    removeOwnById: async (userId: string, id: string) => (await em.nativeDelete(PushSubscription, { id, user: userId })) > 0,

    /** `userId`'s subscriptions of live sessions, most recently subscribed first. */
    listLive: (userId: string, now: Date) =>
      em.find(PushSubscription, { user: userId, session: liveSession(now) }, { orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }], refresh: true }),

    /** Deletes `userId`'s subscriptions whose session has ended; returns how many. */
    pruneEnded: (userId: string, now: Date) => pruneEnded(em, userId, now),

    /** Where to push for `userId`: subscriptions of live sessions of an account that is not locked. */
    async targets(userId: string, now: Date): Promise<PushTarget[]> {
      const rows = await em.find(PushSubscription, { user: { id: userId, lockedAt: null }, session: liveSession(now) }, { refresh: true });
      return rows.map((r) => ({ id: r.id, endpoint: r.endpoint, p256dh: r.p256dh, auth: r.auth }));
    },

    /** Deletes subscriptions the push service says are gone (404/410), unless re-subscribed with another endpoint meanwhile. */
    removeGone: async (gone: Pick<PushTarget, 'id' | 'endpoint'>[]) =>
      gone.length === 0 ? 0 : em.nativeDelete(PushSubscription, { $or: gone.map((g) => ({ id: g.id, endpoint: g.endpoint })) }),

    /** Records a delivery to the push service. */
    markPushed: async (ids: string[], at: Date) => (ids.length === 0 ? 0 : em.nativeUpdate(PushSubscription, { id: { $in: ids } }, { lastPushedAt: at })),
  };
};
