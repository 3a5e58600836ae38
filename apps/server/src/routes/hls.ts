// GET/HEAD /media/hls/:trackId/:token/<file>: HLS playlists and segments behind short-lived signed tokens.
// The token is in the path, so the playlists' relative URLs carry it; no database query per request, so a
// CDN or nginx (with the same check, or auth_request to /media/hls/…/master.m3u8) can take over in production.
import { hlsPrefix, verifyStreamToken, type ApiDeps } from '@veza/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../http-errors.ts';
import { ObjectCache } from './object-cache.ts';
import { serveStored } from './serve-object.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Only the files the pipeline writes: the master, and per rendition its playlist, init and segments. */
const FILE = /^(?:master\.m3u8|(\d{2,3})\/(?:index\.m3u8|init\.mp4|seg_\d{5}\.m4s))$/;

const IMMUTABLE = 'public, max-age=31536000, immutable';

type HlsRequest = FastifyRequest<{ Params: { trackId: string; token: string; '*': string } }>;

/** Every segment of a stream carries the same token: remember the ones verified (until they expire). */
class VerifiedTokens {
  private readonly entries = new Map<string, number>();
  private readonly max: number;
  constructor(max = 10_000) {
    this.max = max;
  }
  has(key: string, now: number) {
    const expires = this.entries.get(key);
    if (expires === undefined) return false;
    if (expires > now) return true;
    this.entries.delete(key);
    return false;
  }
  add(key: string, expires: number) {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value ?? '');
    this.entries.set(key, expires);
  }
}

export function hlsRoutes(app: FastifyInstance, { deps, cacheBytes }: { deps: ApiDeps; cacheBytes: number }) {
  const cache = new ObjectCache(cacheBytes);
  const verified = new VerifiedTokens();
  const tokenOk = (trackId: string, token: string) => {
    const now = Date.now();
    const key = `${trackId}/${token}`;
    if (verified.has(key, now)) return true;
    if (!verifyStreamToken(deps.tokens, trackId, token, now)) return false;
    verified.add(key, Number(token.split('.')[0]) * 1000);
    return true;
  };
  async function handler(req: HlsRequest, reply: FastifyReply) {
    const { trackId, token } = req.params;
    const file = req.params['*'];
    if (!UUID.test(trackId) || !FILE.test(file)) return reply.code(404).send(errorBody('NOT_FOUND', 'Not found.'));
    if (!tokenOk(trackId, token)) {
      return reply.code(403).send(errorBody('FORBIDDEN', 'This stream link has expired. Reload the page to keep listening.'));
    }
    const isPlaylist = file.endsWith('.m3u8');
    const served = await serveStored(req, reply, deps.storage, `${hlsPrefix(trackId)}/${file}`, {
      contentType: isPlaylist ? 'application/vnd.apple.mpegurl' : 'audio/mp4',
      // The master grows while renditions are published; everything else is written once, complete.
      cacheControl: file === 'master.m3u8' ? 'no-cache' : IMMUTABLE,
      // The master changes as renditions are added; everything else is immutable, so memory may keep it.
      ...(file === 'master.m3u8' ? {} : { cache }),
    });
    if (served) return reply;
    return reply.code(404).send(errorBody('NOT_FOUND', 'This stream is not available yet.'));
  }
  app.route({ method: ['GET', 'HEAD'], url: '/media/hls/:trackId/:token/*', handler });
}
