import { rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { openDatabase } from '@veza/db';
import { connectRedisClient, createRedisClient, type RedisClient } from '@veza/bus';
import { afterEach, describe, expect, it } from 'vitest';
import { startObservedApp, type ObservedApp } from '../observability/testing.ts';
import { checkDeepHealth, type DeepHealth } from './health-deep.ts';

// The Redis check runs against this machine's Redis when REDIS_URL is set (CI sets it).
const REDIS_URL = process.env.REDIS_URL;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let t: ObservedApp | undefined;
let redis: RedisClient | undefined;
afterEach(async () => {
  redis?.disconnect();
  redis = undefined;
  await t?.close();
  t = undefined;
});

const deep = async (app: ObservedApp) => {
  const res = await fetch(`${app.origin}/health/deep`);
  return { status: res.status, body: (await res.json()) as DeepHealth };
};

describe('GET /health/deep', () => {
  it('checks the database, storage, disk, Redis and the job queue, each with its latency', async () => {
    redis = REDIS_URL ? await connectRedisClient(REDIS_URL) : undefined;
    t = await startObservedApp({}, { queue: true, ...(redis && { redis }) });
    const { status, body } = await deep(t);
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'disk', 'jobs', ...(REDIS_URL ? ['redis'] : []), 'storage']);
    for (const check of Object.values(body.checks)) {
      expect(check.status).toBe('ok');
      expect(check.latencyMs).toBeGreaterThanOrEqual(0);
    }
    // No versions, hosts or connection strings.
    const raw = JSON.stringify(body);
    expect(raw).not.toMatch(/6379|127\.0\.0\.1|postgres|version|\d+\.\d+\.\d+/i);
    // The probe object is gone.
    expect(await t.deps.storage.stat('health')).toBeNull();
  });

  it('is degraded, still 200, when Redis does not answer', async () => {
    redis = createRedisClient(`redis://127.0.0.1:${await closedPort()}`);
    redis.on('error', () => undefined);
    t = await startObservedApp({}, { redis });
    const { status, body } = await deep(t);
    expect(status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.checks.redis).toMatchObject({ status: 'degraded', reason: 'Redis failed' });
    expect(body.checks.database?.status).toBe('ok');
  });

  it('is down with 503 when storage cannot be written', async () => {
    t = await startObservedApp();
    // The media folder replaced by a file: every write under it fails.
    const media = join(t.dataDir, 'media');
    await rm(media, { recursive: true, force: true });
    await writeFile(media, 'not a folder');
    const { status, body } = await deep(t);
    expect(status).toBe(503);
    expect(body.status).toBe('down');
    expect(body.checks.storage).toMatchObject({ status: 'down', reason: 'storage failed' });
  });

  it('is down when the database is unreachable, the disk nearly full, or the instance shutting down', async () => {
    t = await startObservedApp();
    const probes = { db: t.deps.db, storage: t.deps.storage, dataDir: t.dataDir, isClosing: () => false };
    expect((await checkDeepHealth(probes)).status).toBe('ok');
    const full = await checkDeepHealth({ ...probes, diskDownBelow: 1.01 });
    expect(full.status).toBe('down');
    expect(full.checks.disk?.reason).toMatch(/nearly full \(\d+\.\d % free\)/);
    expect((await checkDeepHealth({ ...probes, diskDegradedBelow: 1.01 })).status).toBe('degraded');
    const closing = await checkDeepHealth({ ...probes, isClosing: () => true });
    expect(closing).toMatchObject({ status: 'down', checks: { instance: { status: 'down', reason: 'shutting down' } } });
    const gone = await openDatabase({ dataDir: 'memory://' });
    await gone.close();
    const noDatabase = await checkDeepHealth({ ...probes, db: gone });
    expect(noDatabase).toMatchObject({ status: 'down', checks: { database: { status: 'down', reason: 'the database does not answer' } } });
  });
});
