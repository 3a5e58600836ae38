// Email digests of unread notifications (issue 12). Each person chooses a daily or weekly digest, or none (weekly by
// default). A digest lists the unread groups, updated since their last digest, of the kinds they show in the app and do
// not get by mail one by one (those were mailed already), security notices aside (always mailed at once).
// Exactly once per person and period across instances: a row in notification_digest_runs is the claim, inserted before
// the mail goes out by whichever caller gets there first (a scheduled pass on any instance, or the operator's command);
// a send that fails gives the claim back, so a later pass of the same period tries again.
import { digestsRepository, NOTIFICATION_TYPES, notificationSettingsRepository, notificationsRepository, User, type DigestPeriod, type DigestWindow, type NotificationType } from '@veza/db';
import type { ApiDeps } from '../context.ts';
import { digestMail } from './digest.mail.ts';
import { toGroupDto } from './notifications.dto.ts';
import { channelsFor, KIND_OF } from './notifications.kinds.ts';
import { actorsOf } from './notifications.service.ts';
import { unsubscribeLinks } from './unsubscribe.ts';

/** Periods start at this hour (UTC): daily digests every day, weekly ones on Mondays. */
export const DIGEST_HOUR_UTC = 8;
/** How many groups a digest lists (the rest is "and N more"). */
export const DIGEST_LINES_MAX = 20;
/** How often the server looks for digests due (a period's digests go out at the first pass in it). */
export const DIGEST_EVERY_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const PAGE = 200;

/** Where the web app shows the centre and the notification settings. */
export const NOTIFICATIONS_PAGE_PATH = '/notifications';
export const NOTIFICATION_SETTINGS_PATH = '/settings/notifications';

/** The period `now` falls in: it started at DIGEST_HOUR_UTC today (or yesterday), or on the last Monday at that hour. */
export function digestWindow(period: DigestPeriod, now: Date): DigestWindow {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DIGEST_HOUR_UTC));
  if (start.getTime() > now.getTime()) start.setUTCDate(start.getUTCDate() - 1);
  if (period === 'weekly') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const length = period === 'daily' ? DAY_MS : 7 * DAY_MS;
  return { period, periodStart: start, floor: new Date(start.getTime() - length) };
}

/** Types a digest may list at all (security notices are mailed at once, always). */
const DIGEST_TYPES: NotificationType[] = NOTIFICATION_TYPES.filter((t) => t !== 'security.notice');

export interface DigestRunResult {
  period: DigestPeriod;
  periodStart: string;
  /** Digests mailed by this run. */
  sent: number;
  /** People due but skipped: nothing to list after their preferences, or another run claimed them first. */
  skipped: number;
  /** Mails that could not be sent (their claim given back: a later run of the period tries again). */
  failed: number;
}

type Outcome = 'sent' | 'skipped' | 'failed';

async function digestFor(deps: ApiDeps, userId: string, window: DigestWindow, now: Date): Promise<Outcome> {
  const em = deps.db.fork();
  const user = await em.findOne(User, { id: userId });
  if (!user?.emailVerifiedAt || user.lockedAt || user.deletionRequestedAt) return 'skipped';
  const settings = await notificationSettingsRepository(em).of(userId);
  if (settings.digest !== window.period) return 'skipped';
  const types = DIGEST_TYPES.filter((type) => {
    const channels = channelsFor(settings.overrides, KIND_OF[type]);
    return channels.inApp && !channels.email;
  });
  const digests = digestsRepository(em);
  const since = await digests.since(userId, window.floor);
  const { groups, total } = await notificationsRepository(em).forDigest(userId, types, since, DIGEST_LINES_MAX);
  const actors = await actorsOf(em, userId, groups);
  const lines = groups.flatMap((n) => {
    const group = toGroupDto(n, actors);
    return group ? [{ group, link: new URL(group.url, deps.security.appOrigin).toString() }] : [];
  });
  if (lines.length === 0) return 'skipped';
  if (!(await digests.claim(userId, window, now, lines.length))) return 'skipped';
  const mail = digestMail({
    to: user.email,
    username: user.username,
    period: window.period,
    language: settings.language,
    lines,
    total: Math.max(total - (groups.length - lines.length), lines.length),
    allLink: new URL(NOTIFICATIONS_PAGE_PATH, deps.security.appOrigin).toString(),
    settingsLink: new URL(NOTIFICATION_SETTINGS_PATH, deps.security.appOrigin).toString(),
    unsubscribe: unsubscribeLinks(deps, userId, 'digest'),
  });
  try {
    await deps.mailer.send(mail);
    return 'sent';
  } catch {
    await digests.release(userId, window).catch(() => undefined);
    return 'failed';
  }
}

/**
 * Sends the digests of `period` due now: to each person whose digest is `period`, with something new, not sent yet
 * this period. Safe to run on several instances at once, and again in the same period (nobody gets two).
 */
export async function sendDigests(deps: ApiDeps, period: DigestPeriod, now: Date = new Date()): Promise<DigestRunResult> {
  const window = digestWindow(period, now);
  const result: DigestRunResult = { period, periodStart: window.periodStart.toISOString(), sent: 0, skipped: 0, failed: 0 };
  let after: string | null = null;
  for (;;) {
    const ids = await digestsRepository(deps.db.fork()).candidates(window, DIGEST_TYPES, after, PAGE);
    for (const id of ids) {
      // One person's failure (a query, a mail server refusing) does not hold back the others.
      result[await digestFor(deps, id, window, now).catch((): Outcome => 'failed')]++;
    }
    if (ids.length < PAGE) break;
    after = ids.at(-1) ?? null;
  }
  return result;
}
