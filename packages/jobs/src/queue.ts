// A durable job queue over pg-boss, on PGlite (through an executor) or PostgreSQL (own pool).
import { PgBoss, type ConstructorOptions, type Job, type JobWithMetadata, type Queue } from 'pg-boss';
import { toBossDatabase } from './executor.ts';
import type {
  JobOutput,
  JobPayloads,
  JobQueue,
  JobQueueOptions,
  JobSnapshot,
  QueueDefinition,
  RunningJob,
} from './types.ts';

/** The reason a handler's signal carries when its attempt ran past expireInSeconds. */
export class JobTimeoutError extends Error {
  constructor(jobId: string, seconds: number) {
    super(`job ${jobId} exceeded its ${seconds}s time limit`);
    this.name = 'JobTimeoutError';
  }
}

function bossOptions(options: JobQueueOptions): ConstructorOptions {
  const common: ConstructorOptions = {
    schema: options.schema ?? 'pgboss',
    // No cron schedules here: skips the timekeeper's polling.
    schedule: false,
  };
  // Jobs whose worker died are expired by the monitor step of a supervise pass, which runs only when
  // both intervals have elapsed: one knob for both.
  const interval = options.superviseIntervalSeconds ?? 60;
  common.superviseIntervalSeconds = interval;
  common.monitorIntervalSeconds = interval;
  if ('connectionString' in options) {
    return { ...common, connectionString: options.connectionString, max: options.maxConnections ?? 10 };
  }
  const pglite = options.executor.driver !== 'postgresql';
  return {
    ...common,
    db: toBossDatabase(options.executor),
    backend: pglite ? 'pglite' : 'postgres',
  };
}

function queueOptions(definition: QueueDefinition): Omit<Queue, 'name'> {
  const options: Omit<Queue, 'name'> = { policy: definition.policy ?? 'standard' };
  if (definition.retryLimit !== undefined) options.retryLimit = definition.retryLimit;
  if (definition.retryDelaySeconds !== undefined) options.retryDelay = definition.retryDelaySeconds;
  if (definition.retryBackoff !== undefined) options.retryBackoff = definition.retryBackoff;
  if (definition.retryDelayMaxSeconds !== undefined) options.retryDelayMax = definition.retryDelayMaxSeconds;
  if (definition.expireInSeconds !== undefined) options.expireInSeconds = definition.expireInSeconds;
  if (definition.deleteAfterSeconds !== undefined) options.deleteAfterSeconds = definition.deleteAfterSeconds;
  if (definition.retentionSeconds !== undefined) options.retentionSeconds = definition.retentionSeconds;
  return options;
}

const isRecord = (value: unknown): value is JobOutput => value !== null && typeof value === 'object';

// pg-boss wraps what it writes itself (e.g. the supervisor's `job timed out`) as `{ value: … }`;
// handler outputs and thrown errors are stored as they are.
function asOutput(value: unknown): JobOutput | null {
  if (!isRecord(value)) return null;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'value' && isRecord(value.value)) return value.value;
  return value;
}

// PGlite behind MikroORM hands timestamps back as text; pg gives Dates.
function toDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  return null;
}

function snapshot<Data>(job: JobWithMetadata<Data>): JobSnapshot<Data> {
  return {
    id: job.id,
    name: job.name,
    data: job.data,
    state: job.state,
    retryCount: job.retryCount,
    retryLimit: job.retryLimit,
    singletonKey: job.singletonKey,
    output: asOutput(job.output),
    createdOn: toDate(job.createdOn) ?? new Date(Number.NaN),
    startedOn: toDate(job.startedOn),
    completedOn: toDate(job.completedOn),
  };
}

/**
 * Runs one attempt with a signal of our own: aborted by a local timer at expireInSeconds (pg-boss
 * gives up on the handler then too, but its signal also fires on every normal completion and says
 * nothing about why), or when pg-boss abandons the job (stop without waiting, lost claim).
 */
async function runAttempt<Data>(
  job: Job<Data>,
  handler: (job: RunningJob<Data>) => Promise<JobOutput | void>,
): Promise<JobOutput | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new JobTimeoutError(job.id, job.expireInSeconds)),
    job.expireInSeconds * 1000,
  );
  const onAbandoned = () => controller.abort(job.signal.reason);
  job.signal.addEventListener('abort', onAbandoned, { once: true });
  try {
    const output = await handler({
      id: job.id,
      name: job.name,
      data: job.data,
      retryCount: job.retryCount,
      signal: controller.signal,
    });
    if (controller.signal.aborted) throw controller.signal.reason;
    return output ?? undefined;
  } finally {
    clearTimeout(timer);
    job.signal.removeEventListener('abort', onAbandoned);
  }
}

export function createJobQueue<Payloads extends JobPayloads<Payloads>>(options: JobQueueOptions): JobQueue<Payloads> {
  const boss = new PgBoss(bossOptions(options));
  const schema = options.schema ?? 'pgboss';
  const { logger } = options;
  boss.on('error', (error) => {
    if (logger) logger.error(`job queue: ${error.message}`, { error });
  });
  boss.on('warning', (warning) => {
    if (logger) logger.warn(`job queue: ${warning.message}`, { ...warning });
  });

  return {
    async start() {
      await boss.start();
    },

    async stop({ graceful = true, timeoutMs = 30_000 } = {}) {
      await boss.stop({ graceful, timeout: timeoutMs, close: true });
    },

    async defineQueue(name, definition = {}) {
      const existing = await boss.getQueue(name);
      const { policy, ...rest } = queueOptions(definition);
      if (!existing) await boss.createQueue(name, { policy, ...rest });
      else await boss.updateQueue(name, rest);
    },

    async send(name, data, sendOptions = {}) {
      const { startAfterSeconds, ...rest } = sendOptions;
      return boss.send(name, data, { ...rest, ...(startAfterSeconds !== undefined && { startAfter: startAfterSeconds }) });
    },

    async work(name, workOptions, handler) {
      type Data = Payloads[typeof name];
      return boss.work<Data, JobOutput | undefined>(
        name,
        {
          batchSize: 1,
          localConcurrency: workOptions.concurrency ?? 1,
          pollingIntervalSeconds: workOptions.pollingIntervalSeconds ?? 2,
        },
        async ([job]) => {
          if (!job) return undefined;
          return runAttempt(job, handler);
        },
      );
    },

    async stopWork(name) {
      await boss.offWork(name, { wait: true });
    },

    async getJob(name, id) {
      const [job] = await boss.findJobs<Payloads[typeof name]>(name, { id });
      return job ? snapshot(job) : null;
    },

    async waiting(name) {
      // Read at scrape time, so a fresh count rather than pg-boss's cached monitor figures.
      const { rows } = await boss.getDb().executeSql(
        `select count(*)::int as count, coalesce(extract(epoch from now() - min(start_after)), 0)::float8 as age
           from ${schema}.job where name = $1 and state in ('created', 'retry') and start_after <= now()`,
        [name],
      );
      const row = (rows[0] ?? {}) as { count?: unknown; age?: unknown };
      return { count: Number(row.count ?? 0), oldestAgeSeconds: Math.max(0, Number(row.age ?? 0)) };
    },
  };
}
