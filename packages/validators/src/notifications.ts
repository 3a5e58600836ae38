import { z } from 'zod';
import { bigintIdSchema } from './ids.ts';

export const onEventInput = z
  .object({ lastEventId: bigintIdSchema('This event id is not valid: reconnect without it to start from now.').nullish() })
  .default({});

/** The kinds of notification a person sets preferences for (issue 12). */
export const NOTIFICATION_PREFERENCE_KINDS = ['likes', 'reposts', 'follows', 'follow_requests', 'comments', 'mentions', 'invites', 'processing', 'security'] as const;
export type NotificationPreferenceKind = (typeof NOTIFICATION_PREFERENCE_KINDS)[number];
export const NOTIFICATION_PREFERENCE_CHANNELS = ['inApp', 'push', 'email'] as const;
export type NotificationPreferenceChannel = (typeof NOTIFICATION_PREFERENCE_CHANNELS)[number];

/** A kind's channels, on or off. */
export type NotificationChannels = Record<NotificationPreferenceChannel, boolean>;

/**
 * Defaults: everything in the app; mail for follow requests, comments and security; push for mentions, comments and
 * invites. Security notices are always mailed (by the security domain) and always shown: they cannot be switched off.
 * (The API applies them; the mocks hand out the same ones.)
 */
export const NOTIFICATION_DEFAULT_CHANNELS: Readonly<Record<NotificationPreferenceKind, Readonly<NotificationChannels>>> = {
  likes: { inApp: true, push: false, email: false },
  reposts: { inApp: true, push: false, email: false },
  follows: { inApp: true, push: false, email: false },
  follow_requests: { inApp: true, push: false, email: true },
  comments: { inApp: true, push: true, email: true },
  mentions: { inApp: true, push: true, email: false },
  invites: { inApp: true, push: true, email: false },
  processing: { inApp: true, push: false, email: false },
  security: { inApp: true, push: false, email: true },
};

/** Channels a person cannot switch off, per kind. */
export const NOTIFICATION_LOCKED_CHANNELS: Readonly<Partial<Record<NotificationPreferenceKind, readonly NotificationPreferenceChannel[]>>> = {
  security: ['inApp', 'email'],
};

/** How many groups one page of the notification centre holds at most. */
export const NOTIFICATIONS_PAGE_MAX = 50;

const notificationId = bigintIdSchema('This notification id is not valid.');

/**
 * A page of the notification centre, newest first; `cursor` is the `nextCursor` of the previous page (asked with the
 * same `unreadOnly`); `unreadOnly`: only the groups not read yet.
 */
export const notificationsListInput = z
  .object({
    cursor: bigintIdSchema('This page link is no longer valid. Start again from the first page.').nullish(),
    limit: z.number('The page size must be a number.').int('The page size must be a whole number.').min(1, 'Ask for at least one notification.').max(NOTIFICATIONS_PAGE_MAX, `A page holds at most ${NOTIFICATIONS_PAGE_MAX} notifications.`).default(20),
    unreadOnly: z.boolean('Unread only is true or false.').default(false),
  })
  .default({ limit: 20, unreadOnly: false });
export type NotificationsListInput = z.infer<typeof notificationsListInput>;

export const notificationInput = z.object({ id: notificationId });

/** Marks every unread group read; `upTo`: only those up to this `seq` (the newest the reader has seen). */
export const markAllNotificationsReadInput = z.object({ upTo: bigintIdSchema('This notification position is not valid.').nullish() }).default({});

const channelChoice = z
  .object({
    inApp: z.boolean('Choose on or off.').optional(),
    push: z.boolean('Choose on or off.').optional(),
    email: z.boolean('Choose on or off.').optional(),
  })
  .strict();

/** How often the digest of unread notifications is mailed ('off': never). */
export const NOTIFICATION_DIGEST_FREQUENCIES = ['off', 'daily', 'weekly'] as const;
export type NotificationDigestFrequency = (typeof NOTIFICATION_DIGEST_FREQUENCIES)[number];

/**
 * Changes some channels of some kinds (the rest stays), and optionally the language notification mails use and how
 * often the digest comes.
 */
export const updateNotificationPreferencesInput = z
  .object({
    language: z.enum(['en', 'fr'], 'Notification mails are in English (en) or French (fr).').optional(),
    digest: z.enum(NOTIFICATION_DIGEST_FREQUENCIES, 'The digest comes daily, weekly, or not at all (off).').optional(),
    kinds: z.partialRecord(z.enum(NOTIFICATION_PREFERENCE_KINDS, 'Unknown notification kind.'), channelChoice).default({}),
  })
  .strict();
export type UpdateNotificationPreferencesInput = z.infer<typeof updateNotificationPreferencesInput>;

/** The longest unsubscribe token the server writes is well under this. */
export const UNSUBSCRIBE_TOKEN_MAX = 400;

/** One-click unsubscribe (RFC 8058): the token from a notification mail's link or List-Unsubscribe header. */
export const unsubscribeInput = z.object({
  token: z
    .string('This unsubscribe link is not valid.')
    .min(1, 'This unsubscribe link is not valid.')
    .max(UNSUBSCRIBE_TOKEN_MAX, 'This unsubscribe link is not valid.')
    .regex(/^[A-Za-z0-9_.-]+$/, 'This unsubscribe link is not valid.'),
});
