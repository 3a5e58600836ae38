// 1-to-1 calls from a DM: placing, answering, declining and hanging up (the `calls` table is the truth), relaying
// WebRTC negotiation between the two parties (calls.events.ts), ring timeouts and the summary messages posted in
// the DM once a call is over (kind `call`: missed call, declined call, call ended with its duration).
//
// Ring timeout: the instance that placed the call keeps a timer; should it die, the next call involving either
// person (or an answer to the stale call) marks the call missed first. Nothing else waits for a lost timer: a call
// that is ringing past the timeout is never shown as ringing (onSignal) nor answered.
//
// An active call ends when either side hangs up; a browser that vanishes mid-call (closed tab, lost network) is
// detected by the other side's WebRTC stack, whose client hangs up with reason `failed` after failing to
// reconnect (apps/web/src/features/calls/call-engine.ts).
import { callsRepository, chatRepository, type Call, type Em } from '@veza/db';
import type { CallSignalInput, HangupCallInput } from '@veza/validators';
import { runInBackground } from '../account/background.ts';
import { toMessageDto } from '../chat/chat.dto.ts';
import { publishMessageEvent } from '../chat/chat.events.ts';
import { publishConversationMessage } from '../chat/inbox.events.ts';
import { withExtras } from '../chat/message-extras.ts';
import { loadMemberRoom } from '../chat/rooms.service.ts';
import type { ApiDeps, Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { refuseBlockedDm } from '../users/blocks.service.ts';
import { callDuration, toCallDto, type CallDto, type StartCallDto } from './calls.dto.ts';
import { listenForCalls, publishToUsers, type CallSignalEvent, type CallStateEvent } from './calls.events.ts';
import { mintIceServers, type IceServers } from './turn.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;

/** How long a call rings before it is missed. Tests shorten it. */
export const callTimings = { ringTimeoutMs: 30_000 };

/** STUN/TURN servers for the viewer's calls, with TURN credentials of their own that expire after `ttlSeconds`. */
export function iceServers(ctx: Context, viewer: Viewer): IceServers {
  return mintIceServers(ctx.deps.turn, viewer.id);
}

const callNotFound = () => new DomainError('NOT_FOUND', 'This call does not exist or you are not part of it.');
const notRinging = () => new DomainError('CONFLICT', 'This call is no longer ringing.', undefined, 'call_not_ringing');
const staleBefore = (now: Date) => new Date(now.getTime() - callTimings.ringTimeoutMs);
const isStale = (call: Call, now: Date) => call.state === 'ringing' && call.startedAt < staleBefore(now);

/** The call, for one of its two parties; NOT_FOUND for anyone else (the call's existence is not revealed). */
async function loadCall(ctx: Ctx, viewer: Viewer, callId: string): Promise<Call> {
  const call = await callsRepository(ctx.em).byId(callId);
  if (!call || (call.caller.id !== viewer.id && call.callee.id !== viewer.id)) throw callNotFound();
  return call;
}

const parties = (call: Call | CallDto) => [call.caller.id, call.callee.id];

async function announce(deps: Pick<ApiDeps, 'bus'>, type: CallStateEvent['type'], call: Call, to: readonly string[] = parties(call)) {
  await publishToUsers(deps.bus, to, { type, call: toCallDto(call) });
}

// --- Ring timers (this instance's calls) -------------------------------------------------------------------------

const ringTimers = new Map<string, NodeJS.Timeout>();

function scheduleRingTimeout(deps: ApiDeps, callId: string, delayMs: number) {
  const timer = setTimeout(() => {
    ringTimers.delete(callId);
    runInBackground(async () => {
      await expireRinging({ em: deps.db.fork(), deps }, callId, new Date());
    });
  }, delayMs);
  timer.unref();
  ringTimers.set(callId, timer);
}

function clearRingTimeout(callId: string) {
  const timer = ringTimers.get(callId);
  if (timer) clearTimeout(timer);
  ringTimers.delete(callId);
}

/** Marks a still-ringing call missed (nobody answered), posts the missed-call message and tells both parties. */
async function expireRinging(ctx: Ctx, callId: string, now: Date): Promise<Call | null> {
  const call = await callsRepository(ctx.em).transition(callId, ['ringing'], 'missed', { endedAt: now, endReason: 'timeout' });
  if (call) await finished(ctx, call);
  return call;
}

// --- Summaries -----------------------------------------------------------------------------------------------------

const clock = (seconds: number) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
};

