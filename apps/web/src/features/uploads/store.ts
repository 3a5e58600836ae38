import type { TrackVisibilityValue } from '@veza/validators';
import i18next from 'i18next';
import { create } from 'zustand';
import type { HttpFailure } from '../../lib/http-error.ts';
import type { TusUploadHandle } from '../../lib/upload.ts';
import type { Inspection } from './inspect.ts';
import { pushToast } from '../../stores/toasts.ts';

/**
 * The upload queue. A file is `checking` while the browser reads its first bytes and tags, then `rejected` (not audio,
 * or empty: nothing is sent) or `waiting` for a free slot, `uploading`, `paused` by the user, `failed` (the failure
 * says why) or `done`: the bytes are on the server and `trackId` names the new track.
 *
 * This module is part of the first load (the header shows the uploads' progress on every page): the tus client and
 * the file inspection are imported on demand.
 */
export type UploadStatus = 'checking' | 'rejected' | 'waiting' | 'uploading' | 'paused' | 'failed' | 'done';
export type RejectReason = 'type' | 'empty';

/**
 * What the user can set while the file uploads. It goes with the upload when it starts; edits made after that are
 * saved beside the upload on the server (tracks.setUploadDetails), and the track is created with them.
 */
export interface UploadDetails {
  title: string;
  tags: string[];
  visibility: TrackVisibilityValue;
}

/** What the server has for the upload (then its track); null where it is not known (an upload from an earlier visit). */
export interface SavedDetails {
  title: string;
  tags: string[] | null;
  visibility: TrackVisibilityValue | null;
}

export interface UploadItem {
  id: string;
  file: File;
  status: UploadStatus;
  bytesSent: number;
  bytesTotal: number;
  failure: HttpFailure | null;
  rejection: RejectReason | null;
  /** The server's id for the upload, once it has been created there; details are saved against it. */
  uploadId: string | null;
  trackId: string | null;
  /** What the row shows and the user edits. */
  details: UploadDetails;
  /** The user typed a title: the one read from the tags no longer replaces it. */
  titleEdited: boolean;
  /** What the server has (null until the upload exists there); the difference with `details` is still to save. */
  saved: SavedDetails | null;
  saving: boolean;
  /** The last save failed (with the server's message, if any); cleared by the next edit or save. */
  saveError: { message: string | null } | null;
}

/** Files sent at the same time; the rest wait their turn. */
export const MAX_CONCURRENT_UPLOADS = 2;
/** An edit is saved this long after the last keystroke (or at once when the field loses focus). */
export const SAVE_DELAY_MS = 1500;

/**
 * Saves details for an upload the server knows (tracks.setUploadDetails): the track is created with them, or takes
 * them if it already exists. Registered by a mounted component that has the API client.
 */
export type DetailsSaver = (uploadId: string, change: Partial<UploadDetails>) => Promise<void>;

