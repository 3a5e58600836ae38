import type { DigestFrequency, Notification, NotificationKind, NotificationType, User } from '@veza/db';
import type { NotificationPreferenceChannel } from '@veza/validators';
import { toUserSummary, type UserSummaryDto } from '../users/users.dto.ts';
import { KIND_OF } from './notifications.kinds.ts';

/** How much of a comment or message a notification shows. */
export const EXCERPT_LENGTH = 140;
export const excerptOf = (body: string) => (body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH - 1)}…` : body);

/** Which of the recipient's things a comment notification is about. */
export type CommentOn = 'my_track' | 'my_comment' | 'mention';

/** What a group is about, with what the web needs to link to it (`url` is the app path to open). */
export type NotificationTargetDto =
  | { type: 'track'; trackId: string; title: string }
  | { type: 'comment'; trackId: string; trackTitle: string; commentId: string; atMs: number; on: CommentOn; excerpt: string }
  | { type: 'chat'; roomId: string; roomName: string | null; messageId: string; seq: number; excerpt: string }
  | { type: 'playlist'; playlistId: string; title: string }
  | { type: 'profile'; username: string }
  | { type: 'follow_requests' }
  /** A group invitation (`requests`: false) or a request to join it, for its admins (`requests`: true). */
  | { type: 'group'; groupId: string; name: string; requests: boolean }
  | { type: 'security'; change: string };

/** One group of the notification centre: "ana and 12 others liked Night Drive". */
export interface NotificationGroupDto {
  id: string;
  /** Moves forward on every update: the order of the centre, and `upTo` for markAllRead. */
  seq: string;
  type: NotificationType;
  kind: NotificationKind;
  /** The latest actors, newest first (at most 3; empty for system notices). */
  actors: UserSummaryDto[];
  /** How many people (for comments and mentions: events from different people among the latest) the group holds. */
  actorCount: number;
  read: boolean;
  /** When the group opened, and its newest event. */
  createdAt: string;
  updatedAt: string;
  target: NotificationTargetDto;
  /** The app path that opens the target. */
  url: string;
  /** Why processing failed (track.failed). */
  detail: string | null;
}

export interface NotificationPageDto {
  items: NotificationGroupDto[];
  nextCursor: string | null;
}

export interface UnreadDto {
  unread: number;
}

export interface NotificationPreferencesDto {
  language: 'en' | 'fr';
  kinds: Record<NotificationKind, Record<NotificationPreferenceChannel, boolean>>;
  /** Channels that cannot be switched off, per kind (security notices). */
  locked: Partial<Record<NotificationKind, NotificationPreferenceChannel[]>>;
  /** Whether this server can send push notifications at all. */
  pushAvailable: boolean;
  /**
   * The mailed digest of unread notifications: 'daily', 'weekly' (the default) or 'off'. It lists the unread groups of
   * the kinds shown in the app whose mail is off (kinds mailed one by one are not repeated), security notices aside.
   */
  digest: DigestFrequency;
}

export interface UnsubscribeResultDto {
  /** The kind whose mails stopped, or 'digest' (the digest was turned off). */
  kind: NotificationKind | 'digest';
  channel: 'email';
  /** The account's username, so the page can say whose mails stopped. */
  username: string;
}

const commentOn = (n: Notification): CommentOn => {
  const comment = n.comment;
  if (n.track && n.track.owner.id === n.recipient.id) return 'my_track';
  if (comment?.parent && comment.parent.author.id === n.recipient.id) return 'my_comment';
  return 'mention';
};

/** The target of a group; null when what it was about is gone (a group with a deleted subject is not shown). */
function targetOf(n: Notification): NotificationTargetDto | null {
  switch (n.type) {
    case 'track.liked':
    case 'track.reposted':
    case 'track.processed':
    case 'track.failed':
      return n.track ? { type: 'track', trackId: n.track.id, title: n.track.title } : null;
    case 'comment.new': {
      const comment = n.comment;
      if (!n.track || !comment) return null;
      return { type: 'comment', trackId: n.track.id, trackTitle: n.track.title, commentId: comment.id, atMs: comment.atMs, on: commentOn(n), excerpt: excerptOf(comment.body) };
    }
    case 'chat.mention': {
      const message = n.message;
      if (!message) return null;
      return { type: 'chat', roomId: message.room.id, roomName: message.room.name ?? null, messageId: message.id, seq: message.seq, excerpt: message.deletedAt ? '' : excerptOf(message.body) };
    }
    case 'playlist.invite':
      return n.playlist ? { type: 'playlist', playlistId: n.playlist.id, title: n.playlist.title } : null;
    case 'follow.new':
    case 'follow.accepted':
      return n.actor ? { type: 'profile', username: n.actor.username } : null;
    case 'follow.request':
      return { type: 'follow_requests' };
    case 'security.notice':
      return { type: 'security', change: n.detail ?? '' };
    case 'group.invite':
    case 'group.request':
      return n.group ? { type: 'group', groupId: n.group.id, name: n.group.name, requests: n.type === 'group.request' } : null;
  }
}

/** The app path of a target. */
export function urlOf(target: NotificationTargetDto): string {
  switch (target.type) {
    case 'track':
      return `/tracks/${target.trackId}`;
    case 'comment':
      return `/tracks/${target.trackId}?comment=${target.commentId}`;
    case 'chat':
      return `/chat/${target.roomId}?message=${target.messageId}`;
    case 'playlist':
      return `/playlists/${target.playlistId}`;
    case 'profile':
      return `/u/${encodeURIComponent(target.username)}`;
    case 'follow_requests':
      return '/follow-requests';
    case 'security':
      return '/settings/security';
    case 'group':
      return target.requests ? `/groups/${target.groupId}/requests` : `/groups/${target.groupId}`;
  }
}

/** A group as the centre shows it; `actors` resolves the kept actor ids (missing ones, deleted accounts, are left out). */
export function toGroupDto(n: Notification, actors: ReadonlyMap<string, User>): NotificationGroupDto | null {
  const target = targetOf(n);
  if (!target) return null;
  return {
    id: n.id,
    seq: n.seq,
    type: n.type,
    kind: KIND_OF[n.type],
    actors: n.actorIds.flatMap((id) => {
      const user = actors.get(id);
      return user ? [toUserSummary(user)] : [];
    }),
    actorCount: n.actorCount,
    read: n.readAt != null,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.latestAt.toISOString(),
    target,
    url: urlOf(target),
    detail: n.type === 'track.failed' ? (n.detail ?? null) : null,
  };
}
