import { buffer } from 'node:stream/consumers';
import type { ObjectStorage } from '@veza/storage';

/**
 * A bounded LRU of small immutable objects (HLS segments, init files, rendition playlists): a hot
 * segment is sent from memory instead of a stat and a file stream per request. Only objects that never
 * change under their key may be cached.
 */
export class ObjectCache {
  private readonly entries = new Map<string, Buffer>();
  private readonly etags = new Map<string, string>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly maxObjectBytes: number;

  constructor(maxBytes: number, maxObjectBytes = 2 * 1024 * 1024) {
    this.maxBytes = maxBytes;
    this.maxObjectBytes = maxObjectBytes;
  }

  /** The object's bytes, from memory or storage; null when it does not exist or is too big to cache. */
  async get(storage: ObjectStorage, key: string): Promise<Buffer | null> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    if (this.maxBytes === 0) return null;
    const stat = await storage.stat(key);
    if (!stat || stat.size > this.maxObjectBytes) return null;
    const data = await buffer(storage.read(key));
    this.entries.set(key, data);
    this.bytes += data.length;
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.etags.delete(oldKey);
      this.bytes -= old.length;
    }
    return data;
  }

  /** An ETag computed once per cached object. */
  etag(key: string, make: () => string): string {
    let etag = this.etags.get(key);
    if (!etag) {
      etag = make();
      if (this.entries.has(key)) this.etags.set(key, etag);
    }
    return etag;
  }

  get size() {
    return { objects: this.entries.size, bytes: this.bytes };
  }
}
