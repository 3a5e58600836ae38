// tRPC calls over HTTP (`GET|POST /trpc/<path>`) on real sockets: a plain Node handler in front of Fastify
// (app.ts's serverFactory, beside the HLS one), because Fastify's hooks, reply decoration and tRPC's
// fetch-stream plumbing cost several times the work of most calls. It answers exactly as the Fastify route does:
// tRPC's own resolver (`resolveResponse`, so the wire format, batching and error shapes are tRPC's), the same
// context, batch limit, CSRF/Origin rules (trpc.ts), per-IP budget, security headers and CORS answer
// (security-headers.ts), session cookies (cookies.ts) and compression (compression.ts).
// WebSocket upgrades, preflights (OPTIONS) and anything else still go through Fastify, as does inject() in tests.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TRPCError } from '@trpc/server';
import { resolveResponse } from '@trpc/server/http';
import { appRouter, createContext, type ApiDeps } from '@veza/api';
import type { FastifyBaseLogger } from 'fastify';
import { COMPRESS_MIN_BYTES, encodeJson, isJson, withAcceptEncoding } from './compression.ts';
import { rawCookieJar, type CookieCodec } from './cookies.ts';
import type { Config } from './env.ts';
import { errorBody } from './http-errors.ts';
import { requestIdOf } from './observability/request-context.ts';
import { safeUrl } from './observability/routes.ts';
import { allowedOrigins, clientIp, corsHeaders, securityHeaders, tooManyRequests } from './security-headers.ts';
import { precomputeRefusals, withoutCredentials, type Refusal } from './trpc-refusal.ts';
import { plainCalls, resolvePlainCalls } from './trpc-resolve.ts';
import { MAX_BATCH_SIZE, refuseTrpcHttpCall, trpcResponseMeta } from './trpc.ts';

const PREFIX = '/trpc/';
/** tRPC's own Vary on HTTP answers. */
const TRPC_VARY = 'trpc-accept, accept';

/** `GET|POST /trpc/<procedure path>` (not the WebSocket endpoint `/trpc`, not preflights). */
export function isTrpcHttpRequest(req: IncomingMessage): boolean {
  const url = req.url;
  if (!url?.startsWith(PREFIX) || (req.method !== 'GET' && req.method !== 'POST')) return false;
  const end = url.indexOf('?');
  const path = end === -1 ? url.slice(PREFIX.length) : url.slice(PREFIX.length, end);
  return path.length > 0 && !path.includes('/');
}

export interface TrpcHttpOptions {
  deps: ApiDeps;
  config: Config;
  /** The app's cookie parser and serializer (available once the app is built, before the first request). */
  cookies: () => CookieCodec;
  log: () => FastifyBaseLogger;
  bodyLimit: number;
  /** True once the app is closing: new calls get 503 (as Fastify's return503OnClosing answers). */
  isClosing: () => boolean;
}

type OutHeaders = Record<string, string | string[]>;

