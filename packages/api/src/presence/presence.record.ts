// One user's presence as the store keeps it (presence.store.ts), and what others see of it.
import type { PresenceStatus, VisiblePresenceStatus } from '@veza/validators';

export interface Heartbeat {
  /** A track id to show as "listening to" (already checked by the caller), or null. */
  listeningTo: string | null;
  idle: boolean;
}

/** A user's lasting choices. */
export interface PresenceChoice {
  status: PresenceStatus;
  shareListening: boolean;
}

/** One user's presence as stored (the viewer's own view); `presenceFor` turns it into what others see. */
export interface PresenceRecord {
  userId: string;
  /** The user's chosen status (default online). */
  status: PresenceStatus;
  shareListening: boolean;
  /** A heartbeat is younger than the TTL. */
  live: boolean;
  idle: boolean;
  listeningTo: string | null;
  /** Last heartbeat while not invisible (ms since epoch), null when never seen. */
  seenAt: number | null;
}

/** A change, with the record just before it (to tell whether anyone should hear about it). */
export interface PresenceChange {
  previous: PresenceRecord;
  record: PresenceRecord;
}

/** What `viewerId` sees of `record`: the whole record for oneself; invisible reads as offline, and nothing live shows when offline. */
export function presenceFor(record: PresenceRecord, viewerId: string) {
  const self = record.userId === viewerId;
  const shown = record.live && (self || record.status !== 'invisible');
  let status: VisiblePresenceStatus | 'invisible' = 'offline';
  if (shown) status = record.status === 'online' && record.idle ? 'away' : record.status;
  return {
    userId: record.userId,
    status,
    lastSeenAt: record.seenAt === null ? null : new Date(record.seenAt).toISOString(),
    listeningTo: shown && record.shareListening ? record.listeningTo : null,
    /** The user's own choice to show what they listen to; only in their own presence (null for others). */
    shareListening: self ? record.shareListening : null,
  };
}

export type PresenceDto = ReturnType<typeof presenceFor>;

/**
 * Whether a change shows: the user's own view (status, track) moved. What others see is a function of that view
 * (invisible → offline), so anything they could notice is included; last seen alone moving (each heartbeat) is not.
 */
export function presenceChanged({ previous, record }: PresenceChange): boolean {
  const [a, b] = [presenceFor(previous, previous.userId), presenceFor(record, record.userId)];
  return a.status !== b.status || a.listeningTo !== b.listeningTo;
}

/** The record of a user the store knows nothing of: offline, never seen, default choices. */
export const emptyPresence = (userId: string): PresenceRecord => ({
  userId,
  status: 'online',
  shareListening: true,
  live: false,
  idle: false,
  listeningTo: null,
  seenAt: null,
});
