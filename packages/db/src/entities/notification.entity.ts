import { defineEntity, p } from '@mikro-orm/core';
import { Message } from '../chat/message.entity.ts';
import { Track } from './track.entity.ts';
import { TrackComment } from '../comments/comment.entity.ts';
import { User } from './user.entity.ts';
import { Playlist } from '../playlists/playlist.entity.ts';

/** `follow.*`: someone followed the recipient, asked to (a private profile), or the recipient's request was approved. */
export const NOTIFICATION_TYPES = ['track.liked', 'chat.mention', 'follow.new', 'follow.request', 'follow.accepted', 'track.reposted', 'comment.new', 'playlist.invite'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/**
 * A durable notification. The auto-increment id orders a user's events and is the
 * `lastEventId` a reconnecting subscription resumes from.
 */
const NotificationSchema = defineEntity({
  name: 'Notification',
  tableName: 'notifications',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    recipient: () => p.manyToOne(User).deleteRule('cascade'),
    type: p.enum([...NOTIFICATION_TYPES]),
    actor: () => p.manyToOne(User).deleteRule('cascade').nullable(),
    track: () => p.manyToOne(Track).deleteRule('cascade').nullable(),
    /** The chat message a `chat.mention` is about. */
    message: () => p.manyToOne(Message).deleteRule('cascade').nullable().index(),
    /** The track comment a `comment.new` is about (a comment on my track, a reply to mine, or a mention). */
    comment: () => p.manyToOne(TrackComment).deleteRule('cascade').nullable().index(),
    playlist: () => p.manyToOne(Playlist).deleteRule('cascade').nullable().index(),
    createdAt: p.datetime().onCreate(() => new Date()),
    readAt: p.datetime().nullable(),
  },
  indexes: [{ name: 'notifications_recipient_id_idx', properties: ['recipient', 'id'] }],
});

export class Notification extends NotificationSchema.class {}
NotificationSchema.setClass(Notification);
export { NotificationSchema };
