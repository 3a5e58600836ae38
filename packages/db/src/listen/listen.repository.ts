import { LockMode } from '@mikro-orm/core';
import { generateNKeysBetween } from 'fractional-indexing';
import type { Em } from '../orm.ts';
import { ListeningMember, ListeningQueueEntry, ListeningSession } from './listening-session.entity.ts';

/** Listening sessions (issue 11): the session row is the lock every change takes. */
export const listenRepository = (em: Em) => {
  /** Runs `change` under the session's row lock, then bumps its version; null when the session is gone. */
  const locked = <T>(sessionId: string, change: (tx: Em, session: ListeningSession) => Promise<T>) =>
    em.transactional(async (tx) => {
      const session = await tx.findOne(ListeningSession, { id: sessionId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!session) return null;
      const result = await change(tx, session);
      session.version += 1;
      await tx.flush();
      return { result, version: session.version };
    });

  return {
    locked,

    byId: (id: string) => em.findOne(ListeningSession, { id }, { populate: ['host'], refresh: true }),

    members: (sessionId: string) => em.find(ListeningMember, { session: sessionId }, { populate: ['user'], orderBy: { joinedAt: 'asc' }, refresh: true }),

    member: (sessionId: string, userId: string) => em.findOne(ListeningMember, { session: sessionId, user: userId }, { refresh: true }),

    countMembers: (sessionId: string) => em.count(ListeningMember, { session: sessionId }),

    /** Adds or renews a member; returns whether they are new. */
    async join(sessionId: string, userId: string, now: Date): Promise<boolean> {
      const rows = await em.execute<{ inserted: boolean }[]>(
        `insert into listening_members (session_id, user_id, joined_at, last_seen_at) values (?, ?, ?, ?)
         on conflict (session_id, user_id) do update set last_seen_at = excluded.last_seen_at returning (xmax = 0) as inserted`,
        [sessionId, userId, now, now],
      );
      return Boolean(rows[0]?.inserted);
    },

    seen: (sessionId: string, userId: string, now: Date) => em.nativeUpdate(ListeningMember, { session: sessionId, user: userId }, { lastSeenAt: now }),

    removeMember: (tx: Em, sessionId: string, userId: string) => tx.nativeDelete(ListeningMember, { session: sessionId, user: userId }),

    /** Members not seen since `before`, of sessions still going. */
    async silent(before: Date): Promise<{ sessionId: string; userId: string }[]> {
      const rows = await em.execute<{ session_id: string; user_id: string }[]>(
        `select m.session_id, m.user_id from listening_members m join listening_sessions s on s.id = m.session_id
         where s.ended_at is null and m.last_seen_at < ? limit 500`,
        [before],
      );
      return rows.map((r) => ({ sessionId: r.session_id, userId: r.user_id }));
    },

    /** Sessions still going whose host is no longer a member (they left or went silent). */
    async orphaned(): Promise<string[]> {
      const rows = await em.execute<{ id: string }[]>(
        `select s.id from listening_sessions s where s.ended_at is null
           and not exists (select 1 from listening_members m where m.session_id = s.id and m.user_id = s.host_id) limit 500`,
      );
      return rows.map((r) => r.id);
    },

    queue: (sessionId: string) =>
      em.find(ListeningQueueEntry, { session: sessionId }, { populate: ['addedBy'], orderBy: { position: 'asc' }, refresh: true }),

    queueLength: (tx: Em, sessionId: string) => tx.count(ListeningQueueEntry, { session: sessionId }),

    /** Appends a track to the queue (under the session's lock). */
    async enqueue(tx: Em, sessionId: string, trackId: string, addedBy: string): Promise<ListeningQueueEntry> {
      const [last] = await tx.execute<{ position: string | null }[]>('select max(position) as position from listening_queue where session_id = ?', [sessionId]);
      const [position] = generateNKeysBetween(last?.position ?? null, null, 1);
      const entry = tx.create(ListeningQueueEntry, { id: crypto.randomUUID(), session: sessionId, track: trackId, addedBy, position: position!, addedAt: new Date() });
      await tx.flush();
      return entry;
    },

    /** Takes the first entry off the queue (under the session's lock). */
    async shift(tx: Em, sessionId: string): Promise<string | null> {
      const [first] = await tx.execute<{ id: string; track_id: string }[]>('select id, track_id from listening_queue where session_id = ? order by position limit 1', [sessionId]);
      if (!first) return null;
      await tx.nativeDelete(ListeningQueueEntry, { id: first.id });
      return first.track_id;
    },

    queueEntry: (tx: Em, sessionId: string, entryId: string) => tx.findOne(ListeningQueueEntry, { id: entryId, session: sessionId }),
    removeEntry: (tx: Em, entryId: string) => tx.nativeDelete(ListeningQueueEntry, { id: entryId }),
  };
};
