import type { UserSummaryDto } from '../users/users.dto.ts';

export interface TrackLikedEvent {
  type: 'track.liked';
  /** The notification id: ordered per user, the `lastEventId` to resume from. */
  id: string;
  createdAt: string;
  actor: UserSummaryDto;
  track: { id: string; title: string };
}

export type NotificationEvent = TrackLikedEvent;

export const userChannel = (userId: string) => `notifications:${userId}`;

/** Bus payloads cross process boundaries: accept only what has the expected shape. */
export function parseNotificationEvent(payload: unknown): NotificationEvent | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Partial<TrackLikedEvent>;
  if (p.type !== 'track.liked' || typeof p.id !== 'string' || !p.actor || !p.track) return null;
  return p as TrackLikedEvent;
}
