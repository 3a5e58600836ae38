// The call controller with a fake API and a fake engine: what each signal does to this tab's call, the toasts,
// the ring tones, and signals leaving only once the call is answered.
import type { CallDto, CallSignalEvent, StartCallDto } from '@veza/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useToasts } from '../../stores/toasts.ts';
import { createCallController, type CallsApi } from './call-controller.ts';
import type { CallEngine, CallEngineOptions } from './call-engine.ts';
import { useCall, type CallPeer } from './call-store.ts';

const ana: CallPeer = { id: 'u-ana', username: 'ana', displayName: 'Ana' };
const bob: CallPeer = { id: 'u-bob', username: 'bob', displayName: null };

const dto = (over: Partial<CallDto> = {}): CallDto => ({
  id: 'call-1',
  roomId: 'room-1',
  caller: ana,
  callee: bob,
  state: 'ringing',
  startedAt: '2026-12-06T10:00:00.000Z',
  answeredAt: null,
  endedAt: null,
  endReason: null,
  ...over,
});

function setup(viewer: CallPeer, { micRefused = false } = {}) {
  const api = {
    iceServers: vi.fn(async () => ({ iceServers: [{ urls: ['turn:127.0.0.1:3478'], username: 'u', credential: 'c' }], iceTransportPolicy: 'relay' as const })),
    start: vi.fn(async (_roomId: string): Promise<StartCallDto> => ({ status: 'ringing', call: dto() })),
    accept: vi.fn(async (_callId: string) => dto({ state: 'active', answeredAt: '2026-12-06T10:00:05.000Z' })),
    reject: vi.fn(async (_callId: string) => dto({ state: 'rejected' })),
    hangup: vi.fn(async (_callId: string, _reason?: string) => dto({ state: 'ended' })),
    signal: vi.fn(async (_input: unknown) => ({ delivered: true })),
  } satisfies CallsApi;
  const engines: { options: CallEngineOptions; fake: Record<string, ReturnType<typeof vi.fn>> }[] = [];
  const rings: string[] = [];
  const stops = vi.fn();
  const controller = createCallController({
    api,
    viewerId: () => viewer.id,
    toast: (t) => useToasts.getState().push(t),
    t: (key, params) => `${key}${params?.name ? `:${String(params.name)}` : ''}`,
    createEngine: (options) => {
      const fake = { start: vi.fn(async () => (micRefused ? Promise.reject(new DOMException('denied', 'NotAllowedError')) : undefined)), close: vi.fn(), setMuted: vi.fn(), receiveDescription: vi.fn(async () => undefined), receiveCandidate: vi.fn(async () => undefined) };
      engines.push({ options, fake });
      return fake as unknown as CallEngine;
    },
    ring: (kind) => {
      rings.push(kind);
      return stops;
    },
  });
  return { api, controller, engines, rings, stops };
}

const toasts = () => useToasts.getState().toasts.map((t) => t.title);
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => useCall.getState().reset());
afterEach(() => useToasts.getState().clear());

describe('signals refused as too fast', () => {
  it('sends a candidate again after the wait the server names, keeping the order, and gives up on anything else', async () => {
    const { api, controller, engines } = setup(ana);
    const tooFast = Object.assign(new Error('Too many call signals. Please wait 1 second.'), { data: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 1 } });
    api.signal.mockRejectedValueOnce(tooFast);
    await controller.actions.start('room-1', bob);
    await controller.onSignal({ type: 'accepted', call: dto({ state: 'active', answeredAt: '2026-12-06T10:00:05.000Z' }) });
    await flush();
    const signaller = engines[0]?.options.signaller;
    signaller?.candidate({ candidate: 'first' });
    signaller?.candidate({ candidate: 'second' });
    await flush();
    expect(api.signal.mock.calls.map(([input]) => input)).toEqual([{ callId: 'call-1', candidate: { candidate: 'first' } }]);
    await vi.waitFor(() => expect(api.signal).toHaveBeenCalledTimes(3), { timeout: 3000 });
    expect(api.signal.mock.calls.map(([input]) => (input as { candidate: { candidate: string } }).candidate.candidate)).toEqual(['first', 'first', 'second']);

    // Refused for another reason (the call just ended): dropped, not retried.
    api.signal.mockRejectedValueOnce(Object.assign(new Error('This call is not in progress.'), { data: { code: 'CONFLICT' } }));
    signaller?.candidate({ candidate: 'late' });
    signaller?.candidate({ candidate: 'after' });
    await vi.waitFor(() => expect(api.signal).toHaveBeenCalledTimes(5));
    await flush();
    expect(api.signal).toHaveBeenCalledTimes(5);
  });
});

