import { defaultOptions, Upload, type DetailedError, type HttpRequest, type HttpResponse } from 'tus-js-client';
import { httpFailure, parseJson, type HttpFailure } from './http-error.ts';
import { refreshSession } from './session-refresh.ts';

/** tus 1.0 endpoint of the API server (resumable uploads). */
export const TUS_ENDPOINT = '/api/uploads';
/** 8 MB per PATCH: few requests on fast links, little to resend after a drop on slow ones. */
export const TUS_CHUNK_SIZE = 8 * 1024 * 1024;
/** Waits before each automatic retry of a failed request (network errors, 5xx, 409/423, 429). */
export const TUS_RETRY_DELAYS = [0, 1000, 3000, 5000, 10000];
/** The last response of a finished upload names the track it created. */
export const TRACK_ID_HEADER = 'Veza-Track-Id';

export interface TusUploadOptions {
  file: File;
  /** Optional title; the server otherwise takes it from the file's tags or name. */
  title?: string;
  endpoint?: string;
  onProgress: (bytesSent: number, bytesTotal: number) => void;
  onSuccess: (trackId: string) => void;
  onError: (failure: HttpFailure) => void;
}

export interface TusUploadHandle {
  /** Starts, or resumes after a pause or an error (from the server's offset; across reloads via the stored fingerprint). */
  start: () => Promise<void>;
  /** Stops sending; the server keeps what it has. */
  pause: () => Promise<void>;
  /** Stops and asks the server to discard the partial upload. */
  cancel: () => Promise<void>;
}

const statusOf = (error: Error | DetailedError): number | null =>
  'originalResponse' in error && error.originalResponse ? error.originalResponse.getStatus() : null;

/** Retry what can succeed later: network errors, server errors, offset conflicts, locks and rate limits. */
export function shouldRetry(status: number | null): boolean {
  if (status === null || status >= 500) return true;
  return status === 409 || status === 423 || status === 429;
}

/** The session cookies go along even when the API is on another origin. */
function withCookies(request: HttpRequest) {
  const xhr: unknown = request.getUnderlyingObject();
  if (typeof XMLHttpRequest !== 'undefined' && xhr instanceof XMLHttpRequest) xhr.withCredentials = true;
}

const trackIdOf = (response: HttpResponse): string | null =>
  response.getHeader(TRACK_ID_HEADER) ?? parseJson<{ id: string }>(response.getBody()).id ?? null;

/**
 * One resumable upload of an audio file over tus. Progress, the created track id and failures come back
 * through the callbacks; a 401 refreshes the session once and carries on from the server's offset.
 */
export function createTusUpload({ file, title, endpoint = TUS_ENDPOINT, onProgress, onSuccess, onError }: TusUploadOptions): TusUploadHandle {
  let trackId: string | null = null;
  let refreshed = false;
  let stopped = false;
  let resumedFromStorage = false;

  const metadata: Record<string, string> = { filename: file.name, filetype: file.type || 'application/octet-stream' };
  const trimmed = title?.trim();
  if (trimmed) metadata.title = trimmed;

  const upload: Upload = new Upload(file, {
    endpoint,
    metadata,
    chunkSize: TUS_CHUNK_SIZE,
    retryDelays: TUS_RETRY_DELAYS,
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    onBeforeRequest: withCookies,
    onAfterResponse: (_request, response) => {
      const id = response.getHeader(TRACK_ID_HEADER);
      if (id) trackId = id;
    },
    onShouldRetry: (error) => shouldRetry(statusOf(error)),
    onProgress,
    onSuccess: ({ lastResponse }) => {
      const id = trackId ?? trackIdOf(lastResponse);
      if (id) onSuccess(id);
      else onError(httpFailure(lastResponse.getStatus(), lastResponse.getBody()));
    },
    onError: (error) => {
      if (stopped) return;
      const response = 'originalResponse' in error ? error.originalResponse : null;
      if (response?.getStatus() === 401 && !refreshed) {
        refreshed = true;
        void refreshSession().then((ok) => {
          if (stopped) return;
          if (ok) upload.start();
          else onError(httpFailure(401, response.getBody()));
        });
        return;
      }
      onError(response ? httpFailure(response.getStatus(), response.getBody()) : { reason: 'network' });
    },
  });

  return {
    start: async () => {
      stopped = false;
      refreshed = false;
      if (!upload.url && !resumedFromStorage) {
        resumedFromStorage = true;
        // The same file chosen again after a reload continues where it stopped.
        const previous = await upload.findPreviousUploads().catch(() => []);
        const newest = [...previous].sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
        if (newest) upload.resumeFromPreviousUpload(newest);
      }
      if (!stopped) upload.start();
    },
    pause: async () => {
      stopped = true;
      await upload.abort(false).catch(() => undefined);
    },
    cancel: async () => {
      stopped = true;
      // Terminates the upload on the server and forgets its fingerprint.
      await upload.abort(true).catch(() => undefined);
    },
  };
}

/** Uploads left unfinished by an earlier visit (their tus fingerprints are in localStorage): file names, newest first. */
export async function unfinishedUploads(): Promise<string[]> {
  try {
    const previous = await defaultOptions.urlStorage.findAllUploads();
    return previous
      .filter((upload) => upload.uploadUrl)
      .sort((a, b) => b.creationTime.localeCompare(a.creationTime))
      .map((upload) => upload.metadata.filename ?? '')
      .filter((name, index, names) => name && names.indexOf(name) === index);
  } catch {
    return [];
  }
}
