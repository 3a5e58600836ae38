import i18next from 'i18next';
import type { HttpFailure } from '../../lib/http-error.ts';
import type { RejectedFile } from '../../features/uploads/store.ts';

const KNOWN = new Set([400, 401, 413, 415, 422, 429]);

/** English shows the server's own message (the most specific, e.g. the size limit); other languages translate by status. */
export function uploadErrorMessage(failure: HttpFailure): string {
  if (failure.reason === 'network') return i18next.t('upload.errors.network');
  if (failure.reason === 'aborted') return i18next.t('upload.cancelled');
  if (i18next.resolvedLanguage === 'en' && failure.message) return failure.message;
  return KNOWN.has(failure.status) ? i18next.t(`upload.errors.${failure.status}`) : i18next.t('upload.errors.generic');
}

export function rejectedMessage(file: RejectedFile): string {
  return i18next.t(`upload.rejected.${file.reason}`, { name: file.name });
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
