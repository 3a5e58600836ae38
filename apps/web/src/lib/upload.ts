import { refreshSession } from './session-refresh.ts';

export type UploadResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'aborted' }
  | { ok: false; reason: 'network' }
  | { ok: false; reason: 'http'; status: number; code: string | null; message: string | null };

export interface UploadHandle {
  result: Promise<UploadResult>;
  abort: () => void;
}

export interface UploadOptions {
  file: File;
  title?: string;
  /** 0..1 of the bytes sent. */
  onProgress?: (fraction: number) => void;
  url?: string;
}

interface ApiErrorBody {
  error?: { code?: string; message?: string };
  id?: string;
}

function parse(text: string): ApiErrorBody {
  try {
    return JSON.parse(text) as ApiErrorBody;
  } catch {
    return {};
  }
}

/**
 * Uploads with XMLHttpRequest rather than fetch: it reports upload progress and can be aborted.
 * The session cookies go along (`withCredentials`); on a 401 the session is refreshed once and the
 * upload starts again.
 */
export function uploadTrack({ file, title, onProgress, url = '/api/tracks' }: UploadOptions): UploadHandle {
  let current: XMLHttpRequest | null = null;
  let aborted = false;

  const send = () =>
    new Promise<UploadResult>((resolve) => {
      const xhr = new XMLHttpRequest();
      current = xhr;
      xhr.open('POST', url);
      xhr.withCredentials = true;
      xhr.setRequestHeader('accept', 'application/json');
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
      };
      // Every byte sent: the server is now checking the file.
      xhr.upload.onload = () => onProgress?.(1);
      xhr.onload = () => {
        const body = parse(xhr.responseText);
        if (xhr.status >= 200 && xhr.status < 300 && typeof body.id === 'string') resolve({ ok: true, id: body.id });
        else resolve({ ok: false, reason: 'http', status: xhr.status, code: body.error?.code ?? null, message: body.error?.message ?? null });
      };
      xhr.onerror = () => resolve({ ok: false, reason: 'network' });
      xhr.onabort = () => resolve({ ok: false, reason: 'aborted' });
      const form = new FormData();
      const trimmed = title?.trim();
      // Fields before the file: the server can read the title without buffering the file.
      if (trimmed) form.append('title', trimmed);
      form.append('file', file, file.name);
      xhr.send(form);
    });

  const run = async (): Promise<UploadResult> => {
    const first = await send();
    if (aborted) return { ok: false, reason: 'aborted' };
    if (first.ok || first.reason !== 'http' || first.status !== 401) return first;
    const refreshed = await refreshSession();
    if (aborted) return { ok: false, reason: 'aborted' };
    if (!refreshed) return first;
    onProgress?.(0);
    const second = await send();
    return aborted ? { ok: false, reason: 'aborted' } : second;
  };

  return {
    result: run(),
    abort: () => {
      aborted = true;
      current?.abort();
    },
  };
}
