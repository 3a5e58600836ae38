import { join } from 'node:path';
import { processTrack, reprocessLadder, RETIRE_AFTER_SECONDS, retireRenditions, type ApiDeps, type JobScheduler } from '@veza/api';
import type { Database } from '@veza/db';
import { createJobQueue, type JobQueue } from '@veza/jobs';
import { HLS_LADDER_VERSION } from '@veza/media';
import type { Config } from './env.ts';
import type { ServerMetrics, WaitingJobs } from './observability/metrics.ts';
import { currentRequest } from './observability/request-context.ts';
import type { Tracing } from './observability/tracing.ts';
import { removeStale } from './stale.ts';

/** `requestId` and `traceparent` come from the request that queued the job: its logs and trace go on in the worker. */
export type VezaJobs = {
  'track.process': { trackId: string; requestId?: string; traceparent?: string };
  /** Re-makes a ready track's renditions on the current HLS ladder (it was processed with an older one). */
  'track.reladder': { trackId: string };
  /** Deletes rendition folders a new master no longer lists, once listeners of the old one are done. */
  'track.retire-renditions': { trackId: string; kbps: number[] };
};
export type VezaQueue = JobQueue<VezaJobs>;
/** Every queue, for the job gauges: a record over VezaJobs, so a new kind cannot be left out of the metrics. */
const QUEUE_NAMES: Record<keyof VezaJobs, true> = { 'track.process': true, 'track.reladder': true, 'track.retire-renditions': true };
export const JOB_KINDS = Object.keys(QUEUE_NAMES) as readonly (keyof VezaJobs)[];

/** Attempts after the first: a crashed or timed-out worker gets two more chances. */
const RETRY_LIMIT = 2;

interface Log {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * The durable queue: PostgreSQL through pg-boss's own pool when DATABASE_URL is set (so several
 * processes share it), else the embedded PGlite database through its executor.
 */
export async function openQueue(config: Config, db: Database, log?: Log): Promise<VezaQueue> {
  // pg-boss reports through the logger; without one its errors would go unseen.
  const logger = log && { warn: (m: string, d?: object) => log.warn(d ?? {}, m), error: (m: string, d?: object) => log.error(d ?? {}, m) };
  const queue = createJobQueue<VezaJobs>({
    ...(config.databaseUrl ? { connectionString: config.databaseUrl } : { executor: db }),
    ...(logger ? { logger } : {}),
  });
  await queue.start();
  await queue.defineQueue('track.process', {
    // One job per track in flight, however often it is queued.
    policy: 'exclusive',
    retryLimit: RETRY_LIMIT,
    retryDelaySeconds: 5,
    retryBackoff: true,
    expireInSeconds: config.processingTimeoutSeconds,
  });
  await queue.defineQueue('track.reladder', {
    // One per track however often the housekeeping scan runs (several processes may run it at once).
    policy: 'exclusive',
    retryLimit: RETRY_LIMIT,
    retryDelaySeconds: 30,
    retryBackoff: true,
    expireInSeconds: config.processingTimeoutSeconds,
  });
  await queue.defineQueue('track.retire-renditions', { retryLimit: RETRY_LIMIT, retryDelaySeconds: 60 });
  return queue;
}

/**
 * Queues a re-process for every ready track made with an older HLS ladder. Idempotent: a track already queued (or
 * being re-processed) is not queued twice, and one done since is no longer selected. Returns how many it asked for.
 */
export async function enqueueOutdatedLadders(queue: VezaQueue, db: Database): Promise<number> {
  const { rows } = await db.executeSql(`select id from tracks where status = 'ready' and hls_ladder_version < $1 order by created_at desc`, [HLS_LADDER_VERSION]);
  for (const row of rows) await queue.send('track.reladder', { trackId: String(row.id) }, { singletonKey: String(row.id) });
  return rows.length;
}

export const schedulerFor = (queue: VezaQueue, tracing?: Tracing | null): JobScheduler => ({
  async enqueueTrackProcessing(trackId) {
    const requestId = currentRequest()?.requestId;
    const traceparent = tracing?.traceparent();
    await queue.send('track.process', { trackId, ...(requestId && { requestId }), ...(traceparent && { traceparent }) }, { singletonKey: trackId });
  },
});

