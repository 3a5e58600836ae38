import type { Em } from '../orm.ts';
import { NOTIFICATION_ACTORS_KEPT, Notification, type NotificationType } from './notification.entity.ts';

/** What a write to a group returns: enough to publish it and to decide whether to mail it. */
export interface NotificationGroupRow {
  id: string;
  seq: string;
  /** A new group (its first event): the moment to mail it. */
  inserted: boolean;
}

/** One event added to a group (low-volume kinds: comments, mentions, invites, requests, notices). */
export interface GroupTouch {
  recipientId: string;
  type: NotificationType;
  groupKey: string;
  actorId: string | null;
  trackId?: string | null;
  messageId?: string | null;
  commentId?: string | null;
  playlistId?: string | null;
  groupId?: string | null;
  detail?: string | null;
}

/**
 * A group counted from the rows that already record the events (likes, reposts, follows): recomputing it is
 * idempotent, so any instance may do it, as often as it likes, in any order.
 */
export type CountedSource =
  | { type: 'track.liked' | 'track.reposted'; trackId: string; recipientId: string }
  | { type: 'follow.new'; recipientId: string };

/** The source rows of a counted group, as SQL returning (actor, created_at), with its parameters. */
function sourceSql(source: CountedSource): { sql: string; params: unknown[] } {
  switch (source.type) {
    case 'track.liked':
      return { sql: 'select s.user_id as actor, s.created_at from track_likes s where s.track_id = ?', params: [source.trackId] };
    case 'track.reposted':
      return { sql: 'select s.user_id as actor, s.created_at from reposts s where s.track_id = ?', params: [source.trackId] };
    case 'follow.new':
      return { sql: "select s.follower_id as actor, s.created_at from follows s where s.followee_id = ? and s.status = 'active'", params: [source.recipientId] };
  }
}

const groupKeyOf = (source: CountedSource) => (source.type === 'follow.new' ? '' : `track:${source.trackId}`);

const POPULATE = ['actor', 'track', 'message', 'message.room', 'comment', 'comment.parent', 'playlist', 'group'] as const;
const NEXT_ID = "nextval(pg_get_serial_sequence('notifications', 'id'))";

const toRow = (r: { id: string | number; seq: string | number; inserted: boolean }): NotificationGroupRow => ({ id: String(r.id), seq: String(r.seq), inserted: r.inserted });

