// The calls of this tab: places, answers and ends them through the API, reacts to the signals of calls.onSignal,
// and runs the media (call-engine.ts) and the ring tones (ringtone.ts). State for the UI is in call-store.ts.
import type { CallDto, CallSignalEvent, StartCallDto } from '@veza/api';
import { errorMessage } from '../../lib/errors.ts';
import type { Toast } from '../../stores/toasts.ts';
import { CallEngine, type CallDescription, type CallEngineOptions } from './call-engine.ts';
import { useCall, type CallActions, type CallPeer } from './call-store.ts';
import { startRing, type RingKind } from './ringtone.ts';

/** The API calls the controller makes (the tRPC client in the app, a fake in tests). */
export interface CallsApi {
  iceServers: () => Promise<{ iceServers: RTCIceServer[]; iceTransportPolicy: RTCIceTransportPolicy }>;
  start: (roomId: string) => Promise<StartCallDto>;
  accept: (callId: string) => Promise<CallDto>;
  reject: (callId: string) => Promise<CallDto>;
  hangup: (callId: string, reason?: 'hangup' | 'failed') => Promise<CallDto>;
  signal: (input: { callId: string; description?: CallDescription; candidate?: RTCIceCandidateInit }) => Promise<unknown>;
}

export interface CallControllerOptions {
  api: CallsApi;
  viewerId: () => string | null;
  toast: (toast: Omit<Toast, 'id'> & { id?: string }) => void;
  t: (key: string, params?: Record<string, unknown>) => string;
  /** The engine for a call (tests pass one with a fake peer connection). */
  createEngine?: (options: CallEngineOptions) => CallEngine;
  ring?: (kind: RingKind) => () => void;
}

const nameOf = (peer: CallPeer) => peer.displayName ?? peer.username;

/** Tries of one signal refused as too fast before it is given up. */
const MAX_SIGNAL_ATTEMPTS = 5;

/** The seconds to wait before trying again, when a call was refused as too fast (tRPC's TOO_MANY_REQUESTS). */
function retryAfterSeconds(error: unknown): number | null {
  const data = (error as { data?: { code?: unknown; retryAfterSeconds?: unknown } } | null)?.data;
  if (data?.code !== 'TOO_MANY_REQUESTS') return null;
  return typeof data.retryAfterSeconds === 'number' && data.retryAfterSeconds > 0 ? data.retryAfterSeconds : 1;
}

