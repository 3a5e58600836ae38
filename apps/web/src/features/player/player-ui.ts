import { create } from 'zustand';

interface PlayerUiState {
  queueOpen: boolean;
  helpOpen: boolean;
  setQueueOpen: (open: boolean) => void;
  setHelpOpen: (open: boolean) => void;
}

/** Which player panels are open (the queue panel, the keyboard shortcuts help). */
export const usePlayerUi = create<PlayerUiState>()((set) => ({
  queueOpen: false,
  helpOpen: false,
  setQueueOpen: (queueOpen) => set({ queueOpen }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
}));