/** The summary's body: an English fallback for clients that do not render `call` messages (and for previews). */
export function summaryBody(call: Pick<Call, 'state' | 'answeredAt' | 'endedAt'>): string {
  if (call.state === 'rejected') return 'Declined call';
  if (call.state === 'ended') return `Call ended · ${clock(callDuration(call) ?? 0)}`;
  return 'Missed call';
}

/**
 * Posts the call's summary in its DM (once: the message's client id is derived from the call, and a client can
 * never send that id itself, its alphabet having no colon) and publishes it to the room's live subscribers.
 */
async function postSummary(ctx: Ctx, call: Call) {
  const em: Em = ctx.em;
  const { message } = await chatRepository(em).appendMessage({
    roomId: call.room.id,
    authorId: call.caller.id,
    body: summaryBody(call),
    clientMessageId: `call:${call.id}`,
    replyToId: null,
    kind: 'call',
  });
  await callsRepository(em).setMessage(call.id, message.id);
  const dto = await withExtras(em, toMessageDto(message), null);
  await publishMessageEvent(ctx.deps.bus, 'message.created', dto);
  await publishConversationMessage(ctx, call.room, dto);
}

/** A call just ended one way or another: its summary, and both parties told. */
async function finished(ctx: Ctx, call: Call) {
  clearRingTimeout(call.id);
  await postSummary(ctx, call);
  await announce(ctx.deps, call.state === 'rejected' ? 'rejected' : call.state === 'busy' ? 'busy' : 'ended', call);
}

/** Calls found stale while placing another: end them properly. */
async function finishExpired(ctx: Ctx, ids: string[]) {
  for (const id of ids) {
    const call = await callsRepository(ctx.em).byId(id);
    if (call) await finished(ctx, call);
  }
}

// --- Procedures ----------------------------------------------------------------------------------------------------

/**
 * Calls the other person of a DM. They are rung (a `ring` signal on each of their connections) unless already in
 * a call: then nobody is rung, the call is recorded as `busy` (with a missed-call message in the DM) and the answer
 * says so. Refused when the caller is in a call already, a call is going on in this DM, or either person blocked the
 * other (FORBIDDEN `blocked`). Rate limited.
 */
export async function start(ctx: Ctx, viewer: Viewer, roomId: string): Promise<StartCallDto> {
  const { room } = await loadMemberRoom(ctx, viewer, roomId);
  if (room.kind !== 'dm') throw new DomainError('BAD_REQUEST', 'Calls are placed from a direct message.', undefined, 'not_a_dm');
  // Nobody rings someone they blocked or who blocked them (users/blocks.service.ts).
  await refuseBlockedDm(ctx, viewer, room, 'call');
  const { items, total } = await chatRepository(ctx.em).members(room.id, { offset: 0, limit: 3 });
  const peer = items.find((m) => m.user.id !== viewer.id)?.user;
  if (total !== 2 || !peer) throw new DomainError('BAD_REQUEST', 'Calls are 1-to-1: this conversation has no one else to call.', undefined, 'not_a_dm');
  await ctx.deps.limits.chat.consume('call', viewer.id);
  const now = new Date();
  const result = await callsRepository(ctx.em).start({ roomId: room.id, callerId: viewer.id, calleeId: peer.id, now, staleBefore: staleBefore(now) });
  await finishExpired(ctx, result.expired);
  const call = result.call;
  if (!call) {
    if (result.outcome === 'room_busy') throw new DomainError('CONFLICT', 'A call is already going on in this conversation.', undefined, 'call_in_progress');
    throw new DomainError('CONFLICT', 'You are already in a call: hang up first.', undefined, 'already_in_call');
  }
  if (result.outcome === 'busy') {
    await postSummary(ctx, call);
    await announce(ctx.deps, 'busy', call, [viewer.id]);
    return { status: 'busy', call: toCallDto(call) };
  }
  scheduleRingTimeout(ctx.deps, call.id, callTimings.ringTimeoutMs);
  await announce(ctx.deps, 'ring', call, [peer.id]);
  return { status: 'ringing', call: toCallDto(call) };
}

