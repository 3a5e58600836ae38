import type { Track, TrackVisibility } from '@veza/db';
import { toUserSummary, type UserSummaryDto } from '../users/users.dto.ts';

export interface TrackDto {
  id: string;
  title: string;
  description: string | null;
  visibility: TrackVisibility;
  format: string;
  mimeType: string;
  sizeBytes: number;
  durationMs: number | null;
  sampleRate: number | null;
  channels: number | null;
  /** Artist tag read from the file, if any. */
  artistTag: string | null;
  likeCount: number;
  likedByMe: boolean;
  owner: UserSummaryDto;
  /** Original file with Range support; private tracks need the owner's session. */
  audioUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface TrackPageDto {
  items: TrackDto[];
  nextCursor: string | null;
}

export const toTrackDto = (t: Track, likedByMe: boolean): TrackDto => ({
  id: t.id,
  title: t.title,
  description: t.description ?? null,
  visibility: t.visibility,
  format: t.format,
  mimeType: t.mimeType,
  sizeBytes: t.sizeBytes,
  durationMs: t.durationMs ?? null,
  sampleRate: t.sampleRate ?? null,
  channels: t.channels ?? null,
  artistTag: t.artist ?? null,
  likeCount: t.likeCount,
  likedByMe,
  owner: toUserSummary(t.owner),
  audioUrl: `/api/tracks/${t.id}/audio`,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});
