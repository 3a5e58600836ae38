import type { TrackDto } from '../tracks/tracks.dto.ts';
import type { UserSummaryDto } from '../users/users.dto.ts';

export interface ListenQueueEntryDto {
  id: string;
  track: TrackDto;
  addedBy: UserSummaryDto | null;
}

/**
 * A listening session as one member sees it. The playhead: `positionMs` at `serverNow` (the server's clock, epoch
 * ms), moving on while `playing`; a client that knows its offset from the server's clock (`listen.time`) knows where
 * the track is at any moment.
 */
export interface ListeningSessionDto {
  id: string;
  host: UserSummaryDto;
  /** The session's chat room. */
  roomId: string | null;
  track: TrackDto | null;
  positionMs: number;
  playing: boolean;
  serverNow: number;
  queueLocked: boolean;
  queue: ListenQueueEntryDto[];
  members: { user: UserSummaryDto; isHost: boolean }[];
  /** The viewer is in it. */
  joined: boolean;
  isHost: boolean;
  ended: boolean;
  version: number;
}

/** A change of a session: members refetch their view. */
export interface ListenChangeEvent {
  id: string;
  version: number;
}
