// GET /metrics, protected: not public in production, no ceremony in development.
// - METRICS_PORT set: metrics are served only on that separate listener (bind METRICS_HOST to an internal
//   interface); the public port answers 404.
// - METRICS_TOKEN set: a scrape must send `Authorization: Bearer <token>` (401 otherwise), on either listener.
// - Neither: open in development and test, 404 in production.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { ServerMetrics } from './metrics.ts';

export interface MetricsAccessConfig {
  env: 'development' | 'production' | 'test';
  metricsToken: string | undefined;
  metricsPort: number | undefined;
  metricsHost: string;
}

type Access = { status: 200 } | { status: 401 | 404; message: string };

const bearer = (headers: IncomingHttpHeaders) => {
  const value = headers.authorization;
  return typeof value === 'string' && value.startsWith('Bearer ') ? value.slice(7).trim() : null;
};

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Who may scrape: `listener` is 'public' for the app's port, 'metrics' for METRICS_PORT. */
export function metricsAccess(config: MetricsAccessConfig, listener: 'public' | 'metrics', headers: IncomingHttpHeaders): Access {
  if (listener === 'public' && config.metricsPort !== undefined) return { status: 404, message: 'Not found.' };
  if (config.metricsToken) {
    const given = bearer(headers);
    return given && sameToken(given, config.metricsToken) ? { status: 200 } : { status: 401, message: 'A valid metrics token is required.' };
  }
  if (listener === 'public' && config.env === 'production') return { status: 404, message: 'Not found.' };
  return { status: 200 };
}

/** /metrics on the app's own port (subject to `metricsAccess`). */
export function metricsRoute(app: FastifyInstance, { config, metrics }: { config: MetricsAccessConfig; metrics: ServerMetrics }) {
  app.get('/metrics', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const access = metricsAccess(config, 'public', req.headers);
    if (access.status !== 200) {
      if (access.status === 401) reply.header('www-authenticate', 'Bearer realm="metrics"');
      return reply.code(access.status).send({ error: access.message });
    }
    return reply.type(metrics.contentType).send(await metrics.render());
  });
}

/** The separate listener on METRICS_PORT: the web server's when set, and the worker's (which has no other). */
export async function startMetricsListener(config: MetricsAccessConfig & { metricsPort: number }, metrics: ServerMetrics): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found.\n');
      return;
    }
    const access = metricsAccess(config, 'metrics', req.headers);
    if (access.status !== 200) {
      res.writeHead(access.status, { 'content-type': 'text/plain', ...(access.status === 401 && { 'www-authenticate': 'Bearer realm="metrics"' }) });
      res.end(`${access.message}\n`);
      return;
    }
    metrics.render().then(
      (text) => res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics unavailable.\n'),
    );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.metricsPort, config.metricsHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
