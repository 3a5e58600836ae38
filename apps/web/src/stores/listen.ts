import { create } from 'zustand';

interface ListenSessionState {
  /** The listening session this tab is in: while set, the shell mounts features/listen's driver, which runs the player. */
  activeId: string | null;
  enter: (id: string) => void;
  exit: () => void;
}

/** Which listening session (issue 11, "listen along") this tab follows; tiny, so the shell knows without loading it. */
export const useListenSession = create<ListenSessionState>()((set) => ({
  activeId: null,
  enter: (id) => set({ activeId: id }),
  exit: () => set({ activeId: null }),
}));
