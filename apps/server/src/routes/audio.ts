// GET/HEAD /api/tracks/:id/audio: the original file, with single byte ranges (seeking in <audio>). `?share=<token>`:
// a private share link's token opens a track the viewer would not see otherwise (issue 11).
import { audioSource, DomainError, httpStatusOf, resolveViewer, type ApiDeps } from '@veza/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readOnlyCookieJar } from '../cookies.ts';
import { errorBody } from '../http-errors.ts';
import { serveStored } from './serve-object.ts';

export { parseRange } from './serve-object.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `share` query parameter when it is one string (anything else opens nothing). */
export const shareParam = (value: unknown) => (typeof value === 'string' ? value : undefined);

const notFound = (reply: FastifyReply) => reply.code(404).send(errorBody('NOT_FOUND', 'Track not found.'));

export function audioRoutes(app: FastifyInstance, { deps }: { deps: ApiDeps }) {
  async function handler(req: FastifyRequest<{ Params: { id: string }; Querystring: { share?: unknown } }>, reply: FastifyReply) {
    const { id } = req.params;
    if (!UUID.test(id)) return notFound(reply);
    const viewer = await resolveViewer(deps, req.headers.authorization, readOnlyCookieJar(req.cookies));
    let source;
    try {
      source = await audioSource({ deps, em: deps.db.fork(), viewer }, id, shareParam(req.query.share));
    } catch (error) {
      if (error instanceof DomainError) return reply.code(httpStatusOf(error)).send(errorBody(error.code, error.message));
      throw error;
    }
    const served = await serveStored(req, reply, deps.storage, source.storageKey, {
      contentType: source.mimeType,
      cacheControl: source.visibility === 'private' ? 'private, max-age=0' : 'public, max-age=3600',
    });
    if (served) return reply;
    req.log.warn({ trackId: id, key: source.storageKey }, 'track row without a stored file');
    return notFound(reply);
  }

  app.route({ method: ['GET', 'HEAD'], url: '/api/tracks/:id/audio', handler });
}
