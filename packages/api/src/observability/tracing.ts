// Tracing seen from the api layer: a span around each tRPC procedure. apps/server implements it with
// OpenTelemetry when OTEL_EXPORTER_OTLP_ENDPOINT is set; absent otherwise (no cost).

export interface ApiTracer {
  /**
   * Runs `work` inside a span that is the active one for everything it awaits (database, jobs queued).
   * `failed` tells from the result whether the span ends in error.
   */
  inSpan<T>(name: string, attributes: Record<string, string>, work: () => Promise<T>, failed: (result: T) => string | null): Promise<T>;
}
