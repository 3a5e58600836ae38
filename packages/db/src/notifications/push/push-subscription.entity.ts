import { defineEntity, p } from '@mikro-orm/core';
import { Session } from '../../entities/session.entity.ts';
import { User } from '../../entities/user.entity.ts';

/**
 * A browser subscribed to web push (issue 12): the push service's endpoint and the keys payloads are encrypted with.
 * It belongs to the session that subscribed it (one per session): nothing is sent once that session ends (revoked,
 * signed out, expired), and deleting the session deletes it. Subscribing the same endpoint again (another account
 * signing in on that browser) moves it to the new session.
 */
const PushSubscriptionSchema = defineEntity({
  name: 'PushSubscription',
  tableName: 'push_subscriptions',
  properties: {
    id: p.uuid().primary(),
    user: () => p.manyToOne(User).deleteRule('cascade'),
    session: () => p.manyToOne(Session).deleteRule('cascade'),
    endpoint: p.string().length(1024).unique().hidden(),
    p256dh: p.string().length(88).hidden(),
    auth: p.string().length(24).hidden(),
    /** The browser's user agent when it subscribed, for the devices list. */
    userAgent: p.string().length(512).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** Last (re)subscribed. */
    updatedAt: p.datetime().onCreate(() => new Date()),
    lastPushedAt: p.datetime().nullable(),
  },
  uniques: [{ name: 'push_subscriptions_session_unique', properties: ['session'] }],
  indexes: [{ name: 'push_subscriptions_user_recent_idx', properties: ['user', 'updatedAt'] }],
});

export class PushSubscription extends PushSubscriptionSchema.class {}
PushSubscriptionSchema.setClass(PushSubscription);
export { PushSubscriptionSchema };
