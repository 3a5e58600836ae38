// Calls signalling through tRPC callers: start / accept / reject / hangup / signal and the calls.onSignal
// subscription, busy, ring timeout (missed-call message), who may do what, and bad input.
import { callsRepository, Call, Message } from '@veza/db';
import { CALL_SDP_MAX_LENGTH } from '@veza/validators';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimits } from '../security/rate-limits.ts';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import type { CallNegotiationEvent, CallSignalEvent, CallStateEvent } from './calls.events.ts';
import { callTimings } from './calls.service.ts';

let h: Harness;
beforeAll(async () => {
  // Chat limits off as in the other tests, except calls.start's own (6 a minute).
  h = await createHarness({ limits: createRateLimits({ chat: { send: null, history: null, typing: null, search: null } }) });
});
afterAll(() => h.close());
afterEach(() => {
  callTimings.ringTimeoutMs = 30_000;
});

type Account = Awaited<ReturnType<Harness['signUp']>>;
let n = 0;
const person = (name: string) => h.signUp(`${name}${++n}`);
const dm = async (a: Account, b: Account) => (await a.api.chat.dms.open({ username: b.user.username })).roomId;
const offer = { type: 'offer' as const, sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n' };

type SignalOf<T extends CallSignalEvent['type']> = T extends CallNegotiationEvent['type'] ? Extract<CallNegotiationEvent, { type: T }> : CallStateEvent;

/** Reads `who`'s call signals in the background; `next(type)` waits for the next one of that type. */
async function listen(who: Account) {
  const controller = new AbortController();
  const api = await h.caller({ token: who.token, signal: controller.signal });
  const iterator = ((await api.calls.onSignal()) as AsyncIterable<CallSignalEvent>)[Symbol.asyncIterator]();
  const events: CallSignalEvent[] = [];
  let read = 0;
  const waiter: { wake: (() => void) | null } = { wake: null };
  void (async () => {
    try {
      for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
        events.push(step.value);
        waiter.wake?.();
      }
    } catch {
      // aborted
    }
  })();
  // Let the subscription reach the bus before the test acts.
  await new Promise((r) => setTimeout(r, 50));
  return {
    events,
    async next<T extends CallSignalEvent['type']>(type: T, timeoutMs = 5000): Promise<SignalOf<T>> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (read < events.length) {
          const event = events[read++];
          if (event?.type === type) return event as SignalOf<T>;
        }
        if (Date.now() > deadline) throw new Error(`no ${type} signal; got ${events.map((e) => e.type).join(', ')}`);
        await new Promise<void>((resolve) => {
          waiter.wake = resolve;
          setTimeout(resolve, 50);
        });
      }
    },
    stop: () => controller.abort(),
  };
}

/** Ana called Bob from their DM and he answered; Bob's signals are being read. */
async function activeCall() {
  const ana = await person('ana');
  const bob = await person('bob');
  const roomId = await dm(ana, bob);
  const bobSignals = await listen(bob);
  const { call } = await ana.api.calls.start({ roomId });
  await bob.api.calls.accept({ callId: call.id });
  return { ana, bob, roomId, call, bobSignals };
}

const callMessages = async (who: Account, roomId: string) => (await who.api.chat.messages.list({ roomId })).items.filter((m) => m.kind === 'call');