export function createCallController(options: CallControllerOptions) {
  const { api, toast, t } = options;
  const store = useCall;
  const createEngine = options.createEngine ?? ((o: CallEngineOptions) => new CallEngine(o));
  const ring = options.ring ?? startRing;
  let engine: CallEngine | null = null;
  let stopRing: (() => void) | null = null;
  /** Signals leave in order (an offer before its candidates), and only once the call is active. */
  let outbox: Promise<unknown> = Promise.resolve();
  let canSignal = false;
  let held: (() => Promise<unknown>)[] = [];

  const ringing = (kind: RingKind | null) => {
    stopRing?.();
    stopRing = kind ? ring(kind) : null;
  };

  const callId = () => store.getState().call?.id ?? null;

  function send(job: () => Promise<unknown>) {
    if (!canSignal) {
      held.push(job);
      return;
    }
    // A signal refused because the call just ended is of no consequence.
    outbox = outbox.then(() => sendPaced(job)).catch(() => undefined);
  }

  /**
   * Sends one signal; one refused as too fast (ICE candidates come in bursts, and the server limits them) is sent
   * again after the wait it names, in order, as long as this call can still signal: a candidate is never lost to
   * the limit.
   */
  async function sendPaced(job: () => Promise<unknown>) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await job();
      } catch (error) {
        const wait = retryAfterSeconds(error);
        if (wait === null || attempt >= MAX_SIGNAL_ATTEMPTS || !canSignal) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait * 1000));
        if (!canSignal) throw error;
      }
    }
  }

  function openSignals() {
    canSignal = true;
    const jobs = held;
    held = [];
    for (const job of jobs) send(job);
  }

  function cleanup() {
    ringing(null);
    engine?.close();
    engine = null;
    canSignal = false;
    held = [];
    store.getState().reset();
  }

  /** The callee (polite) answers the caller's first offer with its microphone; the caller offers once answered. */
  async function startMedia(id: string, polite: boolean) {
    const ice = await api.iceServers();
    if (callId() !== id) return;
    engine = createEngine({
      polite,
      waitForOffer: polite,
      rtc: { iceServers: ice.iceServers, iceTransportPolicy: ice.iceTransportPolicy },
      signaller: {
        description: (description) => send(() => api.signal({ callId: id, description })),
        candidate: (candidate) => send(() => api.signal({ callId: id, candidate })),
      },
      onRemoteStream: (stream) => store.getState().setRemoteStream(stream),
      onState: (state) => {
        if (state === 'failed') {
          void end('failed');
          return;
        }
        store.getState().setConnection(state);
      },
      onStats: (stats) => store.getState().setQuality(stats.quality),
      events: window,
    });
    engine.setMuted(store.getState().muted);
    await engine.start();
  }

  /** Ends this tab's call through the API, then locally whatever the answer. */
  async function end(reason: 'hangup' | 'failed') {
    const id = callId();
    if (!id) return;
    const peer = store.getState().call?.peer;
    cleanup();
    if (reason === 'failed' && peer) toast({ id: `call-failed-${id}`, title: t('calls.toast.failed', { name: nameOf(peer) }), tone: 'error' });
    try {
      await api.hangup(id, reason);
    } catch {
      // Already over on the server (the other side hung up first), or offline: the server times calls out.
    }
  }

  const actions: CallActions = {
    async start(roomId, peer) {
      const s = store.getState();
      if (s.phase !== 'idle' || s.pending) {
        toast({ id: 'call-already', title: t('calls.toast.alreadyInCall'), tone: 'info' });
        return;
      }
      s.setPending(true);
      try {
        const { status, call } = await api.start(roomId);
        const viewerId = options.viewerId() ?? call.caller.id;
        if (status === 'busy') {
          store.getState().setPending(false);
          toast({ id: `call-busy-${call.id}`, title: t('calls.toast.busy', { name: nameOf(peer) }), tone: 'info' });
          return;
        }
        store.getState().ringingOut(call, viewerId);
        ringing('outgoing');
      } catch (error) {
        store.getState().setPending(false);
        toast({ title: t('calls.toast.startFailed'), description: errorMessage(error), tone: 'error' });
      }
    },

    async accept() {
      const s = store.getState();
      const call = s.call;
      if (s.phase !== 'incoming' || !call || s.pending) return;
      s.setPending(true);
      ringing(null);
      try {
        // The microphone first: without it there is no call to answer with.
        await startMedia(call.id, true);
      } catch {
        toast({ id: `call-mic-${call.id}`, title: t('calls.toast.microphone'), tone: 'error' });
        cleanup();
        await api.reject(call.id).catch(() => undefined);
        return;
      }
      try {
        const answered = await api.accept(call.id);
        if (callId() !== call.id) return;
        store.getState().answered(answered.answeredAt);
        openSignals();
      } catch (error) {
        cleanup();
        toast({ id: `call-gone-${call.id}`, title: t('calls.toast.acceptFailed'), description: errorMessage(error), tone: 'error' });
      }
    },

    async decline() {
      const id = callId();
      if (!id || store.getState().phase !== 'incoming') return;
      cleanup();
      await api.reject(id).catch(() => undefined);
    },

    hangup: () => end('hangup'),

    setMuted(muted) {
      store.getState().setMutedFlag(muted);
      engine?.setMuted(muted);
    },
  };

  /** A signal from calls.onSignal. */
  async function onSignal(event: CallSignalEvent) {
    const viewerId = options.viewerId();
    if (!viewerId) return;
    const s = store.getState();
    if (event.type === 'ring') {
      // One call at a time: while in one, the server answers others busy; a second ring here is another tab's business.
      if (s.phase === 'idle' && !s.pending) {
        s.ringingIn(event.call, viewerId);
        ringing('incoming');
      }
      return;
    }
    const id = event.type === 'description' || event.type === 'candidate' ? event.callId : event.call.id;
    if (id !== s.call?.id) return;
    const peer = s.call.peer;
    switch (event.type) {
      case 'description':
        await engine?.receiveDescription(event.description);
        return;
      case 'candidate':
        await engine?.receiveCandidate(event.candidate);
        return;
      case 'accepted':
        if (s.call.direction === 'incoming') {
          // Answered here: already handled by accept(). Answered in another tab: stop ringing here.
          if (s.phase === 'incoming' && !s.pending) cleanup();
          return;
        }
        if (s.phase !== 'outgoing') return;
        ringing(null);
        s.answered(event.call.answeredAt);
        openSignals();
        try {
          await startMedia(event.call.id, false);
        } catch {
          toast({ id: `call-mic-${event.call.id}`, title: t('calls.toast.microphone'), tone: 'error' });
          await end('hangup');
        }
        return;
      case 'rejected':
        cleanup();
        if (s.call.direction === 'outgoing') toast({ id: `call-declined-${id}`, title: t('calls.toast.declined', { name: nameOf(peer) }), tone: 'info' });
        return;
      case 'busy':
        cleanup();
        toast({ id: `call-busy-${id}`, title: t('calls.toast.busy', { name: nameOf(peer) }), tone: 'info' });
        return;
      case 'ended': {
        const reason = event.call.endReason;
        const wasActive = s.phase === 'active';
        cleanup();
        if (wasActive) toast({ id: `call-ended-${id}`, title: t('calls.toast.ended', { name: nameOf(peer) }), tone: 'info' });
        else if (s.call.direction === 'incoming') toast({ id: `call-missed-${id}`, title: t('calls.toast.missed', { name: nameOf(peer) }), tone: 'info' });
        else if (reason === 'timeout') toast({ id: `call-noanswer-${id}`, title: t('calls.toast.noAnswer', { name: nameOf(peer) }), tone: 'info' });
        return;
      }
    }
  }

  return {
    actions,
    onSignal,
    /** The layer unmounts (signed out, page closing): end any call and stop sounds. */
    dispose() {
      if (callId() && store.getState().phase !== 'incoming') void end('hangup');
      else cleanup();
    },
  };
}

export type CallController = ReturnType<typeof createCallController>;
