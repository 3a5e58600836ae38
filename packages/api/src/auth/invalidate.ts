// The one way to say "what a viewer is made of changed": every writer of sessions (revocation, step-up) and of
// the user fields a viewer carries (role, lock, username, deletion) or auth.me shows (profile, email and its
// verification, password set, 2FA, deletion date) calls one of these right after its write.
// Each drops this instance's cache entries at once (so the very next request here sees the change), then
// announces it on the bus so every other instance drops them too (and closes revoked sessions' sockets).
// `invalidate.guard.test.ts` fails when a file calls such a writer without calling one of these.
import type { ApiDeps } from '../context.ts';
import {
  ACCOUNT_CHANGED_CHANNEL,
  SESSION_CHANGED_CHANNEL,
  SESSION_REVOKED_CHANNEL,
  USER_CHANGED_CHANNEL,
  type AccountChangedMessage,
  type SessionChangedMessage,
  type SessionRevokedMessage,
  type UserChangedMessage,
} from './session-cache.ts';

type Deps = Pick<ApiDeps, 'bus' | 'sessionCache'>;

/**
 * These sessions were revoked (or deleted): refused here from the next request, and on every other instance as soon as
 * it reads the bus message (usually before the next request reaches it; milliseconds later on a loaded machine), their
 * sockets closed.
 */
export async function sessionsRevoked(deps: Deps, sessionIds: string[]): Promise<void> {
  if (!sessionIds.length) return;
  deps.sessionCache?.dropSessions(sessionIds);
  await deps.bus.publish(SESSION_REVOKED_CHANNEL, { sessionIds } satisfies SessionRevokedMessage);
}

/** These sessions changed but stay live (step-up): re-read everywhere on the next request. */
export async function sessionsChanged(deps: Deps, sessionIds: string[]): Promise<void> {
  if (!sessionIds.length) return;
  deps.sessionCache?.dropSessions(sessionIds);
  await deps.bus.publish(SESSION_CHANGED_CHANNEL, { sessionIds } satisfies SessionChangedMessage);
}

/** These users changed (role, lock, username, deletion): all their sessions and accounts are re-read everywhere. */
export async function usersChanged(deps: Deps, userIds: string[]): Promise<void> {
  if (!userIds.length) return;
  deps.sessionCache?.dropUsers(userIds);
  await deps.bus.publish(USER_CHANGED_CHANNEL, { userIds } satisfies UserChangedMessage);
}

/** What these users' account shows changed (profile, email, password set, 2FA, deletion date): auth.me re-reads it everywhere. */
export async function accountsChanged(deps: Deps, userIds: string[]): Promise<void> {
  if (!userIds.length) return;
  deps.sessionCache?.dropAccounts(userIds);
  await deps.bus.publish(ACCOUNT_CHANGED_CHANNEL, { userIds } satisfies AccountChangedMessage);
}
