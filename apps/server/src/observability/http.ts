// Wraps the raw HTTP handler given to Fastify's serverFactory, so every branch (Fastify, the HLS fast path, the
// tRPC fast path) is measured, carries a request id and, with tracing on, runs inside a server span.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerMetrics } from './metrics.ts';
import { assignRequestId, runInRequest } from './request-context.ts';
import { routeLabel } from './routes.ts';
import type { Tracing } from './tracing.ts';

export type RawHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface ObserveOptions {
  metrics?: ServerMetrics | undefined;
  tracing?: Tracing | null | undefined;
  /** Accept an incoming `x-request-id` (set by the load balancer). */
  trustProxy: boolean;
  /**
   * Requests whose handler writes `x-request-id` itself (with `requestIdOf`) in its one `writeHead`: a header set
   * beforehand with `setHeader` makes Node merge every header of that `writeHead` one `setHeader` at a time.
   */
  writesRequestId?: (req: IncomingMessage) => boolean;
}

export function observeRequests(handle: RawHandler, { metrics, tracing, trustProxy, writesRequestId }: ObserveOptions): RawHandler {
  return (req, res) => {
    const requestId = assignRequestId(req, trustProxy);
    if (!writesRequestId?.(req)) res.setHeader('x-request-id', requestId);
    if (metrics) {
      const started = performance.now();
      // 'close' fires once for every response, finished or aborted.
      res.once('close', () => {
        metrics.httpRequest(req.method ?? 'GET', routeLabel(req.url), res.statusCode, (performance.now() - started) / 1000);
      });
    }
    const scope = { requestId };
    if (tracing) runInRequest(scope, () => tracing.serveHttp(req, res, requestId, () => handle(req, res)));
    else runInRequest(scope, () => handle(req, res));
  };
}
