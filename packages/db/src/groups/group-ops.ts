import type { GroupRole } from '@veza/validators';
import { chatRepository } from '../chat/chat.repository.ts';
import type { Em } from '../orm.ts';

/** The group's row as a membership change reads it, locked. */
export interface LockedGroup {
  id: string;
  ownerId: string;
  roomId: string | null;
  isPublic: boolean;
}

const ROOM_ROLE = { admin: 'moderator', member: 'member' } as const;

/**
 * What may change who is in a group, inside the transaction holding the group's row lock (`change`): every change of
 * one group's membership takes turns, and the group's chat room is changed in the same transaction.
 */
export const groupOps = (tx: Em, group: LockedGroup) => {
  const chat = chatRepository(tx);
  // Recounted, not incremented, under the lock: exact after every change (members whose accounts went are counted out
  // at the next one).
  const recount = () => tx.execute('update groups set member_count = (select count(*) from group_members m where m.group_id = ?) where id = ?', [group.id, group.id]);
  const dropPending = async (userId: string) => {
    await tx.execute('delete from group_join_requests where group_id = ? and user_id = ?', [group.id, userId]);
    await tx.execute('delete from group_invitations where group_id = ? and user_id = ?', [group.id, userId]);
  };
  return {
    group,
    async role(userId: string): Promise<GroupRole | null> {
      const [row] = await tx.execute<{ role: GroupRole }[]>('select role from group_members where group_id = ? and user_id = ?', [group.id, userId]);
      return row?.role ?? null;
    },
    async banned(userId: string): Promise<boolean> {
      return (await tx.execute('select 1 from group_bans where group_id = ? and user_id = ?', [group.id, userId])).length > 0;
    },
    async hasRequest(userId: string): Promise<boolean> {
      return (await tx.execute('select 1 from group_join_requests where group_id = ? and user_id = ?', [group.id, userId])).length > 0;
    },
    async hasInvitation(userId: string): Promise<boolean> {
      return (await tx.execute('select 1 from group_invitations where group_id = ? and user_id = ?', [group.id, userId])).length > 0;
    },
    /** Adds a member (their request and invitation go) and puts them in the room; true when this call added them. */
    async addMember(userId: string): Promise<boolean> {
      const rows = await tx.execute<{ user_id: string }[]>(
        `insert into group_members (group_id, user_id, role, joined_at) values (?, ?, 'member', ?) on conflict do nothing returning user_id`,
        [group.id, userId, new Date()],
      );
      await dropPending(userId);
      if (rows.length === 0) return false;
      await recount();
      if (group.roomId) await chat.join(group.roomId, userId);
      return true;
    },
    /** Takes a member out of the group and of its room; true when they were in it. */
    async removeMember(userId: string): Promise<boolean> {
      const rows = await tx.execute<{ user_id: string }[]>('delete from group_members where group_id = ? and user_id = ? returning user_id', [group.id, userId]);
      if (rows.length === 0) return false;
      await recount();
      if (group.roomId) await chat.removeMember(group.roomId, userId);
      return true;
    },
    /** Bans someone (a second ban keeps the first): out of the group, its room (banned there too) and its queues. */
    async ban(userId: string, bannedById: string): Promise<{ wasMember: boolean }> {
      await tx.execute('insert into group_bans (group_id, user_id, banned_by_id, created_at) values (?, ?, ?, ?) on conflict do nothing', [group.id, userId, bannedById, new Date()]);
      await dropPending(userId);
      const rows = await tx.execute<{ user_id: string }[]>('delete from group_members where group_id = ? and user_id = ? returning user_id', [group.id, userId]);
      if (rows.length > 0) await recount();
      if (group.roomId) await chat.ban({ roomId: group.roomId, userId, bannedById, reason: null });
      return { wasMember: rows.length > 0 };
    },
    /** Lifts a ban (from the room too); true when there was one. */
    async unban(userId: string): Promise<boolean> {
      const rows = await tx.execute<{ user_id: string }[]>('delete from group_bans where group_id = ? and user_id = ? returning user_id', [group.id, userId]);
      if (group.roomId) await chat.unban(group.roomId, userId);
      return rows.length > 0;
    },
    /** A member's role becomes admin or member (a moderator or member of the room); false when not a member or the owner. */
    async setRole(userId: string, role: 'admin' | 'member'): Promise<boolean> {
      const rows = await tx.execute<{ user_id: string }[]>(
        `update group_members set role = ? where group_id = ? and user_id = ? and role <> 'owner' returning user_id`,
        [role, group.id, userId],
      );
      if (rows.length === 0) return false;
      if (group.roomId) {
        await chat.join(group.roomId, userId);
        await chat.setRole(group.roomId, userId, ROOM_ROLE[role]);
      }
      return true;
    },
    /** Hands the group (and its room) from its owner to a member; the previous owner becomes an admin. */
    async transfer(toId: string): Promise<boolean> {
      const promoted = await tx.execute<{ user_id: string }[]>(
        `update group_members set role = 'owner' where group_id = ? and user_id = ? and role <> 'owner' returning user_id`,
        [group.id, toId],
      );
      if (promoted.length === 0) return false;
      await tx.execute(`update group_members set role = 'admin' where group_id = ? and user_id = ?`, [group.id, group.ownerId]);
      await tx.execute('update groups set owner_id = ?, version = version + 1, updated_at = ? where id = ?', [toId, new Date(), group.id]);
      if (group.roomId) {
        await chat.join(group.roomId, toId);
        await chat.join(group.roomId, group.ownerId);
        if (!(await chat.transferOwnership(group.roomId, group.ownerId, toId))) await chat.setRole(group.roomId, toId, 'moderator');
      }
      return true;
    },
    /** Asks to join; true when the request is new. */
    async request(userId: string): Promise<boolean> {
      const rows = await tx.execute<{ user_id: string }[]>(
        'insert into group_join_requests (group_id, user_id, created_at) values (?, ?, ?) on conflict do nothing returning user_id',
        [group.id, userId, new Date()],
      );
      return rows.length > 0;
    },
    async dropRequest(userId: string): Promise<boolean> {
      return (await tx.execute<{ user_id: string }[]>('delete from group_join_requests where group_id = ? and user_id = ? returning user_id', [group.id, userId])).length > 0;
    },
    /** Invites someone; true when the invitation is new. */
    async invite(userId: string, invitedById: string): Promise<boolean> {
      const rows = await tx.execute<{ user_id: string }[]>(
        'insert into group_invitations (group_id, user_id, invited_by_id, created_at) values (?, ?, ?, ?) on conflict do nothing returning user_id',
        [group.id, userId, invitedById, new Date()],
      );
      return rows.length > 0;
    },
    async dropInvitation(userId: string): Promise<boolean> {
      return (await tx.execute<{ user_id: string }[]>('delete from group_invitations where group_id = ? and user_id = ? returning user_id', [group.id, userId])).length > 0;
    },
    /** Counts a use of a link that is live (not revoked, not expired); false when it is not (any more). */
    async useLink(linkId: string): Promise<boolean> {
      const rows = await tx.execute<{ id: string }[]>(
        'update group_invite_links set uses = uses + 1 where id = ? and group_id = ? and revoked_at is null and (expires_at is null or expires_at > ?) returning id',
        [linkId, group.id, new Date()],
      );
      return rows.length > 0;
    },
  };
};

export type GroupOps = ReturnType<typeof groupOps>;
