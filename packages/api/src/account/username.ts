import { accountsRepository, type Em } from '@veza/db';
import { inspectUsername } from '@veza/validators';

export { RESERVED_USERNAMES, foldUsername, inspectUsername, usernameSkeleton } from '@veza/validators';

export type UsernameUnavailableReason = 'taken' | 'reserved' | 'lookalike' | 'invalid';

/** The answer of account.usernameAvailable. */
export interface UsernameAvailabilityDto {
  available: boolean;
  reason: UsernameUnavailableReason | null;
  message: string | null;
}

export type UsernameCheck =
  | { available: true; reason: null; message: null; username: string; skeleton: string }
  | { available: false; reason: UsernameUnavailableReason; message: string; username?: undefined; skeleton?: undefined };

export const USERNAME_MESSAGES = {
  taken: 'This username is already taken.',
  lookalikeOfUser: 'This username looks too much like an existing one.',
} as const;

/**
 * Whether `raw` can be taken: the rules and reserved names first (no database), then the exact name and
 * any existing name with the same confusable skeleton. Gives the normalised name and its skeleton when free.
 */
export async function usernameAvailability(em: Em, raw: string): Promise<UsernameCheck> {
  const verdict = inspectUsername(raw);
  if (!verdict.ok) return { available: false, reason: verdict.reason, message: verdict.message };
  const clash = await accountsRepository(em).usernameClash(verdict.username, verdict.skeleton);
  if (clash === 'taken') return { available: false, reason: 'taken', message: USERNAME_MESSAGES.taken };
  if (clash === 'lookalike') return { available: false, reason: 'lookalike', message: USERNAME_MESSAGES.lookalikeOfUser };
  return { available: true, reason: null, message: null, username: verdict.username, skeleton: verdict.skeleton };
}

export const toAvailabilityDto = (check: UsernameCheck): UsernameAvailabilityDto => ({ available: check.available, reason: check.reason, message: check.message });
