import type { HlsRenditionInfo, Track, TrackCard, TrackStatus, TrackVisibility } from '@veza/db';
import type { Genre } from '@veza/validators';
import type { TokenConfig } from '../auth/tokens.ts';
import { coverUrlOf } from './cover.service.ts';
import { hlsMasterUrl } from './stream-token.ts';
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
  repostCount: number;
  repostedByMe: boolean;
  /** Counted plays: once per listener per 30 minutes, never the owner's. */
  playCount: number;
  /** Timed comments and replies on the track; whether its owner lets people comment. */
  commentCount: number;
  commentsEnabled: boolean;
  owner: UserSummaryDto;
  status: TrackStatus;
  /** 0–100 while processing. */
  processingPercent: number;
  /** Why processing failed, in plain words. */
  failureReason: string | null;
  /** EBU R128 loudness of the original, once analysed. */
  loudness: { integratedLufs: number; truePeakDb: number } | null;
  /** Waveform peaks 0..1 (~1800 points); only from `tracks.byId`, null in lists. */
  waveform: number[] | null;
  /** The waveform in 64 bars for list rows (0..1), null until analysed. */
  peaks: number[] | null;
  /**
   * Adaptive stream, once at least one rendition is published: a short-lived signed URL, the renditions' nominal
   * kbps (ascending) and, for each, the bit rate its segments really have (average and peak, kbit/s, rounded up).
   */
  hls: { masterUrl: string; renditions: number[]; bitrates: HlsBitrateDto[] } | null;
  tags: string[];
  /** One of @veza/validators GENRES, or null. */
  genre: Genre | null;
  bpm: number | null;
  musicalKey: string | null;
  /** Only from `tracks.byId`, null in lists. */
  lyrics: string | null;
  coverUrl: string | null;
  /** Original file with Range support; private tracks need the owner's session. */
  audioUrl: string;
  createdAt: string;
  updatedAt: string;
}

/** One HLS rendition: its nominal rate (the ladder rung, also its folder) and what its segments measure, kbit/s. */
export interface HlsBitrateDto {
  kbps: number;
  averageKbps: number;
  peakKbps: number;
}

const toHlsDto = (masterUrl: string, renditions: HlsRenditionInfo[]) => {
  const sorted = [...renditions].sort((a, b) => a.kbps - b.kbps);
  return {
    masterUrl,
    renditions: sorted.map((r) => r.kbps),
    bitrates: sorted.map((r) => ({ kbps: r.kbps, averageKbps: Math.ceil(r.averageBandwidth / 1000), peakKbps: Math.ceil(r.bandwidth / 1000) })),
  };
};

export interface TrackPageDto {
  items: TrackDto[];
  nextCursor: string | null;
}

export interface TrackDtoOptions {
  likedByMe: boolean;
  repostedByMe: boolean;
  tokens: TokenConfig;
  /** Include the waveform and lyrics (loaded for `byId` only). */
  detail?: boolean;
}

/** A loaded track (byId) or a list's plain row (TrackCard): lists never carry the waveform or the lyrics. */
type TrackSource = Track | (TrackCard & { waveform?: undefined; lyrics?: undefined });

export const toTrackDto = (t: TrackSource, { likedByMe, repostedByMe, tokens, detail = false }: TrackDtoOptions): TrackDto => ({
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
  repostCount: t.repostCount,
  repostedByMe,
  playCount: t.playCount,
  commentCount: t.commentCount,
  commentsEnabled: t.commentsEnabled,
  owner: toUserSummary(t.owner),
  status: t.status,
  processingPercent: t.processingPercent,
  failureReason: t.failureReason ?? null,
  loudness: t.integratedLufs != null && t.truePeakDb != null ? { integratedLufs: Number(t.integratedLufs), truePeakDb: Number(t.truePeakDb) } : null,
  waveform: detail ? (t.waveform ?? null) : null,
  peaks: t.peaks ?? null,
  hls: t.hlsRenditions.length > 0 ? toHlsDto(hlsMasterUrl(tokens, t.id), t.hlsRenditions) : null,
  tags: t.tags,
  genre: (t.genre ?? null) as Genre | null,
  bpm: t.bpm ?? null,
  musicalKey: t.musicalKey ?? null,
  lyrics: detail ? (t.lyrics ?? null) : null,
  coverUrl: coverUrlOf(t),
  audioUrl: `/api/tracks/${t.id}/audio`,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});