describe('placing a call', () => {
  it('rings them, then on accepted starts the media (impolite, relay policy) and sends signals', async () => {
    const { api, controller, engines, rings, stops } = setup(ana);
    await controller.actions.start('room-1', bob);
    expect(api.start).toHaveBeenCalledWith('room-1');
    expect(useCall.getState()).toMatchObject({ phase: 'outgoing', call: { id: 'call-1', direction: 'outgoing', peer: { username: 'bob' } } });
    expect(rings).toEqual(['outgoing']);

    await controller.onSignal({ type: 'accepted', call: dto({ state: 'active', answeredAt: '2026-12-06T10:00:05.000Z' }) });
    expect(stops).toHaveBeenCalled();
    expect(useCall.getState()).toMatchObject({ phase: 'active', call: { answeredAt: Date.parse('2026-12-06T10:00:05.000Z') } });
    const engine = engines[0];
    expect(engine?.options).toMatchObject({ polite: false, waitForOffer: false, rtc: { iceTransportPolicy: 'relay' } });
    expect(engine?.fake.start).toHaveBeenCalled();
    engine?.options.signaller.description({ type: 'offer', sdp: 'o' });
    engine?.options.signaller.candidate({ candidate: 'c' });
    await flush();
    expect(api.signal.mock.calls.map(([input]) => input)).toEqual([
      { callId: 'call-1', description: { type: 'offer', sdp: 'o' } },
      { callId: 'call-1', candidate: { candidate: 'c' } },
    ]);

    await controller.onSignal({ type: 'description', callId: 'call-1', fromUserId: bob.id, description: { type: 'answer', sdp: 'a' } });
    expect(engine?.fake.receiveDescription).toHaveBeenCalledWith({ type: 'answer', sdp: 'a' });
    // Another call's signals are not ours.
    await controller.onSignal({ type: 'candidate', callId: 'call-2', fromUserId: bob.id, candidate: { candidate: 'x' } });
    expect(engine?.fake.receiveCandidate).not.toHaveBeenCalled();

    controller.actions.setMuted(true);
    expect(engine?.fake.setMuted).toHaveBeenCalledWith(true);
    expect(useCall.getState().muted).toBe(true);

    await controller.actions.hangup();
    expect(api.hangup).toHaveBeenCalledWith('call-1', 'hangup');
    expect(engine?.fake.close).toHaveBeenCalled();
    expect(useCall.getState().phase).toBe('idle');
  });

  it('says so when they are busy, decline or do not answer', async () => {
    const { api, controller } = setup(ana);
    api.start.mockResolvedValueOnce({ status: 'busy', call: dto({ state: 'busy' }) });
    await controller.actions.start('room-1', bob);
    expect(useCall.getState().phase).toBe('idle');
    expect(toasts()).toEqual(['calls.toast.busy:bob']);

    await controller.actions.start('room-1', bob);
    await controller.onSignal({ type: 'rejected', call: dto({ state: 'rejected' }) });
    expect(useCall.getState().phase).toBe('idle');
    expect(toasts()).toContain('calls.toast.declined:bob');

    api.start.mockResolvedValueOnce({ status: 'ringing', call: dto({ id: 'call-2' }) });
    await controller.actions.start('room-1', bob);
    await controller.onSignal({ type: 'ended', call: dto({ id: 'call-2', state: 'missed', endReason: 'timeout' }) });
    expect(toasts()).toContain('calls.toast.noAnswer:bob');
  });

  it('shows the server refusal when the call cannot be placed', async () => {
    const { api, controller } = setup(ana);
    api.start.mockRejectedValueOnce(new Error('nope'));
    await controller.actions.start('room-1', bob);
    expect(useCall.getState()).toMatchObject({ phase: 'idle', pending: false });
    expect(toasts()).toEqual(['calls.toast.startFailed']);
  });

  it('hangs up with reason failed when the connection cannot be restored', async () => {
    const { api, controller, engines } = setup(ana);
    await controller.actions.start('room-1', bob);
    await controller.onSignal({ type: 'accepted', call: dto({ state: 'active', answeredAt: '2026-12-06T10:00:05.000Z' }) });
    engines[0]?.options.onState('reconnecting');
    expect(useCall.getState().connection).toBe('reconnecting');
    engines[0]?.options.onState('failed');
    await flush();
    expect(api.hangup).toHaveBeenCalledWith('call-1', 'failed');
    expect(toasts()).toEqual(['calls.toast.failed:bob']);
  });
});