describe('calls signalling', () => {
  it('rings, connects, relays offer/answer/candidates only to the other party, and ends with a summary in the DM', async () => {
    const ana = await person('ana');
    const bob = await person('bob');
    const roomId = await dm(ana, bob);
    const anaSignals = await listen(ana);
    const bobSignals = await listen(bob);

    const started = await ana.api.calls.start({ roomId });
    expect(started.status).toBe('ringing');
    expect(started.call).toMatchObject({ roomId, state: 'ringing', caller: { id: ana.user.id }, callee: { id: bob.user.id }, answeredAt: null });
    const ring = await bobSignals.next('ring');
    expect(ring.call.id).toBe(started.call.id);
    const callId = started.call.id;

    // Nothing is relayed before the call is answered.
    expect((await trpcError(() => ana.api.calls.signal({ callId, description: offer }))).code).toBe('CONFLICT');

    const accepted = await bob.api.calls.accept({ callId });
    expect(accepted.state).toBe('active');
    expect(accepted.answeredAt).not.toBeNull();
    expect((await anaSignals.next('accepted')).call.id).toBe(callId);
    await bobSignals.next('accepted');

    expect(await ana.api.calls.signal({ callId, description: offer })).toEqual({ delivered: true });
    const gotOffer = await bobSignals.next('description');
    expect(gotOffer).toEqual({ type: 'description', callId, fromUserId: ana.user.id, description: offer });
    await bob.api.calls.signal({ callId, description: { type: 'answer', sdp: 'v=0\r\n' } });
    expect((await anaSignals.next('description')).description.type).toBe('answer');
    const candidate = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    await bob.api.calls.signal({ callId, candidate });
    expect((await anaSignals.next('candidate')).candidate).toEqual(candidate);
    // A party never hears its own signals.
    expect(anaSignals.events.filter((e) => e.type === 'description' && e.fromUserId === ana.user.id)).toEqual([]);
    expect(bobSignals.events.some((e) => e.type === 'candidate')).toBe(false);

    const ended = await ana.api.calls.hangup({ callId });
    expect(ended).toMatchObject({ state: 'ended', endReason: 'hangup' });
    expect((await bobSignals.next('ended')).call.endReason).toBe('hangup');
    await anaSignals.next('ended');
    // Hanging up again changes nothing.
    expect(await bob.api.calls.hangup({ callId })).toMatchObject({ state: 'ended', endReason: 'hangup' });

    const [summary, ...more] = await callMessages(bob, roomId);
    expect(more).toEqual([]);
    expect(summary).toMatchObject({ kind: 'call', author: { id: ana.user.id }, call: { id: callId, state: 'ended', endReason: 'hangup', callerId: ana.user.id, calleeId: bob.user.id } });
    expect(summary?.body).toMatch(/^Call ended · \d+:\d\d$/);
    expect(summary?.call?.durationSeconds).toBeGreaterThanOrEqual(0);
    // A summary is the server's: not even the caller can edit it.
    expect((await trpcError(() => ana.api.chat.messages.edit({ messageId: summary?.id ?? '', body: 'forged' }))).code).toBe('FORBIDDEN');
    anaSignals.stop();
    bobSignals.stop();
  });

  it('answers busy when the callee is in another call: nobody rings, the caller is told, a missed-call message is left', async () => {
    const ana = await person('ana');
    const bob = await person('bob');
    const carl = await person('carl');
    const carlBob = await dm(carl, bob);
    const roomId = await dm(ana, bob);
    const first = await carl.api.calls.start({ roomId: carlBob });
    await bob.api.calls.accept({ callId: first.call.id });
    const anaSignals = await listen(ana);
    const bobSignals = await listen(bob);

    const res = await ana.api.calls.start({ roomId });
    expect(res.status).toBe('busy');
    expect(res.call).toMatchObject({ state: 'busy', endReason: 'busy' });
    expect((await anaSignals.next('busy')).call.id).toBe(res.call.id);
    await new Promise((r) => setTimeout(r, 100));
    expect(bobSignals.events.filter((e) => e.type === 'ring')).toEqual([]);
    const [missed] = await callMessages(ana, roomId);
    expect(missed).toMatchObject({ body: 'Missed call', call: { state: 'busy', durationSeconds: null } });

    // Someone in a call cannot place another; a second call in the same DM is refused too.
    const dave = await person('dave');
    const error = await trpcError(() => carl.api.calls.start({ roomId: carlBob }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/already going on/);
    const daveCarl = await dm(dave, carl);
    expect((await trpcError(() => carl.api.calls.start({ roomId: daveCarl }))).message).toMatch(/already in a call/);
    anaSignals.stop();
    bobSignals.stop();
  });

  it('declining tells the caller and leaves a declined-call message; the caller cannot answer their own call', async () => {
    const ana = await person('ana');
    const bob = await person('bob');
    const roomId = await dm(ana, bob);
    const anaSignals = await listen(ana);
    const { call } = await ana.api.calls.start({ roomId });
    expect((await trpcError(() => ana.api.calls.accept({ callId: call.id }))).code).toBe('FORBIDDEN');
    expect((await trpcError(() => ana.api.calls.reject({ callId: call.id }))).code).toBe('FORBIDDEN');
    expect(await bob.api.calls.reject({ callId: call.id })).toMatchObject({ state: 'rejected', endReason: 'rejected' });
    expect((await anaSignals.next('rejected')).call.id).toBe(call.id);
    // Too late to answer now.
    const late = await trpcError(() => bob.api.calls.accept({ callId: call.id }));
    expect(late.code).toBe('CONFLICT');
    expect((await callMessages(ana, roomId)).map((m) => [m.body, m.call?.state])).toEqual([['Declined call', 'rejected']]);
    // The room list's preview says it is a call and how it went (clients word it in the reader's language).
    const listed = (await bob.api.chat.rooms.list()).find((r) => r.id === roomId);
    expect(listed?.lastMessage).toMatchObject({ kind: 'call', body: 'Declined call', call: { state: 'rejected', durationSeconds: null } });
    // The DM is free again.
    expect((await ana.api.calls.start({ roomId })).status).toBe('ringing');
    anaSignals.stop();
  });

  it('a caller hanging up while it rings leaves a missed call', async () => {
    const ana = await person('ana');
    const bob = await person('bob');
    const roomId = await dm(ana, bob);
    const bobSignals = await listen(bob);
    const { call } = await ana.api.calls.start({ roomId });
    expect(await ana.api.calls.hangup({ callId: call.id })).toMatchObject({ state: 'missed', endReason: 'cancelled' });
    expect((await bobSignals.next('ended')).call.endReason).toBe('cancelled');
    expect((await callMessages(bob, roomId)).map((m) => m.body)).toEqual(['Missed call']);
    bobSignals.stop();
  });

  it('stops ringing after the timeout: missed, a missed-call message in the DM, both told', async () => {
    callTimings.ringTimeoutMs = 300;
    const ana = await person('ana');
    const bob = await person('bob');
    const roomId = await dm(ana, bob);
    const anaSignals = await listen(ana);
    const bobSignals = await listen(bob);
    const { call } = await ana.api.calls.start({ roomId });
    await bobSignals.next('ring');
    const ended = await bobSignals.next('ended');
    expect(ended.call).toMatchObject({ id: call.id, state: 'missed', endReason: 'timeout' });
    await anaSignals.next('ended');
    expect((await trpcError(() => bob.api.calls.accept({ callId: call.id }))).code).toBe('CONFLICT');
    const [missed] = await callMessages(bob, roomId);
    expect(missed).toMatchObject({ kind: 'call', body: 'Missed call', call: { id: call.id, state: 'missed', endReason: 'timeout' } });
    anaSignals.stop();
    bobSignals.stop();
  });

  it('a call left ringing past the timeout by a lost instance is missed when next touched, never answered', async () => {
    const ana = await person('ana');
    const bob = await person('bob');
    const roomId = await dm(ana, bob);
    const { call } = await ana.api.calls.start({ roomId });
    // As if placed a minute ago by an instance that died with its timer.
    await h.db.fork().nativeUpdate(Call, { id: call.id }, { startedAt: new Date(Date.now() - 60_000) });
    const bobSignals = await listen(bob);
    await new Promise((r) => setTimeout(r, 100));
    expect(bobSignals.events.filter((e) => e.type === 'ring')).toEqual([]);
    expect((await trpcError(() => bob.api.calls.accept({ callId: call.id }))).code).toBe('CONFLICT');
    expect((await callsRepository(h.db.fork()).byId(call.id))?.state).toBe('missed');
    expect((await callMessages(bob, roomId)).map((m) => m.call?.endReason)).toEqual(['timeout']);
    // And the next call from either side goes through.
    expect((await bob.api.calls.start({ roomId })).status).toBe('ringing');
    bobSignals.stop();
  });

  it('rings a connection opened while the call is ringing', async () => {
    const ana = await person('ana');
    const bob = await person('bob');
    const roomId = await dm(ana, bob);
    const { call } = await ana.api.calls.start({ roomId });
    const bobSignals = await listen(bob);
    expect((await bobSignals.next('ring')).call.id).toBe(call.id);
    bobSignals.stop();
  });

  it("strangers cannot answer, decline, hang up, signal or hear someone else's call", async () => {
    const ana = await person('ana');
    const bob = await person('bob');
    const eve = await person('eve');
    const roomId = await dm(ana, bob);
    const eveSignals = await listen(eve);
    const { call } = await ana.api.calls.start({ roomId });
    await bob.api.calls.accept({ callId: call.id });
    for (const attempt of [
      () => eve.api.calls.accept({ callId: call.id }),
      () => eve.api.calls.reject({ callId: call.id }),
      () => eve.api.calls.hangup({ callId: call.id }),
      () => eve.api.calls.signal({ callId: call.id, description: offer }),
      () => eve.api.calls.start({ roomId }),
    ]) {
      const error = await trpcError(attempt);
      expect(error.code).toBe('NOT_FOUND');
    }
    await ana.api.calls.signal({ callId: call.id, description: offer });
    await new Promise((r) => setTimeout(r, 100));
    expect(eveSignals.events).toEqual([]);
    expect((await callsRepository(h.db.fork()).byId(call.id))?.state).toBe('active');
    expect((await trpcError(async () => (await h.caller()).calls.start({ roomId }))).code).toBe('UNAUTHORIZED');
    eveSignals.stop();
  });

  it('refuses bad input: oversized SDP, both or neither payload, malformed ids, a room that is not a DM', async () => {
    const { ana, roomId, call, bobSignals } = await activeCall();
    const big = await trpcError(() => ana.api.calls.signal({ callId: call.id, description: { type: 'offer', sdp: 'a'.repeat(CALL_SDP_MAX_LENGTH + 1) } }));
    expect(big.code).toBe('BAD_REQUEST');
    expect(big.message).toMatch(/64 KB/);
    // Exactly at the limit passes.
    await ana.api.calls.signal({ callId: call.id, description: { type: 'offer', sdp: 'a'.repeat(CALL_SDP_MAX_LENGTH) } });
    expect((await bobSignals.next('description')).description.sdp).toHaveLength(CALL_SDP_MAX_LENGTH);
    for (const input of [
      { callId: call.id },
      { callId: call.id, description: offer, candidate: { candidate: '' } },
      { callId: call.id, description: { type: 'pranswer', sdp: 'v=0' } },
      { callId: call.id, candidate: { candidate: 'c'.repeat(5000) } },
      { callId: 'not-a-uuid', description: offer },
    ]) {
      expect((await trpcError(() => ana.api.calls.signal(input as never))).code).toBe('BAD_REQUEST');
    }
    expect((await trpcError(() => ana.api.calls.start({ roomId: 'nope' }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(() => ana.api.calls.hangup({ callId: call.id, reason: 'bored' as never }))).code).toBe('BAD_REQUEST');
    const room = (await ana.api.chat.rooms.create({ name: 'Not a DM', visibility: 'public' })).id;
    const notDm = await trpcError(() => ana.api.calls.start({ roomId: room }));
    expect(notDm.code).toBe('BAD_REQUEST');
    // Nothing was relayed by the refused calls.
    expect(bobSignals.events.filter((e) => e.type === 'description')).toHaveLength(1);
    expect(await h.db.fork().count(Message, { room: roomId, kind: 'call' })).toBe(0);
    bobSignals.stop();
  });

  it('no calls between people when either blocked the other', async () => {
    const ana = await person('ana');
    const bob = await person('bob');
    const roomId = await dm(ana, bob);
    await bob.api.users.block({ username: ana.user.username });
    const bobSignals = await listen(bob);
    const refused = await trpcError(() => ana.api.calls.start({ roomId }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.cause).toMatchObject({ reason: 'blocked' });
    const mine = await trpcError(() => bob.api.calls.start({ roomId }));
    expect(mine.message).toMatch(/unblock them to call them/);
    expect(mine.cause).toMatchObject({ reason: 'blocked_by_me' });
    expect(await h.db.fork().count(Call, { room: roomId })).toBe(0);
    expect(bobSignals.events).toEqual([]);
    await bob.api.users.unblock({ username: ana.user.username });
    expect((await ana.api.calls.start({ roomId })).status).toBe('ringing');
    bobSignals.stop();
  });

  it('limits how often one starts calls (6 a minute)', async () => {
    const ana = await person('ana');
    const bob = await person('bob');
    const roomId = await dm(ana, bob);
    for (let i = 0; i < 6; i++) {
      const { call } = await ana.api.calls.start({ roomId });
      await ana.api.calls.hangup({ callId: call.id });
    }
    const error = await trpcError(() => ana.api.calls.start({ roomId }));
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toMatch(/starting calls too fast/);
    expect(await h.db.fork().count(Call, { room: roomId })).toBe(6);
  });

  it('limits call signals per user: a burst of 50, then 10 a second; a refused signal is not relayed, the accepted ones all are', async () => {
    const { ana, bob, call, bobSignals } = await activeCall();
    const candidate = (i: number) => ({ candidate: `candidate:${i} 1 udp 2122260223 127.0.0.1 ${50_000 + i} typ host`, sdpMid: '0', sdpMLineIndex: 0 });
    const relayed = () => bobSignals.events.filter((e): e is Extract<CallSignalEvent, { type: 'candidate' }> => e.type === 'candidate').map((e) => e.candidate.candidate);
    const untilRelayed = async (count: number) => {
      for (let i = 0; i < 100 && relayed().length < count; i++) await new Promise((r) => setTimeout(r, 20));
    };

    // An ICE gathering burst: all 50 answered `delivered` at once, in parallel.
    const burst = await Promise.all(Array.from({ length: 50 }, (_, i) => ana.api.calls.signal({ callId: call.id, candidate: candidate(i) })));
    expect(burst).toEqual(Array.from({ length: 50 }, () => ({ delivered: true })));
    const refused = await trpcError(() => ana.api.calls.signal({ callId: call.id, candidate: candidate(50) }));
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.message).toMatch(/^Too many call signals\. Please wait \d+ seconds?\.$/);
    const wait = (refused.cause as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 0;
    expect(wait).toBe(1);
    // Bob's own budget is his: he still answers.
    expect(await bob.api.calls.signal({ callId: call.id, description: { type: 'answer', sdp: 'v=0\r\n' } })).toEqual({ delivered: true });
    await untilRelayed(50);
    expect(new Set(relayed())).toEqual(new Set(Array.from({ length: 50 }, (_, i) => candidate(i).candidate)));

    // After the wait, the steady rate: 10 more in the next second, then refused again.
    await new Promise((r) => setTimeout(r, wait * 1000 + 50));
    for (let i = 51; i <= 60; i++) await ana.api.calls.signal({ callId: call.id, candidate: candidate(i) });
    expect((await trpcError(() => ana.api.calls.signal({ callId: call.id, candidate: candidate(61) }))).code).toBe('TOO_MANY_REQUESTS');
    await untilRelayed(60);
    await new Promise((r) => setTimeout(r, 100));
    expect(relayed()).toHaveLength(60);
    expect(relayed()).not.toContain(candidate(50).candidate);
    expect(relayed()).not.toContain(candidate(61).candidate);
    // Hanging up is never limited.
    expect((await ana.api.calls.hangup({ callId: call.id })).state).toBe('ended');
    bobSignals.stop();
  });
});
