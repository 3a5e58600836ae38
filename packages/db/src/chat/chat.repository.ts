import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em } from '../orm.ts';
import type { User } from '../entities/user.entity.ts';
import { Message, type MessageKind } from './message.entity.ts';
import { RoomMember, type RoomRole } from './room-member.entity.ts';
import { RoomBan } from './room-ban.entity.ts';
import { RoomInvite } from './room-invite.entity.ts';
import { insertMentions } from './reactions.repository.ts';
import { Room, type RoomVisibility } from './room.entity.ts';

export interface NewMessage {
  roomId: string;
  authorId: string;
  body: string;
  clientMessageId: string;
  replyToId: string | null;
  /** Defaults to `text`; `call` for a call's summary (calls). */
  kind?: MessageKind;
  /** Members `@mentioned` in the body, stored in the same transaction (mentions.ts). */
  mentionIds?: readonly string[];
}

/** One of a user's rooms, as the room list shows it. */
export interface MyRoomRow {
  room: Room;
  member: RoomMember;
  /** The room's newest message (its seq is `room.lastSeq`), null before the first. */
  lastMessage: Message | null;
  /** For a DM, the other person (null once their account is gone). */
  peer: User | null;
}

class OwnershipTransferFailed extends Error {}
class InviteRefused extends Error {}

/**
 * Joins take KEY SHARE on the room row before checking for a ban (in a statement of its own, so that check sees a
 * ban committed while waiting): a ban, taking FOR UPDATE, waits for joins in progress and joins wait for it. KEY SHARE
 * does not conflict with a send's `update rooms set last_seq`.
 */
const lockRoomForJoin = (tx: Em, roomId: string) => tx.execute('select id from rooms where id = ? for key share', [roomId]);

/** Inserts a member with everything so far read, unless they are in already or banned; true when inserted. */
async function insertMember(tx: Em, roomId: string, userId: string): Promise<boolean> {
  const inserted = await tx.execute<{ id: string }[]>(
    `insert into room_members (id, room_id, user_id, role, last_read_seq, joined_at)
     select gen_random_uuid(), r.id, ?, 'member', r.last_seq, now() from rooms r
     where r.id = ? and not exists (select 1 from room_bans b where b.room_id = r.id and b.user_id = ?)
     on conflict (room_id, user_id) do nothing returning id`,
    [userId, roomId, userId],
  );
  return inserted.length > 0;
}

/** A DM's key: both user ids, sorted, so either side opening it finds the same room. */
export const dmKeyOf = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);

const MESSAGE_POPULATE = ['author', 'replyTo', 'replyTo.author'] as const;

