import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** 'auto' lets hls.js choose (ABR); a number pins a rendition by its nominal kbps. */
export type QualityPreference = 'auto' | number;

export const MAX_CROSSFADE_S = 12;

interface PlayerSettingsState {
  volume: number;
  muted: boolean;
  quality: QualityPreference;
  /** Loudness normalisation to −14 LUFS. */
  normalize: boolean;
  /** Seconds, 0 = off (gapless). */
  crossfade: number;
  /** Up next: when the queue ends, keep playing tracks related to the last one. */
  autoplay: boolean;
  setVolume: (volume: number) => void;
  setMuted: (muted: boolean) => void;
  setQuality: (quality: QualityPreference) => void;
  setNormalize: (on: boolean) => void;
  setCrossfade: (seconds: number) => void;
  setAutoplay: (on: boolean) => void;
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, Number.isFinite(v) ? v : min));

/** Listening preferences, kept in localStorage. */
export const usePlayerSettings = create<PlayerSettingsState>()(
  persist(
    (set) => ({
      volume: 1,
      muted: false,
      quality: 'auto',
      normalize: true,
      crossfade: 0,
      autoplay: true,
      setVolume: (volume) => set({ volume: clamp(volume, 0, 1), muted: false }),
      setMuted: (muted) => set({ muted }),
      setQuality: (quality) => set({ quality }),
      setNormalize: (normalize) => set({ normalize }),
      setCrossfade: (seconds) => set({ crossfade: Math.round(clamp(seconds, 0, MAX_CROSSFADE_S)) }),
      setAutoplay: (autoplay) => set({ autoplay }),
    }),
    {
      name: 'veza.player',
      storage: createJSONStorage(() => localStorage),
      partialize: ({ volume, muted, quality, normalize, crossfade, autoplay }) => ({ volume, muted, quality, normalize, crossfade, autoplay }),
    },
  ),
);