describe('being called', () => {
  const ring: CallSignalEvent = { type: 'ring', call: dto() };

  it('rings, and answering opens the microphone first (polite, waiting for the offer), then accepts, then signals', async () => {
    const { api, controller, engines, rings } = setup(bob);
    await controller.onSignal(ring);
    expect(useCall.getState()).toMatchObject({ phase: 'incoming', call: { direction: 'incoming', peer: { username: 'ana' } } });
    expect(rings).toEqual(['incoming']);
    let answered: (v: CallDto) => void = () => undefined;
    api.accept.mockImplementationOnce(() => new Promise((resolve) => (answered = resolve)));
    const accepting = controller.actions.accept();
    await flush();
    const engine = engines[0];
    expect(engine?.options).toMatchObject({ polite: true, waitForOffer: true });
    expect(engine?.fake.start).toHaveBeenCalled();
    // Not active yet: what the engine wants to send waits.
    engine?.options.signaller.candidate({ candidate: 'early' });
    await flush();
    expect(api.signal).not.toHaveBeenCalled();
    answered(dto({ state: 'active', answeredAt: '2026-12-06T10:00:05.000Z' }));
    await accepting;
    await flush();
    expect(useCall.getState().phase).toBe('active');
    expect(api.signal).toHaveBeenCalledWith({ callId: 'call-1', candidate: { candidate: 'early' } });
    // Our own "accepted" echo changes nothing.
    await controller.onSignal({ type: 'accepted', call: dto({ state: 'active' }) });
    expect(useCall.getState().phase).toBe('active');
    await controller.onSignal({ type: 'ended', call: dto({ state: 'ended', endReason: 'hangup' }) });
    expect(useCall.getState().phase).toBe('idle');
    expect(toasts()).toEqual(['calls.toast.ended:Ana']);
  });

  it('declines', async () => {
    const { api, controller } = setup(bob);
    await controller.onSignal(ring);
    await controller.actions.decline();
    expect(api.reject).toHaveBeenCalledWith('call-1');
    expect(api.accept).not.toHaveBeenCalled();
    expect(useCall.getState().phase).toBe('idle');
  });

  it('a refused microphone declines the call and says why', async () => {
    const { api, controller, engines } = setup(bob, { micRefused: true });
    await controller.onSignal(ring);
    await controller.actions.accept();
    expect(api.accept).not.toHaveBeenCalled();
    expect(api.reject).toHaveBeenCalledWith('call-1');
    expect(engines[0]?.fake.close).toHaveBeenCalled();
    expect(useCall.getState().phase).toBe('idle');
    expect(toasts()).toEqual(['calls.toast.microphone']);
  });

  it('a missed call (cancelled or timed out) and a call answered in another tab stop the ringing', async () => {
    const { controller, stops } = setup(bob);
    await controller.onSignal(ring);
    await controller.onSignal({ type: 'ended', call: dto({ state: 'missed', endReason: 'cancelled' }) });
    expect(useCall.getState().phase).toBe('idle');
    expect(stops).toHaveBeenCalled();
    expect(toasts()).toEqual(['calls.toast.missed:Ana']);

    await controller.onSignal(ring);
    await controller.onSignal({ type: 'accepted', call: dto({ state: 'active' }) });
    expect(useCall.getState().phase).toBe('idle');
  });

  it('ignores a ring while already in a call', async () => {
    const { controller } = setup(bob);
    await controller.onSignal(ring);
    await controller.onSignal({ type: 'ring', call: dto({ id: 'call-9' }) });
    expect(useCall.getState().call?.id).toBe('call-1');
  });
});
