// tRPC over HTTP (/trpc/<path>, batched) and over WebSocket (/trpc) with one context adapter.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { appRouter, createContext, retryAfterOf, SESSION_REVOKED_CHANNEL, startPresenceTracker, type ApiDeps, type AppRouter, type SessionRevokedMessage } from '@veza/api';
import type { TRPCError } from '@trpc/server';
import { fastifyTRPCPlugin, type CreateFastifyContextOptions, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { CreateWSSContextFnOptions, WSSHandlerOptions } from '@trpc/server/adapters/ws';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { readOnlyCookieJar, replyCookieJar } from './cookies.ts';
import type { Config } from './env.ts';
import { fromAppPage, originAllowed } from './origin.ts';
import { sharedEventEncoder } from './ws-encoder.ts';
import { laneFor, watchOpenings } from './ws-direct.ts';

/** Subscriptions whose live events take the WebSocket's direct lane. */
const LANE_PATHS = ['chat.onRoom', 'chat.onInbox'] as const;
import { DEFAULT_WS_DROP_ABOVE_BYTES, guardSlowConsumer, isDroppableFrame } from './ws-backpressure.ts';

/** Requests per HTTP batch; the web client's httpBatchLink must use `maxItems` at or below this. */
export const MAX_BATCH_SIZE = 20;

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function wsClientIp(req: IncomingMessage, trustProxy: boolean): string | null {
  const forwarded = trustProxy ? firstHeader(req.headers['x-forwarded-for'])?.split(',')[0]?.trim() : undefined;
  return forwarded || req.socket.remoteAddress || null;
}

/** Close code sent to a WebSocket whose session was revoked (the client should sign in again). */
export const WS_SESSION_REVOKED = 4401;

/** How long a revocation is remembered for sockets whose context was still being created when it arrived. */
const REVOCATION_MEMORY_MS = 60_000;

/**
 * Open WebSocket connections per session id, so revoking a session also cuts its live connections. A connection's
 * context resolves asynchronously: a revocation announced between its session lookup and its registration here is
 * remembered for a minute, so that connection is cut when it registers instead of living on.
 */
export class SessionSockets {
  private readonly bySession = new Map<string, Set<WebSocket>>();
  private readonly revokedAt = new Map<string, number>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  add(sessionId: string, socket: WebSocket) {
    const revoked = this.revokedAt.get(sessionId);
    if (revoked !== undefined && this.now() - revoked < REVOCATION_MEMORY_MS) {
      socket.close(WS_SESSION_REVOKED, 'session revoked');
      return;
    }
    let set = this.bySession.get(sessionId);
    if (!set) {
      set = new Set();
      this.bySession.set(sessionId, set);
    }
    set.add(socket);
    socket.once('close', () => {
      set.delete(socket);
      if (set.size === 0 && this.bySession.get(sessionId) === set) this.bySession.delete(sessionId);
    });
  }

  closeSessions(sessionIds: string[]) {
    const now = this.now();
    for (const [id, at] of this.revokedAt) if (now - at >= REVOCATION_MEMORY_MS) this.revokedAt.delete(id);
    for (const id of sessionIds) {
      this.revokedAt.set(id, now);
      for (const socket of this.bySession.get(id) ?? []) socket.close(WS_SESSION_REVOKED, 'session revoked');
    }
  }
}

const revokedIds = (payload: unknown): string[] => {
  const ids = (payload as Partial<SessionRevokedMessage> | null)?.sessionIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
};

export async function registerTrpc(app: FastifyInstance, { deps, config }: { deps: ApiDeps; config: Config }) {
  // Revocations are announced on the bus (Redis with many instances): every instance closes its own sockets.
  const sockets = new SessionSockets();
  const unsubscribe = await deps.bus.subscribe(SESSION_REVOKED_CHANNEL, (payload) => sockets.closeSessions(revokedIds(payload)));
  // Presence: a user whose last WebSocket (on any instance) closes goes offline at once; users whose heartbeats stop
  // (a killed instance's) are announced offline by the sweeper of whichever instance claims them first.
  const presence = startPresenceTracker(deps, { onError: (err) => app.log.warn({ err }, 'presence bookkeeping failed') });
  app.addHook('onClose', async () => {
    await unsubscribe();
    await presence.stop();
  });

  // Emitted before the tRPC adapter gets the socket, so every frame it sends goes through the guard.
  app.websocketServer.on('connection', (socket: WebSocket) => {
    // Chat room and inbox subscriptions take the direct lane for their live events (ws-direct.ts).
    watchOpenings(socket, LANE_PATHS);
    guardSlowConsumer(socket, {
      maxBufferedBytes: config.wsMaxBufferedBytes,
      // Typing indicators and presence changes are dropped for a socket this far behind; messages never are.
      droppable: isDroppableFrame,
      dropAboveBytes: Math.min(DEFAULT_WS_DROP_ABOVE_BYTES, Math.floor(config.wsMaxBufferedBytes / 2)),
      onTooSlow: (bufferedAmount) => app.log.warn({ bufferedAmount }, 'closed a WebSocket too slow to read its events (4408)'),
    });
  });

  /**
   * HTTP requests get a cookie jar that writes Set-Cookie; WebSocket connections (the adapter hands
   * over the raw upgrade request and the socket) authenticate from the upgrade's cookie or
   * Authorization header and cannot change cookies.
   */
  async function createTrpcContext(opts: CreateFastifyContextOptions | CreateWSSContextFnOptions) {
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
    const ctx = await createContext(deps, {
      authorization: req.headers.authorization,
      cookies: readOnlyCookieJar(header ? app.parseCookie(header) : {}),
      meta: { ip: wsClientIp(req, config.trustProxy), userAgent: req.headers['user-agent'] ?? null },
      liveLane: laneFor(opts.res as WebSocket),
    });
    const socket = opts.res as WebSocket;
    if (ctx.viewer && socket.readyState === socket.OPEN) {
      sockets.add(ctx.viewer.sessionId, socket);
      const userId = ctx.viewer.id;
      presence.opened(userId);
      socket.once('close', () => presence.closed(userId));
    }
    return ctx;
  }

  const trpcOptions: FastifyTRPCPluginOptions<AppRouter>['trpcOptions'] & Pick<WSSHandlerOptions<AppRouter>, 'keepAlive' | 'experimental_encoder'> = {
    router: appRouter,
    createContext: createTrpcContext,
    maxBatchSize: MAX_BATCH_SIZE,
    // Read by the adapter's WebSocket handler: pings idle clients, drops the ones that stopped answering.
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 10_000 },
    // Room events shared by many sockets are serialised once, not once per socket (ws-encoder.ts).
    experimental_encoder: sharedEventEncoder,
    onError({ error, path, type }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err: error.cause ?? error, path, type }, 'tRPC procedure failed');
    },
    responseMeta: trpcResponseMeta,
  };
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (req, reply) => {
      // A cookie-authenticated WebSocket must not be openable from another site's page.
      if (req.headers.upgrade?.toLowerCase() === 'websocket' && !originAllowed(config, req.headers)) {
        return reply.code(403).send(trpcError(403, 'FORBIDDEN', 'This origin may not open a connection.'));
      }
      const refusal = refuseTrpcHttpCall(config, req.method, req.headers);
      if (refusal) return reply.code(refusal.status).send(refusal.body);
    });
    await scope.register(fastifyTRPCPlugin, { prefix: '/trpc', useWSS: true, trpcOptions });
  });
}