interface UploadsState {
  items: UploadItem[];
  /** Adds files to the list and starts each as soon as the browser has checked it. */
  addFiles: (files: File[]) => void;
  /** Edits what the track will have; saved soon if the upload exists on the server, else sent when it starts. */
  setDetails: (id: string, change: Partial<UploadDetails>) => void;
  /** Saves pending edits now (a field lost focus) instead of after the delay. */
  saveDetails: (id: string) => void;
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
const saveTimers = new Map<string, ReturnType<typeof setTimeout>>();
/** Registered savers, latest last (the upload screen's and the header's: either can go away first). */
const savers: DetailsSaver[] = [];
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

/** Still going: checked, queued, sending or paused. */
export const isActive = (item: UploadItem) =>
  item.status === 'checking' || item.status === 'waiting' || item.status === 'uploading' || item.status === 'paused';

/** Trying again can only help when the server could not be reached, was busy or broke, or the session lapsed. */
export function canRetry(failure: HttpFailure | null): boolean {
  if (!failure || failure.reason !== 'http') return true;
  return failure.status === 401 || failure.status === 408 || failure.status === 409 || failure.status === 423 || failure.status === 429 || failure.status >= 500;
}

/** The edits the server does not have yet; a blank title means "keep the one the server chose". */
export function pendingDetails(item: UploadItem): Partial<UploadDetails> {
  if (!item.saved) return {};
  const change: Partial<UploadDetails> = {};
  const title = item.details.title.trim();
  if (title && title !== item.saved.title) change.title = title;
  if (item.details.visibility !== item.saved.visibility) change.visibility = item.details.visibility;
  if (item.details.tags.join('\n') !== item.saved.tags?.join('\n')) change.tags = item.details.tags;
  return change;
}

/** A fallback title while the tags are read (inspect.ts has the rule the server shares). */
const nameWithoutExtension = (name: string) => name.replace(/\.[^.]*$/, '').replace(/_+/g, ' ').trim() || name;

export const useUploads = create<UploadsState>()((set, get) => {
  const patch = (id: string, change: Partial<UploadItem>) =>
    set((s) => ({ items: s.items.map((item) => (item.id === id ? { ...item, ...change } : item)) }));
  const find = (id: string) => get().items.find((item) => item.id === id);

  const handleFor = async (id: string): Promise<TusUploadHandle | null> => {
    const existing = handles.get(id);
    if (existing) return existing;
    const { createTusUpload } = await import('../../lib/upload.ts');
    const item = find(id);
    if (!item) return null;
    const raced = handles.get(id);
    if (raced) return raced;
    // The details of the moment go with the creation; later edits are saved beside the upload, then on the track.
    const handle = createTusUpload({
      file: item.file,
      details: () => find(id)?.details ?? item.details,
      onUploadId: (uploadId, sent) => {
        const current = find(id);
        if (!current || current.uploadId === uploadId) return;
        patch(id, { uploadId, saveError: null, saved: sent ? { ...sent, title: sent.title.trim(), tags: [...sent.tags] } : { title: '', tags: null, visibility: null } });
        void sync(id);
      },
      onProgress: (bytesSent, bytesTotal) => {
        if (find(id)?.status === 'uploading') patch(id, { bytesSent, bytesTotal });
      },
      onSuccess: (trackId) => {
        handles.delete(id);
        const current = find(id);
        if (!current) return;
        patch(id, {
          status: 'done',
          trackId,
          bytesSent: current.file.size,
          failure: null,
        });
        if (listsShown === 0) pushToast({ title: i18next.t('upload.done', { name: current.file.name }), tone: 'success' });
        void sync(id);
        pump();
      },
      onError: (failure) => {
        if (find(id)?.status !== 'uploading') return;
        patch(id, { status: 'failed', failure });
        pump();
      },
    });
    handles.set(id, handle);
    return handle;
  };

  const run = async (id: string) => {
    try {
      const handle = await handleFor(id);
      if (handle && find(id)?.status === 'uploading') await handle.start();
    } catch {
      // The upload code could not be fetched (offline): a network failure, which Try again can fix.
      if (find(id)?.status === 'uploading') patch(id, { status: 'failed', failure: { reason: 'network' } });
      pump();
    }
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
      void run(item.id);
    }
  };

  const queue = (id: string, from: UploadStatus[]) => {
    const item = find(id);
    if (!item || !from.includes(item.status)) return;
    patch(id, { status: 'waiting', failure: null });
    pump();
  };

  /** Reads the first bytes and the tags, then queues the file or rejects it; nothing is sent before. */
  const inspect = async (id: string) => {
    const item = find(id);
    if (!item) return;
    let result: Inspection | null;
    try {
      const { inspectAudioFile } = await import('./inspect.ts');
      result = await inspectAudioFile(item.file);
    } catch {
      // The checking code could not be fetched: the server checks the file anyway.
      result = null;
    }
    const current = find(id);
    if (!current || current.status !== 'checking') return;
    if (result && !result.ok) {
      patch(id, { status: 'rejected', rejection: result.reason });
      return;
    }
    const title = current.titleEdited || !result ? current.details.title : result.title;
    patch(id, { status: 'waiting', details: { ...current.details, title } });
    pump();
  };

  /** Saves what the server does not have yet, one request at a time per item, until nothing is left. */
  const sync = async (id: string) => {
    clearTimeout(saveTimers.get(id));
    saveTimers.delete(id);
    const item = find(id);
    const saver = savers.at(-1);
    if (!item?.uploadId || item.saving || item.saveError || !saver) return;
    const change = pendingDetails(item);
    if (Object.keys(change).length === 0) return;
    patch(id, { saving: true });
    try {
      await saver(item.uploadId, change);
      const now = find(id);
      if (!now?.saved) return;
      patch(id, { saving: false, saved: { ...now.saved, ...change } });
      void sync(id);
    } catch (error) {
      // A message the server wrote (a TRPCClientError with data) is worth showing; a failed fetch's is not.
      const fromServer = error instanceof Error && 'data' in error && Boolean(error.data);
      patch(id, { saving: false, saveError: { message: fromServer && error instanceof Error ? error.message : null } });
    }
  };

  return {
    items: [],
    addFiles: (files) => {
      const added: UploadItem[] = files.map((file) => ({
        id: `upload-${nextId++}`,
        file,
        status: 'checking',
        bytesSent: 0,
        bytesTotal: file.size,
        failure: null,
        rejection: null,
        uploadId: null,
        trackId: null,
        details: { title: nameWithoutExtension(file.name), tags: [], visibility: 'public' },
        titleEdited: false,
        saved: null,
        saving: false,
        saveError: null,
      }));
      if (added.length === 0) return;
      set((s) => ({ items: [...s.items, ...added] }));
      for (const item of added) void inspect(item.id);
    },
    setDetails: (id, change) => {
      const item = find(id);
      if (!item || item.status === 'rejected') return;
      patch(id, { details: { ...item.details, ...change }, titleEdited: item.titleEdited || change.title !== undefined, saveError: null });
      if (!item.uploadId) return;
      clearTimeout(saveTimers.get(id));
      saveTimers.set(id, setTimeout(() => void sync(id), SAVE_DELAY_MS));
    },
    saveDetails: (id) => {
      if (find(id)?.saveError) patch(id, { saveError: null });
      void sync(id);
    },
    pause: (id) => {
      const item = find(id);
      if (!item || (item.status !== 'uploading' && item.status !== 'waiting')) return;
      patch(id, { status: 'paused' });
      void handles.get(id)?.pause();
      pump();
    },
    resume: (id) => queue(id, ['paused']),
    retry: (id) => {
      if (canRetry(find(id)?.failure ?? null)) queue(id, ['failed']);
    },
    remove: (id) => {
      const handle = handles.get(id);
      handles.delete(id);
      clearTimeout(saveTimers.get(id));
      saveTimers.delete(id);
      set((s) => ({ items: s.items.filter((item) => item.id !== id) }));
      void handle?.cancel();
      pump();
    },
    clearDone: () => set((s) => ({ items: s.items.filter((item) => item.status !== 'done') })),
  };
});

/**
 * Lets the store save details with the app's API client (the latest registered one is used); returns the cleanup. Edits waiting for a saver are saved as soon as one registers.
 */
export function registerDetailsSaver(register: DetailsSaver): () => void {
  savers.push(register);
  for (const item of useUploads.getState().items) {
    if (item.uploadId && !item.saveError) useUploads.getState().saveDetails(item.id);
  }
  return () => {
    const index = savers.lastIndexOf(register);
    if (index >= 0) savers.splice(index, 1);
  };
}

/** Tests and stories start from an empty list (cancelling whatever was running). */
export function resetUploads(items: UploadItem[] = []) {
  for (const handle of handles.values()) void handle.cancel();
  handles.clear();
  for (const timer of saveTimers.values()) clearTimeout(timer);
  saveTimers.clear();
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
    const busy = items.some((item) => isActive(item) || item.saving || Object.keys(pendingDetails(item)).length > 0);
    if (busy === warning) return;
    warning = busy;
    if (busy) window.addEventListener('beforeunload', warn);
    else window.removeEventListener('beforeunload', warn);
  });
}
