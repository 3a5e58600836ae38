import type { ListeningSessionDto } from '@veza/api';
import type { TFunction } from 'i18next';
import { errorMessage } from '../../lib/errors.ts';
import type { PlayerTrack } from '../../stores/player.ts';
import { reasonOf } from '../step-up/use-step-up.ts';
import { toPlayerTrack } from '../tracks/track-model.ts';
import type { SyncSession } from './sync.ts';

const REASONS = ['blocked', 'full', 'ended', 'queue_locked', 'queue_full', 'track_unavailable', 'not_host', 'not_yours'] as const;

/** A refusal of the listen API in the reader's language (by its reason), else the usual error message. */
export function listenErrorMessage(error: unknown, t: TFunction): string {
  const reason = reasonOf(error);
  return reason && (REASONS as readonly string[]).includes(reason) ? t(`listen.errors.${reason}`) : errorMessage(error);
}

/** What the sync engine needs of a session. */
export const toSyncSession = (s: ListeningSessionDto): SyncSession<PlayerTrack> => ({
  track: s.track ? toPlayerTrack(s.track) : null,
  positionMs: s.positionMs,
  playing: s.playing,
  serverNow: s.serverNow,
  version: s.version,
});

/** The link to share. */
export const sessionUrl = (id: string) => new URL(`/listen/${id}`, window.location.origin).href;
