// JSON answers above ~1 KB go out compressed (Brotli, else gzip, by Accept-Encoding) on the Fastify routes and
// on tRPC's HTTP fast path. Media (HLS segments, audio, covers) is already compressed and never goes through here;
// the web app's files are served by @fastify/static as they are.
//
// Compression is synchronous at a fast level: a tracks.list page (~20 KB) takes well under a millisecond, less
// than handing it to the thread pool and back would cost.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';

export type Encoding = 'br' | 'gzip';

/** Smaller bodies fit in a packet or two: compressing them saves nothing worth the CPU. */
export const COMPRESS_MIN_BYTES = 1024;

/** The encoding to use for a client's Accept-Encoding: Brotli when offered, else gzip, else none (`q=0` refuses). */
export function acceptedEncoding(header: string | string[] | undefined): Encoding | null {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return null;
  let gzip = false;
  let wildcard = false;
  for (const part of value.split(',')) {
    const [token = '', ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
    if (refused) continue;
    if (token === 'br') return 'br';
    if (token === 'gzip' || token === 'x-gzip') gzip = true;
    if (token === '*') wildcard = true;
  }
  return gzip || wildcard ? 'gzip' : null;
}

export function compress(body: Uint8Array, encoding: Encoding): Buffer {
  if (encoding === 'br') {
    return brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: 4,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
      },
    });
  }
  return gzipSync(body, { level: 5 });
}

export const isJson = (contentType: unknown) => typeof contentType === 'string' && contentType.toLowerCase().startsWith('application/json');

/** Adds Accept-Encoding to a Vary value (once). */
export const withAcceptEncoding = (vary: string | undefined) =>
  !vary ? 'Accept-Encoding' : /(^|,)\s*accept-encoding\s*(,|$)/i.test(vary) ? vary : `${vary}, Accept-Encoding`;

/**
 * A JSON body as it should be sent: compressed when large and the client accepts it. `vary` tells whether the
 * answer depends on Accept-Encoding (every large body does, compressed or not).
 */
export function encodeJson(body: Buffer, acceptEncoding: string | string[] | undefined): { body: Buffer; encoding: Encoding | null; vary: boolean } {
  if (body.byteLength < COMPRESS_MIN_BYTES) return { body, encoding: null, vary: false };
  const encoding = acceptedEncoding(acceptEncoding);
  return { body: encoding ? compress(body, encoding) : body, encoding, vary: true };
}

function applyEncoding(reply: FastifyReply, body: Buffer): Buffer {
  const encoded = encodeJson(body, reply.request.headers['accept-encoding']);
  if (!encoded.vary) return body;
  reply.header('vary', withAcceptEncoding(reply.getHeader('vary')?.toString()));
  if (!encoded.encoding) return body;
  reply.header('content-encoding', encoded.encoding);
  reply.removeHeader('content-length');
  return encoded.body;
}

/** Compresses the JSON answers of Fastify routes (tRPC under inject(), the plain HTTP routes' JSON). */
export function registerCompression(app: FastifyInstance) {
  app.addHook('onSend', async (_req, reply, payload) => {
    if (reply.getHeader('content-encoding') !== undefined) return payload;
    // tRPC's fetch-style answer: one JSON document (streamed batches are application/jsonl and pass as they are).
    if (payload instanceof Response) {
      if (!isJson(payload.headers.get('content-type')) || !payload.body) return payload;
      const body = Buffer.from(await payload.arrayBuffer());
      reply.code(payload.status);
      for (const [name, value] of payload.headers) reply.header(name, value);
      return applyEncoding(reply, body);
    }
    if (!isJson(reply.getHeader('content-type'))) return payload;
    if (typeof payload === 'string') return applyEncoding(reply, Buffer.from(payload));
    if (Buffer.isBuffer(payload)) return applyEncoding(reply, payload);
    return payload;
  });
}
