import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { GroupRole } from '@veza/validators';
import { chatRepository } from '../chat/chat.repository.ts';
import { groupOps, type GroupOps, type LockedGroup } from './group-ops.ts';
import { Room } from '../chat/room.entity.ts';
import type { Em } from '../orm.ts';
import { Group, GroupBan, GroupInvitation, GroupInviteLink, GroupMember, GroupPost } from './group.entity.ts';

export type { GroupOps, LockedGroup };

/** A keyset position in a list: a date and an id (both descending or both ascending, per list). */
export interface GroupPageCursor {
  at: Date;
  id: string;
}

/** A person of a group's list (members, requests), with the account fields a summary shows. */
export interface GroupPersonRow {
  userId: string;
  username: string;
  displayName: string | null;
  role: GroupRole | null;
  at: Date;
}

const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/** Groups (issue 12): the groups, their members, requests, invitations, invite links, bans and feed. */
export const communityGroupsRepository = (em: Em) => ({
  byId: (id: string) => em.findOne(Group, { id }, { populate: ['owner', 'coverKey'], refresh: true }),
  bySlug: (slug: string) => em.findOne(Group, { slug }, { populate: ['owner', 'coverKey'], refresh: true }),
  many: (ids: string[]) => (ids.length === 0 ? Promise.resolve([]) : em.find(Group, { id: { $in: ids } }, { populate: ['owner', 'coverKey'], refresh: true })),

  /** Whether a slug is taken. */
  async slugTaken(slug: string): Promise<boolean> {
    return (await em.execute('select 1 from groups where slug = ?', [slug])).length > 0;
  },

  /**
   * A group with its owner as first member and its chat room (private, the owner owning it), in one transaction.
   * Null when the slug was taken meanwhile (the caller tries another).
   */
  async create(data: { slug: string; name: string; description: string | null; isPublic: boolean; ownerId: string }): Promise<Group | null> {
    try {
      const id = await em.transactional(async (tx) => {
        const room = await chatRepository(tx).createRoom({ name: data.name, topic: null, visibility: 'private', ownerId: data.ownerId });
        const group = tx.create(Group, {
          id: crypto.randomUUID(),
          slug: data.slug,
          name: data.name,
          description: data.description,
          isPublic: data.isPublic,
          owner: data.ownerId,
          room: room.id,
          memberCount: 1,
          version: 1,
        });
        tx.create(GroupMember, { group, user: data.ownerId, role: 'owner' });
        await tx.flush();
        return group.id;
      });
      return await em.fork().findOneOrFail(Group, { id }, { populate: ['owner', 'coverKey'] });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return null;
      throw error;
    }
  },

  /**
   * Runs a change of the group's membership or settings under its row lock (changes of one group take turns, so the
   * role checks made inside hold until commit). Null when the group is gone.
   */
  change: <T>(groupId: string, fn: (ops: GroupOps, tx: Em) => Promise<T>): Promise<T | null> =>
    em.transactional(async (tx) => {
      const [row] = await tx.execute<{ id: string; owner_id: string; room_id: string | null; is_public: boolean }[]>(
        'select id, owner_id, room_id, is_public from groups where id = ? for update',
        [groupId],
      );
      if (!row) return null;
      return fn(groupOps(tx, { id: row.id, ownerId: row.owner_id, roomId: row.room_id, isPublic: row.is_public }), tx);
    }),

  /** Renames the group's room with the group (the room keeps the group's name). */
  renameRoom: (roomId: string, name: string) => chatRepository(em).updateRoom(roomId, { name }),

  /** Deletes a group with its room (and so the room's messages), in one transaction. */
  remove: (groupId: string) =>
    em.transactional(async (tx) => {
      const [row] = await tx.execute<{ room_id: string | null }[]>('select room_id from groups where id = ? for update', [groupId]);
      if (!row) return false;
      await tx.nativeDelete(Group, { id: groupId });
      if (row.room_id) await tx.nativeDelete(Room, { id: row.room_id });
      return true;
    }),

  /** The viewer's role in a group, or null. */
  async roleOf(groupId: string, userId: string): Promise<GroupRole | null> {
    const [row] = await em.execute<{ role: GroupRole }[]>('select role from group_members where group_id = ? and user_id = ?', [groupId, userId]);
    return row?.role ?? null;
  },

  /** The user's role in each of these groups they are in. */
  async rolesIn(userId: string, groupIds: string[]): Promise<Map<string, GroupRole>> {
    if (groupIds.length === 0) return new Map();
    const rows = await em.execute<{ group_id: string; role: GroupRole }[]>(
      `select group_id, role from group_members where user_id = ? and group_id in (${groupIds.map(() => '?').join(', ')})`,
      [userId, ...groupIds],
    );
    return new Map(rows.map((r) => [r.group_id, r.role]));
  },

  /** Of these groups, those the user asked to join and those they were invited to. */
  async pendingFor(userId: string, groupIds: string[]): Promise<{ requested: Set<string>; invited: Set<string> }> {
    if (groupIds.length === 0) return { requested: new Set(), invited: new Set() };
    const marks = groupIds.map(() => '?').join(', ');
    const [requests, invitations] = await Promise.all([
      em.fork().execute<{ group_id: string }[]>(`select group_id from group_join_requests where user_id = ? and group_id in (${marks})`, [userId, ...groupIds]),
      em.fork().execute<{ group_id: string }[]>(`select group_id from group_invitations where user_id = ? and group_id in (${marks})`, [userId, ...groupIds]),
    ]);
    return { requested: new Set(requests.map((r) => r.group_id)), invited: new Set(invitations.map((r) => r.group_id)) };
  },

  async banned(groupId: string, userId: string): Promise<boolean> {
    return (await em.execute('select 1 from group_bans where group_id = ? and user_id = ?', [groupId, userId])).length > 0;
  },

  /** The ids of the group's owner and admins (who a join request is for). */
  async adminIds(groupId: string): Promise<string[]> {
    const rows = await em.execute<{ user_id: string }[]>(`select user_id from group_members where group_id = ? and role in ('owner', 'admin')`, [groupId]);
    return rows.map((r) => r.user_id);
  },

  /** A page of public groups, newest first; `query` keeps those whose name holds it (case-insensitive). */
  async publicPage(query: string | null, after: GroupPageCursor | null, limit: number) {
    const params: unknown[] = [];
    let where = 'is_public';
    if (query) {
      where += ` and name ilike ? escape '\\'`;
      params.push(`%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    if (after) {
      where += ' and (created_at, id) < (?, ?)';
      params.push(after.at, after.id);
    }
    params.push(limit + 1);
    const rows = await em.execute<{ id: string; created_at: Date | string }[]>(`select id, created_at from groups where ${where} order by created_at desc, id desc limit ?`, params);
    return { rows: rows.slice(0, limit).map((r) => ({ id: r.id, at: date(r.created_at) })), more: rows.length > limit };
  },

  /** A page of the groups a user is in, most recently joined first. */
  async memberOfPage(userId: string, after: GroupPageCursor | null, limit: number) {
    const rows = await em.execute<{ group_id: string; joined_at: Date | string }[]>(
      `select group_id, joined_at from group_members where user_id = ? ${after ? 'and (joined_at, group_id) < (?, ?)' : ''}
       order by joined_at desc, group_id desc limit ?`,
      after ? [userId, after.at, after.id, limit + 1] : [userId, limit + 1],
    );
    return { rows: rows.slice(0, limit).map((r) => ({ id: r.group_id, at: date(r.joined_at) })), more: rows.length > limit };
  },

  /** A page of a group's members, longest-standing first. */
  async membersPage(groupId: string, after: GroupPageCursor | null, limit: number) {
    const rows = await em.execute<{ user_id: string; username: string; display_name: string | null; role: GroupRole; joined_at: Date | string }[]>(
      `select m.user_id, u.username, u.display_name, m.role, m.joined_at from group_members m join users u on u.id = m.user_id
       where m.group_id = ? ${after ? 'and (m.joined_at, m.user_id) > (?, ?)' : ''}
       order by m.joined_at, m.user_id limit ?`,
      after ? [groupId, after.at, after.id, limit + 1] : [groupId, limit + 1],
    );
    const people: GroupPersonRow[] = rows.map((r) => ({ userId: r.user_id, username: r.username, displayName: r.display_name, role: r.role, at: date(r.joined_at) }));
    return { rows: people.slice(0, limit), more: people.length > limit };
  },

  /** A page of a group's join requests, oldest first. */
  async requestsPage(groupId: string, after: GroupPageCursor | null, limit: number) {
    const rows = await em.execute<{ user_id: string; username: string; display_name: string | null; created_at: Date | string }[]>(
      `select r.user_id, u.username, u.display_name, r.created_at from group_join_requests r join users u on u.id = r.user_id
       where r.group_id = ? ${after ? 'and (r.created_at, r.user_id) > (?, ?)' : ''}
       order by r.created_at, r.user_id limit ?`,
      after ? [groupId, after.at, after.id, limit + 1] : [groupId, limit + 1],
    );
    const people: GroupPersonRow[] = rows.map((r) => ({ userId: r.user_id, username: r.username, displayName: r.display_name, role: null, at: date(r.created_at) }));
    return { rows: people.slice(0, limit), more: people.length > limit };
  },

  /** The invitations waiting for a user, newest first (at most `limit`). */
  invitationsOf: (userId: string, limit: number) =>
    em.find(GroupInvitation, { user: userId }, { populate: ['group', 'group.owner', 'invitedBy'], orderBy: { createdAt: 'desc' }, limit, refresh: true }),

  /** The group's bans, newest first (at most `limit`). */
  bansOf: (groupId: string, limit: number) => em.find(GroupBan, { group: groupId }, { populate: ['user', 'bannedBy'], orderBy: { createdAt: 'desc' }, limit, refresh: true }),

  async createLink(data: { groupId: string; tokenHash: string; createdById: string; expiresAt: Date | null }) {
    const link = em.create(GroupInviteLink, { id: crypto.randomUUID(), group: data.groupId, tokenHash: data.tokenHash, createdBy: data.createdById, expiresAt: data.expiresAt, uses: 0, revokedAt: null });
    await em.flush();
    return link;
  },
  linkByHash: (tokenHash: string) => em.findOne(GroupInviteLink, { tokenHash }, { refresh: true }),
  linkById: (id: string) => em.findOne(GroupInviteLink, { id }, { refresh: true }),
  linksOf: (groupId: string, limit: number) => em.find(GroupInviteLink, { group: groupId }, { populate: ['createdBy'], orderBy: { createdAt: 'desc', id: 'asc' }, limit, refresh: true }),
  /** Revokes a link (once); true when this call revoked it. */
  async revokeLink(id: string): Promise<boolean> {
    return (await em.nativeUpdate(GroupInviteLink, { id, revokedAt: null }, { revokedAt: new Date() })) > 0;
  },

  /**
   * Posts a track or a playlist to a group; a second post of the same item by the same person finds the first
   * (`created: false`).
   */
  async createPost(data: { groupId: string; authorId: string; trackId: string | null; playlistId: string | null; comment: string | null }): Promise<{ id: string; created: boolean }> {
    const column = data.trackId ? 'track_id' : 'playlist_id';
    const itemId = data.trackId ?? data.playlistId;
    const rows = await em.execute<{ id: string }[]>(
      `insert into group_posts (id, group_id, author_id, track_id, playlist_id, comment, created_at) values (?, ?, ?, ?, ?, ?, ?)
       on conflict do nothing returning id`,
      [crypto.randomUUID(), data.groupId, data.authorId, data.trackId, data.playlistId, data.comment, new Date()],
    );
    if (rows[0]) return { id: rows[0].id, created: true };
    const [first] = await em.execute<{ id: string }[]>(`select id from group_posts where group_id = ? and author_id = ? and ${column} = ?`, [data.groupId, data.authorId, itemId]);
    if (!first) throw new Error('group post neither inserted nor found');
    return { id: first.id, created: false };
  },

  postById: (id: string) => em.findOne(GroupPost, { id }, { refresh: true }),
  deletePost: async (id: string) => (await em.nativeDelete(GroupPost, { id })) > 0,

  /**
   * A page of a group's feed as `viewerId` sees it, newest first: posts of items still public (a public, ready track
   * or a public playlist, of a public profile), without those of people the viewer blocked or who blocked them.
   */
  async feedPage(groupId: string, viewerId: string | null, after: GroupPageCursor | null, limit: number) {
    const params: unknown[] = [groupId];
    let blocks = '';
    if (viewerId) {
      blocks = `and not exists (select 1 from user_blocks b where (b.blocker_id = ? and b.blocked_id = gp.author_id) or (b.blocked_id = ? and b.blocker_id = gp.author_id))`;
      params.push(viewerId, viewerId);
    }
    let keyset = '';
    if (after) {
      keyset = 'and (gp.created_at, gp.id) < (?, ?)';
      params.push(after.at, after.id);
    }
    params.push(limit + 1);
    const rows = await em.execute<{ id: string; created_at: Date | string }[]>(
      `select gp.id, gp.created_at from group_posts gp
       left join tracks t on t.id = gp.track_id left join users tu on tu.id = t.owner_id
       left join playlists pl on pl.id = gp.playlist_id left join users pu on pu.id = pl.owner_id
       where gp.group_id = ?
         and ((t.id is not null and t.visibility = 'public' and t.status = 'ready' and tu.is_private = false)
              or (pl.id is not null and pl.is_public and pu.is_private = false))
         ${blocks} ${keyset}
       order by gp.created_at desc, gp.id desc limit ?`,
      params,
    );
    const ids = rows.slice(0, limit).map((r) => r.id);
    const posts = ids.length ? await em.find(GroupPost, { id: { $in: ids } }, { populate: ['author'], refresh: true }) : [];
    const byId = new Map(posts.map((p) => [p.id, p]));
    return { posts: ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])), more: rows.length > limit };
  },
});
