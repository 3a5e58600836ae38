// The server process: config, database, migrations, listen; drains and closes on SIGTERM/SIGINT.
import { buildApp } from './app.ts';
import { settleBackgroundWork } from '@veza/api';
import { startAccountPurge } from './account-purge.ts';
import { closeDeps, openDeps } from './deps.ts';
import { startProcessingWorker } from './processing.ts';
import { loadConfigOrExit } from './env.ts';
import { removeStaleUploads } from './routes/upload.ts';

const SHUTDOWN_TIMEOUT_MS = 10_000;

const config = loadConfigOrExit();

// The dev mailbox prints each mail it keeps; through the server's logger once the app exists.
let mailLog: (line: string) => void = (line) => {
  process.stdout.write(`${line}\n`);
};
let opened: Awaited<ReturnType<typeof openDeps>>;
try {
  opened = await openDeps(config, { log: (line) => mailLog(line) });
} catch (error) {
  const where = config.databaseUrl ? 'PostgreSQL at DATABASE_URL' : `the PGlite database in ${config.dataDir}`;
  process.stderr.write(`Could not open ${where}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const { deps, applied } = opened;
await removeStaleUploads(config.dataDir);
const app = await buildApp(config, deps);
mailLog = (line) => app.log.info(line);
if (applied.length > 0) app.log.info({ migrations: applied }, `applied ${applied.length} migration(s)`);
app.log.info({ database: deps.db.driver, dataDir: config.dataDir }, 'database ready');
if (config.workerInProcess) await startProcessingWorker(opened.queue, deps, config, app.log);
// Accounts past their deletion grace period: once now, then hourly.
const accountPurge = startAccountPurge(deps, app.log);

let shuttingDown = false;
async function shutdown(signal: NodeJS.Signals) {
  if (shuttingDown) {
    app.log.warn({ signal }, 'second signal: exiting now');
    process.exit(1);
  }
  shuttingDown = true;
  app.log.info({ signal }, 'shutting down: finishing in-flight requests');
  const timer = setTimeout(() => {
    app.log.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS / 1000} s: exiting`);
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  timer.unref();
  try {
    // Stops accepting, answers 503 on kept-alive connections, closes WebSockets, waits for requests in flight.
    await app.close();
    await accountPurge.stop();
    // Password-reset mails are sent after their answer: let those in flight go out.
    await settleBackgroundWork();
    await closeDeps(opened);
    app.log.info('stopped');
    process.exit(0);
  } catch (error) {
    app.log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGTERM', (signal) => void shutdown(signal));
process.on('SIGINT', (signal) => void shutdown(signal));

try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  app.log.fatal({ err: error }, `could not listen on ${config.host}:${config.port}`);
  await closeDeps(opened);
  process.exit(1);
}
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
app.log.info(`Veza is listening on http://${shownHost}:${port}${config.publicOrigin ? ` (public: ${config.publicOrigin})` : ''}`);
