// One call's media: a native RTCPeerConnection with the microphone out and the other person's audio in.
//
// Negotiation follows the "perfect negotiation" pattern: either side may need to (re)negotiate at any moment
// (first connection, ICE restart, a track change), so both make offers when the browser asks, and when two offers
// cross, the polite side (the callee) rolls its own back and answers, while the impolite side (the caller) ignores
// the incoming offer and waits for the answer to its own. Candidates that arrive before the description they belong
// to are held until it is set.
//
// Reconnection: an ICE restart when ICE fails, when it stays disconnected for a moment, and when the browser comes
// back online (a new network). If the connection cannot be restored within `giveUpAfterMs`, `onState('failed')`.

export type CallConnection = 'connecting' | 'connected' | 'reconnecting' | 'failed';
export type CallQuality = 'good' | 'fair' | 'poor';

export interface CallDescription {
  type: 'offer' | 'answer';
  sdp: string;
}

/** What the engine sends to the other side, through the server. */
export interface CallSignaller {
  description: (description: CallDescription) => void;
  candidate: (candidate: RTCIceCandidateInit) => void;
}

/** A snapshot of the media path, from getStats(). */
export interface CallStats {
  audioBytesSent: number;
  audioBytesReceived: number;
  /** The selected candidate pair's local type (`host`, `srflx`, `relay`…), null before one is selected. */
  localCandidateType: string | null;
  remoteCandidateType: string | null;
  roundTripMs: number | null;
  /** Share of incoming audio packets lost, 0..1. */
  lossRatio: number;
  quality: CallQuality | null;
}

export interface CallEngineOptions {
  /** The callee is polite: on crossed offers it gives way. */
  polite: boolean;
  /**
   * Add the microphone only once the other side's first offer is in, so that the answer carries it (the callee):
   * the first negotiation is then the caller's alone, and no offer crosses it.
   */
  waitForOffer?: boolean;
  rtc: RTCConfiguration;
  signaller: CallSignaller;
  onRemoteStream: (stream: MediaStream) => void;
  onState: (state: CallConnection) => void;
  onStats?: (stats: CallStats) => void;
  /** Defaults to the microphone through getUserMedia. */
  getMicrophone?: () => Promise<MediaStream>;
  /** Defaults to `new RTCPeerConnection(config)` (tests pass a fake). */
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  /** Where `online` events come from (window). */
  events?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** How long ICE may stay `disconnected` before a restart. */
  disconnectedGraceMs?: number;
  /** How long the connection may stay down (after having been up, or from the start) before `failed`. */
  giveUpAfterMs?: number;
  /** How often stats are read while connected. */
  statsEveryMs?: number;
}

const defaultMicrophone = () => navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true }, video: false });

/** good / fair / poor from round-trip time and loss, as people hear them. */
export function qualityOf(roundTripMs: number | null, lossRatio: number): CallQuality | null {
  if (roundTripMs === null) return null;
  if (roundTripMs < 300 && lossRatio < 0.03) return 'good';
  if (roundTripMs < 700 && lossRatio < 0.1) return 'fair';
  return 'poor';
}

