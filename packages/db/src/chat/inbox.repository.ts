// Queries of the chat inbox (issue 10: live room list, api chat/inbox.service.ts) and of room icons: small, raw
// reads of a user's memberships and counters, and the icon key swap.
import type { Em } from '../orm.ts';
import type { RoomKind } from './room.entity.ts';

/** One of a user's conversations as the inbox counts it. */
export interface InboxRoomRow {
  roomId: string;
  kind: RoomKind;
  lastSeq: number;
  lastReadSeq: number;
}

export const inboxRepository = (em: Em) => ({
  /** Every room `userId` is in, with its newest seq and their read mark (one indexed query, no message read). */
  async rooms(userId: string): Promise<InboxRoomRow[]> {
    const rows = await em.execute<{ room_id: string; kind: RoomKind; last_seq: string | number; last_read_seq: string | number }[]>(
      `select m.room_id, r.kind, r.last_seq, m.last_read_seq from room_members m join rooms r on r.id = m.room_id
       where m.user_id = ? order by r.last_seq desc, m.room_id`,
      [userId],
    );
    return rows.map((r) => ({ roomId: r.room_id, kind: r.kind, lastSeq: Number(r.last_seq), lastReadSeq: Number(r.last_read_seq) }));
  },

  /** The user ids of a room's members (meant for DMs and groups: at most 10). */
  async memberIds(roomId: string): Promise<string[]> {
    const rows = await em.execute<{ user_id: string }[]>('select user_id from room_members where room_id = ?', [roomId]);
    return rows.map((r) => r.user_id);
  },

  /** How many people are in a room. */
  async memberCount(roomId: string): Promise<number> {
    const [row] = await em.execute<{ n: string | number }[]>('select count(*) as n from room_members where room_id = ?', [roomId]);
    return Number(row?.n ?? 0);
  },

  /** A room's kind, null when it is gone. */
  async kindOf(roomId: string): Promise<RoomKind | null> {
    const [row] = await em.execute<{ kind: RoomKind }[]>('select kind from rooms where id = ?', [roomId]);
    return row?.kind ?? null;
  },

  /** Unread messages of one room that mention `userId` (the same rule as mentionsRepository.unreadCounts). */
  async unreadMentions(roomId: string, userId: string): Promise<number> {
    const [row] = await em.execute<{ n: string | number }[]>(
      `select count(*) as n
       from message_mentions mm
       join messages m on m.id = mm.message_id
       join room_members rm on rm.room_id = m.room_id and rm.user_id = mm.user_id
       where mm.user_id = ? and m.room_id = ? and m.seq > rm.last_read_seq and m.deleted_at is null
         and not exists (select 1 from user_blocks b where b.blocker_id = mm.user_id and b.blocked_id = m.author_id)`,
      [userId, roomId],
    );
    return Number(row?.n ?? 0);
  },

  /**
   * Sets a room's icon key (null: removes it) and returns the key it replaced (`undefined` when the room is gone),
   * the row locked in between so two concurrent changes each get the key the other replaced, never the same one.
   */
  async swapIcon(roomId: string, key: string | null): Promise<{ previous: string | null } | undefined> {
    return em.transactional(async (tx) => {
      const [row] = await tx.execute<{ icon_key: string | null }[]>('select icon_key from rooms where id = ? for no key update', [roomId]);
      if (!row) return undefined;
      await tx.execute('update rooms set icon_key = ? where id = ?', [key, roomId]);
      return { previous: row.icon_key };
    });
  },
});
