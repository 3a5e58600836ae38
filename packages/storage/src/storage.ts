import type { Readable } from 'node:stream';

/** Byte range, both ends inclusive (as in HTTP Range). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where media bytes live. Keys are relative, slash-separated, made of [a-z0-9._-] segments;
 * the implementation is chosen by configuration (local disk by default).
 */
export interface ObjectStorage {
  /** Moves a finished local file into storage under `key`. */
  putFile(key: string, sourcePath: string): Promise<void>;
  /** Size in bytes, or null when there is no such object. */
  stat(key: string): Promise<{ size: number } | null>;
  read(key: string, range?: ByteRange): Readable;
  /** Removes the object; succeeds when it is already gone. */
  delete(key: string): Promise<void>;
}

const SEGMENT = /^[a-z0-9][a-z0-9._-]*$/;

export class InvalidStorageKeyError extends Error {
  constructor(key: string) {
    super(`Invalid storage key: ${JSON.stringify(key)}`);
    this.name = 'InvalidStorageKeyError';
  }
}

/** Throws unless every segment is a plain name: no `..`, no absolute paths, no odd characters. */
export function assertValidKey(key: string): void {
  const segments = key.split('/');
  if (key.length > 300 || segments.some((s) => !SEGMENT.test(s) || s.includes('..'))) {
    throw new InvalidStorageKeyError(key);
  }
}
