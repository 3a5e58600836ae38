// Test support: the real app with the process's observability wired as main.ts does, listening on 127.0.0.1
// (the request path under test starts in serverFactory, which app.inject bypasses).
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { ApiDeps } from '@veza/api';
import { createTestDatabase } from '@veza/db/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { buildDeps } from '../deps.ts';
import { loadConfig, type Config } from '../env.ts';
import { openQueue, schedulerFor, waitingJobsOf, type VezaQueue } from '../processing.ts';
import { TEST_SECRET } from '../test/harness.ts';
import { createServerMetrics, type ServerMetrics } from './metrics.ts';
import type { Tracing } from './tracing.ts';

export interface ObservedApp {
  app: FastifyInstance;
  deps: ApiDeps;
  config: Config;
  metrics: ServerMetrics;
  queue: VezaQueue | null;
  origin: string;
  dataDir: string;
  /** Every log line written so far, parsed. */
  logLines(): Record<string, unknown>[];
  logText(): string;
  close(): Promise<void>;
}

export async function startObservedApp(
  env: Record<string, string> = {},
  options: { queue?: boolean; tracing?: Tracing | null; redis?: { ping(): Promise<unknown> } } = {},
): Promise<ObservedApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'veza-obs-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET: TEST_SECRET, WEB_DIST: join(dataDir, 'no-web-build'), LOG_LEVEL: 'info', ...env });
  const db = await createTestDatabase();
  if (options.tracing) db.setQueryHook(options.tracing.queryHook);
  const queue = options.queue ? await openQueue(config, db) : null;
  const metrics = createServerMetrics();
  const scheduler = queue ? schedulerFor(queue, options.tracing) : { enqueueTrackProcessing: async () => undefined };
  const deps = buildDeps(config, db, scheduler, { metrics: metrics.api, tracing: options.tracing });
  let captured = '';
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      captured += chunk.toString();
      done();
    },
  });
  const app = await buildApp(config, deps, {
    metrics,
    tracing: options.tracing,
    logStream,
    redis: options.redis,
    ...(queue && { waitingJobs: waitingJobsOf(queue) }),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    deps,
    config,
    metrics,
    queue,
    origin,
    dataDir,
    logText: () => captured,
    logLines: () =>
      captured
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    async close() {
      await app.close();
      await queue?.stop({ graceful: false });
      await deps.sessionCache?.close();
      await deps.bus.close();
      await db.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Parses the exposition text into `name{labels} -> value` (labels as written). */
export function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    out.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return out;
}
