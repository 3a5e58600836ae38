// What each notification type is, for preferences and delivery: its kind (what a person switches on or off), and the
// defaults per channel. Adding a kind (e.g. group invites): a type in NOTIFICATION_TYPES (packages/db), a kind here and
// in the validators' list, its target in notifications.dto.ts and its words in notifications.mail.ts.
import type { NotificationKind, NotificationOverrides, NotificationType } from '@veza/db';
import { NOTIFICATION_DEFAULT_CHANNELS, NOTIFICATION_LOCKED_CHANNELS, type NotificationChannels, type NotificationPreferenceChannel, type NotificationPreferenceKind } from '@veza/validators';

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
  'group.invite': 'invites',
  'group.request': 'invites',
};

export type Channels = NotificationChannels;

/** Defaults per kind and the channels that cannot be switched off: one table, in @veza/validators, shared with the mocks. */
export const DEFAULT_CHANNELS: Readonly<Record<NotificationKind, Readonly<Channels>>> = NOTIFICATION_DEFAULT_CHANNELS;
export const LOCKED = NOTIFICATION_LOCKED_CHANNELS;

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
