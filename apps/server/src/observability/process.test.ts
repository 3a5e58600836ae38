// Tracing costs nothing unless configured: without OTEL_EXPORTER_OTLP_ENDPOINT the OpenTelemetry SDK is not even
// loaded; with it, it is. (The no-op API facade is loaded either way: prom-client itself requires it.)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** Starts the process observability in a fresh node and lists the OpenTelemetry modules it resolved. */
function otelModulesLoaded(env: Record<string, string>): string[] {
  const script = `
    import { registerHooks } from 'node:module';
    const seen = new Set();
    registerHooks({ resolve(specifier, context, next) { if (specifier.startsWith('@opentelemetry/')) seen.add(specifier); return next(specifier, context); } });
    const { loadConfig } = await import('./src/env.ts');
    const { startObservability } = await import('./src/observability/process.ts');
    const observability = await startObservability(loadConfig(), 'server');
    await observability.close();
    console.log(JSON.stringify([...seen].sort()));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: SERVER_DIR,
    env: { NODE_ENV: 'test', JWT_SECRET: 'process-test-secret-process-test-secret-0', DATA_DIR: '/tmp/veza-process-test', ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '[]') as string[];
}

describe('startObservability', () => {
  it('does not load the OpenTelemetry SDK without OTEL_EXPORTER_OTLP_ENDPOINT, and loads it with one', () => {
    expect(otelModulesLoaded({}).filter((name) => name !== '@opentelemetry/api')).toEqual([]);
    expect(otelModulesLoaded({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' })).toEqual(
      expect.arrayContaining(['@opentelemetry/api', '@opentelemetry/sdk-trace-node', '@opentelemetry/exporter-trace-otlp-http']),
    );
  }, 60_000);
});
