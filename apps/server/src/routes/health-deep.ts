// GET /health/deep: each dependency checked for real, with its latency, for operators and the load balancer.
// 503 when this instance should leave the pool: database or storage down, DATA_DIR's disk nearly full, or shutting
// down. Redis and the job queue only degrade it (live events, shared rate limits and processing suffer; pages and
// playback still work). Names no versions, hosts or secrets.
import { randomUUID } from 'node:crypto';
import { statfs } from 'node:fs/promises';
import type { Database } from '@veza/db';
import type { ObjectStorage } from '@veza/storage';
import type { FastifyInstance } from 'fastify';

export type CheckStatus = 'ok' | 'degraded' | 'down';
export interface CheckResult {
  status: CheckStatus;
  latencyMs: number;
  /** Plain words when not ok. */
  reason?: string;
}
export interface DeepHealth {
  status: CheckStatus;
  checks: Record<string, CheckResult>;
}

export interface DeepHealthProbes {
  db: Database;
  storage: ObjectStorage;
  dataDir: string;
  isClosing: () => boolean;
  /** The Redis connection, when REDIS_URL is set. */
  redis?: { ping(): Promise<unknown> } | undefined;
  /** Reads the job queue (e.g. its waiting count). */
  jobs?: (() => Promise<unknown>) | undefined;
  /** Free share of the disk under which the instance is down / degraded. */
  diskDownBelow?: number;
  diskDegradedBelow?: number;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 3_000;

class CheckFailed extends Error {
  readonly status: CheckStatus;
  constructor(status: CheckStatus, message: string) {
    super(message);
    this.status = status;
  }
}

async function timed(run: () => Promise<CheckStatus | void>, timeoutMs: number, failure: CheckStatus, what: string): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const status = await Promise.race([
      run(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CheckFailed(failure, `${what} did not answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: status ?? 'ok', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    const status = error instanceof CheckFailed ? error.status : failure;
    const reason = error instanceof CheckFailed ? error.message : `${what} failed`;
    return { status, latencyMs: Math.round(performance.now() - started), reason };
  } finally {
    clearTimeout(timer);
  }
}

async function readAll(stream: AsyncIterable<Buffer | string>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

export async function checkDeepHealth(p: DeepHealthProbes): Promise<DeepHealth> {
  const timeoutMs = p.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const diskDown = p.diskDownBelow ?? 0.02;
  const diskDegraded = p.diskDegradedBelow ?? 0.1;
  const checks: Record<string, Promise<CheckResult>> = {
    database: timed(
      async () => {
        if (!(await p.db.ping())) throw new CheckFailed('down', 'the database does not answer');
      },
      timeoutMs,
      'down',
      'the database',
    ),
    storage: timed(
      async () => {
        // A round trip through the real storage: write, read back, delete.
        const key = `health/${randomUUID()}`;
        const body = `probe ${key}`;
        try {
          await p.storage.putBytes(key, body);
          if ((await readAll(p.storage.read(key))) !== body) throw new CheckFailed('down', 'storage returned different bytes');
        } finally {
          await p.storage.delete(key).catch(() => undefined);
        }
      },
      timeoutMs,
      'down',
      'storage',
    ),
    disk: timed(
      async () => {
        const fs = await statfs(p.dataDir);
        const free = fs.blocks > 0 ? fs.bavail / fs.blocks : 0;
        const percent = `${(free * 100).toFixed(1)} % free`;
        if (free < diskDown) throw new CheckFailed('down', `the data disk is nearly full (${percent})`);
        if (free < diskDegraded) throw new CheckFailed('degraded', `the data disk is filling up (${percent})`);
      },
      timeoutMs,
      'down',
      'the data disk',
    ),
  };
  if (p.redis) {
    const redis = p.redis;
    checks.redis = timed(async () => void (await redis.ping()), timeoutMs, 'degraded', 'Redis');
  }
  if (p.jobs) {
    const jobs = p.jobs;
    checks.jobs = timed(async () => void (await jobs()), timeoutMs, 'degraded', 'the job queue');
  }
  const names = Object.keys(checks);
  const results = await Promise.all(names.map((name) => checks[name] as Promise<CheckResult>));
  const byName: Record<string, CheckResult> = Object.fromEntries(names.map((name, i) => [name, results[i] as CheckResult]));
  if (p.isClosing()) byName.instance = { status: 'down', latencyMs: 0, reason: 'shutting down' };
  const statuses = Object.values(byName).map((c) => c.status);
  const status: CheckStatus = statuses.includes('down') ? 'down' : statuses.includes('degraded') ? 'degraded' : 'ok';
  return { status, checks: byName };
}

export function deepHealthRoute(app: FastifyInstance, probes: DeepHealthProbes) {
  // Not rate-limited (monitors poll it): requests that arrive while the checks run share that run, so a flood
  // costs one storage round trip and one query at a time.
  let running: Promise<DeepHealth> | null = null;
  app.get('/health/deep', async (_req, reply) => {
    running ??= checkDeepHealth(probes).finally(() => {
      running = null;
    });
    const health = await running;
    return reply
      .header('cache-control', 'no-store')
      .code(health.status === 'down' ? 503 : 200)
      .send(health);
  });
}
