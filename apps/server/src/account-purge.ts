// Deletes accounts whose deletion grace period has ended, expired sign-in challenges and chat images never sent: once at
// start, then every hour.
// With several server instances a lease (Redis) makes each scheduled pass run on one of them only; were two passes to
// overlap anyway (Redis unreachable), each account is still deleted by exactly one of them.
import { purgeChatAttachments, purgeDueAccounts, purgeExpiredChallenges, type ApiDeps } from '@veza/api';
import type { IntervalLease } from './lease.ts';
import { startPeriodic, type PeriodicLog } from './periodic.ts';

type Log = PeriodicLog;

export interface AccountPurge {
  /** Runs one pass now (after the one in flight, if any), lease or not. */
  runNow(): Promise<void>;
  /** Stops the schedule and waits for a pass in flight. */
  stop(): Promise<void>;
}

export const ACCOUNT_PURGE_EVERY_MS = 60 * 60 * 1000;

/** The Redis key of the purge's lease (suffixed per deployment, see deploymentLeaseKey): one owner per interval. */
export const ACCOUNT_PURGE_LEASE_KEY = 'veza:lease:account-purge';

export interface AccountPurgeOptions {
  everyMs?: number;
  now?: () => Date;
  /** Decides which instance runs each scheduled pass (default: this one, always). */
  lease?: IntervalLease;
}

export function startAccountPurge(deps: ApiDeps, log: Log, options: AccountPurgeOptions = {}): AccountPurge {
  const now = options.now ?? (() => new Date());
  // Deleting on time matters more than deleting once: passes are safe to overlap.
  return startPeriodic(
    'account purge',
    async () => {
      const result = await purgeDueAccounts(deps, now());
      if (result.deleted.length) log.info({ accounts: result.deleted }, `deleted ${result.deleted.length} account(s) whose deletion grace period ended`);
      for (const failure of result.storageFailures) log.error(failure, 'could not delete the stored files of a deleted account’s track');
      const challenges = await purgeExpiredChallenges(deps, now());
      if (challenges) log.info({ challenges }, `removed ${challenges} expired sign-in challenge(s)`);
      // Chat images uploaded but never sent (after a day), and files of deleted messages a delete left behind.
      const images = await purgeChatAttachments(deps, now());
      if (images.deleted) log.info({ files: images.deleted }, `removed ${images.deleted} unsent or deleted chat image(s)`);
      for (const failure of images.failures) log.error(failure, 'could not delete the stored file of a chat image');
    },
    log,
    { everyMs: options.everyMs ?? ACCOUNT_PURGE_EVERY_MS, lease: options.lease },
  );
}
