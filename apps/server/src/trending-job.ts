// Trending (issue 11, explore): the ranks of every window recomputed once at start, then every TRENDING_EVERY_MS, on
// one instance when they share Redis (a recompute replaces a window's ranks in one transaction, so two at once are
// harmless, only wasted work).
import { recomputeTrending, TRENDING_EVERY_MS, type ApiDeps } from '@veza/api';
import type { IntervalLease } from './lease.ts';
import { startPeriodic, type Periodic, type PeriodicLog } from './periodic.ts';

/** The Redis key of the recompute's lease (suffixed per deployment, see deploymentLeaseKey). */
export const TRENDING_LEASE_KEY = 'veza:lease:trending';

export function startTrendingJob(deps: ApiDeps, log: PeriodicLog, options: { everyMs?: number; lease?: IntervalLease | undefined } = {}): Periodic {
  return startPeriodic(
    'trending recompute',
    async () => {
      const result = await recomputeTrending(deps);
      log.info(result, 'trending ranks recomputed');
    },
    log,
    { everyMs: options.everyMs ?? TRENDING_EVERY_MS, lease: options.lease },
  );
}
