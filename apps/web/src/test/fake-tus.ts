import type { HttpResponse, UploadOptions } from 'tus-js-client';

/**
 * A stand-in for tus-js-client's `Upload` in unit tests (no tus server there): it records what the
 * code asked for and lets the test play the server's part through the options' callbacks.
 */
export class FakeUpload {
  static instances: FakeUpload[] = [];
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

  start() {
    this.starts++;
    this.url ??= `/api/uploads/${FakeUpload.instances.indexOf(this)}`;
  }

  abort(terminate = false) {
    this.aborts.push(terminate);
    return Promise.resolve();
  }

  findPreviousUploads() {
    return Promise.resolve([]);
  }

  resumeFromPreviousUpload() {}

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
  }
}

export function fakeResponse(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { getStatus: () => status, getHeader: (name) => lower[name.toLowerCase()], getBody: () => body, getUnderlyingObject: () => null };
}

/** Fingerprints "left by an earlier visit", as tus-js-client's URL storage reports them. */
export const storedUploads: { filename: string; creationTime: string }[] = [];

/** `vi.mock('tus-js-client', () => fakeTusModule)` */
export const fakeTusModule = {
  Upload: FakeUpload,
  defaultOptions: {
    urlStorage: {
      findAllUploads: () =>
        Promise.resolve(storedUploads.map((u, i) => ({ size: 1, metadata: { filename: u.filename }, creationTime: u.creationTime, urlStorageKey: `tus::${i}`, uploadUrl: `/api/uploads/${i}`, parallelUploadUrls: null }))),
    },
  },
};