/** Reads the numbers the call bar and the tests need out of an RTCStatsReport. */
export function summarizeStats(report: RTCStatsReport): CallStats {
  let sent = 0;
  let received = 0;
  let lost = 0;
  let packets = 0;
  let pair: Record<string, unknown> | null = null;
  const byId = new Map<string, Record<string, unknown>>();
  report.forEach((value: Record<string, unknown>) => {
    byId.set(String(value.id), value);
    if (value.type === 'outbound-rtp' && value.kind === 'audio') sent += Number(value.bytesSent ?? 0);
    if (value.type === 'inbound-rtp' && value.kind === 'audio') {
      received += Number(value.bytesReceived ?? 0);
      lost += Math.max(0, Number(value.packetsLost ?? 0));
      packets += Number(value.packetsReceived ?? 0);
    }
  });
  report.forEach((value: Record<string, unknown>) => {
    if (value.type === 'transport' && typeof value.selectedCandidatePairId === 'string') pair = byId.get(value.selectedCandidatePairId) ?? pair;
  });
  if (!pair) {
    report.forEach((value: Record<string, unknown>) => {
      if (!pair && value.type === 'candidate-pair' && value.state === 'succeeded' && value.nominated) pair = value;
    });
  }
  const selected = pair as Record<string, unknown> | null;
  const local = selected ? byId.get(String(selected.localCandidateId)) : undefined;
  const remote = selected ? byId.get(String(selected.remoteCandidateId)) : undefined;
  const rtt = selected && typeof selected.currentRoundTripTime === 'number' ? Math.round(selected.currentRoundTripTime * 1000) : null;
  const lossRatio = packets + lost > 0 ? lost / (packets + lost) : 0;
  return {
    audioBytesSent: sent,
    audioBytesReceived: received,
    localCandidateType: typeof local?.candidateType === 'string' ? local.candidateType : null,
    remoteCandidateType: typeof remote?.candidateType === 'string' ? remote.candidateType : null,
    roundTripMs: rtt,
    lossRatio,
    quality: qualityOf(rtt, lossRatio),
  };
}

export class CallEngine {
  readonly pc: RTCPeerConnection;
  private readonly options: CallEngineOptions;
  private microphone: MediaStream | null = null;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  private pendingCandidates: RTCIceCandidateInit[] = [];
  private closed = false;
  private muted = false;
  private tracksAdded = false;
  private connection: CallConnection = 'connecting';
  private disconnectedTimer: ReturnType<typeof setTimeout> | null = null;
  private giveUpTimer: ReturnType<typeof setTimeout> | null = null;
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private readonly onOnline = () => this.restartIce();

  constructor(options: CallEngineOptions) {
    this.options = options;
    const create = options.createPeerConnection ?? ((config: RTCConfiguration) => new RTCPeerConnection(config));
    this.pc = create(options.rtc);
    this.pc.onnegotiationneeded = () => void this.negotiate();
    this.pc.onicecandidate = ({ candidate }) => {
      // null: this round of gathering is over (sent as the empty end-of-candidates marker).
      this.options.signaller.candidate(candidate ? candidate.toJSON() : { candidate: '' });
    };
    this.pc.ontrack = ({ track, streams }) => {
      this.options.onRemoteStream(streams[0] ?? new MediaStream([track]));
    };
    this.pc.oniceconnectionstatechange = () => this.iceStateChanged();
    this.pc.onconnectionstatechange = () => this.connectionStateChanged();
    options.events?.addEventListener('online', this.onOnline);
    this.armGiveUp();
  }

  /** Opens the microphone and adds it to the connection (which starts negotiating). Throws when the microphone is refused. */
  async start(): Promise<void> {
    const stream = await (this.options.getMicrophone ?? defaultMicrophone)();
    if (this.closed) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    this.microphone = stream;
    if (!this.options.waitForOffer || this.pc.remoteDescription) this.addTracks();
  }

  private addTracks() {
    if (this.tracksAdded || !this.microphone) return;
    this.tracksAdded = true;
    for (const track of this.microphone.getAudioTracks()) {
      track.enabled = !this.muted;
      this.pc.addTrack(track, this.microphone);
    }
  }

