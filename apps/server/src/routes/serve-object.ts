import { createHash } from 'node:crypto';
import type { ObjectStorage } from '@veza/storage';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../http-errors.ts';

export type RangeResult = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * Interprets a Range header against a size. Only one `bytes` range is served; anything this
 * server does not understand (other units, several ranges, bad syntax) gets the whole file,
 * as RFC 9110 allows.
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return { kind: 'full' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return { kind: 'full' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

/**
 * Sends a stored object with single byte ranges, a strong ETag (objects never change under their key)
 * and conditional requests. Returns null when there is no such object, so the caller answers 404.
 */
export async function serveStored(
  req: FastifyRequest,
  reply: FastifyReply,
  storage: ObjectStorage,
  key: string,
  { contentType, cacheControl }: { contentType: string; cacheControl: string },
) {
  const stored = await storage.stat(key);
  if (!stored) return false;
  const size = stored.size;
  const etag = `"${createHash('sha256').update(key).digest('base64url').slice(0, 22)}-${size}"`;
  reply.header('accept-ranges', 'bytes').header('etag', etag).header('cache-control', cacheControl).header('x-content-type-options', 'nosniff');
  if (req.headers['if-none-match'] === etag && !req.headers.range) {
    reply.code(304).send();
    return true;
  }

  const ifRange = req.headers['if-range'];
  const range = ifRange && ifRange !== etag ? ({ kind: 'full' } as const) : parseRange(req.headers.range, size);
  if (range.kind === 'unsatisfiable') {
    reply.code(416).header('content-range', `bytes */${size}`).send(errorBody('RANGE_NOT_SATISFIABLE', 'The requested range is outside the file.'));
    return true;
  }
  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : size - 1;
  reply.type(contentType).header('content-length', String(end - start + 1));
  if (range.kind === 'partial') reply.code(206).header('content-range', `bytes ${start}-${end}/${size}`);
  if (req.method === 'HEAD' || size === 0) reply.send();
  else reply.send(storage.read(key, { start, end }));
  return true;
}
