// The server process: config, database, migrations, listen; drains and closes on SIGTERM/SIGINT.
import { buildApp } from './app.ts';
import { LISTEN_SWEEP_EVERY_MS, settleBackgroundWork, sweepListening } from '@veza/api';
import { ACCOUNT_PURGE_EVERY_MS, ACCOUNT_PURGE_LEASE_KEY, startAccountPurge } from './account-purge.ts';
import { startTrendingJob, TRENDING_LEASE_KEY } from './trending-job.ts';
import { DIGEST_LEASE_KEY, startDigestJob } from './digest-job.ts';
import { closeDeps, openDeps } from './deps.ts';
import { startProcessingWorker, waitingJobsOf } from './processing.ts';
import { loadConfigOrExit } from './env.ts';
import { deploymentLeaseKey, redisLease } from './lease.ts';
import { startPeriodic } from './periodic.ts';
import { startObservability } from './observability/process.ts';
import { removeStaleUploads } from './routes/upload.ts';

const SHUTDOWN_TIMEOUT_MS = 10_000;

const config = loadConfigOrExit();
// Metrics, and tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set (before anything it should see).
const observability = await startObservability(config, 'server');

// The dev mailbox prints each mail it keeps; through the server's logger once the app exists.
let mailLog: (line: string) => void = (line) => {
  process.stdout.write(`${line}\n`);
};
let opened: Awaited<ReturnType<typeof openDeps>>;
try {
  opened = await openDeps(config, { log: (line) => mailLog(line), metrics: observability.metrics.api, tracing: observability.tracing });
} catch (error) {
  const where = config.databaseUrl ? 'PostgreSQL at DATABASE_URL' : `the PGlite database in ${config.dataDir}`;
  process.stderr.write(`Could not open ${where}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const { deps, applied } = opened;
await removeStaleUploads(config.dataDir);
let draining = false;
const app = await buildApp(config, deps, {
  isDraining: () => draining,
  metrics: observability.metrics,
  tracing: observability.tracing,
  redis: opened.redis,
  waitingJobs: waitingJobsOf(opened.queue),
});
mailLog = (line) => app.log.info(line);
if (applied.length > 0) app.log.info({ migrations: applied }, `applied ${applied.length} migration(s)`);
app.log.info({ database: deps.db.driver, dataDir: config.dataDir }, 'database ready');
if (!deps.push?.vapid) app.log.warn('web push is off: set VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT to turn it on (`npx web-push generate-vapid-keys` makes a pair)');
if (config.workerInProcess) await startProcessingWorker(opened.queue, deps, config, app.log, observability);
// Accounts past their deletion grace period: once now, then hourly, on one instance only when they share Redis.
const accountPurge = startAccountPurge(deps, app.log, {
  ...(opened.redis && {
    lease: redisLease(opened.redis, deploymentLeaseKey(ACCOUNT_PURGE_LEASE_KEY, config.databaseUrl ?? config.dataDir), ACCOUNT_PURGE_EVERY_MS * 0.9),
  }),
});

// Trending ranks: now, then every TRENDING_INTERVAL (10 minutes), on one instance.
const trendingEveryMs = config.trendingIntervalSeconds * 1000;
const trendingJob =
  trendingEveryMs > 0
    ? startTrendingJob(deps, app.log, {
        everyMs: trendingEveryMs,
        ...(opened.redis && { lease: redisLease(opened.redis, deploymentLeaseKey(TRENDING_LEASE_KEY, config.databaseUrl ?? config.dataDir), trendingEveryMs * 0.9) }),
      })
    : null;

// Notification digests: the daily and weekly ones due, every DIGEST_INTERVAL (15 minutes), on one instance (each
// person's is claimed in the database before it is mailed, so never twice).
const digestEveryMs = config.digestIntervalSeconds * 1000;
const digestJob =
  digestEveryMs > 0
    ? startDigestJob(deps, app.log, {
        everyMs: digestEveryMs,
        ...(opened.redis && { lease: redisLease(opened.redis, deploymentLeaseKey(DIGEST_LEASE_KEY, config.databaseUrl ?? config.dataDir), digestEveryMs * 0.9) }),
      })
    : null;

// Listening sessions: members whose live view went quiet are dropped (a host hands over), on every instance (each
// step takes the session's lock, so two instances at once do no harm).
const listeningSweep = startPeriodic(
  'listening sessions sweep',
  async () => {
    const { dropped } = await sweepListening(deps);
    if (dropped > 0) app.log.info({ dropped }, 'silent listeners dropped');
  },
  app.log,
  { everyMs: LISTEN_SWEEP_EVERY_MS },
);

let shuttingDown = false;
async function shutdown(signal: NodeJS.Signals) {
  if (shuttingDown) {
    app.log.warn({ signal }, 'second signal: exiting now');
    process.exit(1);
  }
  shuttingDown = true;
  // Drain: /readyz fails at once while everything is still served, so the balancer takes this instance out of
  // rotation before it stops accepting; then the close below finishes what is in flight.
  draining = true;
  const drainMs = config.shutdownDrainSeconds * 1000;
  app.log.info({ signal, drainSeconds: config.shutdownDrainSeconds }, 'draining: /readyz fails, still serving');
  const timer = setTimeout(() => {
    app.log.error(`shutdown took longer than ${(drainMs + SHUTDOWN_TIMEOUT_MS) / 1000} s: exiting`);
    process.exit(1);
  }, drainMs + SHUTDOWN_TIMEOUT_MS);
  timer.unref();
  try {
    if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
    app.log.info('shutting down: finishing in-flight requests');
    // 1012 (service restart): clients reconnect, through the balancer, to an instance that stays.
    for (const socket of app.websocketServer.clients) socket.close(1012, 'server restarting');
    // Stops accepting, answers 503 on kept-alive connections, waits for requests in flight.
    await app.close();
    await accountPurge.stop();
    await trendingJob?.stop();
    await digestJob?.stop();
    await listeningSweep.stop();
    // Password-reset mails are sent after their answer: let those in flight go out.
    await settleBackgroundWork();
    await closeDeps(opened);
    await observability.close();
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
await observability.listen(app.log);
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
app.log.info(`Veza is listening on http://${shownHost}:${port}${config.publicOrigin ? ` (public: ${config.publicOrigin})` : ''}`);