  private async negotiate() {
    if (this.closed) return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      const local = this.pc.localDescription;
      if (local && (local.type === 'offer' || local.type === 'answer')) this.options.signaller.description({ type: local.type, sdp: local.sdp });
    } catch {
      // A failed offer (state changed meanwhile) is retried by the browser's next negotiationneeded.
    } finally {
      this.makingOffer = false;
    }
  }

  /** A description from the other side. */
  async receiveDescription(description: CallDescription): Promise<void> {
    if (this.closed) return;
    const readyForOffer = !this.makingOffer && (this.pc.signalingState === 'stable' || this.settingRemoteAnswer);
    const collision = description.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.options.polite && collision;
    if (this.ignoreOffer) return;
    this.settingRemoteAnswer = description.type === 'answer';
    // On a collision the polite side's setRemoteDescription rolls its own offer back implicitly.
    await this.pc.setRemoteDescription(description);
    this.settingRemoteAnswer = false;
    await this.flushCandidates();
    if (description.type === 'offer') {
      // The callee's microphone joins the transceiver the offer created, so the answer sends it.
      this.addTracks();
      await this.pc.setLocalDescription();
      const local = this.pc.localDescription;
      if (local && local.type === 'answer') this.options.signaller.description({ type: 'answer', sdp: local.sdp });
    }
  }

  /** A candidate from the other side (held until its description is set). */
  async receiveCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    if (this.closed) return;
    if (!this.pc.remoteDescription) {
      this.pendingCandidates.push(candidate);
      return;
    }
    await this.addCandidate(candidate);
  }

  /** Held candidates may belong to an offer ignored or rolled back meanwhile: those that no longer apply are dropped. */
  private async flushCandidates() {
    const pending = this.pendingCandidates;
    this.pendingCandidates = [];
    for (const candidate of pending) await this.pc.addIceCandidate(candidate).catch(() => undefined);
  }

  private async addCandidate(candidate: RTCIceCandidateInit) {
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (error) {
      // Candidates of an offer we ignored fail to apply: expected. Anything else is a real problem.
      if (!this.ignoreOffer) throw error;
    }
  }

  setMuted(muted: boolean) {
    this.muted = muted;
    for (const track of this.microphone?.getAudioTracks() ?? []) track.enabled = !muted;
  }

  /** New ICE candidates on both sides (a changed network); negotiation follows by itself. */
  restartIce() {
    if (this.closed) return;
    this.pc.restartIce();
  }

  async stats(): Promise<CallStats> {
    return summarizeStats(await this.pc.getStats());
  }

  private setConnection(state: CallConnection) {
    if (this.connection === state || this.closed) return;
    this.connection = state;
    this.options.onState(state);
  }

  private iceStateChanged() {
    const state = this.pc.iceConnectionState;
    if (this.disconnectedTimer) clearTimeout(this.disconnectedTimer);
    this.disconnectedTimer = null;
    if (state === 'failed') {
      this.setConnection('reconnecting');
      this.restartIce();
    } else if (state === 'disconnected') {
      this.setConnection('reconnecting');
      // Often back by itself within a second or two; otherwise restart.
      this.disconnectedTimer = setTimeout(() => {
        if (this.pc.iceConnectionState === 'disconnected') this.restartIce();
      }, this.options.disconnectedGraceMs ?? 2000);
    }
  }

  private connectionStateChanged() {
    const state = this.pc.connectionState;
    if (state === 'connected') {
      if (this.giveUpTimer) clearTimeout(this.giveUpTimer);
      this.giveUpTimer = null;
      this.setConnection('connected');
      this.startStats();
    } else if (state === 'disconnected' || state === 'failed') {
      this.setConnection('reconnecting');
      this.armGiveUp();
    }
  }

  private armGiveUp() {
    if (this.giveUpTimer) return;
    this.giveUpTimer = setTimeout(() => {
      this.giveUpTimer = null;
      if (this.pc.connectionState !== 'connected') this.setConnection('failed');
    }, this.options.giveUpAfterMs ?? 20_000);
  }

  private startStats() {
    if (this.statsTimer || !this.options.onStats) return;
    const read = async () => {
      try {
        this.options.onStats?.(await this.stats());
      } catch {
        // Closed meanwhile.
      }
    };
    void read();
    this.statsTimer = setInterval(() => void read(), this.options.statsEveryMs ?? 2000);
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    for (const timer of [this.disconnectedTimer, this.giveUpTimer]) if (timer) clearTimeout(timer);
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.options.events?.removeEventListener('online', this.onOnline);
    for (const track of this.microphone?.getTracks() ?? []) track.stop();
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.oniceconnectionstatechange = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
  }
}
