import i18next from 'i18next';
import type { HttpFailure } from '../../lib/http-error.ts';
import type { RejectReason } from '../../features/uploads/store.ts';

export interface RejectedFile {
  name: string;
  reason: RejectReason;
}

const KNOWN = new Set([400, 401, 413, 415, 422, 429]);

/** English shows the server's own message (the most specific, e.g. the size limit); other languages translate by status. */
export function uploadErrorMessage(failure: HttpFailure): string {
  if (failure.reason === 'network') return i18next.t('upload.errors.network');
  if (failure.reason === 'aborted') return i18next.t('upload.cancelled');
  if (i18next.resolvedLanguage === 'en' && failure.message) return failure.message;
  return KNOWN.has(failure.status) ? i18next.t(`upload.errors.${failure.status}`) : i18next.t('upload.errors.generic');
}

/** A failed save of the details typed during an upload: the server's message in English, else a translation. */
export function saveErrorMessage(error: { message: string | null }): string {
  if (i18next.resolvedLanguage === 'en' && error.message) return error.message;
  return i18next.t('upload.details.saveFailed');
}

export function rejectedMessage(file: RejectedFile): string {
  return i18next.t(`upload.rejected.${file.reason}`, { name: file.name });
}

