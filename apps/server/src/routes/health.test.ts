import { openDatabase } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { buildDeps } from '../deps.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health', () => {
  it('is alive and ready on a migrated database', async () => {
    const live = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('is alive but not ready while migrations are pending', async () => {
    const db = await openDatabase({ dataDir: 'memory://' });
    const deps = buildDeps(t.config, db, t.deps.jobs);
    const app = await buildApp(t.config, deps);
    try {
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json<{ reason: string }>().reason).toMatch(/pending migration/);
    } finally {
      await app.close();
      await db.close();
    }
  });

  it('is not ready when the database stops answering', async () => {
    const unreachable = { ...t.deps.db, ping: async () => false };
    const app = await buildApp(t.config, { ...t.deps, db: unreachable });
    try {
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });
    } finally {
      await app.close();
    }
  });
});
