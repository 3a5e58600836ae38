import type { Call, CallEndReason, CallState } from '@veza/db';
import { toUserSummary, type UserSummaryDto } from '../users/users.dto.ts';

export interface CallDto {
  id: string;
  /** The DM the call was placed from. */
  roomId: string;
  caller: UserSummaryDto;
  callee: UserSummaryDto;
  state: CallState;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  endReason: CallEndReason | null;
}

/** What `calls.start` answers: the callee is being rung, or was in another call (busy: nobody is rung). */
export interface StartCallDto {
  status: 'ringing' | 'busy';
  call: CallDto;
}

/** `call` must have `caller` and `callee` loaded. */
export const toCallDto = (call: Call): CallDto => ({
  id: call.id,
  roomId: call.room.id,
  caller: toUserSummary(call.caller),
  callee: toUserSummary(call.callee),
  state: call.state,
  startedAt: call.startedAt.toISOString(),
  answeredAt: call.answeredAt?.toISOString() ?? null,
  endedAt: call.endedAt?.toISOString() ?? null,
  endReason: call.endReason ?? null,
});

/** Seconds between answer and hang-up (null when never answered). */
export const callDuration = (call: Pick<Call, 'answeredAt' | 'endedAt'>) =>
  call.answeredAt && call.endedAt ? Math.max(0, Math.round((call.endedAt.getTime() - call.answeredAt.getTime()) / 1000)) : null;