/** The callee answers a ringing call: it becomes active and both parties' connections are told. */
export async function accept(ctx: Ctx, viewer: Viewer, callId: string): Promise<CallDto> {
  const call = await loadCall(ctx, viewer, callId);
  if (call.callee.id !== viewer.id) throw new DomainError('FORBIDDEN', 'Only the person called can answer this call.');
  const now = new Date();
  if (isStale(call, now)) {
    await expireRinging(ctx, call.id, now);
    throw notRinging();
  }
  const active = await callsRepository(ctx.em).transition(call.id, ['ringing'], 'active', { answeredAt: now });
  if (!active) throw notRinging();
  clearRingTimeout(call.id);
  await announce(ctx.deps, 'accepted', active);
  return toCallDto(active);
}

/** The callee declines a ringing call. */
export async function reject(ctx: Ctx, viewer: Viewer, callId: string): Promise<CallDto> {
  const call = await loadCall(ctx, viewer, callId);
  if (call.callee.id !== viewer.id) throw new DomainError('FORBIDDEN', 'Only the person called can decline this call: hang up instead.');
  const rejected = await callsRepository(ctx.em).transition(call.id, ['ringing'], 'rejected', { endedAt: new Date(), endReason: 'rejected' });
  if (!rejected) throw notRinging();
  await finished(ctx, rejected);
  return toCallDto(rejected);
}

/**
 * Either party ends the call: a ringing call hung up by the caller is missed (`cancelled`), by the callee declined;
 * an active one ends (`hangup`, or `failed` when the client gave up reconnecting). A call already over is answered
 * as it stands (hanging up twice is harmless).
 */
export async function hangup(ctx: Ctx, viewer: Viewer, input: HangupCallInput): Promise<CallDto> {
  const call = await loadCall(ctx, viewer, input.callId);
  const repo = callsRepository(ctx.em);
  const now = new Date();
  let ended: Call | null = null;
  if (call.state === 'ringing') {
    ended =
      call.callee.id === viewer.id
        ? await repo.transition(call.id, ['ringing'], 'rejected', { endedAt: now, endReason: 'rejected' })
        : await repo.transition(call.id, ['ringing'], 'missed', { endedAt: now, endReason: 'cancelled' });
  }
  ended ??= await repo.transition(call.id, ['active'], 'ended', { endedAt: now, endReason: input.reason ?? 'hangup' });
  if (!ended) return toCallDto((await repo.byId(call.id)) ?? call);
  await finished(ctx, ended);
  return toCallDto(ended);
}

/**
 * Relays an SDP description or ICE candidate to the other party of an active call. Rate limited per user (a burst of
 * 50, then 10 a second: chat.limits.ts), checked before relaying, so a refused signal was not relayed and one
 * answered `delivered` was.
 */
export async function signal(ctx: Ctx, viewer: Viewer, input: CallSignalInput): Promise<{ delivered: true }> {
  const call = await loadCall(ctx, viewer, input.callId);
  if (call.state !== 'active') throw new DomainError('CONFLICT', 'This call is not in progress.', undefined, 'call_not_active');
  await ctx.deps.limits.chat.consume('signal', viewer.id);
  const other = call.caller.id === viewer.id ? call.callee.id : call.caller.id;
  const event: CallSignalEvent = input.description
    ? { type: 'description', callId: call.id, fromUserId: viewer.id, description: input.description }
    : { type: 'candidate', callId: call.id, fromUserId: viewer.id, candidate: input.candidate ?? { candidate: '' } };
  await publishToUsers(ctx.deps.bus, [other], event);
  return { delivered: true };
}

const signalsFellBehind = () =>
  new DomainError('TOO_MANY_REQUESTS', 'This connection fell behind on call signals: subscribe again.', undefined, 'fell_behind');

/**
 * The viewer's call signals, live, on every connection they have: rings, state changes of their calls and the
 * other party's negotiation. Listens first, then yields the incoming call still ringing, if any (a connection
 * opened while being rung rings too).
 */
export async function* signals(ctx: Ctx, viewer: Viewer, abort: AbortSignal | undefined): AsyncGenerator<CallSignalEvent> {
  const live = await listenForCalls(ctx.deps.bus, viewer.id, abort, signalsFellBehind);
  try {
    const current = await callsRepository(ctx.em.fork()).liveOf(viewer.id);
    const ringing = current && current.state === 'ringing' && current.callee.id === viewer.id && !isStale(current, new Date()) ? current : null;
    if (ringing) yield { type: 'ring', call: toCallDto(ringing) };
    for await (const event of live) {
      // The one already yielded above may also be on the bus (published between listening and reading).
      if (ringing && event.type === 'ring' && event.call.id === ringing.id) continue;
      yield event;
    }
  } finally {
    await live.return(undefined);
  }
}
