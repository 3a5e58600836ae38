// Deletes accounts whose deletion grace period has ended, and expired sign-in challenges: once at start, then every hour. Safe with
// several server instances (each account is deleted by exactly one of them).
import { purgeDueAccounts, purgeExpiredChallenges, type ApiDeps } from '@veza/api';

interface Log {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface AccountPurge {
  /** Runs one pass now (after the one in flight, if any). */
  runNow(): Promise<void>;
  /** Stops the schedule and waits for a pass in flight. */
  stop(): Promise<void>;
}

export const ACCOUNT_PURGE_EVERY_MS = 60 * 60 * 1000;

export function startAccountPurge(deps: ApiDeps, log: Log, options: { everyMs?: number; now?: () => Date } = {}): AccountPurge {
  const everyMs = options.everyMs ?? ACCOUNT_PURGE_EVERY_MS;
  const now = options.now ?? (() => new Date());
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const pass = async () => {
    try {
      const result = await purgeDueAccounts(deps, now());
      if (result.deleted.length) log.info({ accounts: result.deleted }, `deleted ${result.deleted.length} account(s) whose deletion grace period ended`);
      for (const failure of result.storageFailures) log.error(failure, 'could not delete the stored files of a deleted account’s track');
      const challenges = await purgeExpiredChallenges(deps, now());
      if (challenges) log.info({ challenges }, `removed ${challenges} expired sign-in challenge(s)`);
    } catch (error) {
      log.error({ err: error }, 'account purge failed; it will run again at the next interval');
    }
  };
  const runNow = () => {
    running = running.then(() => (stopped ? undefined : pass()));
    return running;
  };

  void runNow();
  const timer = setInterval(() => void runNow(), everyMs);
  timer.unref();
  return {
    runNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
