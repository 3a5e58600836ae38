// `pnpm notifications:digests <daily|weekly>`: sends the notification digests of the current period now, as the
// server's scheduled pass does (issue 12). Each person gets at most one digest per period whoever sends it (the server
// on any instance, or this command, even at the same time): running it again in the same period sends nothing twice.
// Uses the same configuration as the server (DATABASE_URL or the embedded database under DATA_DIR; stop the server
// first when it runs on the embedded database, which allows one process) and the same mail settings (SMTP_URL, or the
// dev mailbox in the database).
import { join } from 'node:path';
import { sendDigests } from '@veza/api';
import { createBus } from '@veza/bus';
import { openDatabase } from '@veza/db';
import { buildDeps } from '../deps.ts';
import { loadConfigOrExit } from '../env.ts';

const [period, ...rest] = process.argv.slice(2);
if ((period !== 'daily' && period !== 'weekly') || rest.length > 0) {
  process.stderr.write('Usage: pnpm notifications:digests <daily|weekly>\n');
  process.exit(2);
}

const config = loadConfigOrExit();
const db = await openDatabase({ url: config.databaseUrl, dataDir: join(config.dataDir, 'db') });
const bus = await createBus(config.redisUrl).catch(async (error: unknown) => {
  await db.close();
  throw error;
});
const deps = buildDeps(config, db, { enqueueTrackProcessing: () => Promise.reject(new Error('no processing from the command line')) }, { bus });
try {
  await db.migrate();
  const result = await sendDigests(deps, period);
  process.stdout.write(`${period} digests for the period from ${result.periodStart}: ${result.sent} sent, ${result.skipped} skipped, ${result.failed} failed\n`);
  if (result.failed > 0) process.exitCode = 1;
} finally {
  await deps.limits.close();
  await deps.presence.close();
  await deps.mailer.close();
  await deps.sessionCache.close();
  await bus.close();
  await db.close();
}
