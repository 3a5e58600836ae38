export { assertValidKey, InvalidStorageKeyError, type ByteRange, type ObjectStorage } from './storage.ts';
export { LocalStorage } from './local.ts';
