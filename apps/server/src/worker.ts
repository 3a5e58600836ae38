// A processing-only process: `node apps/server/src/worker.ts` beside (or instead of) the web server's
// in-process worker. Several can run against the same PostgreSQL queue; drains on SIGTERM/SIGINT.
import pino from 'pino';
import { closeDeps, openDeps } from './deps.ts';
import { loadConfigOrExit } from './env.ts';
import { startProcessingWorker } from './processing.ts';

const config = loadConfigOrExit();
const log = pino({ level: config.logLevel, base: { role: 'worker' } });
if (!config.databaseUrl) {
  log.warn({}, 'no DATABASE_URL: this worker uses its own embedded database; run processing in the web server instead');
}
const opened = await openDeps(config);
await startProcessingWorker(opened.queue, opened.deps, config, log);
log.info({ concurrency: config.processingConcurrency }, 'worker ready');

let stopping = false;
const stop = async (signal: NodeJS.Signals) => {
  if (stopping) process.exit(1);
  stopping = true;
  log.info({ signal }, 'worker stopping: finishing running jobs');
  await closeDeps(opened, config.processingTimeoutSeconds * 1000);
  process.exit(0);
};
process.on('SIGTERM', (s) => void stop(s));
process.on('SIGINT', (s) => void stop(s));
