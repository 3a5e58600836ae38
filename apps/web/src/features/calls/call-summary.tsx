import './calls.css';
import { formatClock } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { PhoneIcon } from './call-views.tsx';

/** What a call summary needs of a message (MessageDto's `body` and `call`). */
export interface CallSummaryMessage {
  body: string;
  call: { state: 'ringing' | 'active' | 'ended' | 'missed' | 'rejected' | 'busy'; durationSeconds: number | null } | null;
}

/** The line a call summary message (`kind: 'call'`) shows in a DM's timeline, in the reader's language. */
export function CallSummary({ message }: { message: CallSummaryMessage }) {
  const { t } = useTranslation();
  const call = message.call;
  const text = !call
    ? message.body
    : call.state === 'ended'
      ? t('calls.message.ended', { duration: formatClock(call.durationSeconds ?? 0) })
      : call.state === 'rejected'
        ? t('calls.message.declined')
        : t('calls.message.missed');
  return (
    <p className={`vw-call-summary${call && call.state !== 'ended' ? ' vw-call-summary--missed' : ''}`}>
      <PhoneIcon hangup={call?.state !== 'ended'} />
      <span>{text}</span>
    </p>
  );
}
