// GET/HEAD /media/hls/:trackId/:token/<file>: HLS playlists and segments behind short-lived signed tokens.
// The token is in the path, so the playlists' relative URLs carry it; no database query per request, so a
// CDN or nginx (with the same check, or auth_request to /media/hls/…/master.m3u8) can take over in production.
//
// This is the hottest path of the server, so it is a plain Node handler: app.ts mounts it in front of
// Fastify for real sockets (no hooks, no per-request framework work), and as a hijacked route for inject().
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { hlsPrefix, verifyStreamToken, type ApiDeps } from '@veza/api';
import type { FastifyInstance } from 'fastify';
import { ObjectCache } from './object-cache.ts';
import { parseRange } from './serve-object.ts';

const PATH = /^\/media\/hls\/([^/]+)\/([^/]+)\/(.+)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Only the files the pipeline writes: the master, and per rendition its playlist, init and segments. */
const FILE = /^(?:master\.m3u8|\d{2,3}\/(?:index\.m3u8|init\.mp4|seg_\d{5}\.m4s))$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

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

const json = (res: ServerResponse, status: number, code: string, message: string) => {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
};

export type HlsHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createHlsHandler({ deps, cacheBytes }: { deps: ApiDeps; cacheBytes: number }): HlsHandler {
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

  return async function handleHls(req, res) {
    const match = PATH.exec((req.url ?? '').split('?')[0] ?? '');
    const [, trackId = '', token = '', file = ''] = match ?? [];
    if (!match || !UUID.test(trackId) || !FILE.test(file)) return json(res, 404, 'NOT_FOUND', 'Not found.');
    if (!tokenOk(trackId, token)) return json(res, 403, 'FORBIDDEN', 'This stream link has expired. Reload the page to keep listening.');

    const key = `${hlsPrefix(trackId)}/${file}`;
    // The master grows while renditions are published; everything else is written once, complete.
    const isMaster = file === 'master.m3u8';
    const cached = isMaster ? null : await cache.get(deps.storage, key);
    const size = cached ? cached.length : (await deps.storage.stat(key))?.size;
    if (size === undefined) return json(res, 404, 'NOT_FOUND', 'This stream is not available yet.');

    const makeEtag = () => `"${createHash('sha256').update(key).digest('base64url').slice(0, 22)}-${size}"`;
    const etag = cached ? cache.etag(key, makeEtag) : makeEtag();
    const headers: Record<string, string | number> = {
      'content-type': file.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'audio/mp4',
      'cache-control': isMaster ? 'no-cache' : IMMUTABLE,
      'accept-ranges': 'bytes',
      etag,
      'x-content-type-options': 'nosniff',
    };
    if (req.headers['if-none-match'] === etag && !req.headers.range) {
      res.writeHead(304, headers);
      return void res.end();
    }
    const ifRange = req.headers['if-range'];
    const range = ifRange && ifRange !== etag ? ({ kind: 'full' } as const) : parseRange(req.headers.range, size);
    if (range.kind === 'unsatisfiable') {
      res.setHeader('content-range', `bytes */${size}`);
      return json(res, 416, 'RANGE_NOT_SATISFIABLE', 'The requested range is outside the file.');
    }
    const start = range.kind === 'partial' ? range.start : 0;
    const end = range.kind === 'partial' ? range.end : size - 1;
    headers['content-length'] = Math.max(0, end - start + 1);
    if (range.kind === 'partial') headers['content-range'] = `bytes ${start}-${end}/${size}`;
    res.writeHead(range.kind === 'partial' ? 206 : 200, headers);
    if (req.method === 'HEAD' || size === 0) return void res.end();
    if (cached) return void res.end(cached.subarray(start, end + 1));
    await pipeline(deps.storage.read(key, { start, end }), res);
  };
}

/** The same handler as a Fastify route, for `app.inject()` and any request the fast path does not take. */
export function hlsRoutes(app: FastifyInstance, { handler }: { handler: HlsHandler }) {
  app.route({
    method: ['GET', 'HEAD'],
    url: '/media/hls/*',
    async handler(req, reply) {
      reply.hijack();
      await handler(req.raw, reply.raw);
    },
  });
}

/** True for the requests the fast path serves before Fastify. */
export const isHlsRequest = (req: IncomingMessage) =>
  (req.method === 'GET' || req.method === 'HEAD') && (req.url ?? '').startsWith('/media/hls/');