/**
 * The rules for tRPC calls over HTTP, before tRPC sees them (shared by the Fastify route and the fast path in
 * trpc-http.ts): null when the call may proceed, else the refusal in tRPC's envelope.
 */
export function refuseTrpcHttpCall(config: Config, method: string | undefined, headers: IncomingHttpHeaders): { status: number; body: TrpcErrorBody } | null {
  if (method !== 'POST') return null;
  // CSRF: a call made with the session cookie must come from the app's own pages. API clients that send
  // only a Bearer token (no cookie) are not at risk and may omit Origin.
  if (headers.cookie && !fromAppPage(config, headers)) {
    return { status: 403, body: trpcError(403, 'FORBIDDEN', 'This request must come from the Veza app. Reload the page and try again.') };
  }
  // The client always posts JSON; refusing "simple" content types (forms, text/plain) means no other
  // site can make the browser send a cookie-authenticated call without a CORS preflight.
  if (!headers['content-type']?.toLowerCase().startsWith('application/json')) {
    return { status: 415, body: trpcError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send tRPC calls as application/json.') };
  }
  return null;
}

type TrpcErrorBody = ReturnType<typeof trpcError>;

/** An error in tRPC's own envelope, for requests refused before they reach tRPC. */
const trpcError = (httpStatus: number, code: TRPC_ERROR_CODE_KEY, message: string) => ({
  error: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus, path: null, fieldErrors: null } },
});

/** Headers of a tRPC HTTP answer: `Retry-After` when every call in it was refused by a rate limit. */
export function trpcResponseMeta({ errors, data }: { errors: TRPCError[]; data: readonly unknown[] }): { headers?: Record<string, string> } {
  const wait = retryAfterOf(errors, data.length);
  return wait === null ? {} : { headers: { 'retry-after': String(wait) } };
}
