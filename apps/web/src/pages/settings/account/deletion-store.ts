import { create } from 'zustand';

interface PendingDeletionState {
  /** The purge date the server gave when the deletion was requested in this tab (ISO), if known. */
  purgeAt: string | null;
  setPurgeAt: (purgeAt: string | null) => void;
}

/**
 * `auth.me` tells whether a deletion is pending (deletionRequestedAt); the purge date itself comes back from
 * `account.requestDeletion`, so it is remembered here for the banner and the account page.
 */
export const usePendingDeletion = create<PendingDeletionState>()((set) => ({
  purgeAt: null,
  setPurgeAt: (purgeAt) => set({ purgeAt }),
}));
