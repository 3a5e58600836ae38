import type { TrackDto } from '@veza/api';
import type { TFunction } from 'i18next';
import { errorInfo, errorMessage } from '../../lib/errors.ts';
import { reasonOf } from '../step-up/use-step-up.ts';

/** A repost's caption at most (validators REPOST_CAPTION_MAX). */
export const REPOST_CAPTION_MAX = 280;

/** Only someone else's public track can be reposted (the API refuses the rest). */
export const canRepost = (track: Pick<TrackDto, 'visibility' | 'owner'>, me: string | undefined) => track.visibility === 'public' && track.owner.username !== me;

/**
 * Why social.repost refused, in the current language: the API's own words in English, its reason translated
 * otherwise (`own_track`, `not_public`, a track gone, a caption too long); anything else as any other error.
 */
export function repostRefusal(error: unknown, t: TFunction, language: string | undefined): string {
  const { code, message, fieldErrors } = errorInfo(error);
  const reason = reasonOf(error);
  const key = reason === 'own_track' || reason === 'not_public' ? reason : code === 'NOT_FOUND' ? 'gone' : fieldErrors?.caption ? 'tooLong' : null;
  if (!key) return code ? t('repost.refused.other') : errorMessage(error);
  return language === 'en' && message ? message : t(`repost.refused.${key}`, { count: REPOST_CAPTION_MAX });
}
