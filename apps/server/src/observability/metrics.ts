// The process's Prometheus metrics (prom-client): one registry per process (or per test app), every series of the
// metric names contract, label values pre-initialised so series exist at 0. Gauges that describe shared state (queue
// depth, pool use, readiness, disk) are read at scrape time, so a scrape costs nothing between scrapes.
import { statfs } from 'node:fs/promises';
import type { ApiMetrics, LoginMethod, RegistrationMethod, TrpcCallType } from '@veza/api';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { JOB_KINDS } from '../processing.ts';
import type { RouteLabel } from './routes.ts';

export type JobOutcome = 'completed' | 'failed';
export interface PoolStats {
  used: number;
  idle: number;
  waiting: number;
}
export interface WaitingJobs {
  count: number;
  oldestAgeSeconds: number;
}

/** What the gauges read at scrape time; each is optional (the worker has no readiness, a test no queue). */
export interface MetricSources {
  jobKinds?: readonly string[];
  waitingJobs?: (kind: string) => Promise<WaitingJobs>;
  dbPool?: () => Promise<PoolStats>;
  ready?: () => Promise<boolean>;
  dataDir?: string;
}

export interface ServerMetrics {
  readonly registry: Registry;
  /** Handed to the api layer as `deps.metrics`. */
  readonly api: ApiMetrics;
  httpRequest(method: string, route: RouteLabel, status: number, seconds: number): void;
  webSocketOpened(): () => void;
  jobFinished(kind: string, outcome: JobOutcome, seconds: number): void;
  /** Series at 0 for these subscription procedures, before any client subscribes. */
  knownSubscriptions(paths: readonly string[]): void;
  /** Adds (or replaces) scrape-time sources. */
  watch(sources: MetricSources): void;
  /** The exposition text; a failing source leaves its gauge at its last value rather than failing the scrape. */
  render(): Promise<string>;
  readonly contentType: string;
}

const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const REGISTRATION_METHODS: RegistrationMethod[] = ['password', 'oauth'];
const LOGIN_METHODS: LoginMethod[] = ['password', 'passkey', 'oauth'];

const statusClass = (status: number) => (status >= 500 ? '5xx' : status >= 400 ? '4xx' : status >= 300 ? '3xx' : '2xx');
/** Unknown verbs share one label value, so a client cannot grow the series. */
const methodLabel = (method: string) => (HTTP_METHODS.includes(method) ? method : 'OTHER');

async function quietly(read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch {
    // The source is unreachable right now (database down, closing): keep the last value; /health/deep tells why.
  }
}

