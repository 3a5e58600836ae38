import type { Em } from '../orm.ts';
import { DEFAULT_DIGEST, type DigestPeriod } from './digest.entity.ts';
import type { NotificationType } from './notification.entity.ts';

/** One period of digests: which frequency, when it started, and where a person's first digest starts. */
export interface DigestWindow {
  period: DigestPeriod;
  periodStart: Date;
  /** Where a person who never got a digest starts (one period back). */
  floor: Date;
}

/** Digest claims and candidates (issue 12). */
export const digestsRepository = (em: Em) => ({
  /**
   * People due a digest for this period, by id after `afterUserId` (a page of `limit`): their digest frequency is the
   * period's, their address is verified, the account is neither locked nor being deleted, nobody claimed their digest
   * for this period yet, and at least one of `types` waits for them unread, not mailed on its own, and updated since
   * their last digest (or `floor`).
   */
  async candidates(window: DigestWindow, types: readonly NotificationType[], afterUserId: string | null, limit: number): Promise<string[]> {
    if (types.length === 0) return [];
    const rows = await em.execute<{ id: string }[]>(
      `select u.id from users u
       left join notification_settings s on s.user_id = u.id
       where coalesce(s.digest, ?) = ?
         and u.email_verified_at is not null and u.locked_at is null and u.deletion_requested_at is null
         ${afterUserId ? 'and u.id > ?' : ''}
         and not exists (select 1 from notification_digest_runs r where r.user_id = u.id and r.period = ? and r.period_start = ?)
         and exists (
           select 1 from notifications n
           where n.recipient_id = u.id and n.read_at is null and n.emailed_at is null
             and n.type in (${types.map(() => '?').join(', ')})
             and n.latest_at > coalesce((select max(r.cutoff) from notification_digest_runs r where r.user_id = u.id), ?)
         )
       order by u.id
       limit ?`,
      [DEFAULT_DIGEST, window.period, ...(afterUserId ? [afterUserId] : []), window.period, window.periodStart, ...types, window.floor, limit],
    );
    return rows.map((r) => String(r.id));
  },

  /** Where the person's next digest starts: the cutoff of their last one, or `floor`. */
  async since(userId: string, floor: Date): Promise<Date> {
    const [row] = await em.execute<{ at: Date | string | null }[]>('select max(cutoff) as at from notification_digest_runs where user_id = ?', [userId]);
    return row?.at ? new Date(row.at) : floor;
  },

  /** Claims the person's digest for this period: true for the first caller only (any instance, any process). */
  async claim(userId: string, window: DigestWindow, cutoff: Date, groups: number): Promise<boolean> {
    const rows = await em.execute<{ user_id: string }[]>(
      'insert into notification_digest_runs (user_id, period, period_start, cutoff, groups, created_at) values (?, ?, ?, ?, ?, now()) on conflict do nothing returning user_id',
      [userId, window.period, window.periodStart, cutoff, groups],
    );
    return rows.length > 0;
  },

  /** Gives a claim back (the mail could not be sent): a later pass in the same period tries again. */
  async release(userId: string, window: DigestWindow): Promise<void> {
    await em.execute('delete from notification_digest_runs where user_id = ? and period = ? and period_start = ?', [userId, window.period, window.periodStart]);
  },
});

/** Devices people signed in from (issue 12). */
export const knownDevicesRepository = (em: Em) => ({
  /**
   * Records a sign-in from `deviceHash`. Returns 'first' when the account had no known device yet (sign-up, or the first
   * sign-in since devices are remembered), 'known' when it was seen before, 'new' otherwise.
   */
  async seen(userId: string, deviceHash: string, userAgent: string | null): Promise<'first' | 'known' | 'new'> {
    const [row] = await em.execute<{ inserted: boolean; others: boolean }[]>(
      `with prior as (select exists (select 1 from known_devices where user_id = ? and device_hash <> ?) as others)
       insert into known_devices (user_id, device_hash, first_seen_at, last_seen_at, user_agent) values (?, ?, now(), now(), ?)
       on conflict (user_id, device_hash) do update set last_seen_at = excluded.last_seen_at, user_agent = excluded.user_agent
       returning (xmax = 0) as inserted, (select others from prior) as others`,
      [userId, deviceHash, userId, deviceHash, userAgent],
    );
    if (!row?.inserted) return 'known';
    return row.others ? 'new' : 'first';
  },
});
