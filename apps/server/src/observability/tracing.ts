// OpenTelemetry tracing, only when OTEL_EXPORTER_OTLP_ENDPOINT is set: the SDK is imported on demand, so a process
// without the variable never loads it. Spans: one per HTTP request (server), one per tRPC procedure (through the
// api's ApiTracer), one per ORM query (through the database's query hook), one per job attempt (consumer,
// continuing the trace of the request that queued it).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiTracer } from '@veza/api';
import type { QueryHook } from '@veza/db';
import type { Span } from '@opentelemetry/api';
import { safeUrl, routeLabel } from './routes.ts';

export interface TracingConfig {
  /** Base OTLP/HTTP endpoint, e.g. http://collector:4318 (spans go to `<endpoint>/v1/traces`). */
  endpoint: string;
  serviceName: string;
  /** How long finished spans wait before a batch is sent. */
  batchDelayMs?: number;
}

export interface Tracing {
  readonly api: ApiTracer;
  /** Runs the raw handler inside a server span that ends when the response closes. */
  serveHttp(req: IncomingMessage, res: ServerResponse, requestId: string, handle: () => void): void;
  /** The active trace as a W3C `traceparent`, to carry in a job's data. */
  traceparent(): string | undefined;
  /** Runs a job attempt in a consumer span, child of the trace that queued it when known. */
  inJob<T>(kind: string, traceparent: string | undefined, attributes: Record<string, string>, work: () => Promise<T>): Promise<T>;
  /** For `db.setQueryHook`: a client span per ORM query inside the active trace (the statement's shape only). */
  readonly queryHook: QueryHook;
  /** Sends what is buffered and stops. */
  shutdown(): Promise<void>;
}

export async function startTracing(config: TracingConfig): Promise<Tracing> {
  const [otel, { NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const { context, propagation, trace, SpanKind, SpanStatusCode } = otel;
  const exporter = new OTLPTraceExporter({ url: `${config.endpoint.replace(/\/$/, '')}/v1/traces` });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: config.batchDelayMs ?? 2_000 })],
  });
  // Registers the AsyncLocalStorage context manager and the W3C trace-context propagator globally.
  provider.register();
  const tracer = trace.getTracer('veza');

  const fail = (span: Span, message: string) => span.setStatus({ code: SpanStatusCode.ERROR, message });

  const api: ApiTracer = {
    inSpan(name, attributes, work, failed) {
      return tracer.startActiveSpan(name, { attributes }, async (span) => {
        try {
          const result = await work();
          const problem = failed(result);
          if (problem) {
            span.setAttribute('trpc.code', problem);
            fail(span, problem);
          }
          return result;
        } catch (error) {
          fail(span, error instanceof Error ? error.message : String(error));
          throw error;
        } finally {
          span.end();
        }
      });
    },
  };

  return {
    api,
    serveHttp(req, res, requestId, handle) {
      const parent = propagation.extract(context.active(), req.headers);
      const method = req.method ?? 'GET';
      const span = tracer.startSpan(
        `${method} ${routeLabel(req.url)}`,
        {
          kind: SpanKind.SERVER,
          attributes: { 'http.request.method': method, 'url.path': safeUrl(req.url), 'http.route': routeLabel(req.url), 'veza.request_id': requestId },
        },
        parent,
      );
      res.once('close', () => {
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) fail(span, `HTTP ${res.statusCode}`);
        span.end();
      });
      context.with(trace.setSpan(parent, span), handle);
    },
    traceparent() {
      const carrier: Record<string, string> = {};
      propagation.inject(context.active(), carrier);
      return carrier.traceparent;
    },
    inJob(kind, traceparent, attributes, work) {
      const parent = traceparent ? propagation.extract(context.active(), { traceparent }) : context.active();
      return tracer.startActiveSpan(`job ${kind}`, { kind: SpanKind.CONSUMER, attributes: { 'veza.job.kind': kind, ...attributes } }, parent, async (span) => {
        try {
          return await work();
        } catch (error) {
          fail(span, error instanceof Error ? error.message : String(error));
          throw error;
        } finally {
          span.end();
        }
      });
    },
    queryHook(event) {
      // Queries outside any request or job (start-up, housekeeping) would only be noise at the root.
      if (!trace.getSpan(context.active())) return;
      const end = Date.now();
      const span = tracer.startSpan(`db ${event.summary}`, {
        kind: SpanKind.CLIENT,
        startTime: end - event.tookMs,
        attributes: { 'db.system.name': 'postgresql', 'db.query.summary': event.summary },
      });
      if (event.failed) fail(span, 'query failed');
      span.end(end);
    },
    async shutdown() {
      await provider.shutdown();
    },
  };
}
