// One behavioural suite for every ObjectStorage: local disk, and S3 against a real S3-compatible
// server (s3rver, run in-process on a free port over a temp folder).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer, text } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage } from './config.ts';
import { LocalStorage } from './local.ts';
import { S3Storage } from './s3.ts';
import type { ObjectStorage } from './storage.ts';

const BUCKET = 'veza-test';
let work: string;
let s3rver: S3rver;
let endpoint: string;
const created: S3Storage[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'veza-storage-'));
  s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: join(work, 's3rver'), configureBuckets: [{ name: BUCKET }] });
  const { port } = await s3rver.run();
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  for (const s of created) s.destroy();
  await s3rver.close();
  await rm(work, { recursive: true, force: true });
});

const s3 = (prefix: string) => {
  const storage = createStorage({
    kind: 's3',
    bucket: BUCKET,
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    prefix,
  }) as S3Storage;
  created.push(storage);
  return storage;
};

let n = 0;
const backends: [string, () => ObjectStorage][] = [
  ['LocalStorage', () => createStorage({ kind: 'local', root: join(work, `local-${++n}`) })],
  // A fresh prefix per test: the suites share one bucket.
  ['S3Storage', () => s3(`run-${++n}`)],
];

async function sourceFile(content: Buffer | string): Promise<string> {
  const path = join(work, `incoming-${randomBytes(6).toString('hex')}`);
  await writeFile(path, content);
  return path;
}

const gone = (path: string) => stat(path).then(() => false, () => true);

