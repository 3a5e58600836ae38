import type { TFunction } from 'i18next';
import { errorInfo, errorMessage } from '../../lib/errors.ts';
import { reasonOf } from '../step-up/use-step-up.ts';

/** Why shares.create refused, in the current language (the API's own words in English). */
export function shareCreateRefusal(error: unknown, t: TFunction, language: string | undefined): string {
  const { code, message } = errorInfo(error);
  if (reasonOf(error) === 'share_limit') return language === 'en' && message ? message : t('share.links.refused.limit');
  if (code === 'BAD_REQUEST') return errorMessage(error);
  return code ? t('share.links.refused.other') : errorMessage(error);
}

/** What a share link's page shows when it does not open: revoked, expired, unknown, or another failure. */
export type ShareLinkProblem = 'revoked' | 'expired' | 'unknown' | 'error';
export function shareLinkProblem(error: unknown): ShareLinkProblem {
  const reason = reasonOf(error);
  if (reason === 'share_revoked') return 'revoked';
  if (reason === 'share_expired') return 'expired';
  const { code } = errorInfo(error);
  return reason === 'share_not_found' || code === 'NOT_FOUND' || code === 'BAD_REQUEST' ? 'unknown' : 'error';
}

/** Expiry choices in days (null: never), as the private links form offers them. */
export const EXPIRY_CHOICES = [null, 1, 7, 30] as const;
export const expiryFromDays = (days: number | null, now = Date.now()) => (days === null ? null : new Date(now + days * 86_400_000).toISOString());
