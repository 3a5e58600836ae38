// The observability pieces of the Fastify app: /metrics, /health/deep, the WebSocket gauge, scrape-time sources,
// and the request scope restored before handlers run.
import { appRouter, type ApiDeps } from '@veza/api';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../env.ts';
import { deepHealthRoute } from '../routes/health-deep.ts';
import { readiness } from '../routes/health.ts';
import { metricsRoute } from './metrics-endpoint.ts';
import type { ServerMetrics, WaitingJobs } from './metrics.ts';
import { enterRequest } from './request-context.ts';

export interface ObservabilityOptions {
  config: Config;
  deps: ApiDeps;
  metrics: ServerMetrics;
  isClosing: () => boolean;
  /** The Redis connection (REDIS_URL), checked by /health/deep. */
  redis?: { ping(): Promise<unknown> } | undefined;
  /** Waiting jobs of a kind: the queue's depth for /metrics and its reachability for /health/deep. */
  waitingJobs?: ((kind: string) => Promise<WaitingJobs>) | undefined;
}

export function registerObservability(app: FastifyInstance, o: ObservabilityOptions): void {
  const { config, deps, metrics } = o;
  // Body parsing can run the handler from the socket's events, outside the scope opened in serverFactory:
  // re-enter it (a callback hook, so the handler runs synchronously after `done` and sees it).
  app.addHook('preHandler', (req, _reply, done) => {
    enterRequest({ requestId: String(req.id) });
    done();
  });

  app.websocketServer.on('connection', (socket) => {
    socket.once('close', metrics.webSocketOpened());
  });

  metrics.knownSubscriptions(
    Object.entries(appRouter._def.procedures)
      .filter(([, procedure]) => (procedure as { _def?: { type?: string } })._def?.type === 'subscription')
      .map(([path]) => path),
  );
  metrics.watch({
    ready: async () => (await readiness(deps.db, o.isClosing)).ready,
    dbPool: () => deps.db.poolStats(),
    dataDir: config.dataDir,
    ...(o.waitingJobs && { waitingJobs: o.waitingJobs }),
  });

  metricsRoute(app, { config, metrics });
  const waiting = o.waitingJobs;
  deepHealthRoute(app, {
    db: deps.db,
    storage: deps.storage,
    dataDir: config.dataDir,
    isClosing: o.isClosing,
    redis: o.redis,
    jobs: waiting && (() => waiting('track.process')),
  });
}
