import { create } from 'zustand';

export type ToastTone = 'info' | 'success' | 'error';

export interface Toast {
  id: string;
  title: string;
  description?: string;
  tone?: ToastTone;
  /** A link under the text ("Open the playlist"), followed inside the app. */
  link?: { href: string; label: string };
}

export const TOAST_DURATION_MS = 6000;
const MAX_TOASTS = 4;

interface ToastState {
  toasts: Toast[];
  push: (toast: Omit<Toast, 'id'> & { id?: string }) => string;
  dismiss: (id: string) => void;
  clear: () => void;
}

const timers = new Map<string, ReturnType<typeof setTimeout>>();
let counter = 0;

/** Short messages at the edge of the screen; each one goes away by itself after ~6 s. */
export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  push: (toast) => {
    const id = toast.id ?? `toast-${++counter}`;
    // A toast with the same id shows once: the newer one's words replace it in place (the same refusal again, now in
    // another language or for another reason), and its time starts again.
    if (get().toasts.some((t) => t.id === id)) set((s) => ({ toasts: s.toasts.map((t) => (t.id === id ? { ...toast, id } : t)) }));
    else set((s) => ({ toasts: [...s.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
    clearTimeout(timers.get(id));
    timers.set(id, setTimeout(() => get().dismiss(id), TOAST_DURATION_MS));
    return id;
  },
  dismiss: (id) => {
    clearTimeout(timers.get(id));
    timers.delete(id);
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  clear: () => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    set({ toasts: [] });
  },
}));

/** For code outside React (links, callbacks). */
export const pushToast = (toast: Omit<Toast, 'id'> & { id?: string }) => useToasts.getState().push(toast);
