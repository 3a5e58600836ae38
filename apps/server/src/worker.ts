// A processing-only process: `node apps/server/src/worker.ts` beside (or instead of) the web server's
// in-process worker. Several can run against the same PostgreSQL queue; drains on SIGTERM/SIGINT.
// With METRICS_PORT set it serves /metrics there (its only listener), for Prometheus to scrape.
import pino from 'pino';
import { closeDeps, openDeps } from './deps.ts';
import { loadConfigOrExit } from './env.ts';
import { loggerOptions } from './observability/logging.ts';
import { startObservability } from './observability/process.ts';
import { startProcessingWorker, waitingJobsOf } from './processing.ts';

const config = loadConfigOrExit();
const log = pino(loggerOptions(config.logLevel, { role: 'worker' }));
if (!config.databaseUrl) {
  log.warn({}, 'no DATABASE_URL: this worker uses its own embedded database; run processing in the web server instead');
}
const observability = await startObservability(config, 'worker');
const opened = await openDeps(config, { metrics: observability.metrics.api, tracing: observability.tracing });
observability.metrics.watch({ waitingJobs: waitingJobsOf(opened.queue), dbPool: () => opened.deps.db.poolStats(), dataDir: config.dataDir });
await startProcessingWorker(opened.queue, opened.deps, config, log, observability);
await observability.listen(log);
log.info({ concurrency: config.processingConcurrency }, 'worker ready');

let stopping = false;
const stop = async (signal: NodeJS.Signals) => {
  if (stopping) process.exit(1);
  stopping = true;
  log.info({ signal }, 'worker stopping: finishing running jobs');
  await closeDeps(opened, config.processingTimeoutSeconds * 1000);
  await observability.close();
  process.exit(0);
};
process.on('SIGTERM', (s) => void stop(s));
process.on('SIGINT', (s) => void stop(s));