export const chatRepository = (em: Em) => {
  const byClientId = (authorId: string, clientMessageId: string) =>
    em.findOne(Message, { author: authorId, clientMessageId }, { populate: MESSAGE_POPULATE, refresh: true });

  return {
    roomById: (id: string) => em.findOne(Room, { id }, { refresh: true }),

    membership: (roomId: string, userId: string) => em.findOne(RoomMember, { room: roomId, user: userId }, { refresh: true }),

    /** A named room with its creator as owner, in one transaction. */
    async createRoom(data: { name: string; topic: string | null; visibility: RoomVisibility; ownerId: string }) {
      return em.transactional(async (tx) => {
        const room = tx.create(Room, { id: crypto.randomUUID(), kind: 'room', name: data.name, topic: data.topic, visibility: data.visibility, createdBy: data.ownerId, dmKey: null, lastSeq: 0 });
        tx.create(RoomMember, { id: crypto.randomUUID(), room, user: data.ownerId, role: 'owner', lastReadSeq: 0 });
        await tx.flush();
        return room;
      });
    },

    /**
     * Adds `userId` as a member with everything so far counted as read; a member already there stays as they were,
     * and someone banned from the room is not added. True when this call added them.
     */
    async join(roomId: string, userId: string): Promise<boolean> {
      return em.transactional(async (tx) => {
        await lockRoomForJoin(tx, roomId);
        return insertMember(tx, roomId, userId);
      });
    },

    /**
     * The DM between two users, created on first use. Two opens racing (from both sides) meet on the unique key:
     * the loser reads the winner's room.
     */
    async openDm(userId: string, peerId: string): Promise<string> {
      const dmKey = dmKeyOf(userId, peerId);
      const existing = await em.findOne(Room, { dmKey }, { fields: ['id'] });
      if (existing) return existing.id;
      try {
        return await em.transactional(async (tx) => {
          const room = tx.create(Room, { id: crypto.randomUUID(), kind: 'dm', name: null, topic: null, visibility: 'private', createdBy: userId, dmKey, lastSeq: 0 });
          tx.create(RoomMember, { id: crypto.randomUUID(), room, user: userId, role: 'member', lastReadSeq: 0 });
          tx.create(RoomMember, { id: crypto.randomUUID(), room, user: peerId, role: 'member', lastReadSeq: 0 });
          await tx.flush();
          return room.id;
        });
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException)) throw error;
        const winner = await em.fork().findOneOrFail(Room, { dmKey }, { fields: ['id'] });
        return winner.id;
      }
    },

    /** A page of a room's members with their accounts: the owner, then moderators, then members, each by join date. */
    async members(roomId: string, opts: { offset: number; limit: number }): Promise<{ items: RoomMember[]; total: number }> {
      // Roles sort the right way alphabetically, descending: owner, moderator, member.
      const [items, total] = await em.findAndCount(
        RoomMember,
        { room: roomId },
        { populate: ['user'], orderBy: { role: 'desc', joinedAt: 'asc', id: 'asc' }, offset: opts.offset, limit: opts.limit, refresh: true },
      );
      return { items, total };
    },

    /** Removes `userId` from the room; true when they were in it. */
    async removeMember(roomId: string, userId: string): Promise<boolean> {
      return (await em.nativeDelete(RoomMember, { room: roomId, user: userId })) > 0;
    },

    /**
     * The owner leaving as the last member: the room goes with them (messages included). Only deleted while nobody
     * else is in it; false otherwise (someone joined meanwhile).
     */
    async deleteIfAlone(roomId: string, userId: string): Promise<boolean> {
      const rows = await em.execute<{ id: string }[]>(
        'delete from rooms r where r.id = ? and not exists (select 1 from room_members m where m.room_id = r.id and m.user_id <> ?) returning r.id',
        [roomId, userId],
      );
      return rows.length > 0;
    },

    /** Sets a non-owner member's role; false when they are not a member (or are the owner). */
    async setRole(roomId: string, userId: string, role: Exclude<RoomRole, 'owner'>): Promise<boolean> {
      return (await em.nativeUpdate(RoomMember, { room: roomId, user: userId, role: { $ne: 'owner' } }, { role })) > 0;
    },

    /** Hands the room from its owner to another member (the previous owner becomes a moderator), in one transaction. */
    async transferOwnership(roomId: string, fromId: string, toId: string): Promise<boolean> {
      return em.transactional(async (tx) => {
        const demoted = await tx.nativeUpdate(RoomMember, { room: roomId, user: fromId, role: 'owner' }, { role: 'moderator' });
        if (demoted === 0) return false;
        const promoted = await tx.nativeUpdate(RoomMember, { room: roomId, user: toId }, { role: 'owner' });
        if (promoted === 0) throw new OwnershipTransferFailed();
        return true;
      }).catch((error: unknown) => {
        if (error instanceof OwnershipTransferFailed) return false;
        throw error;
      });
    },

    // Invites, bans, mutes, slow mode (issue 10, "Rooms" and "Moderation").

    async createInvite(data: { roomId: string; codeHash: string; createdById: string; expiresAt: Date | null; maxUses: number | null }) {
      const invite = em.create(RoomInvite, {
        id: crypto.randomUUID(),
        room: data.roomId,
        codeHash: data.codeHash,
        createdBy: data.createdById,
        expiresAt: data.expiresAt,
        maxUses: data.maxUses,
        uses: 0,
        revokedAt: null,
      });
      await em.flush();
      return invite;
    },

    inviteByHash: (codeHash: string) => em.findOne(RoomInvite, { codeHash }, { populate: ['room'], refresh: true }),

    inviteById: (id: string) => em.findOne(RoomInvite, { id }, { refresh: true }),

    /** Marks an invite revoked (once); true when this call revoked it. */
    async revokeInvite(id: string): Promise<boolean> {
      return (await em.nativeUpdate(RoomInvite, { id, revokedAt: null }, { revokedAt: new Date() })) > 0;
    },

    /**
     * Joins `userId` to the invite's room, counting one use, in one transaction: the member row is inserted first
     * (someone already in the room, or banned from it, uses nothing: `already`; the caller checks bans first), then the use is counted only while the invite is
     * unrevoked, unexpired and under its maximum — one conditional UPDATE, so concurrent accepts never pass
     * `maxUses`. When that fails the insert is rolled back and `refused` is true (the caller reads the invite again
     * to say why).
     */
    async acceptInvite(inviteId: string, roomId: string, userId: string): Promise<'joined' | 'already' | 'refused'> {
      return em
        .transactional(async (tx) => {
          await lockRoomForJoin(tx, roomId);
          if (!(await insertMember(tx, roomId, userId))) return 'already' as const;
          const counted = await tx.execute<{ id: string }[]>(
            `update room_invites set uses = uses + 1
             where id = ? and revoked_at is null and (expires_at is null or expires_at > now()) and (max_uses is null or uses < max_uses)
             returning id`,
            [inviteId],
          );
          if (counted.length === 0) throw new InviteRefused();
          return 'joined' as const;
        })
        .catch((error: unknown) => {
          if (error instanceof InviteRefused) return 'refused' as const;
          throw error;
        });
    },

    /** A room's invites, newest first (at most `limit`). */
    invitesOf: (roomId: string, limit: number) => em.find(RoomInvite, { room: roomId }, { populate: ['createdBy'], orderBy: { createdAt: 'desc', id: 'asc' }, limit, refresh: true }),

    /** A room's bans, newest first (at most `limit`). */
    bansOf: (roomId: string, limit: number) => em.find(RoomBan, { room: roomId }, { populate: ['user', 'bannedBy'], orderBy: { createdAt: 'desc', id: 'asc' }, limit, refresh: true }),

    banOf: (roomId: string, userId: string) => em.findOne(RoomBan, { room: roomId, user: userId }, { refresh: true }),

    /** Bans `userId` (a second ban keeps the first) and removes them from the room, in one transaction. */
    async ban(data: { roomId: string; userId: string; bannedById: string; reason: string | null }) {
      await em.transactional(async (tx) => {
        // Waits for joins in progress (they hold KEY SHARE on the room: see lockRoomForJoin), and makes later ones
        // wait for this ban: a join never slips in between the ban and the removal.
        await tx.execute('select id from rooms where id = ? for update', [data.roomId]);
        await tx.execute(
          `insert into room_bans (id, room_id, user_id, banned_by_id, reason, created_at) values (gen_random_uuid(), ?, ?, ?, ?, now())
           on conflict (room_id, user_id) do nothing`,
          [data.roomId, data.userId, data.bannedById, data.reason],
        );
        await tx.nativeDelete(RoomMember, { room: data.roomId, user: data.userId });
      });
    },

    /** Lifts a ban; true when there was one. */
    async unban(roomId: string, userId: string): Promise<boolean> {
      return (await em.nativeDelete(RoomBan, { room: roomId, user: userId })) > 0;
    },

    /** Mutes (or unmutes, with null) a member; false when they are not in the room. */
    async setMutedUntil(roomId: string, userId: string, until: Date | null): Promise<boolean> {
      return (await em.nativeUpdate(RoomMember, { room: roomId, user: userId }, { mutedUntil: until })) > 0;
    },

    /**
     * Slow mode: takes the member's send slot when their last message here is at least `seconds` old (the database
     * clock), atomically (two sends racing: one gets it). Returns null when taken, else the seconds left to wait.
     */
    async takeSlowModeSlot(roomId: string, userId: string, seconds: number): Promise<number | null> {
      const taken = await em.execute<{ id: string }[]>(
        `update room_members set last_sent_at = now()
         where room_id = ? and user_id = ? and (last_sent_at is null or last_sent_at <= now() - ? * interval '1 second')
         returning id`,
        [roomId, userId, seconds],
      );
      if (taken.length > 0) return null;
      const [row] = await em.execute<{ wait: string | number | null }[]>(
        `select extract(epoch from (last_sent_at + ? * interval '1 second' - now())) as wait from room_members where room_id = ? and user_id = ?`,
        [seconds, roomId, userId],
      );
      return Math.max(1, Math.ceil(Number(row?.wait ?? 1)));
    },

    /** Changes a room's name, topic or slow mode (fields left undefined stay). */
    async updateRoom(roomId: string, changes: { name?: string; topic?: string | null; slowModeSeconds?: number }) {
      const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      if (Object.keys(set).length > 0) await em.nativeUpdate(Room, { id: roomId }, set);
      return em.findOneOrFail(Room, { id: roomId }, { refresh: true });
    },

    /** The rooms `userId` is in, with what the list shows about each. */
    async myRooms(userId: string): Promise<MyRoomRow[]> {
      const members = await em.find(RoomMember, { user: userId }, { populate: ['room'], refresh: true });
      const rooms = members.map((m) => m.room);
      const withMessages = rooms.filter((r) => r.lastSeq > 0);
      const lastMessages = withMessages.length
        ? await em.find(Message, { $or: withMessages.map((r) => ({ room: r.id, seq: r.lastSeq })) }, { populate: ['author'] })
        : [];
      const dmIds = rooms.filter((r) => r.kind === 'dm').map((r) => r.id);
      const peers = dmIds.length ? await em.find(RoomMember, { room: { $in: dmIds }, user: { $ne: userId } }, { populate: ['user'] }) : [];
      const lastByRoom = new Map(lastMessages.map((m) => [m.room.id, m]));
      const peerByRoom = new Map(peers.map((m) => [m.room.id, m.user]));
      return members.map((member) => ({
        room: member.room,
        member,
        lastMessage: lastByRoom.get(member.room.id) ?? null,
        peer: peerByRoom.get(member.room.id) ?? null,
      }));
    },

    /** The message with `id` if it is in `roomId` (a message of another room is null too). */
    messageInRoom: (roomId: string, id: string) => em.findOne(Message, { id, room: roomId }, { populate: MESSAGE_POPULATE }),

    messageById: (id: string) => em.findOne(Message, { id }, { populate: MESSAGE_POPULATE, refresh: true }),

    byClientId,

    /**
     * Appends a message at the room's next seq. The seq comes from incrementing `rooms.last_seq` inside the
     * transaction (UPDATE … RETURNING holds the room's row lock until commit), so concurrent sends get consecutive
     * seqs and a failed insert gives its number back. Idempotent per author and `clientMessageId`: a retry (or a
     * duplicate racing the first) returns the stored message with `created: false`. Returns after the commit, so
     * the caller can publish the new message knowing it is durable. `within` runs in the same transaction once the
     * message is inserted (attachments claim their uploads there); when it throws, nothing of the send is kept.
     */
    async appendMessage(data: NewMessage, within?: (tx: Em, messageId: string) => Promise<void>): Promise<{ message: Message; created: boolean }> {
      const existing = await byClientId(data.authorId, data.clientMessageId);
      if (existing) return { message: existing, created: false };
      let id: string;
      try {
        id = await em.transactional(async (tx) => {
          const [row] = await tx.execute<{ last_seq: string | number }[]>(
            'update rooms set last_seq = last_seq + 1 where id = ? returning last_seq',
            [data.roomId],
          );
          if (!row) throw new Error(`room ${data.roomId} does not exist`);
          const seq = Number(row.last_seq);
          const inserted = await tx.insert(Message, {
            room: data.roomId,
            seq,
            author: data.authorId,
            clientMessageId: data.clientMessageId,
            body: data.body,
            kind: data.kind ?? 'text',
            replyTo: data.replyToId,
            createdAt: new Date(),
            editedAt: null,
            deletedAt: null,
          });
          await insertMentions(tx, String(inserted), data.mentionIds ?? []);
          if (within) await within(tx, String(inserted));
          // One's own message is read.
          await tx.execute('update room_members set last_read_seq = greatest(last_read_seq, ?) where room_id = ? and user_id = ?', [
            seq,
            data.roomId,
            data.authorId,
          ]);
          return String(inserted);
        });
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) {
          const first = await byClientId(data.authorId, data.clientMessageId);
          if (first) return { message: first, created: false };
        }
        throw error;
      }
      const message = await em.findOneOrFail(Message, { id }, { populate: MESSAGE_POPULATE });
      return { message, created: true };
    },

    /** Replaces the body of a message not deleted; false when it was deleted meanwhile. */
    async edit(id: string, body: string): Promise<boolean> {
      const changed = await em.nativeUpdate(Message, { id, deletedAt: null }, { body, editedAt: new Date() });
      return changed > 0;
    },

    /** Turns a message into a tombstone: body cleared, `deletedAt` set, its seq kept. A second delete changes nothing. */
    tombstone: (id: string) => em.nativeUpdate(Message, { id, deletedAt: null }, { body: '', deletedAt: new Date() }),

    /** Moves the member's read mark forward to `seq` (never back); returns where it stands. */
    async markRead(roomId: string, userId: string, seq: number): Promise<number> {
      const [row] = await em.execute<{ last_read_seq: string | number }[]>(
        'update room_members set last_read_seq = greatest(last_read_seq, ?) where room_id = ? and user_id = ? returning last_read_seq',
        [seq, roomId, userId],
      );
      return Number(row?.last_read_seq ?? 0);
    },

    /**
     * A page of a room's history, in ascending seq: the newest `limit` before `beforeSeq` (or overall), or the
     * oldest `limit` after `afterSeq`. `more` tells whether the page was cut (older ones before it, newer ones after).
     */
    async page(roomId: string, opts: { beforeSeq?: number | undefined; afterSeq?: number | undefined; limit: number }) {
      if (opts.afterSeq !== undefined) {
        const rows = await em.find(Message, { room: roomId, seq: { $gt: opts.afterSeq } }, { orderBy: { seq: 'asc' }, limit: opts.limit + 1, populate: MESSAGE_POPULATE });
        return { items: rows.slice(0, opts.limit), more: rows.length > opts.limit };
      }
      const where = opts.beforeSeq !== undefined ? { room: roomId, seq: { $lt: opts.beforeSeq } } : { room: roomId };
      const rows = await em.find(Message, where, { orderBy: { seq: 'desc' }, limit: opts.limit + 1, populate: MESSAGE_POPULATE });
      return { items: rows.slice(0, opts.limit).reverse(), more: rows.length > opts.limit };
    },
  };
};
