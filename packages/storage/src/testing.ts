// Test-only: a real S3-compatible server (s3rver) on a free loopback port over a temp folder.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- s3rver ships no types; consumers of this file need the ambient declaration too
/// <reference path="./s3rver.d.ts" />
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  close(): Promise<void>;
}

export async function startLocalS3(bucket = 'veza-test'): Promise<LocalS3> {
  const work = await mkdtemp(join(tmpdir(), 'veza-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: work, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: 'us-east-1',
    // s3rver's fixed development credentials.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    async close() {
      await server.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}
