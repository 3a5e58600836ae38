// The call engine against a fake RTCPeerConnection that models the signalling state machine: perfect negotiation
// (crossed offers: the polite side gives way, the impolite side ignores), candidates held until their description,
// the callee answering with its microphone, ICE restarts, giving up, and reading stats.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallEngine, qualityOf, summarizeStats, type CallConnection, type CallDescription } from './call-engine.ts';

class FakeTrack {
  kind = 'audio';
  enabled = true;
  stopped = false;
  stop() {
    this.stopped = true;
  }
}

class FakeStream {
  readonly tracks = [new FakeTrack()];
  getTracks() {
    return this.tracks;
  }
  getAudioTracks() {
    return this.tracks;
  }
}

let offers = 0;

/** Just enough of RTCPeerConnection: signalling states, implicit rollback, candidates, restartIce, events. */
class FakePeerConnection {
  signalingState: RTCSignalingState = 'stable';
  iceConnectionState: RTCIceConnectionState = 'new';
  connectionState: RTCPeerConnectionState = 'new';
  localDescription: CallDescription | null = null;
  remoteDescription: CallDescription | null = null;
  readonly added: RTCIceCandidateInit[] = [];
  readonly tracks: FakeTrack[] = [];
  restarts = 0;
  closed = false;
  onnegotiationneeded: (() => void) | null = null;
  onicecandidate: ((e: { candidate: null }) => void) | null = null;
  ontrack: ((e: unknown) => void) | null = null;
  oniceconnectionstatechange: (() => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  readonly config: RTCConfiguration;
  constructor(config: RTCConfiguration) {
    this.config = config;
  }

  addTrack(track: FakeTrack) {
    this.tracks.push(track);
    // Negotiation is needed only from a stable state (otherwise after it returns to stable).
    if (this.signalingState === 'stable') queueMicrotask(() => this.onnegotiationneeded?.());
  }
  async setLocalDescription() {
    await Promise.resolve();
    if (this.signalingState === 'have-remote-offer') {
      this.localDescription = { type: 'answer', sdp: `answer tracks=${this.tracks.length}` };
      this.signalingState = 'stable';
    } else {
      this.localDescription = { type: 'offer', sdp: `offer-${++offers} tracks=${this.tracks.length}` };
      this.signalingState = 'have-local-offer';
    }
  }
  async setRemoteDescription(description: CallDescription) {
    await Promise.resolve();
    if (description.type === 'offer') {
      // An offer in have-local-offer rolls ours back first (what browsers do for the polite peer).
      if (this.signalingState === 'have-local-offer') this.localDescription = null;
      this.signalingState = 'have-remote-offer';
    } else {
      if (this.signalingState !== 'have-local-offer') throw new DOMException('no offer to answer', 'InvalidStateError');
      this.signalingState = 'stable';
    }
    this.remoteDescription = description;
  }
  async addIceCandidate(candidate: RTCIceCandidateInit) {
    if (!this.remoteDescription) throw new DOMException('no remote description', 'InvalidStateError');
    if (candidate.candidate === 'bad') throw new DOMException('bad candidate', 'OperationError');
    this.added.push(candidate);
  }
  restartIce() {
    this.restarts++;
  }
  setIce(state: RTCIceConnectionState) {
    this.iceConnectionState = state;
    this.oniceconnectionstatechange?.();
  }
  setConnection(state: RTCPeerConnectionState) {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }
  async getStats() {
    return new Map();
  }
  close() {
    this.closed = true;
  }
}

function engine(polite: boolean, extra: { waitForOffer?: boolean; giveUpAfterMs?: number } = {}) {
  const sent: (CallDescription | RTCIceCandidateInit)[] = [];
  const states: CallConnection[] = [];
  const events = new EventTarget();
  let pc: FakePeerConnection | null = null;
  const mic = new FakeStream();
  const e = new CallEngine({
    polite,
    ...extra,
    rtc: { iceServers: [], iceTransportPolicy: 'relay' },
    signaller: { description: (d) => sent.push(d), candidate: (c) => sent.push(c) },
    onRemoteStream: () => undefined,
    onState: (s) => states.push(s),
    getMicrophone: async () => mic as unknown as MediaStream,
    createPeerConnection: (config) => (pc = new FakePeerConnection(config)) as unknown as RTCPeerConnection,
    events: events as unknown as Window,
  });
  return { e, pc: pc as unknown as FakePeerConnection, sent, states, events, mic };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('CallEngine', () => {
  it('passes the relay-only policy to the connection and offers once the microphone is in', async () => {
    const { e, pc, sent } = engine(false);
    expect(pc.config.iceTransportPolicy).toBe('relay');
    await e.start();
    await settle();
    expect(pc.tracks).toHaveLength(1);
    expect(sent).toEqual([{ type: 'offer', sdp: expect.stringMatching(/^offer-\d+ tracks=1$/) }]);
    e.close();
  });

  it('the callee waits for the first offer and answers with its microphone in it', async () => {
    const { e, pc, sent } = engine(true, { waitForOffer: true });
    await e.start();
    await settle();
    expect(pc.tracks).toHaveLength(0);
    expect(sent).toEqual([]);
    await e.receiveDescription({ type: 'offer', sdp: 'their offer' });
    await settle();
    expect(pc.tracks).toHaveLength(1);
    expect(sent).toEqual([{ type: 'answer', sdp: 'answer tracks=1' }]);
    expect(pc.signalingState).toBe('stable');
    e.close();
  });

  it('crossed offers: the impolite caller ignores theirs, the polite callee gives way and answers', async () => {
    const caller = engine(false);
    const callee = engine(true);
    await caller.e.start();
    await callee.e.start();
    await settle();
    const callerOffer = caller.sent[0] as CallDescription;
    const calleeOffer = callee.sent[0] as CallDescription;
    expect(callerOffer.type).toBe('offer');
    expect(calleeOffer.type).toBe('offer');

    await caller.e.receiveDescription(calleeOffer);
    expect(caller.pc.signalingState).toBe('have-local-offer');
    expect(caller.sent).toHaveLength(1);
    // Candidates of the ignored offer fail quietly.
    await expect(caller.e.receiveCandidate({ candidate: 'bad' })).resolves.toBeUndefined();

    await callee.e.receiveDescription(callerOffer);
    expect(callee.sent.at(-1)).toEqual({ type: 'answer', sdp: expect.stringContaining('answer') });
    await caller.e.receiveDescription(callee.sent.at(-1) as CallDescription);
    expect(caller.pc.signalingState).toBe('stable');
    expect(callee.pc.signalingState).toBe('stable');
    caller.e.close();
    callee.e.close();
  });

  it('holds candidates that arrive before their description, then applies them in order', async () => {
    const { e, pc } = engine(true, { waitForOffer: true });
    await e.start();
    await e.receiveCandidate({ candidate: 'c1', sdpMid: '0' });
    await e.receiveCandidate({ candidate: 'c2', sdpMid: '0' });
    expect(pc.added).toEqual([]);
    await e.receiveDescription({ type: 'offer', sdp: 'offer' });
    expect(pc.added.map((c) => c.candidate)).toEqual(['c1', 'c2']);
    await e.receiveCandidate({ candidate: 'c3' });
    expect(pc.added.map((c) => c.candidate)).toEqual(['c1', 'c2', 'c3']);
    // Outside a collision, a candidate that does not apply is an error.
    await expect(e.receiveCandidate({ candidate: 'bad' })).rejects.toThrow('bad candidate');
    e.close();
  });

  it('sends the end-of-candidates marker as an empty candidate', () => {
    const { e, pc, sent } = engine(false);
    pc.onicecandidate?.({ candidate: null });
    expect(sent).toEqual([{ candidate: '' }]);
    e.close();
  });

  describe('reconnection', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('restarts ICE when it fails, after a moment of disconnection, and when the browser comes back online', () => {
      const { e, pc, states, events } = engine(false);
      pc.setConnection('connected');
      expect(states).toEqual(['connected']);
      pc.setIce('failed');
      expect(pc.restarts).toBe(1);
      expect(states.at(-1)).toBe('reconnecting');
      pc.setIce('connected');
      pc.setIce('disconnected');
      vi.advanceTimersByTime(1000);
      expect(pc.restarts).toBe(1);
      vi.advanceTimersByTime(1500);
      expect(pc.restarts).toBe(2);
      // Back by itself before the grace ends: no restart.
      pc.setIce('disconnected');
      pc.setIce('connected');
      vi.advanceTimersByTime(5000);
      expect(pc.restarts).toBe(2);
      events.dispatchEvent(new Event('online'));
      expect(pc.restarts).toBe(3);
      e.close();
      events.dispatchEvent(new Event('online'));
      expect(pc.restarts).toBe(3);
    });

    it('gives up when the connection stays down, not while it recovers', () => {
      const { e, pc, states } = engine(false, { giveUpAfterMs: 10_000 });
      pc.setConnection('connected');
      pc.setConnection('disconnected');
      vi.advanceTimersByTime(5000);
      pc.setConnection('connected');
      vi.advanceTimersByTime(20_000);
      expect(states).toEqual(['connected', 'reconnecting', 'connected']);
      pc.setConnection('failed');
      vi.advanceTimersByTime(10_000);
      expect(states.at(-1)).toBe('failed');
      e.close();
    });

    it('gives up on a call that never connects', () => {
      const { e, states } = engine(false, { giveUpAfterMs: 10_000 });
      vi.advanceTimersByTime(10_000);
      expect(states).toEqual(['failed']);
      e.close();
    });
  });

  it('mutes by disabling the microphone track, and stops it on close', async () => {
    const { e, pc, mic } = engine(false);
    await e.start();
    e.setMuted(true);
    expect(mic.tracks[0]?.enabled).toBe(false);
    e.setMuted(false);
    expect(mic.tracks[0]?.enabled).toBe(true);
    e.close();
    expect(mic.tracks[0]?.stopped).toBe(true);
    expect(pc.closed).toBe(true);
  });
});

describe('summarizeStats', () => {
  const report = (entries: Record<string, unknown>[]) => new Map(entries.map((e) => [e.id, e])) as unknown as RTCStatsReport;

  it('reads audio bytes, the selected pair and its candidate types, round trip and loss', () => {
    const stats = summarizeStats(
      report([
        { id: 'o', type: 'outbound-rtp', kind: 'audio', bytesSent: 1200 },
        { id: 'i', type: 'inbound-rtp', kind: 'audio', bytesReceived: 900, packetsLost: 1, packetsReceived: 99 },
        { id: 't', type: 'transport', selectedCandidatePairId: 'p2' },
        { id: 'p1', type: 'candidate-pair', state: 'failed', localCandidateId: 'l1', remoteCandidateId: 'r1' },
        { id: 'p2', type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.042, localCandidateId: 'l2', remoteCandidateId: 'r2' },
        { id: 'l1', type: 'local-candidate', candidateType: 'host' },
        { id: 'l2', type: 'local-candidate', candidateType: 'relay' },
        { id: 'r2', type: 'remote-candidate', candidateType: 'relay' },
      ]),
    );
    expect(stats).toEqual({ audioBytesSent: 1200, audioBytesReceived: 900, localCandidateType: 'relay', remoteCandidateType: 'relay', roundTripMs: 42, lossRatio: 0.01, quality: 'good' });
  });

  it('is empty before anything flows', () => {
    expect(summarizeStats(report([]))).toMatchObject({ audioBytesSent: 0, audioBytesReceived: 0, localCandidateType: null, quality: null });
  });

  it('grades quality by round trip and loss', () => {
    expect(qualityOf(100, 0)).toBe('good');
    expect(qualityOf(400, 0)).toBe('fair');
    expect(qualityOf(100, 0.05)).toBe('fair');
    expect(qualityOf(900, 0)).toBe('poor');
    expect(qualityOf(100, 0.2)).toBe('poor');
    expect(qualityOf(null, 0)).toBeNull();
  });
});
