import { AUDIO_ACCEPT } from '@veza/validators';
import i18next from 'i18next';
import { create } from 'zustand';
import { matchesAccept } from '../../lib/accept.ts';
import type { HttpFailure } from '../../lib/http-error.ts';
import { createTusUpload, type TusUploadHandle } from '../../lib/upload.ts';
import { pushToast } from '../../stores/toasts.ts';

/**
 * The upload queue. `idle` until the user starts it (the title can still change), then `waiting` for a
 * free slot, `uploading`, `paused` by the user, `failed` (the failure says why) or `done`: the bytes are
 * on the server and `trackId` names the new track, whose processing the track status follows.
 */
export type UploadStatus = 'idle' | 'waiting' | 'uploading' | 'paused' | 'failed' | 'done';

export interface UploadItem {
  id: string;
  file: File;
  title: string;
  status: UploadStatus;
  bytesSent: number;
  bytesTotal: number;
  failure: HttpFailure | null;
  trackId: string | null;
}

export type RejectReason = 'type' | 'empty';
export interface RejectedFile {
  name: string;
  reason: RejectReason;
}

/** Files sent at the same time; the rest wait their turn. */
export const MAX_CONCURRENT_UPLOADS = 2;

interface UploadsState {
  items: UploadItem[];
  /** Adds audio files to the list (not started yet); returns the ones refused before sending a byte. */
  addFiles: (files: File[]) => RejectedFile[];
  setTitle: (id: string, title: string) => void;
  /** Queues every item not started yet. */
  startAll: () => void;
  start: (id: string) => void;
  pause: (id: string) => void;
  resume: (id: string) => void;
  retry: (id: string) => void;
  /** Cancels the upload if it is running and takes the item off the list. */
  remove: (id: string) => void;
  /** Takes the finished items off the list. */
  clearDone: () => void;
}

/** Live tus uploads by item id (not state: they are not data to render). */
const handles = new Map<string, TusUploadHandle>();
let nextId = 1;
/** How many upload lists are on screen: with none, a finished upload says so in a toast. */
let listsShown = 0;

/** Called by the upload screen while it is mounted; returns the cleanup. */
export function showingUploadList(): () => void {
  listsShown++;
  return () => {
    listsShown--;
  };
}

export const isActive = (item: UploadItem) => item.status === 'waiting' || item.status === 'uploading' || item.status === 'paused';

export const useUploads = create<UploadsState>()((set, get) => {
  const patch = (id: string, change: Partial<UploadItem>) =>
    set((s) => ({ items: s.items.map((item) => (item.id === id ? { ...item, ...change } : item)) }));
  const find = (id: string) => get().items.find((item) => item.id === id);

  const handleFor = (item: UploadItem): TusUploadHandle => {
    const existing = handles.get(item.id);
    if (existing) return existing;
    const handle = createTusUpload({
      file: item.file,
      title: item.title,
      onProgress: (bytesSent, bytesTotal) => {
        if (find(item.id)?.status === 'uploading') patch(item.id, { bytesSent, bytesTotal });
      },
      onSuccess: (trackId) => {
        handles.delete(item.id);
        patch(item.id, { status: 'done', trackId, bytesSent: item.file.size, failure: null });
        if (listsShown === 0) pushToast({ title: i18next.t('upload.done', { name: item.file.name }), tone: 'success' });
        pump();
      },
      onError: (failure) => {
        if (find(item.id)?.status !== 'uploading') return;
        patch(item.id, { status: 'failed', failure });
        pump();
      },
    });
    handles.set(item.id, handle);
    return handle;
  };

  /** Starts waiting items, oldest first, while fewer than MAX_CONCURRENT_UPLOADS are uploading. */
  const pump = () => {
    const { items } = get();
    let running = items.filter((item) => item.status === 'uploading').length;
    for (const item of items) {
      if (running >= MAX_CONCURRENT_UPLOADS) break;
      if (item.status !== 'waiting') continue;
      running++;
      patch(item.id, { status: 'uploading', failure: null });
      void handleFor(item).start();
    }
  };

  const queue = (id: string, from: UploadStatus[]) => {
    const item = find(id);
    if (!item || !from.includes(item.status)) return;
    patch(id, { status: 'waiting', failure: null });
    pump();
  };

  return {
    items: [],
    addFiles: (files) => {
      const rejected: RejectedFile[] = [];
      const added: UploadItem[] = [];
      for (const file of files) {
        if (!matchesAccept(file, AUDIO_ACCEPT)) rejected.push({ name: file.name, reason: 'type' });
        else if (file.size === 0) rejected.push({ name: file.name, reason: 'empty' });
        else {
          added.push({ id: `upload-${nextId++}`, file, title: '', status: 'idle', bytesSent: 0, bytesTotal: file.size, failure: null, trackId: null });
        }
      }
      if (added.length > 0) set((s) => ({ items: [...s.items, ...added] }));
      return rejected;
    },
    setTitle: (id, title) => {
      if (find(id)?.status === 'idle') patch(id, { title });
    },
    startAll: () => {
      set((s) => ({ items: s.items.map((item) => (item.status === 'idle' ? { ...item, status: 'waiting' as const } : item)) }));
      pump();
    },
    start: (id) => queue(id, ['idle']),
    pause: (id) => {
      const item = find(id);
      if (!item || (item.status !== 'uploading' && item.status !== 'waiting')) return;
      patch(id, { status: 'paused' });
      void handles.get(id)?.pause();
      pump();
    },
    resume: (id) => queue(id, ['paused']),
    retry: (id) => queue(id, ['failed']),
    remove: (id) => {
      const handle = handles.get(id);
      handles.delete(id);
      set((s) => ({ items: s.items.filter((item) => item.id !== id) }));
      void handle?.cancel();
      pump();
    },
    clearDone: () => set((s) => ({ items: s.items.filter((item) => item.status !== 'done') })),
  };
});

/** Tests and stories start from an empty list (cancelling whatever was running). */
export function resetUploads(items: UploadItem[] = []) {
  for (const handle of handles.values()) void handle.cancel();
  handles.clear();
  useUploads.setState({ items });
}

// Leaving the page would stop the uploads in flight: ask first, for as long as some are unfinished.
if (typeof window !== 'undefined') {
  const warn = (event: BeforeUnloadEvent) => {
    event.preventDefault();
    event.returnValue = '';
  };
  let warning = false;
  useUploads.subscribe(({ items }) => {
    const busy = items.some(isActive);
    if (busy === warning) return;
    warning = busy;
    if (busy) window.addEventListener('beforeunload', warn);
    else window.removeEventListener('beforeunload', warn);
  });
}
