import type { TrackVisibilityValue } from '@veza/validators';
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

/** What the track will be: sent when the upload is created (a blank title lets the server take the file's tags or name). */
export interface TusUploadDetails {
  title: string;
  tags: readonly string[];
  visibility: TrackVisibilityValue;
}

export interface TusUploadOptions {
  file: File;
  /** Read each time the upload starts, so a new upload on the server carries the details of that moment. */
  details: () => TusUploadDetails;
  endpoint?: string;
  /**
   * The server knows the upload (its id names it to tracks.setUploadDetails): `sent` is what it was created with, or
   * null when an upload from earlier (another visit) is continued and what it has is unknown here.
   */
  onUploadId: (uploadId: string, sent: TusUploadDetails | null) => void;
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

/** The tus `Upload-Metadata` the server reads: file name and type, and the details (tags as a JSON array). */
function metadataOf(file: File, details: TusUploadDetails): Record<string, string> {
  const metadata: Record<string, string> = { filename: file.name, filetype: file.type || 'application/octet-stream', visibility: details.visibility };
  const title = details.title.trim();
  if (title) metadata.title = title;
  if (details.tags.length > 0) metadata.tags = JSON.stringify(details.tags);
  return metadata;
}

/**
 * One resumable upload of an audio file over tus. Progress, the created track id and failures come back
 * through the callbacks; a 401 refreshes the session once and carries on from the server's offset.
 */
export function createTusUpload({ file, details, endpoint = TUS_ENDPOINT, onUploadId, onProgress, onSuccess, onError }: TusUploadOptions): TusUploadHandle {
  let trackId: string | null = null;
  let refreshed = false;
  let stopped = false;
  let resumedFromStorage = false;
  /** The details a new upload would be created with, and the upload this start continues (if any). */
  let sent = details();
  let urlAtStart: string | null = null;

  const upload: Upload = new Upload(file, {
    endpoint,
    metadata: metadataOf(file, sent),
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
    onUploadUrlAvailable: () => {
      const url = upload.url;
      if (!url) return;
      const id = new URL(url, 'http://upload.invalid').pathname.split('/').pop() ?? '';
      // Continuing the same upload: the server has whatever it was given before.
      if (id) onUploadId(id, url === urlAtStart ? null : sent);
    },
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
      if (stopped) return;
      // Should the server have to create the upload (again), it gets the details of this moment.
      sent = details();
      upload.options.metadata = metadataOf(file, sent);
      urlAtStart = upload.url;
      upload.start();
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
