import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { assertValidKey, folderOf, type ByteRange, type ObjectStorage, type PutOptions } from './storage.ts';

/** Local-disk storage under one root folder: the embedded default. Content types are not kept. */
export class LocalStorage implements ObjectStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  private path(key: string): string {
    assertValidKey(key);
    return join(this.root, ...key.split('/'));
  }

  async putFile(key: string, sourcePath: string, _options?: PutOptions): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(sourcePath, target);
    } catch (error) {
      // Different filesystem: copy beside the target, rename into place, then remove the source.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      const partial = `${target}.${randomBytes(6).toString('hex')}.partial`;
      try {
        await copyFile(sourcePath, partial);
        await rename(partial, target);
      } finally {
        await rm(partial, { force: true });
      }
      await rm(sourcePath, { force: true });
    }
  }

  async putBytes(key: string, data: Buffer | string, _options?: PutOptions): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    // Write then rename: a live playlist being replaced is never read half-written.
    const partial = `${target}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await writeFile(partial, data);
      await rename(partial, target);
    } finally {
      await rm(partial, { force: true });
    }
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const s = await stat(this.path(key));
      return s.isFile() ? { size: s.size } : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  read(key: string, range?: ByteRange): Readable {
    return createReadStream(this.path(key), range ? { start: range.start, end: range.end } : {});
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async deletePrefix(prefix: string): Promise<void> {
    const dir = this.path(folderOf(prefix));
    const s = await stat(dir).catch(() => null);
    // Only a folder: an object named like the prefix is not "under" it (same as S3).
    if (s?.isDirectory()) await rm(dir, { recursive: true, force: true });
  }
}
