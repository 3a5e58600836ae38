import { defineEntity, p } from '@mikro-orm/core';
import { User } from '../entities/user.entity.ts';
import { Message } from '../chat/message.entity.ts';
import { Room } from '../chat/room.entity.ts';

/**
 * A call's life: `ringing` (placed, the callee is being rung), then `active` (accepted) and `ended` (hung up), or
 * straight to `missed` (not answered in time, or cancelled by the caller), `rejected` (declined) or `busy` (the
 * callee was in another call: never rung).
 */
export const CALL_STATES = ['ringing', 'active', 'ended', 'missed', 'rejected', 'busy'] as const;
export type CallState = (typeof CALL_STATES)[number];
/** The live states: at most one live call per DM, and a user is in at most one. */
export const LIVE_CALL_STATES = ['ringing', 'active'] as const satisfies readonly CallState[];

/**
 * Why a call ended: `hangup` (either side, once active), `cancelled` (the caller hung up while ringing), `timeout`
 * (nobody answered), `rejected`, `busy`, `failed` (the connection could not be kept up).
 */
export const CALL_END_REASONS = ['hangup', 'cancelled', 'timeout', 'rejected', 'busy', 'failed'] as const;
export type CallEndReason = (typeof CALL_END_REASONS)[number];

/**
 * A 1-to-1 call placed from a DM (`room`). The database keeps who called whom and how it went; the media never
 * touches the server (WebRTC between the browsers, through TURN when configured). `message` is the call's summary
 * posted in the DM once it is over (missed call, call ended with its duration).
 */
const CallSchema = defineEntity({
  name: 'Call',
  tableName: 'calls',
  properties: {
    id: p.uuid().primary(),
    room: () => p.manyToOne(Room).deleteRule('cascade').index(),
    caller: () => p.manyToOne(User).deleteRule('cascade').index(),
    callee: () => p.manyToOne(User).deleteRule('cascade').index(),
    state: p.enum([...CALL_STATES]),
    startedAt: p.datetime(),
    answeredAt: p.datetime().nullable(),
    endedAt: p.datetime().nullable(),
    endReason: p.enum([...CALL_END_REASONS]).nullable(),
    message: () => p.manyToOne(Message).nullable().deleteRule('set null').unique(),
  },
  indexes: [
    // One live call per DM; also what `calls.start` and the busy check look up.
    { name: 'calls_room_id_live_unique', expression: `create unique index "calls_room_id_live_unique" on "calls" ("room_id") where "state" in ('ringing', 'active')` },
  ],
});

export class Call extends CallSchema.class {}
CallSchema.setClass(Call);
export { CallSchema };
