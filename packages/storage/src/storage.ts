import type { Readable } from 'node:stream';

/** Byte range, both ends inclusive (as in HTTP Range). */
export interface ByteRange {
  start: number;
  end: number;
}

/** HTTP metadata kept with an object (S3 serves it back; local disk ignores it). */
export interface PutOptions {
  contentType?: string | undefined;
  cacheControl?: string | undefined;
}

/**
 * Where media bytes live. Keys are relative, slash-separated, made of [a-z0-9._-] segments;
 * the implementation is chosen by configuration (local disk by default, S3-compatible otherwise).
 */
export interface ObjectStorage {
  /** Moves a finished local file into storage under `key` (the source file is gone afterwards). */
  putFile(key: string, sourcePath: string, options?: PutOptions): Promise<void>;
  /** Writes a small object (playlists, segments, JSON) in one go; readers never see it half-written. */
  putBytes(key: string, data: Buffer | string, options?: PutOptions): Promise<void>;
  /** Size in bytes, or null when there is no such object. */
  stat(key: string): Promise<{ size: number } | null>;
  /** Streams the object (or a range of it); a missing object errors the stream with code ENOENT. */
  read(key: string, range?: ByteRange): Readable;
  /** Removes the object; succeeds when it is already gone. */
  delete(key: string): Promise<void>;
  /** Removes every object under the folder `prefix` (keys starting with `prefix/`); succeeds when there are none. */
  deletePrefix(prefix: string): Promise<void>;
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

/** A folder prefix is a valid key with an optional trailing slash; returns it without the slash. */
export function folderOf(prefix: string): string {
  const folder = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  assertValidKey(folder);
  return folder;
}

/** The error a read of a missing object ends with, whatever the backend. */
export function notFoundError(key: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`No such object: ${key}`);
  error.code = 'ENOENT';
  return error;
}
