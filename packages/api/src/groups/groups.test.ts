// Groups (issue 12), through tRPC callers on the real database (PGlite, or PostgreSQL when DATABASE_URL is set):
// creating, finding and editing groups, joining and asking to join, approvals, invitations and invite links, roles,
// removals and bans, the chat room kept in step, and every refusal changing nothing.
import { Group, GroupMember, Room, RoomBan, RoomMember } from '@veza/db';
import { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX } from '@veza/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, peopleOf, trpcError, type Account, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'gr');
const roomRole = async (roomId: string | null, who: Account) => (await h.db.fork().findOne(RoomMember, { room: roomId!, user: who.user.id }))?.role ?? null;
const count = async (id: string) => (await h.db.fork().findOneOrFail(Group, { id })).memberCount;
const members = (id: string) => h.db.fork().count(GroupMember, { group: id });

describe('groups: create, find, edit, delete', () => {
  it('creates a group with a slug and a room, finds it by id and slug, edits it (the room too) and deletes it', async () => {
    const [ana] = await people('ana');
    const created = await ana.api.groups.create({ name: '  Lo-fi Beats Café  ', description: 'Chill', isPublic: true });
    expect(created).toMatchObject({ name: 'Lo-fi Beats Café', description: 'Chill', isPublic: true, memberCount: 1, myStanding: 'owner', canManage: true, canRead: true, avatarUrl: null });
    expect(created.slug).toMatch(/^lo-fi-beats-cafe/);
    expect(created.roomId).not.toBeNull();
    expect(await roomRole(created.roomId, ana)).toBe('owner');
    const again = await ana.api.groups.create({ name: 'Lo-fi Beats Café' });
    expect(again.slug).not.toBe(created.slug);
    expect(await ana.api.groups.get({ ref: created.slug })).toMatchObject({ id: created.id });
    expect(await ana.api.groups.get({ ref: created.id })).toMatchObject({ slug: created.slug });

    const edited = await ana.api.groups.update({ id: created.id, name: 'Night shift', description: null, isPublic: false });
    expect(edited).toMatchObject({ name: 'Night shift', description: null, isPublic: false, slug: created.slug });
    expect((await h.db.fork().findOneOrFail(Room, { id: created.roomId! })).name).toBe('Night shift');

    expect(await ana.api.groups.delete({ id: created.id })).toEqual({ id: created.id, deleted: true });
    expect(await trpcError(() => ana.api.groups.get({ ref: created.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await h.db.fork().count(Room, { id: created.roomId! })).toBe(0);
  });

  it('refuses bad input, others, the signed-out and unknown ids, changing nothing', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const before = await h.db.fork().count(Group, { owner: ana.user.id });
    for (const bad of [
      { name: '' },
      { name: 'x'.repeat(GROUP_NAME_MAX + 1) },
      { name: 'a\u0000b' },
      { name: 'ok', description: 'x'.repeat(GROUP_DESCRIPTION_MAX + 1) },
      { name: 'ok', isPublic: 'yes' },
      { name: 42 },
    ]) {
      expect(await trpcError(() => ana.api.groups.create(bad as never))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await trpcError(async () => (await h.caller()).groups.create({ name: 'ok' }))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await h.db.fork().count(Group, { owner: ana.user.id })).toBe(before);

    const mine = await ana.api.groups.create({ name: 'Mine' });
    expect(await trpcError(() => bob.api.groups.update({ id: mine.id, name: 'Taken' }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_admin' } });
    expect(await trpcError(() => bob.api.groups.delete({ id: mine.id }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_owner' } });
    for (const call of [
      () => ana.api.groups.update({ id: crypto.randomUUID(), name: 'x' }),
      () => ana.api.groups.join({ id: crypto.randomUUID() }),
      () => ana.api.groups.get({ ref: 'no-such-group' }),
      () => ana.api.groups.feed({ id: crypto.randomUUID() }),
    ]) {
      expect(await trpcError(call)).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await trpcError(() => ana.api.groups.get({ ref: 'Not A Slug!' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => ana.api.groups.members({ id: mine.id, cursor: 'bm90LWEtY3Vyc29y' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect((await ana.api.groups.get({ ref: mine.id })).name).toBe('Mine');
  });

  it('lists public groups (by name, page by page) and my groups', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const tag = `zq${people.round}x`;
    const made = [];
    for (let i = 0; i < 3; i += 1) made.push(await ana.api.groups.create({ name: `${tag} public ${i}` }));
    const hidden = await ana.api.groups.create({ name: `${tag} private`, isPublic: false });
    const first = await bob.api.groups.list({ query: tag, limit: 2 });
    expect(first.items.map((g) => g.id)).toEqual([made[2]!.id, made[1]!.id]);
    const second = await bob.api.groups.list({ query: tag, limit: 2, cursor: first.nextCursor });
    expect(second.items.map((g) => g.id)).toEqual([made[0]!.id]);
    expect(second.nextCursor).toBeNull();
    expect((await bob.api.groups.list({ query: '%' })).items.every((g) => g.name.includes('%'))).toBe(true);

    await bob.api.groups.join({ id: made[0]!.id });
    await bob.api.groups.join({ id: made[2]!.id });
    expect((await bob.api.groups.mine({})).items.map((g) => g.id)).toEqual([made[2]!.id, made[0]!.id]);
    const anas = await ana.api.groups.mine({ limit: 50 });
    expect(anas.items.map((g) => g.id)).toContain(hidden.id);
  });
});

describe('groups: joining', () => {
  it('a public group: join (twice: once), the room follows; asking to join is refused; leave; the owner cannot leave', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const group = await ana.api.groups.create({ name: 'Open' });
    const [one, two] = await Promise.all([bob.api.groups.join({ id: group.id }), (await h.caller({ token: bob.token })).groups.join({ id: group.id })]);
    expect(one.myStanding).toBe('member');
    expect(two.myStanding).toBe('member');
    expect(await count(group.id)).toBe(2);
    expect(await members(group.id)).toBe(2);
    expect(await roomRole(group.roomId, bob)).toBe('member');
    expect((await bob.api.groups.get({ ref: group.id })).roomId).toBe(group.roomId);

    expect(await trpcError(() => bob.api.groups.requestJoin({ id: group.id }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'public_group' } });
    expect(await trpcError(() => ana.api.groups.leave({ id: group.id }))).toMatchObject({ code: 'CONFLICT', cause: { reason: 'owner_must_transfer' } });
    expect(await bob.api.groups.leave({ id: group.id })).toEqual({ left: true });
    expect(await bob.api.groups.leave({ id: group.id })).toEqual({ left: false });
    expect(await roomRole(group.roomId, bob)).toBeNull();
    expect(await count(group.id)).toBe(1);
  });

  it('a private group: its face is public, its contents for members; people ask, admins approve or decline', async () => {
    const [ana, bob, cat, dan] = await people('ana', 'bob', 'cat', 'dan');
    const group = await ana.api.groups.create({ name: 'Closed', description: 'Members only', isPublic: false });
    await (await h.caller({ token: ana.token })).groups.invite({ id: group.id, username: dan.user.username });
    await dan.api.groups.acceptInvite({ id: group.id });

    const face = await bob.api.groups.get({ ref: group.slug });
    expect(face).toMatchObject({ name: 'Closed', description: 'Members only', memberCount: 2, myStanding: null, canRead: false, roomId: null });
    const anonymous = await h.caller();
    expect((await anonymous.groups.get({ ref: group.id })).roomId).toBeNull();
    for (const call of [() => bob.api.groups.feed({ id: group.id }), () => bob.api.groups.members({ id: group.id }), () => anonymous.groups.members({ id: group.id })]) {
      expect(await trpcError(call)).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'members_only' } });
    }
    expect(await trpcError(() => bob.api.groups.join({ id: group.id }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'private_group' } });

    expect(await bob.api.groups.requestJoin({ id: group.id })).toEqual({ groupId: group.id, status: 'requested', created: true, notify: [ana.user.id] });
    expect(await bob.api.groups.requestJoin({ id: group.id })).toMatchObject({ status: 'requested', created: false, notify: [] });
    await cat.api.groups.requestJoin({ id: group.id });
    expect((await bob.api.groups.get({ ref: group.id })).myStanding).toBe('requested');
    const queue = await ana.api.groups.requests({ id: group.id, limit: 1 });
    expect(queue.items.map((r) => r.user.username)).toEqual([bob.user.username]);
    expect((await ana.api.groups.requests({ id: group.id, cursor: queue.nextCursor })).items.map((r) => r.user.username)).toEqual([cat.user.username]);

    // A member who is not an admin, and an outsider, cannot approve.
    expect(await trpcError(() => dan.api.groups.approve({ id: group.id, userId: bob.user.id }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_admin' } });
    expect(await trpcError(() => cat.api.groups.approve({ id: group.id, userId: bob.user.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await trpcError(() => dan.api.groups.requests({ id: group.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await count(group.id)).toBe(2);

    expect(await ana.api.groups.approve({ id: group.id, userId: bob.user.id })).toMatchObject({ user: { username: bob.user.username }, role: 'member' });
    expect(await roomRole(group.roomId, bob)).toBe('member');
    expect(await ana.api.groups.decline({ id: group.id, userId: cat.user.id })).toEqual({ declined: true });
    expect(await ana.api.groups.decline({ id: group.id, userId: cat.user.id })).toEqual({ declined: false });
    expect(await trpcError(() => ana.api.groups.approve({ id: group.id, userId: cat.user.id }))).toMatchObject({ code: 'NOT_FOUND', cause: { reason: 'no_request' } });
    expect(await trpcError(() => ana.api.groups.approve({ id: group.id, userId: crypto.randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await count(group.id)).toBe(3);
    expect((await bob.api.groups.members({ id: group.id })).items.map((m) => [m.user.username, m.role])).toEqual([
      [ana.user.username, 'owner'],
      [dan.user.username, 'member'],
      [bob.user.username, 'member'],
    ]);
    expect(await roomRole(group.roomId, cat)).toBeNull();
    expect(await cat.api.groups.requestJoin({ id: group.id })).toMatchObject({ created: true });
    expect(await cat.api.groups.cancelRequest({ id: group.id })).toEqual({ cancelled: true });
  });

  it('invitations by username: refused between people who block each other (the same words either way)', async () => {
    const [ana, bob, cat, dan] = await people('ana', 'bob', 'cat', 'dan');
    const group = await ana.api.groups.create({ name: 'Invites', isPublic: false });
    await cat.api.users.block({ username: ana.user.username });
    await ana.api.users.block({ username: dan.user.username });
    const theyBlocked = await trpcError(() => ana.api.groups.invite({ id: group.id, username: cat.user.username }));
    const iBlocked = await trpcError(() => ana.api.groups.invite({ id: group.id, username: dan.user.username }));
    expect(theyBlocked).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'cannot_invite' } });
    expect(iBlocked).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'cannot_invite' } });
    expect(theyBlocked.message.replace(cat.user.username, 'X')).toBe(iBlocked.message.replace(dan.user.username, 'X'));
    expect(await trpcError(() => ana.api.groups.invite({ id: group.id, username: 'nobody-here' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => bob.api.groups.invite({ id: group.id, username: cat.user.username }))).toMatchObject({ code: 'FORBIDDEN' });

    expect(await ana.api.groups.invite({ id: group.id, username: bob.user.username })).toMatchObject({ status: 'invited', created: true, user: { id: bob.user.id } });
    expect(await ana.api.groups.invite({ id: group.id, username: bob.user.username })).toMatchObject({ status: 'invited', created: false });
    const waiting = await bob.api.groups.invitations();
    expect(waiting.map((i) => [i.group.id, i.group.myStanding, i.invitedBy?.username])).toEqual([[group.id, 'invited', ana.user.username]]);
    expect(await bob.api.groups.acceptInvite({ id: group.id })).toMatchObject({ myStanding: 'member', canRead: true, roomId: group.roomId });
    expect(await roomRole(group.roomId, bob)).toBe('member');
    expect(await ana.api.groups.invite({ id: group.id, username: bob.user.username })).toMatchObject({ status: 'member', created: false });
    expect(await trpcError(() => bob.api.groups.acceptInvite({ id: crypto.randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
    const [eve] = await people('eve');
    expect(await trpcError(() => eve.api.groups.acceptInvite({ id: group.id }))).toMatchObject({ code: 'NOT_FOUND', cause: { reason: 'no_invitation' } });
    await ana.api.groups.invite({ id: group.id, username: eve.user.username });
    expect(await eve.api.groups.declineInvite({ id: group.id })).toEqual({ declined: true });
    expect(await eve.api.groups.invitations()).toEqual([]);
  });

  it('invite links: join a private group with one; revoked and expired links are refused', async () => {
    const [ana, bob, cat, dan] = await people('ana', 'bob', 'cat', 'dan');
    const group = await ana.api.groups.create({ name: 'Links', isPublic: false });
    const link = await ana.api.groups.createLink({ id: group.id });
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.path).toBe(`/groups/join/${link.token}`);
    expect(await bob.api.groups.joinByLink({ token: link.token })).toMatchObject({ id: group.id, myStanding: 'member' });
    expect(await bob.api.groups.joinByLink({ token: link.token })).toMatchObject({ myStanding: 'member' });
    expect(await roomRole(group.roomId, bob)).toBe('member');
    expect(await trpcError(() => bob.api.groups.createLink({ id: group.id }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_admin' } });
    expect(await trpcError(() => bob.api.groups.revokeLink({ linkId: link.id }))).toMatchObject({ code: 'FORBIDDEN' });

    const listed = await ana.api.groups.links({ id: group.id });
    expect(listed).toEqual([expect.objectContaining({ id: link.id, uses: 1, active: true, revokedAt: null })]);
    expect(await ana.api.groups.revokeLink({ linkId: link.id })).toEqual({ revoked: true });
    expect(await trpcError(() => cat.api.groups.joinByLink({ token: link.token }))).toMatchObject({ code: 'NOT_FOUND', cause: { reason: 'link_invalid' } });

    const short = await ana.api.groups.createLink({ id: group.id, expiresInSeconds: 60 });
    await h.db.fork().execute('update group_invite_links set expires_at = ? where id = ?', [new Date(Date.now() - 1000), short.id]);
    expect(await trpcError(() => cat.api.groups.joinByLink({ token: short.token }))).toMatchObject({ code: 'CONFLICT', cause: { reason: 'link_expired' } });
    expect(await trpcError(() => cat.api.groups.joinByLink({ token: 'x'.repeat(43) }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => cat.api.groups.joinByLink({ token: 'short' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => ana.api.groups.createLink({ id: group.id, expiresInSeconds: 10 }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await count(group.id)).toBe(2);
    expect(await roomRole(group.roomId, cat)).toBeNull();
    expect(dan).toBeDefined();
  });
});

describe('groups: roles, removals, bans', () => {
  it('admins remove members but not the owner or other admins; the owner removes anyone; the room follows', async () => {
    const [ana, bob, cat, dan] = await people('ana', 'bob', 'cat', 'dan');
    const group = await ana.api.groups.create({ name: 'Ranks' });
    for (const who of [bob, cat, dan]) await who.api.groups.join({ id: group.id });
    expect(await ana.api.groups.setRole({ id: group.id, userId: bob.user.id, role: 'admin' })).toMatchObject({ role: 'admin' });
    await ana.api.groups.setRole({ id: group.id, userId: cat.user.id, role: 'admin' });
    expect(await roomRole(group.roomId, bob)).toBe('moderator');
    expect(await bob.api.groups.get({ ref: group.id })).toMatchObject({ myStanding: 'admin', canManage: true });
    const firstPage = await dan.api.groups.members({ id: group.id, limit: 3 });
    const lastPage = await dan.api.groups.members({ id: group.id, limit: 3, cursor: firstPage.nextCursor });
    expect(firstPage.items).toHaveLength(3);
    expect(lastPage.items).toHaveLength(1);
    expect(lastPage.nextCursor).toBeNull();
    // Longest-standing first (members who joined in the same instant by id): every member once, with their role.
    expect(new Map([...firstPage.items, ...lastPage.items].map((m) => [m.user.id, m.role]))).toEqual(
      new Map([
        [ana.user.id, 'owner'],
        [bob.user.id, 'admin'],
        [cat.user.id, 'admin'],
        [dan.user.id, 'member'],
      ]),
    );
    expect(await trpcError(() => bob.api.groups.setRole({ id: group.id, userId: dan.user.id, role: 'admin' }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_owner' } });

    expect(await trpcError(() => bob.api.groups.removeMember({ id: group.id, userId: ana.user.id }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'outranked' } });
    expect(await trpcError(() => bob.api.groups.removeMember({ id: group.id, userId: cat.user.id }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'outranked' } });
    expect(await trpcError(() => dan.api.groups.removeMember({ id: group.id, userId: bob.user.id }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_admin' } });
    expect(await trpcError(() => bob.api.groups.removeMember({ id: group.id, userId: crypto.randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await count(group.id)).toBe(4);

    expect(await bob.api.groups.removeMember({ id: group.id, userId: dan.user.id })).toEqual({ removed: true });
    expect(await roomRole(group.roomId, dan)).toBeNull();
    expect(await ana.api.groups.removeMember({ id: group.id, userId: cat.user.id })).toEqual({ removed: true });
    expect(await count(group.id)).toBe(2);
    // Removed, not banned: they may come back.
    expect(await dan.api.groups.join({ id: group.id })).toMatchObject({ myStanding: 'member' });
  });

  it("the group's room follows the group only: chat cannot invite into it, remove, ban, re-rank, rename or leave it", async () => {
    const [ana, bob, out] = await people('ana', 'bob', 'out');
    const group = await ana.api.groups.create({ name: 'Closed room', isPublic: false });
    await ana.api.groups.invite({ id: group.id, username: bob.user.username });
    await bob.api.groups.acceptInvite({ id: group.id });
    await ana.api.groups.setRole({ id: group.id, userId: bob.user.id, role: 'admin' });
    const roomId = group.roomId!;
    const refused = { code: 'FORBIDDEN', cause: { reason: 'group_room' } };
    // Bob moderates the room as a group admin, yet its members are the group's.
    expect(await trpcError(() => bob.api.chat.invites.create({ roomId }))).toMatchObject(refused);
    expect(await trpcError(() => ana.api.chat.members.kick({ roomId, userId: bob.user.id }))).toMatchObject(refused);
    expect(await trpcError(() => ana.api.chat.members.ban({ roomId, userId: out.user.id }))).toMatchObject(refused);
    expect(await trpcError(() => ana.api.chat.members.setRole({ roomId, userId: bob.user.id, role: 'member' }))).toMatchObject(refused);
    expect(await trpcError(() => bob.api.chat.rooms.update({ roomId, name: 'Elsewhere' }))).toMatchObject(refused);
    expect(await trpcError(() => bob.api.chat.rooms.leave({ roomId }))).toMatchObject(refused);
    // Nothing changed; the topic is the room's own.
    expect(await roomRole(roomId, bob)).toBe('moderator');
    expect(await h.db.fork().count(RoomBan, { room: roomId })).toBe(0);
    expect((await h.db.fork().findOneOrFail(Room, { id: roomId })).name).toBe('Closed room');
    expect(await bob.api.chat.rooms.update({ roomId, topic: 'Mixes only' })).toMatchObject({ topic: 'Mixes only' });
    // Leaving the group leaves the room.
    await bob.api.groups.leave({ id: group.id });
    expect(await roomRole(roomId, bob)).toBeNull();
  });

  it('the owner hands the group over (the room too) and may then leave', async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const group = await ana.api.groups.create({ name: 'Handover' });
    await bob.api.groups.join({ id: group.id });
    expect(await trpcError(() => ana.api.groups.transferOwnership({ id: group.id, userId: cat.user.id }))).toMatchObject({ code: 'NOT_FOUND', cause: { reason: 'not_a_member' } });
    expect(await trpcError(() => bob.api.groups.transferOwnership({ id: group.id, userId: bob.user.id }))).toMatchObject({ code: 'FORBIDDEN' });
    const handed = await ana.api.groups.transferOwnership({ id: group.id, userId: bob.user.id });
    expect(handed).toMatchObject({ owner: { id: bob.user.id }, myStanding: 'admin' });
    expect(await roomRole(group.roomId, bob)).toBe('owner');
    expect(await roomRole(group.roomId, ana)).toBe('moderator');
    expect(await trpcError(() => ana.api.groups.delete({ id: group.id }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_owner' } });
    expect(await ana.api.groups.leave({ id: group.id })).toEqual({ left: true });
    expect(await trpcError(() => bob.api.groups.leave({ id: group.id }))).toMatchObject({ code: 'CONFLICT' });
  });

  it('a ban removes someone from the group and its room and keeps them out until lifted', async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const group = await ana.api.groups.create({ name: 'Bans', isPublic: false });
    const link = await ana.api.groups.createLink({ id: group.id });
    await bob.api.groups.joinByLink({ token: link.token });
    await cat.api.groups.requestJoin({ id: group.id });
    expect(await ana.api.groups.ban({ id: group.id, userId: bob.user.id })).toEqual({ banned: true });
    expect(await ana.api.groups.ban({ id: group.id, userId: cat.user.id })).toEqual({ banned: true });
    expect(await roomRole(group.roomId, bob)).toBeNull();
    expect(await h.db.fork().count(RoomBan, { room: group.roomId!, user: bob.user.id })).toBe(1);
    expect(await count(group.id)).toBe(1);
    expect((await ana.api.groups.requests({ id: group.id })).items).toEqual([]);
    expect(await trpcError(() => bob.api.groups.joinByLink({ token: link.token }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'banned' } });
    expect(await trpcError(() => cat.api.groups.requestJoin({ id: group.id }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'banned' } });
    expect(await trpcError(() => ana.api.groups.invite({ id: group.id, username: cat.user.username }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'banned' } });
    expect((await ana.api.groups.bans({ id: group.id })).map((b) => b.user.id).sort()).toEqual([bob.user.id, cat.user.id].sort());
    expect(await trpcError(() => ana.api.groups.ban({ id: group.id, userId: ana.user.id }))).toMatchObject({ code: 'BAD_REQUEST' });

    expect(await ana.api.groups.unban({ id: group.id, userId: bob.user.id })).toEqual({ unbanned: true });
    expect(await trpcError(() => ana.api.groups.unban({ id: group.id, userId: bob.user.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await bob.api.groups.joinByLink({ token: link.token })).toMatchObject({ myStanding: 'member' });
    expect(await roomRole(group.roomId, bob)).toBe('member');
  });

  it('concurrent changes take turns: approvals and removals at once count once', async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const group = await ana.api.groups.create({ name: 'Race', isPublic: false });
    await ana.api.groups.invite({ id: group.id, username: cat.user.username });
    await cat.api.groups.acceptInvite({ id: group.id });
    await ana.api.groups.setRole({ id: group.id, userId: cat.user.id, role: 'admin' });
    await bob.api.groups.requestJoin({ id: group.id });
    const approvals = await Promise.allSettled([ana, cat].map(async (who) => (await h.caller({ token: who.token })).groups.approve({ id: group.id, userId: bob.user.id })));
    expect(approvals.every((a) => a.status === 'fulfilled')).toBe(true);
    expect(await count(group.id)).toBe(3);
    await Promise.all([ana, cat].map(async (who) => (await h.caller({ token: who.token })).groups.removeMember({ id: group.id, userId: bob.user.id }).catch(() => null)));
    expect(await count(group.id)).toBe(2);
    expect(await members(group.id)).toBe(2);
  });
});
