import { join } from 'node:path';
import { processTrack, type ApiDeps, type JobScheduler } from '@veza/api';
import type { Database } from '@veza/db';
import { createJobQueue, type JobQueue } from '@veza/jobs';
import type { Config } from './env.ts';
import { removeStale } from './stale.ts';

export type VezaJobs = { 'track.process': { trackId: string } };
export type VezaQueue = JobQueue<VezaJobs>;

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
  return queue;
}

export const schedulerFor = (queue: VezaQueue): JobScheduler => ({
  async enqueueTrackProcessing(trackId) {
    await queue.send('track.process', { trackId }, { singletonKey: trackId });
  },
});

/** Runs track processing in this process, and re-queues tracks left unfinished by a previous run. */
export const scratchDirOf = (config: Config) => join(config.dataDir, 'tmp', 'processing');

export async function startProcessingWorker(queue: VezaQueue, deps: ApiDeps, config: Config, log: Log): Promise<void> {
  const scratchDir = scratchDirOf(config);
  // Scratch folders of attempts that died with their process; older than one attempt may last, so a live
  // attempt of another worker sharing this data dir is never touched.
  const stale = await removeStale(scratchDir, config.processingTimeoutSeconds * 1000, 'folders');
  if (stale > 0) log.info({ count: stale }, 'removed scratch folders of interrupted attempts');
  await queue.work('track.process', { concurrency: config.processingConcurrency, pollingIntervalSeconds: 1 }, async (job) => {
    const started = Date.now();
    log.info({ trackId: job.data.trackId, attempt: job.retryCount + 1 }, 'processing track');
    await processTrack(deps, job.data.trackId, {
      signal: job.signal,
      lastAttempt: job.retryCount >= RETRY_LIMIT,
      maxDurationMs: config.maxDurationSeconds * 1000,
      scratchDir,
    });
    log.info({ trackId: job.data.trackId, ms: Date.now() - started }, 'processed track');
  });
  // Tracks queued while no worker ran, or whose queue entry was lost: queuing again is harmless.
  const { rows } = await deps.db.executeSql(`select id from tracks where status in ('queued', 'processing')`);
  for (const row of rows) await schedulerFor(queue).enqueueTrackProcessing(String(row.id));
  if (rows.length > 0) log.info({ count: rows.length }, 're-queued unfinished tracks');
}
