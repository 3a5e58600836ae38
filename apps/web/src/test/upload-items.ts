import type { UploadItem } from '../features/uploads/store.ts';

export const MB = 1024 * 1024;
let n = 0;

/** An upload list entry in a given state, for stories and tests that fill the store directly (no tus server there). */
export function anUploadItem(name: string, overrides: Partial<UploadItem> = {}): UploadItem {
  const size = overrides.bytesTotal ?? 32 * MB;
  return {
    id: `story-${++n}`,
    // A small stand-in: the list shows `bytesTotal`, and the size line reads `file.size`.
    file: Object.defineProperty(new File([new Uint8Array(8)], name, { type: 'audio/wav' }), 'size', { value: size }),
    status: 'waiting',
    bytesSent: 0,
    bytesTotal: size,
    failure: null,
    rejection: null,
    uploadId: null,
    trackId: null,
    details: { title: name.replace(/\.[^.]*$/, ''), tags: [], visibility: 'public' },
    titleEdited: false,
    saved: null,
    saving: false,
    saveError: null,
    ...overrides,
  };
}
