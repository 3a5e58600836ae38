// Account deletion with a grace period: requested (elevated), cancellable while signed in, then purged.
import { accountsRepository, sessionsRepository } from '@veza/db';
import type { MailLanguage } from '@veza/validators';
import type { ApiDeps, Viewer } from '../context.ts';
import { accountsChanged, sessionsRevoked, usersChanged } from '../auth/invalidate.ts';
import { audit } from '../security/audit.ts';
import { sendNotice } from './account-mail.ts';
import { currentUser, type Ctx } from './account.service.ts';

const DAY_MS = 86_400_000;
const purgeDate = (deps: ApiDeps, requestedAt: Date) => new Date(requestedAt.getTime() + deps.security.deletionGraceDays * DAY_MS);

/** Schedules the purge (asking again keeps the first date) and signs out every other session. */
export async function requestDeletion(ctx: Ctx, viewer: Viewer, language?: MailLanguage): Promise<{ purgeAt: string }> {
  const user = await currentUser(ctx, viewer);
  const now = new Date();
  const requestedAt = user.deletionRequestedAt ?? now;
  if (!user.deletionRequestedAt) {
    await accountsRepository(ctx.em).setDeletionRequestedAt(user.id, requestedAt);
    await accountsChanged(ctx.deps, [user.id]);
  }
  const purgeAt = purgeDate(ctx.deps, requestedAt);
  const revoked = await sessionsRepository(ctx.em).revokeAllForUser(user.id, now, 'deletion_requested', viewer.sessionId);
  await sessionsRevoked(ctx.deps, revoked);
  await audit(ctx, 'account.deletion_requested', { actorId: user.id }, { purgeAt: purgeAt.toISOString(), revokedSessions: revoked.length });
  await sendNotice(ctx.deps, user.email, { kind: 'deletion_scheduled', username: user.username, purgeAt }, language);
  return { purgeAt: purgeAt.toISOString() };
}

export async function cancelDeletion(ctx: Ctx, viewer: Viewer): Promise<{ ok: true }> {
  const user = await currentUser(ctx, viewer);
  if (user.deletionRequestedAt) {
    await accountsRepository(ctx.em).setDeletionRequestedAt(user.id, null);
    await accountsChanged(ctx.deps, [user.id]);
    await audit(ctx, 'account.deletion_cancelled', { actorId: user.id });
  }
  return { ok: true };
}

export interface PurgeResult {
  /** Ids of the accounts deleted. */
  deleted: string[];
  /** Stored files that could not be removed (the accounts are gone; the files are orphans to clean by hand). */
  /** `trackId` null: the account's avatar and banner files (`users/<id>/`). */
  storageFailures: { userId: string; trackId: string | null; error: string }[];
}

const SYSTEM = { ip: null, userAgent: null };
const BATCH = 100;

/**
 * Deletes every account whose grace period has ended: sessions are revoked (open WebSockets close), the
 * user row goes with everything it owns (ON DELETE CASCADE: tracks, likes, sessions, passkeys, linked
 * accounts, tokens, notifications), then the tracks' stored files. Only accounts still pending deletion at
 * that moment are deleted, so a cancellation that lands first wins. Audited as `account.deleted`.
 */
export async function purgeDueAccounts(deps: ApiDeps, now: Date = new Date()): Promise<PurgeResult> {
  const requestedBefore = new Date(now.getTime() - deps.security.deletionGraceDays * DAY_MS);
  const result: PurgeResult = { deleted: [], storageFailures: [] };
  const skipped = new Set<string>();
  for (;;) {
    const due = (await accountsRepository(deps.db.fork()).dueForPurge(requestedBefore, BATCH + skipped.size)).filter((u) => !skipped.has(u.id));
    if (!due.length) break;
    for (const user of due) {
      const em = deps.db.fork();
      const accounts = accountsRepository(em);
      const trackIds = await accounts.trackIdsOf(user.id);
      const live = (await sessionsRepository(em).listLive(user.id, now)).map((s) => s.id);
      if (!(await accounts.deleteIfStillRequested(user.id, requestedBefore))) {
        skipped.add(user.id);
        continue;
      }
      // The session rows went with the account (cascade); every instance drops their live connections.
      await sessionsRevoked(deps, live);
      await usersChanged(deps, [user.id]);
      for (const trackId of trackIds) {
        try {
          await deps.storage.deletePrefix(`tracks/${trackId}/`);
        } catch (error) {
          result.storageFailures.push({ userId: user.id, trackId, error: error instanceof Error ? error.message : String(error) });
        }
      }
      // Every size of the avatar and the banner lives under the account's folder.
      try {
        await deps.storage.deletePrefix(`users/${user.id}/`);
      } catch (error) {
        result.storageFailures.push({ userId: user.id, trackId: null, error: error instanceof Error ? error.message : String(error) });
      }
      result.deleted.push(user.id);
      await audit({ deps, meta: SYSTEM }, 'account.deleted', { actorId: null, subjectId: user.id }, { username: user.username, tracks: trackIds.length });
    }
  }
  return result;
}