/** Notification groups (issue 12): written in one statement each, so concurrent writers on any instance agree. */
export const notificationsRepository = (em: Em) => ({
  /**
   * Adds one event to the recipient's open group of that type and subject, or opens one: the actor moves to the front
   * of the kept actors and counts once while among them; the subject columns take the latest values.
   */
  async touch(data: GroupTouch): Promise<NotificationGroupRow> {
    const rows = await em.execute<{ id: string; seq: string; inserted: boolean }[]>(
      `insert into notifications (id, recipient_id, type, group_key, actor_id, actor_ids, actor_count, track_id, message_id, comment_id, playlist_id, group_id, detail, created_at, latest_at, seq)
       select v.n, ?, ?, ?, ?, case when ?::uuid is null then '[]'::jsonb else jsonb_build_array(?::uuid) end, 1, ?, ?, ?, ?, ?, ?, now(), now(), v.n from (select ${NEXT_ID} as n) v
       on conflict (recipient_id, type, group_key) where read_at is null do update set
         actor_count = notifications.actor_count + case when excluded.actor_id is not null and notifications.actor_ids @> jsonb_build_array(excluded.actor_id) then 0 else 1 end,
         actor_ids = case when excluded.actor_id is null then notifications.actor_ids else (
           select coalesce(jsonb_agg(k.a order by k.o), '[]'::jsonb) from (
             select a, o from (
               select excluded.actor_id::text as a, 0::bigint as o
               union all
               select e.a, e.o from jsonb_array_elements_text(notifications.actor_ids) with ordinality e(a, o) where e.a <> excluded.actor_id::text
             ) u order by o limit ${NOTIFICATION_ACTORS_KEPT}
           ) k) end,
         actor_id = coalesce(excluded.actor_id, notifications.actor_id),
         track_id = coalesce(excluded.track_id, notifications.track_id),
         message_id = coalesce(excluded.message_id, notifications.message_id),
         comment_id = coalesce(excluded.comment_id, notifications.comment_id),
         playlist_id = coalesce(excluded.playlist_id, notifications.playlist_id),
         group_id = coalesce(excluded.group_id, notifications.group_id),
         detail = coalesce(excluded.detail, notifications.detail),
         latest_at = excluded.latest_at,
         seq = excluded.seq
       returning id, seq, (xmax = 0) as inserted`,
      [
        data.recipientId,
        data.type,
        data.groupKey,
        data.actorId,
        data.actorId,
        data.actorId,
        data.trackId ?? null,
        data.messageId ?? null,
        data.commentId ?? null,
        data.playlistId ?? null,
        data.groupId ?? null,
        data.detail ?? null,
      ],
    );
    return toRow(rows[0] as { id: string; seq: string; inserted: boolean });
  },

  /**
   * Recomputes the recipient's open group over its source rows: the people (not the recipient, not those the
   * recipient blocked) since the group opened (`floor` for a new one) and after the previous group of the same subject.
   * Skipped when a newer count already landed (another instance), or when there is nothing to count. Returns the
   * group when it was written.
   */
  async recount(source: CountedSource, floor: Date): Promise<NotificationGroupRow | null> {
    const { sql, params } = sourceSql(source);
    const key = groupKeyOf(source);
    const rows = await em.execute<{ id: string; seq: string; inserted: boolean }[]>(
      `insert into notifications (id, recipient_id, type, group_key, actor_id, actor_ids, actor_count, track_id, created_at, latest_at, seq)
       with open as (select created_at from notifications where recipient_id = ? and type = ? and group_key = ? and read_at is null),
       prev as (select max(latest_at) as at from notifications where recipient_id = ? and type = ? and group_key = ? and read_at is not null),
       src as (
         select q.actor, q.created_at from (${sql}) q
         where q.actor <> ?
           and q.created_at >= coalesce((select created_at from open), ?)
           and q.created_at > coalesce((select at from prev), '-infinity'::timestamptz)
           and not exists (select 1 from user_blocks b where b.blocker_id = ? and b.blocked_id = q.actor)
       ),
       agg as (
         select count(*)::int as c, max(created_at) as latest, min(created_at) as first,
           (select jsonb_agg(l.actor order by l.created_at desc, l.actor desc) from (select actor, created_at from src order by created_at desc, actor desc limit ${NOTIFICATION_ACTORS_KEPT}) l) as ids,
           (select actor from src order by created_at desc, actor desc limit 1) as last
         from src
       ),
       v as (select ${NEXT_ID} as n)
       select v.n, ?, ?, ?, agg.last, agg.ids, agg.c, ?, agg.first, agg.latest, v.n from agg, v where agg.c > 0
       on conflict (recipient_id, type, group_key) where read_at is null do update set
         actor_id = excluded.actor_id, actor_ids = excluded.actor_ids, actor_count = excluded.actor_count, latest_at = excluded.latest_at, seq = excluded.seq
         where notifications.latest_at <= excluded.latest_at and (notifications.actor_count, notifications.actor_ids) is distinct from (excluded.actor_count, excluded.actor_ids)
       returning id, seq, (xmax = 0) as inserted`,
      [
        source.recipientId,
        source.type,
        key,
        source.recipientId,
        source.type,
        key,
        ...params,
        source.recipientId,
        floor,
        source.recipientId,
        source.recipientId,
        source.type,
        key,
        source.type === 'follow.new' ? null : source.trackId,
      ],
    );
    const row = rows[0];
    return row ? toRow(row) : null;
  },

  /** Claims the group's one mail: true for the first caller only (whichever instance). */
  async claimMail(id: string): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>('update notifications set emailed_at = now() where id = ? and emailed_at is null returning id', [id]);
    return rows.length > 0;
  },

  /** A group with what its DTO needs. */
  byId: (id: string) => em.findOne(Notification, { id }, { populate: [...POPULATE] }),

  /**
   * What a digest lists: the recipient's unread groups of `types` not mailed on their own, updated after `since`, most
   * recently updated first (at most `limit`), and how many there are in all.
   */
  async forDigest(recipientId: string, types: readonly NotificationType[], since: Date, limit: number): Promise<{ groups: Notification[]; total: number }> {
    if (types.length === 0) return { groups: [], total: 0 };
    const where = { recipient: recipientId, readAt: null, emailedAt: null, type: { $in: [...types] }, latestAt: { $gt: since } };
    const groups = await em.find(Notification, where, { orderBy: { latestAt: 'desc', seq: 'desc' }, limit, populate: [...POPULATE] });
    return { groups, total: groups.length < limit ? groups.length : await em.count(Notification, where) };
  },

  /**
   * A page of the recipient's groups, most recently updated first, before `beforeSeq`, leaving out `hiddenTypes`;
   * `unreadOnly`: only the unread ones (read by `notifications_unread_seq_idx`, the unread groups of a recipient by `seq`).
   */
  page: (recipientId: string, beforeSeq: string | null, limit: number, hiddenTypes: readonly NotificationType[], unreadOnly = false) =>
    em.find(
      Notification,
      {
        recipient: recipientId,
        ...(beforeSeq ? { seq: { $lt: beforeSeq } } : {}),
        ...(hiddenTypes.length ? { type: { $nin: [...hiddenTypes] } } : {}),
        ...(unreadOnly ? { readAt: null } : {}),
      },
      { orderBy: { seq: 'desc' }, limit, populate: [...POPULATE] },
    ),

  /** How many of the recipient's groups are unread, leaving out `hiddenTypes`. */
  async unreadCount(recipientId: string, hiddenTypes: readonly NotificationType[]): Promise<number> {
    const rows = await em.execute<{ c: string | number }[]>(
      `select count(*) as c from notifications where recipient_id = ? and read_at is null${hiddenTypes.length ? ` and type not in (${hiddenTypes.map(() => '?').join(', ')})` : ''}`,
      [recipientId, ...hiddenTypes],
    );
    return Number(rows[0]?.c ?? 0);
  },

  /** Marks one of the recipient's groups read: 'read', 'already' (it was), or 'missing' (none of theirs has this id). */
  async markRead(recipientId: string, id: string): Promise<'read' | 'already' | 'missing'> {
    const rows = await em.execute<{ id: string }[]>('update notifications set read_at = now() where id = ? and recipient_id = ? and read_at is null returning id', [id, recipientId]);
    if (rows.length > 0) return 'read';
    const found = await em.execute<{ id: string }[]>('select id from notifications where id = ? and recipient_id = ?', [id, recipientId]);
    return found.length > 0 ? 'already' : 'missing';
  },

  /** Marks every unread group of the recipient read (up to `upToSeq` when given, so a newer one stays unread). */
  async markAllRead(recipientId: string, upToSeq: string | null): Promise<number> {
    const rows = await em.execute<{ id: string }[]>(
      `update notifications set read_at = now() where recipient_id = ? and read_at is null${upToSeq ? ' and seq <= ?' : ''} returning id`,
      upToSeq ? [recipientId, upToSeq] : [recipientId],
    );
    return rows.length;
  },

  /** The recipient's groups updated after `afterSeq`, oldest first (for resuming a subscription). */
  after: (recipientId: string, afterSeq: string, limit = 100) =>
    em.find(Notification, { recipient: recipientId, seq: { $gt: afterSeq } }, { orderBy: { seq: 'asc' }, limit, populate: [...POPULATE] }),

  /** Which of `recipientIds` already got a notification of `type` about the chat message `messageId` (its latest). */
  async notifiedAbout(messageId: string, type: NotificationType, recipientIds: readonly string[]): Promise<Set<string>> {
    if (recipientIds.length === 0) return new Set();
    const found = await em.find(Notification, { message: messageId, type, recipient: { $in: [...recipientIds] } }, { fields: ['recipient'] });
    return new Set(found.map((n) => n.recipient.id));
  },

  /** Whether `recipientId` got a notification of `type` from `actorId` in a group updated at or after `since`. */
  async existsSince(data: { recipientId: string; type: NotificationType; actorId: string; since: Date }) {
    const rows = await em.execute<{ id: string }[]>(
      'select id from notifications where recipient_id = ? and type = ? and latest_at >= ? and actor_ids @> jsonb_build_array(?::uuid) limit 1',
      [data.recipientId, data.type, data.since, data.actorId],
    );
    return rows.length > 0;
  },
});
