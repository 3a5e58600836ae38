import type { CallDto } from '@veza/api';
import { create } from 'zustand';
import type { CallConnection, CallQuality } from './call-engine.ts';

/** idle; outgoing: ringing them; incoming: they ring me; active: answered (connecting, then connected). */
export type CallPhase = 'idle' | 'outgoing' | 'incoming' | 'active';

export interface CallPeer {
  id: string;
  username: string;
  displayName: string | null;
}

export interface CurrentCall {
  id: string;
  roomId: string;
  peer: CallPeer;
  direction: 'outgoing' | 'incoming';
  /** ms since the epoch, once answered (the duration shown counts from it). */
  answeredAt: number | null;
}

/** What the call UI can ask for; provided by the mounted <CallLayer /> (null when none is mounted). */
export interface CallActions {
  start: (roomId: string, peer: CallPeer) => Promise<void>;
  accept: () => Promise<void>;
  decline: () => Promise<void>;
  hangup: () => Promise<void>;
  setMuted: (muted: boolean) => void;
}

interface CallState {
  phase: CallPhase;
  call: CurrentCall | null;
  /** Placing or answering is under way (buttons wait). */
  pending: boolean;
  muted: boolean;
  connection: CallConnection;
  quality: CallQuality | null;
  remoteStream: MediaStream | null;
  actions: CallActions | null;

  setActions: (actions: CallActions | null) => void;
  setPending: (pending: boolean) => void;
  ringingOut: (call: CallDto, viewerId: string) => void;
  ringingIn: (call: CallDto, viewerId: string) => void;
  answered: (answeredAt: string | null) => void;
  setMutedFlag: (muted: boolean) => void;
  setConnection: (connection: CallConnection) => void;
  setQuality: (quality: CallQuality | null) => void;
  setRemoteStream: (stream: MediaStream | null) => void;
  /** Back to idle (the call ended, one way or another). */
  reset: () => void;
}

const idle = {
  phase: 'idle' as CallPhase,
  call: null,
  pending: false,
  muted: false,
  connection: 'connecting' as CallConnection,
  quality: null,
  remoteStream: null,
};

/** The other person of a call, seen from `viewerId`. */
export const peerOf = (call: CallDto, viewerId: string): CallPeer => (call.caller.id === viewerId ? call.callee : call.caller);

const current = (call: CallDto, viewerId: string): CurrentCall => ({
  id: call.id,
  roomId: call.roomId,
  peer: peerOf(call, viewerId),
  direction: call.caller.id === viewerId ? 'outgoing' : 'incoming',
  answeredAt: call.answeredAt ? Date.parse(call.answeredAt) : null,
});

/** This tab's call (one at a time). The media and signalling live in call-controller.ts. */
export const useCall = create<CallState>()((set) => ({
  ...idle,
  actions: null,
  setActions: (actions) => set({ actions }),
  setPending: (pending) => set({ pending }),
  ringingOut: (call, viewerId) => set({ ...idle, phase: 'outgoing', call: current(call, viewerId) }),
  ringingIn: (call, viewerId) => set({ ...idle, phase: 'incoming', call: current(call, viewerId) }),
  answered: (answeredAt) =>
    set((s) => (s.call ? { phase: 'active', pending: false, connection: 'connecting', call: { ...s.call, answeredAt: answeredAt ? Date.parse(answeredAt) : Date.now() } } : {})),
  setMutedFlag: (muted) => set({ muted }),
  setConnection: (connection) => set({ connection }),
  setQuality: (quality) => set({ quality }),
  setRemoteStream: (remoteStream) => set({ remoteStream }),
  reset: () => set({ ...idle }),
}));
