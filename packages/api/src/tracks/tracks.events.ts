import type { TrackStatus } from '@veza/db';

/** Processing progress of one track, as told to the uploader and to anyone watching the track page. */
export interface TrackStatusEvent {
  id: string;
  status: TrackStatus;
  /** 0–100 while processing. */
  percent: number;
  failureReason: string | null;
  /** HLS renditions published so far (kbps). */
  renditions: number[];
}

export const trackStatusChannel = (trackId: string) => `track-status:${trackId}`;

export function parseTrackStatusEvent(payload: unknown): TrackStatusEvent | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Partial<TrackStatusEvent>;
  if (typeof p.id !== 'string' || typeof p.status !== 'string' || typeof p.percent !== 'number' || !Array.isArray(p.renditions)) return null;
  return { id: p.id, status: p.status, percent: p.percent, failureReason: p.failureReason ?? null, renditions: p.renditions };
}
