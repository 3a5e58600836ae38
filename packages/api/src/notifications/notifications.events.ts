import type { UserSummaryDto } from '../users/users.dto.ts';

export interface TrackLikedEvent {
  type: 'track.liked';
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

export type NotificationEvent = TrackLikedEvent | ChatMentionEvent;

export const userChannel = (userId: string) => `notifications:${userId}`;

/** Bus payloads cross process boundaries: accept only what has the expected shape. */
export function parseNotificationEvent(payload: unknown): NotificationEvent | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Partial<TrackLikedEvent> | Partial<ChatMentionEvent>;
  if (typeof p.id !== 'string' || !p.actor) return null;
  if (p.type === 'track.liked') return p.track ? (p as TrackLikedEvent) : null;
  if (p.type === 'chat.mention') {
    return typeof p.roomId === 'string' && typeof p.messageId === 'string' && Number.isSafeInteger(p.seq) && typeof p.excerpt === 'string' ? (p as ChatMentionEvent) : null;
  }
  return null;
}