describe.each(backends)('%s', (_name, make) => {
  it('moves a file in, stats, reads it whole and by range, deletes idempotently', async () => {
    const storage = make();
    const source = await sourceFile('0123456789');
    await storage.putFile('tracks/abc/original.wav', source, { contentType: 'audio/wav' });
    expect(await gone(source)).toBe(true);
    expect(await storage.stat('tracks/abc/original.wav')).toEqual({ size: 10 });
    expect(await text(storage.read('tracks/abc/original.wav'))).toBe('0123456789');
    expect(await text(storage.read('tracks/abc/original.wav', { start: 2, end: 4 }))).toBe('234');
    expect(await text(storage.read('tracks/abc/original.wav', { start: 9, end: 9 }))).toBe('9');
    await storage.delete('tracks/abc/original.wav');
    expect(await storage.stat('tracks/abc/original.wav')).toBeNull();
    await expect(storage.delete('tracks/abc/original.wav')).resolves.toBeUndefined();
  });

  it('writes small objects from bytes and strings, replacing them', async () => {
    const storage = make();
    await storage.putBytes('tracks/t1/hls/index.m3u8', '#EXTM3U\n', { contentType: 'application/vnd.apple.mpegurl', cacheControl: 'no-cache' });
    await storage.putBytes('tracks/t1/hls/seg-0.m4s', Buffer.from([0, 1, 2, 255]));
    expect(await text(storage.read('tracks/t1/hls/index.m3u8'))).toBe('#EXTM3U\n');
    expect([...(await buffer(storage.read('tracks/t1/hls/seg-0.m4s')))]).toEqual([0, 1, 2, 255]);
    await storage.putBytes('tracks/t1/hls/index.m3u8', '#EXTM3U\n#EXT-X-ENDLIST\n');
    expect(await text(storage.read('tracks/t1/hls/index.m3u8'))).toBe('#EXTM3U\n#EXT-X-ENDLIST\n');
    expect(await storage.stat('tracks/t1/hls/seg-0.m4s')).toEqual({ size: 4 });
  });

  it('errors the read stream with ENOENT for a missing object', async () => {
    const storage = make();
    await expect(text(storage.read('tracks/none/original.mp3'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('deletes everything under a folder, and only that', async () => {
    const storage = make();
    const keys = Array.from({ length: 30 }, (_, i) => `tracks/t2/hls/seg-${i}.m4s`);
    await Promise.all(keys.map((key) => storage.putBytes(key, key)));
    await storage.putBytes('tracks/t2/original.mp3', 'keep');
    await storage.putBytes('tracks/t2/hls-other/x', 'keep');
    await storage.deletePrefix('tracks/t2/hls/');
    for (const key of keys) expect(await storage.stat(key)).toBeNull();
    expect(await storage.stat('tracks/t2/original.mp3')).toEqual({ size: 4 });
    expect(await storage.stat('tracks/t2/hls-other/x')).toEqual({ size: 4 });
    // Without the slash it means the same folder; nothing there is fine.
    await expect(storage.deletePrefix('tracks/t2/hls')).resolves.toBeUndefined();
    await storage.deletePrefix('tracks/t2');
    expect(await storage.stat('tracks/t2/original.mp3')).toBeNull();
  });

  it('refuses keys that escape the root or are not plain names', async () => {
    const storage = make();
    const source = await sourceFile('x');
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', 'A/B', '', 'a/b/']) {
      await expect(storage.putFile(key, source)).rejects.toThrow(/Invalid storage key/);
      await expect(storage.putBytes(key, 'x')).rejects.toThrow(/Invalid storage key/);
      await expect(storage.stat(key)).rejects.toThrow(/Invalid storage key/);
      await expect(storage.delete(key)).rejects.toThrow(/Invalid storage key/);
      expect(() => storage.read(key)).toThrow(/Invalid storage key/);
    }
    for (const prefix of ['', '/', '..', 'a/../b']) {
      await expect(storage.deletePrefix(prefix)).rejects.toThrow(/Invalid storage key/);
    }
  });
});

describe('S3Storage specifics', () => {
  it('streams a 20 MB file from disk as a multipart upload with 5 MB parts', async () => {
    const storage = s3('big');
    const data = randomBytes(20 * 1024 * 1024 + 12345);
    const source = await sourceFile(data);
    const parts: number[] = [];
    const send = storage.client.send.bind(storage.client);
    // Count the parts that go over the wire.
    storage.client.send = ((command: { constructor: { name: string } }, ...rest: unknown[]) => {
      if (command.constructor.name === 'UploadPartCommand') parts.push(1);
      return (send as (...args: unknown[]) => unknown)(command, ...rest);
    }) as typeof storage.client.send;
    await storage.putFile('tracks/big/original.wav', source, { contentType: 'audio/wav' });
    storage.client.send = send;
    expect(parts.length).toBe(5);
    expect(await gone(source)).toBe(true);
    expect(await storage.stat('tracks/big/original.wav')).toEqual({ size: data.length });

    const hash = createHash('sha256');
    await pipeline(storage.read('tracks/big/original.wav'), hash);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    const middle = await buffer(storage.read('tracks/big/original.wav', { start: 7_000_000, end: 7_000_099 }));
    expect(middle.equals(data.subarray(7_000_000, 7_000_100))).toBe(true);
  });

  it('pages through listings when deleting a prefix', async () => {
    const storage = new S3Storage({
      bucket: BUCKET,
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      prefix: 'paged',
      pageSize: 7,
    });
    created.push(storage);
    const keys = Array.from({ length: 30 }, (_, i) => `f/${String(i).padStart(2, '0')}`);
    await Promise.all(keys.map((key) => storage.putBytes(key, 'x')));
    await storage.deletePrefix('f');
    for (const key of keys) expect(await storage.stat(key)).toBeNull();
  });

  it('keeps its objects under the configured prefix and cancels a read the consumer abandons', async () => {
    const a = s3('tenant-a');
    const b = s3('tenant-b');
    await a.putBytes('same/key', 'a');
    expect(await b.stat('same/key')).toBeNull();
    const stream = a.read('same/key');
    stream.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await text(a.read('same/key'))).toBe('a');
  });

  it('LocalStorage is the default kind', () => {
    expect(createStorage({ kind: 'local', root: work })).toBeInstanceOf(LocalStorage);
  });
});

