import type { TFunction } from 'i18next';
import { errorInfo, errorMessage } from '../../lib/errors.ts';
import { reasonOf } from '../step-up/use-step-up.ts';

export const playlistHref = (id: string) => `/playlists/${id}`;
export const profilePlaylistsHref = (username: string) => `/u/${username}/playlists`;

/** A playlist's total length in hours and minutes ("1 h 12 min", "45 min"; "< 1 min" for a few seconds). */
export function formatTotalDuration(ms: number, t: TFunction): string {
  const minutes = Math.round(ms / 60_000);
  if (ms > 0 && minutes === 0) return t('playlists.duration.underMinute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('playlists.duration.minutes', { count: rest });
  return rest === 0 ? t('playlists.duration.hours', { count: hours }) : t('playlists.duration.hoursMinutes', { hours, minutes: rest });
}

/** The API's refusals of playlist changes (playlists.service.ts), each said in the current language. */
const REASONS = new Set([
  'not_owner',
  'not_collaborator',
  'track_unavailable',
  'playlist_full',
  'not_in_playlist',
  'blocked',
  'self',
  'too_many_collaborators',
  'no_invitation',
  'own_playlist',
  'not_public',
  'owner',
]);

/**
 * Why a playlist change was refused, in the current language: the API's reason translated (our own words, in English
 * too: clearer than a generic message), "gone" for a playlist that no longer exists, and otherwise the usual message.
 */
export function playlistRefusal(error: unknown, t: TFunction, params: { username?: string } = {}): string {
  const reason = reasonOf(error);
  if (reason && REASONS.has(reason)) return t(`playlists.refused.${reason}`, params);
  if (errorInfo(error).code === 'NOT_FOUND') return params.username ? t('playlists.refused.noSuchUser', params) : t('playlists.refused.gone');
  return errorMessage(error);
}
