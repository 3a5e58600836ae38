export { createJobQueue, JobTimeoutError } from './queue.ts';
export { splitSqlStatements } from './sql-script.ts';
export type { SqlExecutor, SqlRows } from './executor.ts';
export type {
  ConnectionQueueOptions,
  ExecutorQueueOptions,
  JobHandler,
  JobLogger,
  JobOutput,
  JobPayloads,
  JobQueue,
  JobQueueOptions,
  JobSnapshot,
  JobState,
  QueueDefinition,
  RunningJob,
  SendOptions,
  StopOptions,
  WaitingStats,
  WorkOptions,
} from './types.ts';
