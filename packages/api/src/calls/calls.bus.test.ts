// Call signalling between two instances over Redis (with REDIS_URL): the API runs on instance A's bus, the
// callee's and the caller's calls.onSignal subscriptions on instance B's. Rings, state changes and negotiation
// cross over on the per-user channels.
import { createBus, type EventBus } from '@veza/bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../context.ts';
import { createHarness, type Harness } from '../test/harness.ts';
import type { CallSignalEvent } from './calls.events.ts';
import { signals } from './calls.service.ts';

const redisUrl = process.env.REDIS_URL;

describe.runIf(redisUrl)('calls signalling across instances (Redis bus)', () => {
  let h: Harness;
  let busA: EventBus;
  let busB: EventBus;
  beforeAll(async () => {
    h = await createHarness();
    busA = await createBus(redisUrl);
    busB = await createBus(redisUrl);
    h.deps.bus = busA;
  });
  afterAll(async () => {
    await busA.close();
    await busB.close();
    await h.close();
  });

  /** `who`'s calls.onSignal subscription served by instance B. */
  async function onInstanceB(who: Awaited<ReturnType<Harness['signUp']>>) {
    const controller = new AbortController();
    const viewer: Viewer = { id: who.user.id, username: who.user.username, role: 'user', sessionId: 'instance-b', elevatedUntil: null };
    const stream = signals({ em: h.db.fork(), deps: { ...h.deps, bus: busB } }, viewer, controller.signal);
    const first = stream.next();
    // Subscribed on B (listen() subscribes before the first read answers).
    await new Promise((r) => setTimeout(r, 200));
    let pending: Promise<IteratorResult<CallSignalEvent>> | null = first;
    return {
      async next(): Promise<CallSignalEvent> {
        const step = await Promise.race([pending ?? stream.next(), new Promise<never>((_, no) => setTimeout(() => no(new Error('no signal')), 5000))]);
        pending = null;
        if (step.done) throw new Error('ended');
        return step.value;
      },
      stop: () => controller.abort(),
    };
  }

  it('rings, answers, relays and hangs up across instances', async () => {
    const ana = await h.signUp('xi.ana');
    const bob = await h.signUp('xi.bob');
    const roomId = (await ana.api.chat.dms.open({ username: 'xi.bob' })).roomId;
    const bobB = await onInstanceB(bob);
    const anaB = await onInstanceB(ana);

    const { call } = await ana.api.calls.start({ roomId });
    expect(await bobB.next()).toMatchObject({ type: 'ring', call: { id: call.id, caller: { id: ana.user.id } } });
    await bob.api.calls.accept({ callId: call.id });
    expect(await anaB.next()).toMatchObject({ type: 'accepted', call: { id: call.id, state: 'active' } });
    expect(await bobB.next()).toMatchObject({ type: 'accepted' });
    await ana.api.calls.signal({ callId: call.id, description: { type: 'offer', sdp: 'v=0\r\n' } });
    expect(await bobB.next()).toEqual({ type: 'description', callId: call.id, fromUserId: ana.user.id, description: { type: 'offer', sdp: 'v=0\r\n' } });
    await bob.api.calls.hangup({ callId: call.id });
    expect(await anaB.next()).toMatchObject({ type: 'ended', call: { endReason: 'hangup' } });
    bobB.stop();
    anaB.stop();
  });
});
