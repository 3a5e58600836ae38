import type { RouterOutputs } from '@veza/api';
import { create } from 'zustand';

export type SessionUser = RouterOutputs['auth']['me'];
export type SessionStatus = 'unknown' | 'signed-in' | 'signed-out';

interface SessionState {
  status: SessionStatus;
  user: SessionUser | null;
  signIn: (user: SessionUser) => void;
  /** Updates the signed-in user's fields (after a profile edit). */
  update: (patch: Partial<SessionUser>) => void;
  signOut: () => void;
}

/** Who is signed in, as told by `auth.me`. The cookies themselves are httpOnly and never readable here. */
export const useSession = create<SessionState>()((set) => ({
  status: 'unknown',
  user: null,
  signIn: (user) => set({ status: 'signed-in', user }),
  update: (patch) => set((s) => (s.user ? { user: { ...s.user, ...patch } } : s)),
  signOut: () => set({ status: 'signed-out', user: null }),
}));
