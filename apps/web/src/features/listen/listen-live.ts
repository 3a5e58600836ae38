import { create } from 'zustand';

interface ListenLiveState {
  /** Where the session is (ms) and where this player is (ms), refreshed a few times a second while in a session. */
  expectedMs: number | null;
  positionMs: number | null;
  /** The server's clock minus ours (ms), once measured. */
  offsetMs: number | null;
  /** A listener's own pause: the session goes on without them. */
  hold: boolean;
  /** Bumped to put the player back on the session (e.g. after the browser refused to start it). */
  nudge: number;
  /** The last hand-over or end, announced on the session screen. */
  notice: string | null;
  pause: () => void;
  resume: () => void;
}

/** The live side of the session this tab follows, written by the driver (listen-driver.tsx), read by the screen. */
export const useListenLive = create<ListenLiveState>()((set) => ({
  expectedMs: null,
  positionMs: null,
  offsetMs: null,
  hold: false,
  nudge: 0,
  notice: null,
  pause: () => set({ hold: true }),
  resume: () => set((s) => ({ hold: false, nudge: s.nudge + 1 })),
}));

export const resetListenLive = () => useListenLive.setState({ expectedMs: null, positionMs: null, offsetMs: null, hold: false, nudge: 0, notice: null });
