import type { Em } from '../orm.ts';
import { User } from '../entities/user.entity.ts';
import { RoomMember } from './room-member.entity.ts';
import { Room } from './room.entity.ts';

export type GroupAddOutcome = { added: string[] } | { full: true; members: number };

const placeholders = (values: unknown[]) => values.map(() => '?').join(', ');

/** Group conversations (rooms of kind `group`, issue 10): every member is a plain member; anyone in adds people. */
export const groupsRepository = (em: Em) => ({
  /**
   * The group whose members are exactly `memberIds` (the oldest such group), or a new one with them, created by
   * `creatorId` (who is in `memberIds`). Opens of the same set are serialised by a transaction-scoped advisory lock
   * on the set, so two racing opens find one group.
   */
  async open(creatorId: string, memberIds: string[]): Promise<{ roomId: string; created: boolean }> {
    const ids = [...new Set(memberIds)].sort();
    return em.transactional(async (tx) => {
      await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`chat-group:${ids.join(',')}`]);
      const [existing] = await tx.execute<{ id: string }[]>(
        `select m.room_id as id from room_members m join rooms r on r.id = m.room_id
         where r.kind = 'group' and m.room_id in (select room_id from room_members where user_id = ?)
         group by m.room_id
         having count(*) = ? and count(*) filter (where m.user_id in (${placeholders(ids)})) = ?
         order by min(r.created_at) asc, m.room_id asc limit 1`,
        [creatorId, ids.length, ...ids, ids.length],
      );
      if (existing) return { roomId: existing.id, created: false };
      const room = tx.create(Room, { id: crypto.randomUUID(), kind: 'group', name: null, topic: null, visibility: 'private', createdBy: creatorId, dmKey: null, lastSeq: 0 });
      for (const userId of ids) tx.create(RoomMember, { id: crypto.randomUUID(), room, user: userId, role: 'member', lastReadSeq: 0 });
      await tx.flush();
      return { roomId: room.id, created: true };
    });
  },

  /**
   * Adds people to a group, keeping it at `max` members at most: the room row is locked while counting, so two adds
   * racing cannot pass it together. People already in are skipped; newcomers have everything so far counted as read.
   */
  async add(roomId: string, userIds: string[], max: number): Promise<GroupAddOutcome> {
    return em.transactional(async (tx) => {
      await tx.execute('select id from rooms where id = ? for update', [roomId]);
      const current = await tx.execute<{ user_id: string }[]>('select user_id from room_members where room_id = ?', [roomId]);
      const inRoom = new Set(current.map((r) => r.user_id));
      const newcomers = [...new Set(userIds)].filter((id) => !inRoom.has(id));
      if (current.length + newcomers.length > max) return { full: true as const, members: current.length };
      for (const userId of newcomers) {
        await tx.execute(
          `insert into room_members (id, room_id, user_id, role, last_read_seq, joined_at)
           select gen_random_uuid(), r.id, ?, 'member', r.last_seq, now() from rooms r where r.id = ?
           on conflict (room_id, user_id) do nothing`,
          [userId, roomId],
        );
      }
      return { added: newcomers };
    });
  },

  /** `userId` leaves a group; the group goes once nobody is left in it. */
  async leave(roomId: string, userId: string): Promise<{ left: boolean; roomDeleted: boolean }> {
    return em.transactional(async (tx) => {
      const left = (await tx.nativeDelete(RoomMember, { room: roomId, user: userId })) > 0;
      const deleted = await tx.execute<{ id: string }[]>(
        `delete from rooms r where r.id = ? and r.kind = 'group' and not exists (select 1 from room_members m where m.room_id = r.id) returning r.id`,
        [roomId],
      );
      return { left, roomDeleted: deleted.length > 0 };
    });
  },

  /** The accounts called `usernames` (those that exist). */
  people: (usernames: string[]) => (usernames.length ? em.find(User, { username: { $in: usernames } }) : Promise.resolve([])),

  /** The members of `roomIds` with their accounts, by join date (for the DM and group previews of the room list). */
  async membersOf(roomIds: string[]): Promise<Map<string, RoomMember[]>> {
    const byRoom = new Map<string, RoomMember[]>();
    if (roomIds.length === 0) return byRoom;
    const rows = await em.find(RoomMember, { room: { $in: roomIds } }, { populate: ['user'], orderBy: { joinedAt: 'asc', id: 'asc' } });
    for (const row of rows) byRoom.set(row.room.id, [...(byRoom.get(row.room.id) ?? []), row]);
    return byRoom;
  },
});
