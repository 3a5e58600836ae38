import { afterAll, describe, expect, it } from 'vitest';
import { createServerMetrics } from './metrics.ts';
import { metricsAccess, startMetricsListener } from './metrics-endpoint.ts';
import { startObservedApp, type ObservedApp } from './testing.ts';

const TOKEN = 'scrape-token-0123456789abcdef';
const opened: ObservedApp[] = [];
afterAll(async () => {
  for (const app of opened) await app.close();
});

const production = async (env: Record<string, string>) => {
  const app = await startObservedApp({ NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://veza.example', ...env });
  opened.push(app);
  return app;
};

describe('/metrics protection', () => {
  it('is not public in production without a token', async () => {
    const t = await production({});
    expect((await fetch(`${t.origin}/metrics`)).status).toBe(404);
  });

  it('asks for the bearer token in production when METRICS_TOKEN is set', async () => {
    const t = await production({ METRICS_TOKEN: TOKEN });
    const none = await fetch(`${t.origin}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await fetch(`${t.origin}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } })).status).toBe(401);
    const ok = await fetch(`${t.origin}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('veza_http_requests_total');
  });

  it('is open in development, and only on the metrics listener when METRICS_PORT is set', async () => {
    const dev = { env: 'development' as const, metricsToken: undefined, metricsPort: undefined, metricsHost: '127.0.0.1' };
    expect(metricsAccess(dev, 'public', {})).toEqual({ status: 200 });
    expect(metricsAccess({ ...dev, metricsPort: 9464 }, 'public', {}).status).toBe(404);

    const metrics = createServerMetrics();
    const listener = await startMetricsListener({ env: 'production', metricsToken: undefined, metricsPort: 0, metricsHost: '127.0.0.1' }, metrics);
    try {
      const base = `http://127.0.0.1:${listener.port}`;
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('veza_process_resident_memory_bytes');
      expect((await fetch(`${base}/other`)).status).toBe(404);
    } finally {
      await listener.close();
    }

    const guarded = await startMetricsListener({ env: 'production', metricsToken: TOKEN, metricsPort: 0, metricsHost: '127.0.0.1' }, metrics);
    try {
      const base = `http://127.0.0.1:${guarded.port}`;
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
