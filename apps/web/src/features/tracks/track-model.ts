import type { TrackDto, UserSummaryDto } from '@veza/api';
import type { TrackCardData } from '@veza/ui';
import type { PlayerTrack } from '../../stores/player.ts';

export const displayNameOf = (user: Pick<UserSummaryDto, 'displayName' | 'username'>) => user.displayName?.trim() || user.username;

export const trackHref = (id: string) => `/tracks/${id}`;
export const profileHref = (username: string) => `/u/${username}`;

export const toPlayerTrack = (t: TrackDto): PlayerTrack => ({
  id: t.id,
  title: t.title,
  artistName: displayNameOf(t.owner),
  username: t.owner.username,
  audioUrl: t.audioUrl,
  durationMs: t.durationMs,
  hls: t.hls,
  loudness: t.loudness,
  coverUrl: t.coverUrl,
});

export const toCardData = (t: TrackDto): TrackCardData => ({
  id: t.id,
  title: t.title,
  artistName: displayNameOf(t.owner),
  username: t.owner.username,
  durationMs: t.durationMs,
  likeCount: t.likeCount,
  createdAt: t.createdAt,
  coverUrl: t.coverUrl,
  visibility: t.visibility,
  playCount: t.playCount,
});
