import type { HttpResponse, UploadOptions } from 'tus-js-client';

/**
 * A stand-in for tus-js-client's `Upload` in unit tests (no tus server there): it records what the
 * code asked for and lets the test play the server's part through the options' callbacks.
 */
export class FakeUpload {
  static instances: FakeUpload[] = [];
  /** Plays the server's part when an upload is created (e.g. the mock back end records it). */
  static created: ((upload: FakeUpload, uploadId: string) => void) | null = null;
  url: string | null = null;
  starts = 0;
  aborts: boolean[] = [];

  file: File;
  options: UploadOptions;

  constructor(file: File, options: UploadOptions) {
    this.file = file;
    this.options = options;
    FakeUpload.instances.push(this);
  }

  /** The first start creates the upload on the server (its id is `upload<n>`), unless one is resumed; later ones continue it. */
  start() {
    this.starts++;
    if (!this.url) {
      const id = `upload${FakeUpload.instances.indexOf(this)}`;
      this.url = `/api/uploads/${id}`;
      FakeUpload.created?.(this, id);
    }
    this.options.onUploadUrlAvailable?.();
  }

  abort(terminate = false) {
    this.aborts.push(terminate);
    return Promise.resolve();
  }

  /** Uploads of this file left by an earlier visit (`storedUploads`). */
  findPreviousUploads() {
    return Promise.resolve(storedPrevious().filter((u) => u.metadata.filename === this.file.name));
  }

  resumeFromPreviousUpload(previous: { uploadUrl: string | null }) {
    this.url = previous.uploadUrl;
  }

  /** The server's side: bytes received. */
  progress(sent: number) {
    this.options.onProgress?.(sent, this.file.size);
  }

  /** The last PATCH answers with the new track's id. */
  succeed(trackId: string) {
    const response = fakeResponse(204, '', { 'Veza-Track-Id': trackId });
    void this.options.onAfterResponse?.({} as never, response);
    this.options.onSuccess?.({ lastResponse: response });
  }

  /** A request fails with this status and the API's JSON error body. */
  fail(status: number, code: string, message: string) {
    const error = Object.assign(new Error(`tus: ${status}`), {
      originalRequest: {},
      originalResponse: fakeResponse(status, JSON.stringify({ error: { code, message } })),
      causingError: null,
    });
    this.options.onError?.(error as never);
  }

  static reset() {
    FakeUpload.instances = [];
    FakeUpload.created = null;
  }
}

export function fakeResponse(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { getStatus: () => status, getHeader: (name) => lower[name.toLowerCase()], getBody: () => body, getUnderlyingObject: () => null };
}

/** Fingerprints "left by an earlier visit", as tus-js-client's URL storage reports them. */
export const storedUploads: { filename: string; creationTime: string }[] = [];

const storedPrevious = () =>
  storedUploads.map((u, i) => ({ size: 1, metadata: { filename: u.filename }, creationTime: u.creationTime, urlStorageKey: `tus::${i}`, uploadUrl: `/api/uploads/stored${i}`, parallelUploadUrls: null }));

/** `vi.mock('tus-js-client', () => fakeTusModule)` */
export const fakeTusModule = {
  Upload: FakeUpload,
  defaultOptions: {
    urlStorage: {
      findAllUploads: () => Promise.resolve(storedPrevious()),
    },
  },
};