export function createTrpcHttpHandler({ deps, config, cookies, log, bodyLimit, isClosing }: TrpcHttpOptions) {
  const base = securityHeaders(config);
  const origins = new Set(allowedOrigins(config));
  // tRPC's answer to each sign-in-first procedure called without credentials (trpc-refusal.ts); until computed,
  // and whenever tracing is on (each call gets its span), such calls take the ordinary path.
  let refusals: ReadonlyMap<string, Refusal> | null = null;
  if (!deps.tracer) {
    precomputeRefusals(deps).then(
      (computed) => (refusals = computed),
      (error: unknown) => log().error({ err: error }, 'tRPC refusals could not be computed; such calls take the ordinary path'),
    );
  }

  // A string body leaves in the same write as the headers (Node prepends them to it); a Buffer takes a writev of two.
  const send = (res: ServerResponse, status: number, headers: OutHeaders, body: Buffer | string) => {
    headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
    res.writeHead(status, headers);
    res.end(body);
  };
  const sendJson = (res: ServerResponse, status: number, headers: OutHeaders, value: unknown) => {
    headers['content-type'] = 'application/json; charset=utf-8';
    send(res, status, headers, JSON.stringify(value));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers: OutHeaders = { ...base, 'x-request-id': requestIdOf(req) };
    const cors = corsHeaders(origins, req.headers.origin);
    if (cors) Object.assign(headers, cors);
    const vary = (value: string | undefined) => {
      const merged = cors ? (value ? `${value}, Origin` : 'Origin') : value;
      if (merged) headers.vary = merged;
    };

    if (isClosing()) {
      headers.connection = 'close';
      vary(undefined);
      return sendJson(res, 503, headers, errorBody('SERVICE_UNAVAILABLE', 'The server is restarting. Please try again.'));
    }
    const ip = clientIp(req, config.trustProxy);
    const wait = await deps.limits.hit(ip);
    if (wait !== null) {
      headers['retry-after'] = String(wait);
      vary(undefined);
      return sendJson(res, 429, headers, tooManyRequests(wait));
    }
    const refusal = refuseTrpcHttpCall(config, req.method, req.headers);
    if (refusal) {
      vary(undefined);
      return sendJson(res, refusal.status, headers, refusal.body);
    }

    let body: Buffer | undefined;
    if (req.method === 'POST') {
      const read = await readBody(req, bodyLimit);
      if (!read) {
        vary(undefined);
        headers.connection = 'close';
        return sendJson(res, 413, headers, errorBody('PAYLOAD_TOO_LARGE', 'Request body is too large'));
      }
      body = read;
    }

    const url = req.url ?? '/';
    const end = url.indexOf('?');
    let path: string;
    try {
      path = decodeURIComponent(end === -1 ? url.slice(PREFIX.length) : url.slice(PREFIX.length, end));
    } catch {
      vary(undefined);
      return sendJson(res, 400, headers, errorBody('BAD_REQUEST', 'The procedure path is not valid URL encoding.'));
    }

    // Aborted when the client goes away (long-running calls and SSE subscriptions stop).
    const abort = new AbortController();
    const onClose = () => abort.abort();
    res.once('close', onClose);
    const session = rawCookieJar(firstHeader(req.headers.cookie), deps.secureCookies, cookies());
    const ctx = () =>
      createContext(deps, {
        authorization: req.headers.authorization,
        cookies: session.jar,
        meta: { ip, userAgent: req.headers['user-agent'] ?? null },
      });
    const onError = ({ error, path: procedure, type }: { error: TRPCError; path: string | undefined; type: string }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') log().error({ err: error.cause ?? error, path: procedure, type }, 'tRPC procedure failed');
    };
    const finish = (status: number, json: Buffer | string, responseVary: string) => {
      res.off('close', onClose);
      headers['content-type'] = 'application/json';
      const setCookies = session.setCookies();
      if (setCookies.length > 0) headers['set-cookie'] = setCookies;
      if (typeof json === 'string' && Buffer.byteLength(json) < COMPRESS_MIN_BYTES) {
        // Too small to compress: sent as it is (see send).
        vary(responseVary);
        return send(res, status, headers, json);
      }
      const encoded = encodeJson(typeof json === 'string' ? Buffer.from(json) : json, req.headers['accept-encoding']);
      vary(encoded.vary ? withAcceptEncoding(responseVary) : responseVary);
      if (encoded.encoding) headers['content-encoding'] = encoded.encoding;
      send(res, status, headers, encoded.body);
    };

    // Most calls: resolved directly (trpc-resolve.ts); the rest by tRPC's resolveResponse.
    const search = new URLSearchParams(end === -1 ? '' : url.slice(end + 1));
    const accepts = { accept: firstHeader(req.headers.accept), trpcAccept: firstHeader(req.headers['trpc-accept']) };
    const plain = plainCalls(req.method ?? 'GET', path, search, body, accepts, MAX_BATCH_SIZE);
    const signInRefusal = plain && !plain.isBatch ? refusals?.get(path) : undefined;
    if (signInRefusal && withoutCredentials(req.headers.authorization, session.jar)) {
      deps.metrics?.trpcCall(path, signInRefusal.type, 'UNAUTHORIZED', 0);
      return finish(signInRefusal.status, signInRefusal.body, TRPC_VARY);
    }
    if (plain) {
      const answer = await resolvePlainCalls(plain, { createContext: ctx, signal: abort.signal, onError });
      if (answer.retryAfter !== null) headers['retry-after'] = String(answer.retryAfter);
      return finish(answer.status, answer.body, TRPC_VARY);
    }

    const request = new Request(`http://localhost${url}`, { method: req.method ?? 'GET', headers: requestHeaders(req), body, signal: abort.signal });
    const response = await resolveResponse({ router: appRouter, req: request, path, error: null, maxBatchSize: MAX_BATCH_SIZE, createContext: ctx, onError, responseMeta: trpcResponseMeta });
    if (response.body && isJson(response.headers.get('content-type'))) {
      const retryAfter = response.headers.get('retry-after');
      if (retryAfter) headers['retry-after'] = retryAfter;
      // One JSON document (a call or a batch): read whole, compressed when large.
      return finish(response.status, Buffer.from(await response.arrayBuffer()), response.headers.get('vary') ?? TRPC_VARY);
    }

    let responseVary: string | undefined;
    for (const [name, value] of response.headers) {
      if (name === 'vary') responseVary = value;
      else headers[name] = value;
    }
    const setCookies = session.setCookies();
    if (setCookies.length > 0) headers['set-cookie'] = setCookies;
    // Streamed answers (jsonl batches, SSE subscriptions) are written as they come.
    vary(responseVary);
    res.writeHead(response.status, headers);
    if (response.body) {
      for await (const chunk of response.body) {
        if (!res.write(chunk)) await drainedOrClosed(res);
        if (res.destroyed) break;
      }
    }
    res.end();
  }

  return (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      log().error({ err: error, url: safeUrl(req.url) }, 'tRPC request failed');
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { ...base, 'x-request-id': requestIdOf(req) }, errorBody('INTERNAL_SERVER_ERROR', 'Something went wrong on our side. Please try again.'));
    });
  };
}

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Resolves once `res` can take more (drain) or is gone (close), leaving no listener behind: a long stream (an SSE
 * subscription) pauses for back-pressure again and again, and a listener left per pause would pile up on the response.
 */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done).once('close', done);
  });
}

function requestHeaders(req: IncomingMessage): [string, string][] {
  const raw = req.rawHeaders;
  const list: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) list.push([raw[i] as string, raw[i + 1] as string]);
  return list;
}

/** The whole request body, or null past `limit` bytes (then the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
