import { defineEntity, p } from '@mikro-orm/core';
import { Message } from '../chat/message.entity.ts';
import { Track } from '../entities/track.entity.ts';
import { TrackComment } from '../comments/comment.entity.ts';
import { User } from '../entities/user.entity.ts';
import { Group } from '../groups/group.entity.ts';
import { Playlist } from '../playlists/playlist.entity.ts';
import { DEFAULT_DIGEST, DIGEST_FREQUENCIES } from './digest.entity.ts';

/**
 * What happened. `follow.*`: someone followed the recipient, asked to (a private profile), or the recipient's request
 * was approved. `track.processed` / `track.failed`: the recipient's upload finished processing. `security.notice`: a
 * change to how the account signs in (also mailed, always). `group.invite`: an admin invited the recipient to a group;
 * `group.request`: someone asked to join a group the recipient owns or administers.
 */
export const NOTIFICATION_TYPES = [
  'track.liked',
  'chat.mention',
  'follow.new',
  'follow.request',
  'follow.accepted',
  'track.reposted',
  'comment.new',
  'playlist.invite',
  'track.processed',
  'track.failed',
  'security.notice',
  'group.invite',
  'group.request',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** How long a group key may be (`track:<uuid>`, `mention:<uuid>`…). */
export const NOTIFICATION_GROUP_KEY_MAX = 100;
/** How many of a group's latest actors are kept (the rest is a count). */
export const NOTIFICATION_ACTORS_KEPT = 3;

/**
 * A notification group: one row per recipient, type and subject (`groupKey`) while unread ("ana and 12 others liked
 * X"), updated in place as more happens; once read, the next event opens a new group. `seq` moves forward on every
 * update (from the id sequence): it orders the centre newest first and is the `lastEventId` a subscription resumes
 * from. The subject columns (`track`, `comment`…) hold the latest one, what the group links to.
 */
const NotificationSchema = defineEntity({
  name: 'Notification',
  tableName: 'notifications',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    recipient: () => p.manyToOne(User).deleteRule('cascade'),
    type: p.enum([...NOTIFICATION_TYPES]),
    /** What the group is about, e.g. `track:<id>`; '' when it is about the recipient (follows). */
    groupKey: p.string().length(NOTIFICATION_GROUP_KEY_MAX).default(''),
    /** The latest actor (null for system notices). */
    actor: () => p.manyToOne(User).deleteRule('cascade').nullable(),
    /** The latest actors, newest first (at most NOTIFICATION_ACTORS_KEPT). */
    actorIds: p.json<string[]>().default('[]'),
    /** How many people (or events, for comments and mentions) the group holds. */
    actorCount: p.integer().default(1),
    track: () => p.manyToOne(Track).deleteRule('cascade').nullable(),
    /** The chat message a `chat.mention` is about. */
    message: () => p.manyToOne(Message).deleteRule('cascade').nullable().index(),
    /** The track comment a `comment.new` is about (a comment on my track, a reply to mine, or a mention). */
    comment: () => p.manyToOne(TrackComment).deleteRule('cascade').nullable().index(),
    playlist: () => p.manyToOne(Playlist).deleteRule('cascade').nullable().index(),
    /** The group a `group.invite` or `group.request` is about. */
    group: () => p.manyToOne(Group).deleteRule('cascade').nullable().index(),
    /** A short machine detail: the security change, or why processing failed. */
    detail: p.string().length(300).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** The newest event the group holds (for counted groups: the newest source row counted). */
    latestAt: p.datetime().onCreate(() => new Date()),
    seq: p.bigint('string'),
    readAt: p.datetime().nullable(),
    /** When the group was mailed (one mail per group). */
    emailedAt: p.datetime().nullable(),
  },
  indexes: [
    { name: 'notifications_recipient_seq_idx', properties: ['recipient', 'seq'] },
    {
      name: 'notifications_open_group_idx',
      expression: 'create unique index "notifications_open_group_idx" on "notifications" ("recipient_id", "type", "group_key") where "read_at" is null',
    },
    // The centre's "unread only" pages: a recipient's unread groups in `seq` order, read a page at a time (without it
    // each page reads and sorts all of them).
    {
      name: 'notifications_unread_seq_idx',
      expression: 'create index "notifications_unread_seq_idx" on "notifications" ("recipient_id", "seq") where "read_at" is null',
    },
  ],
});

export class Notification extends NotificationSchema.class {}
NotificationSchema.setClass(Notification);
export { NotificationSchema };

/** The notification kinds a person sets preferences for (several types share one: comments, mentions…). */
export const NOTIFICATION_KINDS = ['likes', 'reposts', 'follows', 'follow_requests', 'comments', 'mentions', 'invites', 'processing', 'security'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_CHANNELS = ['inApp', 'push', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
/** A person's choices that differ from the defaults, per kind and channel. */
export type NotificationOverrides = Partial<Record<NotificationKind, Partial<Record<NotificationChannel, boolean>>>>;

/** Per-person notification settings: channel choices that differ from the defaults, the language mails use, the digest. */
const NotificationSettingsSchema = defineEntity({
  name: 'NotificationSettings',
  tableName: 'notification_settings',
  properties: {
    user: () => p.manyToOne(User).primary().deleteRule('cascade').updateRule('no action'),
    language: p.enum(['en', 'fr']).default('en'),
    overrides: p.json<NotificationOverrides>().default('{}'),
    /** The digest of unread notifications by mail: 'off', 'daily' or 'weekly' (the default). */
    digest: p.enum([...DIGEST_FREQUENCIES]).default(DEFAULT_DIGEST),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class NotificationSettings extends NotificationSettingsSchema.class {}
NotificationSettingsSchema.setClass(NotificationSettings);
export { NotificationSettingsSchema };
