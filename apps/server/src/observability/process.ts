// Per-process observability for the entry points (main.ts, worker.ts): the metrics registry, tracing when
// configured, and the METRICS_PORT listener.
import type { Config } from '../env.ts';
import { startMetricsListener } from './metrics-endpoint.ts';
import { createServerMetrics, type ServerMetrics } from './metrics.ts';
import { startTracing, type Tracing } from './tracing.ts';

export interface ProcessObservability {
  metrics: ServerMetrics;
  tracing: Tracing | null;
  /** Starts the METRICS_PORT listener when configured; returns its port. */
  listen(log: { info(details: object, message: string): void }): Promise<number | null>;
  close(): Promise<void>;
}

export async function startObservability(config: Config, role: 'server' | 'worker'): Promise<ProcessObservability> {
  const metrics = createServerMetrics();
  const tracing = config.otelEndpoint
    ? await startTracing({ endpoint: config.otelEndpoint, serviceName: role === 'server' ? config.otelServiceName : `${config.otelServiceName}-worker` })
    : null;
  let listener: Awaited<ReturnType<typeof startMetricsListener>> | null = null;
  return {
    metrics,
    tracing,
    async listen(log) {
      const port = config.metricsPort;
      if (port === undefined) return null;
      listener = await startMetricsListener({ ...config, metricsPort: port }, metrics);
      log.info({ host: config.metricsHost, port: listener.port }, 'metrics listening');
      return listener.port;
    },
    async close() {
      await listener?.close();
      // Sends the last spans, but an unreachable collector must not hold the exit.
      if (tracing) await Promise.race([tracing.shutdown().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    },
  };
}
