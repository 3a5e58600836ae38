import { defineEntity, p } from '@mikro-orm/core';
import { User } from '../entities/user.entity.ts';

/** How often a person gets the digest of their unread notifications by mail (issue 12). */
export const DIGEST_FREQUENCIES = ['off', 'daily', 'weekly'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];
/** The digest periods (a frequency other than `off`). */
export type DigestPeriod = Exclude<DigestFrequency, 'off'>;
/** People who never chose get a weekly digest. */
export const DEFAULT_DIGEST: DigestFrequency = 'weekly';

/**
 * One digest sent (or being sent) to a person for one period: the row is the claim. Whichever caller (scheduled pass
 * on any instance, or the operator's command) inserts it first sends that period's digest; the others find it taken.
 * `cutoff` is when its notifications were read up to: the next digest starts there.
 */
const NotificationDigestRunSchema = defineEntity({
  name: 'NotificationDigestRun',
  tableName: 'notification_digest_runs',
  properties: {
    user: () => p.manyToOne(User).primary().deleteRule('cascade'),
    period: p.enum(['daily', 'weekly']).primary(),
    /** The start of the period (daily: each day at the digest hour, UTC; weekly: Mondays at that hour). */
    periodStart: p.datetime().primary(),
    cutoff: p.datetime(),
    /** How many groups the digest listed. */
    groups: p.integer(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ name: 'notification_digest_runs_user_cutoff_idx', properties: ['user', 'cutoff'] }],
});

export class NotificationDigestRun extends NotificationDigestRunSchema.class {}
NotificationDigestRunSchema.setClass(NotificationDigestRun);
export { NotificationDigestRunSchema };
