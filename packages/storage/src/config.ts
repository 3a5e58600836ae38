import { LocalStorage } from './local.ts';
import { S3Storage } from './s3.ts';
import type { ObjectStorage } from './storage.ts';

export type StorageConfig =
  | { kind: 'local'; root: string }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      endpoint?: string | undefined;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle?: boolean | undefined;
      prefix?: string | undefined;
    };

/** The storage a process is configured for: local disk by default, an S3-compatible bucket otherwise. */
export function createStorage(config: StorageConfig): ObjectStorage {
  if (config.kind === 'local') return new LocalStorage(config.root);
  return new S3Storage({
    bucket: config.bucket,
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    prefix: config.prefix,
  });
}
