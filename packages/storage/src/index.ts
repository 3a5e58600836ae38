export { assertValidKey, InvalidStorageKeyError, type ByteRange, type ObjectStorage, type PutOptions } from './storage.ts';
export { LocalStorage } from './local.ts';
export { S3Storage, type S3StorageOptions } from './s3.ts';
export { createStorage, type StorageConfig } from './config.ts';
