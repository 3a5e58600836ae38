// Builds the Fastify app: plugins, tRPC (HTTP + WebSocket), the plain HTTP routes and the web app.
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyWebsocket from '@fastify/websocket';
import type { ApiDeps } from '@veza/api';
import { createServer } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './env.ts';
import { registerCompression } from './compression.ts';
import { registerErrorHandler } from './http-errors.ts';
import { observeRequests } from './observability/http.ts';
import { fastifyLogging } from './observability/logging.ts';
import { createServerMetrics, type ServerMetrics, type WaitingJobs } from './observability/metrics.ts';
import { registerObservability } from './observability/register.ts';
import { safeUrl } from './observability/routes.ts';
import type { Tracing } from './observability/tracing.ts';
import { audioRoutes } from './routes/audio.ts';
import { createHlsHandler, hlsRoutes, isHlsRequest } from './routes/hls.ts';
import { coverRoutes } from './routes/cover.ts';
import { oembedRoutes } from './routes/embed.ts';
import { chatAttachmentRoutes } from './routes/chat-attachments.ts';
import { roomIconRoutes } from './routes/room-icons.ts';
import { profileImageRoutes } from './routes/profile-images.ts';
import { healthRoutes } from './routes/health.ts';
import { oauthRoutes } from './routes/oauth.ts';
import { tusRoutes } from './routes/tus.ts';
import { unsubscribeRoutes } from './routes/unsubscribe.ts';
import { uploadRoutes } from './routes/upload.ts';
import { allowedOrigins, registerSecurityHeaders } from './security-headers.ts';
import { registerStatic } from './static.ts';
import { registerTrpc } from './trpc.ts';
import { createTrpcHttpHandler, isTrpcHttpRequest } from './trpc-http.ts';

/** JSON bodies (tRPC calls and batches); uploads stream through multipart and have their own limit. */
const BODY_LIMIT = 1024 * 1024;
/** Largest WebSocket message accepted from a client: tRPC messages are small. */
const WS_MAX_PAYLOAD = 256 * 1024;

export interface AppOptions {
  /** True once the process is draining (SIGTERM): /readyz fails while requests are still served. */
  isDraining?: () => boolean;
  /** The process's metrics (whose `api` is in deps.metrics); a fresh registry of the app's own series when absent. */
  metrics?: ServerMetrics | undefined;
  /** Server spans, when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  tracing?: Tracing | null | undefined;
  /** Checked by /health/deep (and read for the queue metrics). */
  redis?: { ping(): Promise<unknown> } | undefined;
  waitingJobs?: ((kind: string) => Promise<WaitingJobs>) | undefined;
  /** Where log lines go (stdout when absent); tests capture them. */
  logStream?: DestinationStream | undefined;
}

/** `deps` are built by main.ts (or a test) and closed by their owner after the app closes. */
export async function buildApp(config: Config, deps: ApiDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const d = deps;
  // Without the process's registry (tests): the app's own series, without a second set of process collectors.
  const metrics = options.metrics ?? createServerMetrics({ defaultMetrics: false });
  const hls = createHlsHandler({ deps: d, cacheBytes: config.hlsCacheBytes });
  let log: FastifyBaseLogger | null = null;
  let closing = false;
  // tRPC's HTTP calls skip the framework too: see trpc-http.ts (the app exists before the first request).
  const trpcHttp = createTrpcHttpHandler({
    deps: d,
    config,
    bodyLimit: BODY_LIMIT,
    cookies: () => ({ parse: (header) => app.parseCookie(header), serialize: (name, value, opts) => app.serializeCookie(name, value, opts) }),
    log: () => app.log,
    isClosing: () => closing,
  });
  const app = Fastify({
    // HLS segments skip the framework: see routes/hls.ts.
    serverFactory: (handler) =>
      // Every branch below is measured and carries a request id (observability/http.ts).
      createServer(observeRequests((req, res) => {
        if (isTrpcHttpRequest(req)) return trpcHttp(req, res);
        if (!isHlsRequest(req)) return handler(req, res);
        hls(req, res).catch((error: unknown) => {
          log?.error({ err: error, url: safeUrl(req.url) }, 'HLS request failed');
          if (res.headersSent) res.destroy();
          else {
            res.statusCode = 500;
            res.end();
          }
        });
      }, { metrics, tracing: options.tracing, trustProxy: config.trustProxy, writesRequestId: isTrpcHttpRequest })),
    ...fastifyLogging(config.logLevel, options.logStream),
    bodyLimit: BODY_LIMIT,
    // tRPC batches put every procedure path in one URL parameter (`/trpc/a.b,c.d,...`).
    routerOptions: { maxParamLength: 5000 },
    trustProxy: config.trustProxy,
    // Long uploads on slow links: no overall request timeout, but a bound on silent connections.
    requestTimeout: 0,
    connectionTimeout: 120_000,
    keepAliveTimeout: 72_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });

  log = app.log;
  app.addHook('preClose', async () => {
    closing = true;
  });

  registerErrorHandler(app);
  await registerSecurityHeaders(app, { config, limits: d.limits });
  registerCompression(app);
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { throwFileSizeLimit: false });
  await app.register(fastifyWebsocket, { options: { maxPayload: WS_MAX_PAYLOAD } });

  healthRoutes(app, { db: d.db, isClosing: () => closing || (options.isDraining?.() ?? false) });
  registerObservability(app, {
    config,
    deps: d,
    metrics,
    isClosing: () => closing || (options.isDraining?.() ?? false),
    redis: options.redis,
    waitingJobs: options.waitingJobs,
  });
  uploadRoutes(app, { deps: d, config });
  await tusRoutes(app, { deps: d, config });
  audioRoutes(app, { deps: d });
  hlsRoutes(app, { handler: hls });
  coverRoutes(app, { deps: d, config });
  oembedRoutes(app, { deps: d, origins: allowedOrigins(config) });
  chatAttachmentRoutes(app, { deps: d, config });
  roomIconRoutes(app, { deps: d, config });
  profileImageRoutes(app, { deps: d, config });
  oauthRoutes(app, { deps: d });
  unsubscribeRoutes(app, { deps: d });
  await registerTrpc(app, { deps: d, config });
  await registerStatic(app, config, d);
  return app;
}
