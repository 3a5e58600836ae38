import type { TrackShare } from '@veza/db';
import type { HlsBitrateDto, TrackDto } from '../tracks/tracks.dto.ts';

export type ShareLinkStatus = 'active' | 'expired' | 'revoked';

/** A private share link as its track's owner sees it: never the token (shown once, when made). */
export interface ShareLinkDto {
  id: string;
  label: string | null;
  status: ShareLinkStatus;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Times the link was opened (shares.track). */
  useCount: number;
  lastUsedAt: string | null;
  createdAt: string;
}

/** A link just made: the only time its token (and so its URL) is given out. */
export interface CreatedShareDto {
  id: string;
  token: string;
  /** `${appOrigin}/share/<token>`. */
  url: string;
  link: ShareLinkDto;
}

export interface ShareLinkListDto {
  items: ShareLinkDto[];
  /** Live links the track may still get (at most SHARE_LINKS_PER_TRACK_MAX live at once). */
  remaining: number;
}

/** What a share link opens: the track, its media URLs carrying the token, and until when the link works. */
export interface SharedTrackDto {
  track: TrackDto;
  expiresAt: string | null;
}

/** What the embeddable player shows and plays (anonymous: the same for everyone holding the URL). */
export interface EmbedTrackDto {
  id: string;
  title: string;
  artistName: string;
  username: string;
  durationMs: number | null;
  coverUrl: string | null;
  waveform: number[] | null;
  hls: { masterUrl: string; renditions: number[]; bitrates: HlsBitrateDto[] } | null;
  audioUrl: string;
  /** Where "Listen on Veza" goes: the track's page, or the share link's page for a private track. */
  pageUrl: string;
}

export const shareStatusOf = (s: Pick<TrackShare, 'revokedAt' | 'expiresAt'>, now: Date): ShareLinkStatus =>
  s.revokedAt ? 'revoked' : s.expiresAt && s.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';

export const toShareLinkDto = (s: TrackShare, now: Date): ShareLinkDto => ({
  id: s.id,
  label: s.label ?? null,
  status: shareStatusOf(s, now),
  expiresAt: s.expiresAt?.toISOString() ?? null,
  revokedAt: s.revokedAt?.toISOString() ?? null,
  useCount: s.useCount,
  lastUsedAt: s.lastUsedAt?.toISOString() ?? null,
  createdAt: s.createdAt.toISOString(),
});