/** Metrics and tracing of the worker, when the process has them. */
export interface WorkerObservability {
  metrics?: ServerMetrics | undefined;
  tracing?: Tracing | null | undefined;
}

/** Runs track processing in this process, and re-queues tracks left unfinished by a previous run. */
export const scratchDirOf = (config: Config) => join(config.dataDir, 'tmp', 'processing');

export async function startProcessingWorker(queue: VezaQueue, deps: ApiDeps, config: Config, log: Log, observe: WorkerObservability = {}): Promise<void> {
  const scratchDir = scratchDirOf(config);
  // Scratch folders of attempts that died with their process; older than one attempt may last, so a live
  // attempt of another worker sharing this data dir is never touched.
  const stale = await removeStale(scratchDir, config.processingTimeoutSeconds * 1000, 'folders');
  if (stale > 0) log.info({ count: stale }, 'removed scratch folders of interrupted attempts');
  await queue.work('track.process', { concurrency: config.processingConcurrency, pollingIntervalSeconds: 1 }, async (job) => {
    const started = Date.now();
    const { trackId, requestId, traceparent } = job.data;
    // The request that queued the job names its lines, so one id follows an upload from request to worker.
    const fields = { trackId, jobId: job.id, ...(requestId && { reqId: requestId }) };
    log.info({ ...fields, attempt: job.retryCount + 1 }, 'processing track');
    const run = () =>
      processTrack(deps, trackId, {
        signal: job.signal,
        lastAttempt: job.retryCount >= RETRY_LIMIT,
        maxDurationMs: config.maxDurationSeconds * 1000,
        scratchDir,
      });
    try {
      await (observe.tracing ? observe.tracing.inJob('track.process', traceparent, { 'veza.track_id': trackId }, run) : run());
    } catch (error) {
      observe.metrics?.jobFinished('track.process', 'failed', (Date.now() - started) / 1000);
      log.warn({ ...fields, err: error, ms: Date.now() - started }, 'processing attempt failed');
      throw error;
    }
    observe.metrics?.jobFinished('track.process', 'completed', (Date.now() - started) / 1000);
    log.info({ ...fields, ms: Date.now() - started }, 'processed track');
  });
  // Re-processing runs one at a time beside new uploads, so a ladder change never holds up fresh tracks.
  await queue.work('track.reladder', { concurrency: 1, pollingIntervalSeconds: 2 }, async (job) => {
    const { trackId } = job.data;
    const retired = await reprocessLadder(deps, trackId, { signal: job.signal, scratchDir });
    if (retired.length > 0) await queue.send('track.retire-renditions', { trackId, kbps: retired }, { startAfterSeconds: RETIRE_AFTER_SECONDS });
    log.info({ trackId, jobId: job.id, retired }, 're-processed track on the current HLS ladder');
  });
  await queue.work('track.retire-renditions', { pollingIntervalSeconds: 5 }, async (job) => {
    await retireRenditions(deps, job.data.trackId, job.data.kbps);
  });
  // Tracks queued while no worker ran, or whose queue entry was lost: queuing again is harmless.
  const { rows } = await deps.db.executeSql(`select id from tracks where status in ('queued', 'processing')`);
  for (const row of rows) await schedulerFor(queue, observe.tracing).enqueueTrackProcessing(String(row.id));
  if (rows.length > 0) log.info({ count: rows.length }, 're-queued unfinished tracks');
  // In the background: after a ladder change a large catalogue takes a while to queue, and start-up need not wait.
  void enqueueOutdatedLadders(queue, deps.db).then(
    (count) => count > 0 && log.info({ count, ladderVersion: HLS_LADDER_VERSION }, 'queued re-processing of tracks made with an older HLS ladder'),
    (error: unknown) => log.warn({ err: error }, 'could not queue re-processing of tracks made with an older HLS ladder; the next start tries again'),
  );
}

/** The queue's depth by job kind, for the scrape-time gauges and /health/deep. */
export const waitingJobsOf =
  (queue: VezaQueue) =>
  async (kind: string): Promise<WaitingJobs> =>
    kind === 'track.process' || kind === 'track.reladder' ? queue.waiting(kind) : { count: 0, oldestAgeSeconds: 0 };
