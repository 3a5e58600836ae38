// tRPC over HTTP (/trpc/<path>, batched) and over WebSocket (/trpc) with one context adapter.
import type { IncomingMessage } from 'node:http';
import { appRouter, createContext, type ApiDeps, type AppRouter } from '@veza/api';
import { fastifyTRPCPlugin, type CreateFastifyContextOptions, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { CreateWSSContextFnOptions, WSSHandlerOptions } from '@trpc/server/adapters/ws';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { FastifyInstance } from 'fastify';
import { readOnlyCookieJar, replyCookieJar } from './cookies.ts';
import type { Config } from './env.ts';
import { originAllowed } from './origin.ts';

/** Requests per HTTP batch; the web client's httpBatchLink must use `maxItems` at or below this. */
export const MAX_BATCH_SIZE = 20;

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function wsClientIp(req: IncomingMessage, trustProxy: boolean): string | null {
  const forwarded = trustProxy ? firstHeader(req.headers['x-forwarded-for'])?.split(',')[0]?.trim() : undefined;
  return forwarded || req.socket.remoteAddress || null;
}

export async function registerTrpc(app: FastifyInstance, { deps, config }: { deps: ApiDeps; config: Config }) {
  /**
   * HTTP requests get a cookie jar that writes Set-Cookie; WebSocket connections (the adapter hands
   * over the raw upgrade request and the socket) authenticate from the upgrade's cookie or
   * Authorization header and cannot change cookies.
   */
  function createTrpcContext(opts: CreateFastifyContextOptions | CreateWSSContextFnOptions) {
    if ('raw' in opts.req && 'raw' in opts.res) {
      const { req, res } = opts as CreateFastifyContextOptions;
      return createContext(deps, {
        authorization: req.headers.authorization,
        cookies: replyCookieJar(req, res, deps.secureCookies),
        meta: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
      });
    }
    const req = opts.req as IncomingMessage;
    const header = firstHeader(req.headers.cookie);
    return createContext(deps, {
      authorization: req.headers.authorization,
      cookies: readOnlyCookieJar(header ? app.parseCookie(header) : {}),
      meta: { ip: wsClientIp(req, config.trustProxy), userAgent: req.headers['user-agent'] ?? null },
    });
  }

  const trpcOptions: FastifyTRPCPluginOptions<AppRouter>['trpcOptions'] & Pick<WSSHandlerOptions<AppRouter>, 'keepAlive'> = {
    router: appRouter,
    createContext: createTrpcContext,
    maxBatchSize: MAX_BATCH_SIZE,
    // Read by the adapter's WebSocket handler: pings idle clients, drops the ones that stopped answering.
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 10_000 },
    onError({ error, path, type }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err: error.cause ?? error, path, type }, 'tRPC procedure failed');
    },
  };
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (req, reply) => {
      // A cookie-authenticated WebSocket must not be openable from another site's page.
      if (req.headers.upgrade?.toLowerCase() === 'websocket' && !originAllowed(config, req.headers)) {
        return reply.code(403).send(trpcError(403, 'FORBIDDEN', 'This origin may not open a connection.'));
      }
      // The client always posts JSON; refusing "simple" content types (forms, text/plain) means no other
      // site can make the browser send a cookie-authenticated call without a CORS preflight.
      if (req.method === 'POST' && !req.headers['content-type']?.toLowerCase().startsWith('application/json')) {
        return reply.code(415).send(trpcError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send tRPC calls as application/json.'));
      }
    });
    await scope.register(fastifyTRPCPlugin, { prefix: '/trpc', useWSS: true, trpcOptions });
  });
}

/** An error in tRPC's own envelope, for requests refused before they reach tRPC. */
const trpcError = (httpStatus: number, code: TRPC_ERROR_CODE_KEY, message: string) => ({
  error: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus, path: null, fieldErrors: null } },
});
