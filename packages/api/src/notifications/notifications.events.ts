import type { UserSummaryDto } from '../users/users.dto.ts';

/**
 * The live events of `notifications.onEvent`: the latest event of a notification group, as it changes (its `id` is the
 * group's `seq`). A group of likes updated by 10 likes at once sends one event, for the latest liker.
 */
export interface TrackLikedEvent {
  /** Someone liked the user's track, or reposted it to their followers. */
  type: 'track.liked' | 'track.reposted';
  /** The notification id: ordered per user, the `lastEventId` to resume from. */
  id: string;
  createdAt: string;
  actor: UserSummaryDto;
  track: { id: string; title: string };
}

/** Someone `@mentioned` the user in a chat message (chat/mentions.ts). */
export interface ChatMentionEvent {
  type: 'chat.mention';
  id: string;
  createdAt: string;
  actor: UserSummaryDto;
  roomId: string;
  /** Null for a direct conversation. */
  roomName: string | null;
  messageId: string;
  seq: number;
  /** The start of the message (empty once it is deleted). */
  excerpt: string;
}

/**
 * About following (social/follows.service.ts): `follow.new` someone followed the user, `follow.request` someone asks
 * to follow the user's private profile, `follow.accepted` the user's request was approved.
 */
export interface FollowEvent {
  type: 'follow.new' | 'follow.request' | 'follow.accepted';
  id: string;
  createdAt: string;
  actor: UserSummaryDto;
}

/**
 * A comment on one of the user's tracks (`on: 'my_track'`), a reply to one of theirs (`'my_comment'`), or one that
 * mentions them (`'mention'`).
 */
export interface CommentEvent {
  type: 'comment.new';
  id: string;
  createdAt: string;
  actor: UserSummaryDto;
  track: { id: string; title: string };
  commentId: string;
  atMs: number;
  excerpt: string;
  on: 'my_track' | 'my_comment' | 'mention';
}

/** The owner of a playlist invited the user to edit it with them (playlists/playlists.service.ts). */
export interface PlaylistInviteEvent {
  type: 'playlist.invite';
  id: string;
  createdAt: string;
  actor: UserSummaryDto;
  playlist: { id: string; title: string };
}

export const FOLLOW_EVENT_TYPES = ['follow.new', 'follow.request', 'follow.accepted'] as const;

export type NotificationEvent = TrackLikedEvent | ChatMentionEvent | FollowEvent | CommentEvent | PlaylistInviteEvent;

export const userChannel = (userId: string) => `notifications:${userId}`;

/**
 * Published on the user's channel after every change to their notification centre (a group written, read): the
 * unread count as it now is. Not a NotificationEvent (parseNotificationEvent ignores it).
 */
export interface NotificationsChangedMessage {
  type: 'notifications.changed';
  unread: number;
}

export function parseChangedMessage(payload: unknown): NotificationsChangedMessage | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Partial<NotificationsChangedMessage>;
  return p.type === 'notifications.changed' && Number.isSafeInteger(p.unread) && (p.unread ?? -1) >= 0 ? { type: 'notifications.changed', unread: p.unread ?? 0 } : null;
}

/** Bus payloads cross process boundaries: accept only what has the expected shape. */
export function parseNotificationEvent(payload: unknown): NotificationEvent | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Partial<TrackLikedEvent> | Partial<ChatMentionEvent> | Partial<FollowEvent> | Partial<CommentEvent> | Partial<PlaylistInviteEvent>;
  if (typeof p.id !== 'string' || !p.actor) return null;
  if ((FOLLOW_EVENT_TYPES as readonly unknown[]).includes(p.type)) return typeof p.createdAt === 'string' ? (p as FollowEvent) : null;
  if (p.type === 'track.liked' || p.type === 'track.reposted') return p.track ? (p as TrackLikedEvent) : null;
  if (p.type === 'playlist.invite') return p.playlist && typeof p.playlist.id === 'string' && typeof p.createdAt === 'string' ? (p as PlaylistInviteEvent) : null;
  if (p.type === 'comment.new') return p.track && typeof p.commentId === 'string' && typeof p.excerpt === 'string' ? (p as CommentEvent) : null;
  if (p.type === 'chat.mention') {
    return typeof p.roomId === 'string' && typeof p.messageId === 'string' && Number.isSafeInteger(p.seq) && typeof p.excerpt === 'string' ? (p as ChatMentionEvent) : null;
  }
  return null;
}
