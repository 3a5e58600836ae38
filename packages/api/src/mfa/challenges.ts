import { challengesRepository } from '@veza/db';
import type { ApiDeps } from '../context.ts';

/**
 * Housekeeping for the server's periodic job: deletes authentication challenges (second-factor tickets,
 * WebAuthn challenges, pending TOTP enrolments) that have expired. Live ones are never touched.
 */
export async function purgeExpiredChallenges(deps: ApiDeps, now: Date = new Date()): Promise<number> {
  return challengesRepository(deps.db.fork()).purgeExpired(now);
}
