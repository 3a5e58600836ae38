// Notification digests (issue 12): every DIGEST_EVERY_MS, the daily and weekly digests due in the current period go out,
// on one instance when they share Redis. The lease only saves work: each person's digest is claimed in the database
// before it is mailed, so two passes at once (Redis unreachable, or the operator's `pnpm notifications:digests`) still
// send it once.
import { DIGEST_EVERY_MS, sendDigests, type ApiDeps } from '@veza/api';
import type { IntervalLease } from './lease.ts';
import { startPeriodic, type Periodic, type PeriodicLog } from './periodic.ts';

/** The Redis key of the digests' lease (suffixed per deployment, see deploymentLeaseKey). */
export const DIGEST_LEASE_KEY = 'veza:lease:notification-digests';
export { DIGEST_EVERY_MS };

export function startDigestJob(deps: ApiDeps, log: PeriodicLog, options: { everyMs?: number; lease?: IntervalLease | undefined; now?: () => Date } = {}): Periodic {
  const now = options.now ?? (() => new Date());
  return startPeriodic(
    'notification digests',
    async () => {
      for (const period of ['daily', 'weekly'] as const) {
        const result = await sendDigests(deps, period, now());
        if (result.sent || result.failed) log.info(result, `${result.sent} ${period} digest(s) sent`);
        if (result.failed) log.warn(result, `${result.failed} ${period} digest(s) could not be sent; the next pass tries again`);
      }
    },
    log,
    { everyMs: options.everyMs ?? DIGEST_EVERY_MS, lease: options.lease },
  );
}
