import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { assertValidKey, folderOf, notFoundError, type ByteRange, type ObjectStorage, type PutOptions } from './storage.ts';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** For S3-compatible services (MinIO, R2, s3rver...); AWS itself when unset. */
  endpoint?: string | undefined;
  /** `bucket` in the path rather than the host name: what most S3-compatible services want. */
  forcePathStyle?: boolean | undefined;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Folder inside the bucket that every key lives under (e.g. `veza`). */
  prefix?: string | undefined;
  /** Multipart part size for `putFile` (S3's minimum and the default: 5 MB). */
  partSize?: number | undefined;
  /** Keys per ListObjectsV2 / DeleteObjects page in `deletePrefix` (S3's maximum and the default: 1000). */
  pageSize?: number | undefined;
}

const MIN_PART_SIZE = 5 * 1024 * 1024;
const MAX_PAGE_SIZE = 1000;

const isNotFound = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey');

/** Objects in an S3-compatible bucket, through the AWS SDK v3. */
export class S3Storage implements ObjectStorage {
  readonly bucket: string;
  readonly client: S3Client;
  private readonly keyPrefix: string;
  private readonly partSize: number;
  private readonly pageSize: number;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.keyPrefix = options.prefix ? `${folderOf(options.prefix)}/` : '';
    this.partSize = Math.max(options.partSize ?? MIN_PART_SIZE, MIN_PART_SIZE);
    this.pageSize = Math.min(Math.max(options.pageSize ?? MAX_PAGE_SIZE, 1), MAX_PAGE_SIZE);
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: options.credentials,
      // Checksums only where S3 requires them: many S3-compatible services reject the newer CRC headers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private objectKey(key: string): string {
    assertValidKey(key);
    return this.keyPrefix + key;
  }

  async putFile(key: string, sourcePath: string, options: PutOptions = {}): Promise<void> {
    const Key = this.objectKey(key);
    // Streams from disk: multipart above one part, at most queueSize parts in memory at a time.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key, Body: createReadStream(sourcePath), ContentType: options.contentType, CacheControl: options.cacheControl },
      partSize: this.partSize,
      queueSize: 4,
      leavePartsOnError: false,
    });
    await upload.done();
    await rm(sourcePath, { force: true });
  }

  async putBytes(key: string, data: Buffer | string, options: PutOptions = {}): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: typeof data === 'string' ? Buffer.from(data) : data,
        ContentType: options.contentType,
        CacheControl: options.cacheControl,
      }),
    );
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Returns at once; the stream fills when S3 answers, and errors (ENOENT when missing) if it does not. */
  read(key: string, range?: ByteRange): Readable {
    const Key = this.objectKey(key);
    const out = new PassThrough();
    const abort = new AbortController();
    // A consumer that goes away early (client disconnect) cancels the request and the body.
    out.once('close', () => abort.abort());
    this.client
      .send(
        new GetObjectCommand({ Bucket: this.bucket, Key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
        { abortSignal: abort.signal },
      )
      .then((response) => {
        const body = response.Body;
        if (!(body instanceof Readable)) throw new Error('S3 returned no readable body');
        if (out.destroyed) {
          body.destroy();
          return;
        }
        body.once('error', (error) => out.destroy(error));
        out.once('close', () => body.destroy());
        body.pipe(out);
      })
      .catch((error: unknown) => {
        if (out.destroyed) return;
        out.destroy(isNotFound(error) ? notFoundError(key) : (error as Error));
      });
    return out;
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 whether or not the object existed.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  async deletePrefix(prefix: string): Promise<void> {
    const Prefix = `${this.objectKey(folderOf(prefix))}/`;
    // Pages follow `StartAfter` (the last key seen) rather than continuation tokens: the same result on
    // S3, and s3rver's tokens need DES, which OpenSSL 3 no longer offers.
    let StartAfter: string | undefined;
    for (;;) {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix, MaxKeys: this.pageSize, StartAfter }));
      const Objects = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      if (Objects.length > 0) {
        const result = await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects, Quiet: true } }));
        const failed = result.Errors?.filter((e) => e.Code !== 'NoSuchKey') ?? [];
        if (failed.length > 0) {
          throw new Error(`Could not delete ${failed.length} object(s) under ${prefix}: ${failed[0]?.Code ?? ''} ${failed[0]?.Message ?? ''}`);
        }
      }
      if (!page.IsTruncated || Objects.length === 0) return;
      StartAfter = Objects[Objects.length - 1]?.Key;
    }
  }

  /** Closes the HTTP connections of the client. */
  destroy(): void {
    this.client.destroy();
  }
}
