import i18next from 'i18next';
import type { UploadResult } from '../../lib/upload.ts';

const KNOWN = new Set([400, 401, 413, 415, 422]);

/** English shows the server's own message (the most specific); other languages translate by status. */
export function uploadErrorMessage(result: Exclude<UploadResult, { ok: true }>): string {
  if (result.reason === 'network') return i18next.t('upload.errors.network');
  if (result.reason === 'aborted') return i18next.t('upload.cancelled');
  if (i18next.resolvedLanguage === 'en' && result.message) return result.message;
  return KNOWN.has(result.status) ? i18next.t(`upload.errors.${result.status}`) : i18next.t('upload.errors.generic');
}

export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
