import { formatClock } from '@veza/ui';
import type { TFunction } from 'i18next';

/** How a call went, as a summary message or its preview carries it (null when unknown). */
export interface CallOutcome {
  state: 'ringing' | 'active' | 'ended' | 'missed' | 'rejected' | 'busy';
  durationSeconds: number | null;
}

/**
 * A call summary's words in the reader's language: "Call · 2:03", "Declined call", "Missed call". Without the call
 * (not known to this copy), the server's English fallback `body`.
 */
export function callSummaryText(t: TFunction, call: CallOutcome | null, body: string): string {
  if (!call) return body;
  if (call.state === 'ended') return t('calls.message.ended', { duration: formatClock(call.durationSeconds ?? 0) });
  return call.state === 'rejected' ? t('calls.message.declined') : t('calls.message.missed');
}
