// GET/HEAD /api/tracks/:id/audio: the original file, with single byte ranges (seeking in <audio>).
import { audioSource, DomainError, httpStatusOf, resolveViewer, type ApiDeps } from '@veza/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readOnlyCookieJar } from '../cookies.ts';
import { errorBody } from '../http-errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

const notFound = (reply: FastifyReply) => reply.code(404).send(errorBody('NOT_FOUND', 'Track not found.'));

export function audioRoutes(app: FastifyInstance, { deps }: { deps: ApiDeps }) {
  async function handler(req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
    const { id } = req.params;
    if (!UUID.test(id)) return notFound(reply);
    const viewer = await resolveViewer(deps, req.headers.authorization, readOnlyCookieJar(req.cookies));
    let source;
    try {
      source = await audioSource({ deps, em: deps.db.fork(), viewer }, id);
    } catch (error) {
      if (error instanceof DomainError) return reply.code(httpStatusOf(error)).send(errorBody(error.code, error.message));
      throw error;
    }
    const stored = await deps.storage.stat(source.storageKey);
    if (!stored) {
      req.log.warn({ trackId: id, key: source.storageKey }, 'track row without a stored file');
      return notFound(reply);
    }
    const size = stored.size;
    // The original never changes under its key, so id + size identify the bytes.
    const etag = `"${id}-${size}"`;
    reply
      .header('accept-ranges', 'bytes')
      .header('etag', etag)
      .header('cache-control', source.visibility === 'private' ? 'private, max-age=0' : 'public, max-age=3600')
      .header('x-content-type-options', 'nosniff');
    if (req.headers['if-none-match'] === etag && !req.headers.range) return reply.code(304).send();

    const ifRange = req.headers['if-range'];
    const range = ifRange && ifRange !== etag ? ({ kind: 'full' } as const) : parseRange(req.headers.range, size);
    if (range.kind === 'unsatisfiable') {
      return reply.code(416).header('content-range', `bytes */${size}`).send(errorBody('RANGE_NOT_SATISFIABLE', 'The requested range is outside the file.'));
    }
    const start = range.kind === 'partial' ? range.start : 0;
    const end = range.kind === 'partial' ? range.end : size - 1;
    reply.type(source.mimeType).header('content-length', String(end - start + 1));
    if (range.kind === 'partial') reply.code(206).header('content-range', `bytes ${start}-${end}/${size}`);
    if (req.method === 'HEAD' || size === 0) return reply.send();
    return reply.send(deps.storage.read(source.storageKey, { start, end }));
  }

  app.route({ method: ['GET', 'HEAD'], url: '/api/tracks/:id/audio', handler });
}
