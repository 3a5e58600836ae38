import './calls.css';
import { useTranslation } from 'react-i18next';
import { PhoneIcon } from './call-views.tsx';
import { callSummaryText, type CallOutcome } from './call-summary-text.ts';

/** What a call summary needs of a message (MessageDto's `body` and `call`). */
export interface CallSummaryMessage {
  body: string;
  call: CallOutcome | null;
}

/** The line a call summary message (`kind: 'call'`) shows in a DM's timeline, in the reader's language. */
export function CallSummary({ message }: { message: CallSummaryMessage }) {
  const { t } = useTranslation();
  const call = message.call;
  const text = callSummaryText(t, call, message.body);
  return (
    <p className={`vw-call-summary${call && call.state !== 'ended' ? ' vw-call-summary--missed' : ''}`}>
      <PhoneIcon hangup={call?.state !== 'ended'} />
      <span>{text}</span>
    </p>
  );
}
