import { httpFailure, parseJson, type HttpFailure } from './http-error.ts';
import { refreshSession } from './session-refresh.ts';

export type MultipartResult<T> = { ok: true; status: number; body: Partial<T> } | ({ ok: false } & HttpFailure);

export interface MultipartHandle<T> {
  result: Promise<MultipartResult<T>>;
  abort: () => void;
}

export interface MultipartOptions {
  url: string;
  method?: 'POST' | 'PUT';
  form: FormData;
  /** 0..1 of the bytes sent. */
  onProgress?: (fraction: number) => void;
}

/**
 * Sends a form with XMLHttpRequest rather than fetch: it reports upload progress and can be aborted.
 * The session cookies go along (`withCredentials`); on a 401 the session is refreshed once and the
 * request is sent again. Used for small files (covers); audio goes through tus (./upload.ts).
 */
export function sendMultipart<T>({ url, method = 'POST', form, onProgress }: MultipartOptions): MultipartHandle<T> {
  let current: XMLHttpRequest | null = null;
  let aborted = false;

  const send = () =>
    new Promise<MultipartResult<T>>((resolve) => {
      const xhr = new XMLHttpRequest();
      current = xhr;
      xhr.open(method, url);
      xhr.withCredentials = true;
      xhr.setRequestHeader('accept', 'application/json');
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
      };
      xhr.upload.onload = () => onProgress?.(1);
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) resolve({ ok: true, status: xhr.status, body: parseJson<T>(xhr.responseText) });
        else resolve({ ok: false, ...httpFailure(xhr.status, xhr.responseText) });
      };
      xhr.onerror = () => resolve({ ok: false, reason: 'network' });
      xhr.onabort = () => resolve({ ok: false, reason: 'aborted' });
      xhr.send(form);
    });

  const run = async (): Promise<MultipartResult<T>> => {
    const first = await send();
    if (aborted) return { ok: false, reason: 'aborted' };
    if (first.ok || first.reason !== 'http' || first.status !== 401) return first;
    if (!(await refreshSession()) || aborted) return aborted ? { ok: false, reason: 'aborted' } : first;
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
