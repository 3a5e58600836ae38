// Call signalling travels on a per-user bus channel (`call-user:<userId>`): every instance holding a
// `calls.onSignal` subscription of that user hears it (Redis pub/sub with many instances). Signals are live only:
// a client that was away gets the state it needs (an incoming ring) when it subscribes again; offers, answers and
// ICE candidates are renegotiated by the browsers (ICE restart) rather than replayed.
import { listen, type EventBus } from '@veza/bus';
import type { IceCandidateInput, SessionDescriptionInput } from '@veza/validators';
import type { CallDto } from './calls.dto.ts';

/**
 * - `ring`: an incoming call (to the callee);
 * - `accepted`, `rejected`, `busy`, `ended`: the call's new state (to both parties, so the caller's and the callee's
 *   other tabs stop ringing; `ended` covers missed, cancelled and hung-up calls, see `call.endReason`);
 * - `description`, `candidate`: WebRTC negotiation relayed from the other party.
 */
export type CallStateEvent = { type: 'ring' | 'accepted' | 'rejected' | 'busy' | 'ended'; call: CallDto };
export type CallNegotiationEvent =
  | { type: 'description'; callId: string; fromUserId: string; description: SessionDescriptionInput }
  | { type: 'candidate'; callId: string; fromUserId: string; candidate: IceCandidateInput };
export type CallSignalEvent = CallStateEvent | CallNegotiationEvent;

/** Signals waiting for a slow subscriber; past it the subscription ends (the client subscribes again). */
export const SIGNAL_BUFFER_MAX = 500;

export const userCallChannel = (userId: string) => `call-user:${userId}`;

const STATE_TYPES: readonly string[] = ['ring', 'accepted', 'rejected', 'busy', 'ended'];
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isString = (value: unknown): value is string => typeof value === 'string';

/** Bus payloads cross process boundaries: accept only what has the expected shape. */
export function parseCallSignal(payload: unknown): CallSignalEvent | null {
  if (!isRecord(payload) || !isString(payload.type)) return null;
  if (STATE_TYPES.includes(payload.type)) {
    const call = payload.call;
    return isRecord(call) && isString(call.id) && isString(call.roomId) ? (payload as unknown as CallStateEvent) : null;
  }
  if (!isString(payload.callId) || !isString(payload.fromUserId)) return null;
  if (payload.type === 'description') return isRecord(payload.description) && isString(payload.description.sdp) ? (payload as unknown as CallNegotiationEvent) : null;
  if (payload.type === 'candidate') return isRecord(payload.candidate) ? (payload as unknown as CallNegotiationEvent) : null;
  return null;
}

export async function publishToUsers(bus: EventBus, userIds: readonly string[], event: CallSignalEvent) {
  await Promise.all([...new Set(userIds)].map((id) => bus.publish(userCallChannel(id), event)));
}

export const listenForCalls = (bus: EventBus, userId: string, signal: AbortSignal | undefined, overflow: () => Error) =>
  listen(bus, userCallChannel(userId), signal, parseCallSignal, { max: SIGNAL_BUFFER_MAX, overflow });
