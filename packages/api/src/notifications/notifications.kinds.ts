// What each notification type is, for preferences and delivery: its kind (what a person switches on or off), and the
// defaults per channel. Adding a kind (e.g. group invites): a type in NOTIFICATION_TYPES (packages/db), a kind here and
// in the validators' list, its target in notifications.dto.ts and its words in notifications.mail.ts.
import type { NotificationKind, NotificationOverrides, NotificationType } from '@veza/db';
import type { NotificationPreferenceChannel, NotificationPreferenceKind } from '@veza/validators';

/** The kind each type belongs to. */
export const KIND_OF: Record<NotificationType, NotificationKind> = {
  'track.liked': 'likes',
  'track.reposted': 'reposts',
  'follow.new': 'follows',
  'follow.accepted': 'follows',
  'follow.request': 'follow_requests',
  'comment.new': 'comments',
  'chat.mention': 'mentions',
  'playlist.invite': 'invites',
  'track.processed': 'processing',
  'track.failed': 'processing',
  'security.notice': 'security',
};

export type Channels = Record<NotificationPreferenceChannel, boolean>;

/**
 * Defaults: everything in the app; mail for follow requests, comments and security; push for mentions, comments and
 * invites. Security notices are always mailed (by the security domain) and always shown: they cannot be switched off.
 */
export const DEFAULT_CHANNELS: Record<NotificationKind, Channels> = {
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
export const LOCKED: Partial<Record<NotificationKind, readonly NotificationPreferenceChannel[]>> = { security: ['inApp', 'email'] };

/** The kinds, in the order settings show them (the validators' list and the database's are the same). */
export const KINDS = Object.keys(DEFAULT_CHANNELS) as NotificationKind[];
// Both lists name the same kinds: a kind added to one and not the other fails to compile here.
const sameKinds: [NotificationKind, NotificationPreferenceKind] extends [NotificationPreferenceKind, NotificationKind] ? true : never = true;
void sameKinds;

/** A person's channels for a kind: their choice where they made one (and may), the default otherwise. */
export function channelsFor(overrides: NotificationOverrides, kind: NotificationKind): Channels {
  const chosen = overrides[kind] ?? {};
  const locked = LOCKED[kind] ?? [];
  const base = DEFAULT_CHANNELS[kind];
  const pick = (channel: NotificationPreferenceChannel) => (locked.includes(channel) ? base[channel] : (chosen[channel] ?? base[channel]));
  return { inApp: pick('inApp'), push: pick('push'), email: pick('email') };
}

/** The types a person does not want in the app (left out of the centre, the unread count and live events). */
export function hiddenTypes(overrides: NotificationOverrides): NotificationType[] {
  return (Object.keys(KIND_OF) as NotificationType[]).filter((type) => !channelsFor(overrides, KIND_OF[type]).inApp);
}
