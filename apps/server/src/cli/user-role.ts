// `pnpm user:role <username|email> <role>`: gives an account a role from the command line — how an instance
// gets its first admin. Uses the same configuration as the server (DATABASE_URL or the embedded database
// under DATA_DIR; stop the server first when it runs on the embedded database, which allows one process).
// Running servers cache sessions: with REDIS_URL the change is announced on the bus, so every instance drops
// the user's cached sessions and the next request has the new role. On the embedded database the server is
// stopped (one process), so there is no cache to tell.
import { join } from 'node:path';
import { DomainError, setRoleFromCli } from '@veza/api';
import { createBus } from '@veza/bus';
import { openDatabase, USER_ROLES, type UserRole } from '@veza/db';
import { buildDeps } from '../deps.ts';
import { loadConfigOrExit } from '../env.ts';

const [login, role] = process.argv.slice(2);
const isRole = (value: string | undefined): value is UserRole => USER_ROLES.includes(value as UserRole);
if (!login || !isRole(role)) {
  process.stderr.write(`Usage: pnpm user:role <username|email> <${USER_ROLES.join('|')}>\n`);
  process.exit(2);
}

const config = loadConfigOrExit();
const db = await openDatabase({ url: config.databaseUrl, dataDir: join(config.dataDir, 'db') });
const bus = await createBus(config.redisUrl).catch(async (error: unknown) => {
  await db.close();
  throw error;
});
const deps = buildDeps(
  config,
  db,
  { enqueueTrackProcessing: () => Promise.reject(new Error('no processing from the command line')) },
  { bus },
);
try {
  await db.migrate();
  const result = await setRoleFromCli(deps, login, role);
  process.stdout.write(
    result.from === result.to ? `${result.username} already has the role ${result.to}.\n` : `${result.username}: ${result.from} → ${result.to}\n`,
  );
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
} finally {
  await deps.limits.close();
  await deps.mailer.close();
  await deps.sessionCache.close();
  await bus.close();
  await db.close();
}
