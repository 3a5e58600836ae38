import { create } from 'zustand';

export interface PlayerTrack {
  id: string;
  title: string;
  artistName: string;
  username: string;
  audioUrl: string;
  durationMs?: number | null;
}

interface PlayerState {
  track: PlayerTrack | null;
  isPlaying: boolean;
  currentTime: number;
  duration: number;
  buffering: boolean;
  failed: boolean;
  /** The one <audio> element, registered by PlayerHost. */
  audio: HTMLAudioElement | null;
  attach: (audio: HTMLAudioElement | null) => void;
  /** Starts `track` (or resumes it if it is already loaded). */
  play: (track: PlayerTrack) => void;
  /** Play if paused, pause if playing; starts `track` when another one is loaded. */
  toggle: (track?: PlayerTrack) => void;
  pause: () => void;
  seek: (seconds: number) => void;
  stop: () => void;
  /** Called by PlayerHost from the element's media events. */
  report: (patch: Partial<Pick<PlayerState, 'isPlaying' | 'currentTime' | 'duration' | 'buffering' | 'failed'>>) => void;
}

function start(audio: HTMLAudioElement | null, onFail: () => void) {
  if (!audio) return;
  audio.play().catch((error: unknown) => {
    // A newer load() interrupting this play() is not a failure.
    if (error instanceof DOMException && error.name === 'AbortError') return;
    onFail();
  });
}

/** The persistent player: the store decides, the single <audio> element in PlayerHost plays. */
export const usePlayer = create<PlayerState>()((set, get) => ({
  track: null,
  isPlaying: false,
  currentTime: 0,
  duration: 0,
  buffering: false,
  failed: false,
  audio: null,
  attach: (audio) => set({ audio }),
  play: (track) => {
    const { audio, track: current } = get();
    if (current?.id !== track.id) {
      set({ track, currentTime: 0, duration: (track.durationMs ?? 0) / 1000, buffering: true, failed: false });
      if (audio) {
        audio.src = track.audioUrl;
        audio.currentTime = 0;
      }
    }
    set({ isPlaying: true });
    start(audio, () => set({ isPlaying: false, buffering: false, failed: true }));
  },
  toggle: (track) => {
    const state = get();
    if (track && state.track?.id !== track.id) return state.play(track);
    if (!state.track) return;
    if (state.isPlaying) state.pause();
    else state.play(state.track);
  },
  pause: () => {
    set({ isPlaying: false });
    get().audio?.pause();
  },
  seek: (seconds) => {
    const { audio, duration } = get();
    const to = Math.max(0, duration > 0 ? Math.min(seconds, duration) : seconds);
    set({ currentTime: to });
    if (audio) audio.currentTime = to;
  },
  stop: () => {
    const { audio } = get();
    if (audio) {
      audio.pause();
      audio.removeAttribute('src');
      audio.load();
    }
    set({ track: null, isPlaying: false, currentTime: 0, duration: 0, buffering: false, failed: false });
  },
  report: (patch) => set(patch),
}));

/** True when `trackId` is the loaded track and it is playing. */
export const useIsPlaying = (trackId: string) => usePlayer((s) => s.isPlaying && s.track?.id === trackId);
