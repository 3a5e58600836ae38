// Public types of @veza/jobs. pg-boss types never cross this boundary.
import type { SqlExecutor } from './executor.ts';

/**
 * Job payloads per queue name, e.g. `{ 'track.process': { trackId: string } }` (a type alias or an
 * interface): every payload is a JSON object.
 */
export type JobPayloads<Payloads> = { [Name in keyof Payloads]: object };

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'failed' | 'cancelled';

export type JobOutput = Record<string, unknown>;

export interface JobLogger {
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

interface CommonOptions {
  /** PostgreSQL schema holding pg-boss's tables. Default 'pgboss'. */
  schema?: string;
  logger?: JobLogger;
  /**
   * How often active jobs past expireInSeconds (their worker died) are failed into retry, seconds.
   * A live worker fails its own expired jobs at once. Default 60.
   */
  superviseIntervalSeconds?: number;
}

export interface ExecutorQueueOptions extends CommonOptions {
  /** In-process database (PGlite), or one pool shared with the app. */
  executor: SqlExecutor;
}

export interface ConnectionQueueOptions extends CommonOptions {
  /** pg-boss opens its own pool, so several processes can work the same queue. */
  connectionString: string;
  /** Pool size. Default 10. */
  maxConnections?: number;
}

export type JobQueueOptions = ExecutorQueueOptions | ConnectionQueueOptions;

export interface QueueDefinition {
  /**
   * 'standard' (default): every send creates a job.
   * 'exclusive': at most one job per singletonKey that is queued, retrying or active (a send for a
   * key already in flight is dropped); jobs sent without a key all share the empty key.
   */
  policy?: 'standard' | 'exclusive';
  /** Retries after the first attempt. Default 2. */
  retryLimit?: number;
  /** Delay before a retry, seconds (the base of the backoff when retryBackoff). Default 0. */
  retryDelaySeconds?: number;
  /** Exponential backoff with jitter: about retryDelaySeconds * 2^retryCount. Default false. */
  retryBackoff?: boolean;
  retryDelayMaxSeconds?: number;
  /** Per-attempt time limit, seconds: the handler's signal aborts and the attempt fails. Default 900. */
  expireInSeconds?: number;
  /** Keep completed/failed jobs this long, seconds; 0 keeps them. Default 7 days. */
  deleteAfterSeconds?: number;
  /** Drop jobs still waiting after this long, seconds. Default 14 days. */
  retentionSeconds?: number;
}

export interface SendOptions {
  /** Deduplication key (see QueueDefinition.policy) and a handle for findJob. */
  singletonKey?: string;
  startAfterSeconds?: number;
  priority?: number;
  retryLimit?: number;
  expireInSeconds?: number;
}

export interface WorkOptions {
  /** Jobs this process runs at once for this queue. Default 1. */
  concurrency?: number;
  /** Idle poll interval, seconds (>= 0.5). Default 2. */
  pollingIntervalSeconds?: number;
}

export interface RunningJob<Data> {
  id: string;
  name: string;
  data: Data;
  /** 0 on the first attempt. */
  retryCount: number;
  /** Aborts when the attempt runs past expireInSeconds, or the queue stops without waiting. */
  signal: AbortSignal;
}

export type JobHandler<Data> = (job: RunningJob<Data>) => Promise<JobOutput | void>;

export interface JobSnapshot<Data> {
  id: string;
  name: string;
  data: Data;
  state: JobState;
  retryCount: number;
  retryLimit: number;
  singletonKey: string | null;
  /** The handler's return value once completed; `{ message, stack, … }` of the last error once failed. */
  output: JobOutput | null;
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
}

export interface StopOptions {
  /** Wait for running handlers (up to timeoutMs) before failing what is left. Default true. */
  graceful?: boolean;
  /** Default 30 000. */
  timeoutMs?: number;
}

export interface JobQueue<Payloads extends JobPayloads<Payloads>> {
  start(): Promise<void>;
  stop(options?: StopOptions): Promise<void>;
  /** Creates the queue, or updates its options (not its policy); call before send or work. */
  defineQueue(name: keyof Payloads & string, definition?: QueueDefinition): Promise<void>;
  /** The job id, or null when a job with the same singletonKey is already in flight. */
  send<Name extends keyof Payloads & string>(
    name: Name,
    data: Payloads[Name],
    options?: SendOptions,
  ): Promise<string | null>;
  /** Starts polling; resolves to a worker id for stopWork. */
  work<Name extends keyof Payloads & string>(
    name: Name,
    options: WorkOptions,
    handler: JobHandler<Payloads[Name]>,
  ): Promise<string>;
  /** Stops this process's workers for a queue, waiting for their running jobs. */
  stopWork(name: keyof Payloads & string): Promise<void>;
  getJob<Name extends keyof Payloads & string>(name: Name, id: string): Promise<JobSnapshot<Payloads[Name]> | null>;
  /** Jobs of a queue ready to run now (created or retrying, start time reached), and how long the oldest has waited. */
  waiting(name: keyof Payloads & string): Promise<WaitingStats>;
}

export interface WaitingStats {
  count: number;
  /** 0 when nothing waits. */
  oldestAgeSeconds: number;
}