export function createServerMetrics(options: { defaultMetrics?: boolean } = {}): ServerMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'veza_' });
  const registers = [registry];
  const sources: MetricSources = {};

  const httpRequests = new Counter({ name: 'veza_http_requests_total', help: 'HTTP requests answered, by method, route and status class', labelNames: ['method', 'route', 'status_class'] as const, registers });
  const httpDuration = new Histogram({ name: 'veza_http_request_duration_seconds', help: 'HTTP request duration until the response finished', labelNames: ['method', 'route'] as const, buckets: HTTP_BUCKETS, registers });
  const trpcCalls = new Counter({ name: 'veza_trpc_calls_total', help: 'tRPC calls by procedure, type and outcome code (OK on success)', labelNames: ['procedure', 'type', 'code'] as const, registers });
  const trpcDuration = new Histogram({ name: 'veza_trpc_call_duration_seconds', help: 'tRPC procedure duration (for subscriptions: until the stream starts)', labelNames: ['procedure', 'type'] as const, buckets: HTTP_BUCKETS, registers });
  const webSockets = new Gauge({ name: 'veza_websocket_connections', help: 'Open WebSocket connections', registers });
  const subscriptions = new Gauge({ name: 'veza_trpc_subscriptions_active', help: 'tRPC subscriptions streaming events', labelNames: ['procedure'] as const, registers });
  const jobDuration = new Histogram({ name: 'veza_job_duration_seconds', help: 'Job attempt duration by kind and outcome', labelNames: ['kind', 'outcome'] as const, buckets: JOB_BUCKETS, registers });
  const jobsFailed = new Counter({ name: 'veza_jobs_failed_total', help: 'Failed job attempts by kind', labelNames: ['kind'] as const, registers });
  const sessionLookups = new Counter({ name: 'veza_session_cache_lookups_total', help: 'Session lookups answered by the per-instance cache (hit) or the database (miss)', labelNames: ['result'] as const, registers });
  const registered = new Counter({ name: 'veza_users_registered_total', help: 'Accounts created, by method', labelNames: ['method'] as const, registers });
  const uploaded = new Counter({ name: 'veza_tracks_uploaded_total', help: 'Tracks uploaded', registers });
  const processed = new Counter({ name: 'veza_tracks_processed_total', help: 'Tracks processed, by outcome', labelNames: ['outcome'] as const, registers });
  const likes = new Counter({ name: 'veza_likes_total', help: 'Likes given', registers });
  const logins = new Counter({ name: 'veza_logins_total', help: 'Sign-ins, by method', labelNames: ['method'] as const, registers });

  const jobKinds = () => sources.jobKinds ?? JOB_KINDS;
  new Gauge({
    name: 'veza_jobs_waiting',
    help: 'Jobs ready to run and not yet started, by kind',
    labelNames: ['kind'] as const,
    registers,
    async collect() {
      const read = sources.waitingJobs;
      if (!read) return;
      await Promise.all(
        jobKinds().map((kind) =>
          quietly(async () => {
            const waiting = await read(kind);
            this.set({ kind }, waiting.count);
            oldestAge.set({ kind }, waiting.oldestAgeSeconds);
          }),
        ),
      );
    },
  });
  // Set by the collect above (the same query answers both).
  const oldestAge = new Gauge({ name: 'veza_jobs_oldest_waiting_age_seconds', help: 'How long the oldest waiting job has waited, by kind', labelNames: ['kind'] as const, registers });
  new Gauge({
    name: 'veza_db_pool_connections',
    help: 'Database connections by state (PostgreSQL pool; the embedded database has one)',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      const read = sources.dbPool;
      if (!read) return;
      await quietly(async () => {
        const pool = await read();
        for (const state of ['used', 'idle', 'waiting'] as const) this.set({ state }, pool[state]);
      });
    },
  });
  new Gauge({
    name: 'veza_ready',
    help: '1 when /readyz would answer 200, else 0',
    registers,
    async collect() {
      const read = sources.ready;
      if (!read) return;
      this.set((await read().catch(() => false)) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'veza_data_dir_free_ratio',
    help: 'Free share of the disk holding DATA_DIR (0..1)',
    registers,
    async collect() {
      const dir = sources.dataDir;
      if (!dir) return;
      await quietly(async () => {
        const fs = await statfs(dir);
        this.set(fs.blocks > 0 ? fs.bavail / fs.blocks : 0);
      });
    },
  });

  // Series that exist at 0 from the first scrape.
  for (const result of ['hit', 'miss']) sessionLookups.inc({ result }, 0);
  for (const method of REGISTRATION_METHODS) registered.inc({ method }, 0);
  for (const method of LOGIN_METHODS) logins.inc({ method }, 0);
  for (const outcome of ['ready', 'failed']) processed.inc({ outcome }, 0);
  uploaded.inc(0);
  likes.inc(0);
  webSockets.set(0);
  for (const kind of JOB_KINDS) {
    jobsFailed.inc({ kind }, 0);
    oldestAge.set({ kind }, 0);
  }

  // Bounded: methods × routes × status classes.
  const httpCounters = new Map<string, { inc(): void }>();
  const httpTimers = new Map<string, { observe(value: number): void }>();

  const api: ApiMetrics = {
    trpcCall(path: string, type: TrpcCallType, code: string | null, seconds: number) {
      trpcCalls.inc({ procedure: path, type, code: code ?? 'OK' });
      trpcDuration.observe({ procedure: path, type }, seconds);
    },
    subscriptionActive(path, delta) {
      subscriptions.inc({ procedure: path }, delta);
    },
    sessionCache: (result) => sessionLookups.inc({ result }),
    userRegistered: (method) => registered.inc({ method }),
    login: (method) => logins.inc({ method }),
    trackUploaded: () => uploaded.inc(),
    trackProcessed: (outcome) => processed.inc({ outcome }),
    like: () => likes.inc(),
  };

  return {
    registry,
    api,
    httpRequest(method, route, status, seconds) {
      // Per request: the labelled children are looked up once per label set, then reused (no label hashing).
      const m = methodLabel(method);
      const cls = statusClass(status);
      const countKey = `${m} ${route} ${cls}`;
      let counter = httpCounters.get(countKey);
      if (!counter) {
        counter = httpRequests.labels({ method: m, route, status_class: cls });
        httpCounters.set(countKey, counter);
      }
      counter.inc();
      const timeKey = `${m} ${route}`;
      let timer = httpTimers.get(timeKey);
      if (!timer) {
        timer = httpDuration.labels({ method: m, route });
        httpTimers.set(timeKey, timer);
      }
      timer.observe(seconds);
    },
    webSocketOpened() {
      webSockets.inc();
      let open = true;
      return () => {
        if (open) webSockets.dec();
        open = false;
      };
    },
    jobFinished(kind, outcome, seconds) {
      jobDuration.observe({ kind, outcome }, seconds);
      if (outcome === 'failed') jobsFailed.inc({ kind });
    },
    knownSubscriptions(paths) {
      for (const procedure of paths) subscriptions.inc({ procedure }, 0);
    },
    watch(next) {
      Object.assign(sources, next);
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
