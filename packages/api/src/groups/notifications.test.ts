// Group notifications (issue 12), through tRPC callers on the real database (PGlite, or PostgreSQL when DATABASE_URL
// is set): an invitation tells the person invited, a request to join tells the group's owner and admins; each links
// to the group, shows once per invitation or request, honours the "invites" preference, and goes with the group.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, peopleOf, type Account, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'gn');
const groupNotices = async (who: Account) => (await who.api.notifications.list({})).items.filter((n) => n.type === 'group.invite' || n.type === 'group.request');

describe('group notifications', () => {
  it('tells the person invited, once per invitation, with a link to the group', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const group = await ana.api.groups.create({ name: 'Tape Loops', isPublic: false });
    const unreadBefore = (await bob.api.notifications.unreadCount()).unread;

    expect(await ana.api.groups.invite({ id: group.id, username: bob.user.username })).toMatchObject({ status: 'invited', created: true });
    await ana.api.groups.invite({ id: group.id, username: bob.user.username });

    const notices = await groupNotices(bob);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      type: 'group.invite',
      kind: 'invites',
      read: false,
      actorCount: 1,
      actors: [{ username: ana.user.username }],
      target: { type: 'group', groupId: group.id, name: 'Tape Loops', requests: false },
      url: `/groups/${group.id}`,
    });
    expect((await bob.api.notifications.unreadCount()).unread).toBe(unreadBefore + 1);
    expect(await groupNotices(ana)).toHaveLength(0);

    // The invitation leads to the group, which bob joins from there.
    expect((await bob.api.groups.get({ ref: group.id })).myStanding).toBe('invited');
    expect((await bob.api.groups.acceptInvite({ id: group.id })).myStanding).toBe('member');
  });

  it("tells the owner and admins of a private group of a request to join (grouped per group), linking to its requests", async () => {
    const [ana, bob, cleo, dan, eve] = await people('ana', 'bob', 'cleo', 'dan', 'eve');
    const group = await ana.api.groups.create({ name: 'Modular Synths', isPublic: false });
    await ana.api.groups.invite({ id: group.id, username: bob.user.username });
    await bob.api.groups.acceptInvite({ id: group.id });
    await ana.api.groups.setRole({ id: group.id, userId: bob.user.id, role: 'admin' });
    await ana.api.groups.invite({ id: group.id, username: eve.user.username });
    await eve.api.groups.acceptInvite({ id: group.id });

    expect(await cleo.api.groups.requestJoin({ id: group.id })).toMatchObject({ status: 'requested', created: true });
    await cleo.api.groups.requestJoin({ id: group.id });
    await dan.api.groups.requestJoin({ id: group.id });

    for (const admin of [ana, bob]) {
      const notices = (await groupNotices(admin)).filter((n) => n.type === 'group.request');
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({
        type: 'group.request',
        kind: 'invites',
        actorCount: 2,
        target: { type: 'group', groupId: group.id, name: 'Modular Synths', requests: true },
        url: `/groups/${group.id}/requests`,
      });
      expect(notices[0]!.actors.map((a) => a.username)).toEqual([dan.user.username, cleo.user.username]);
    }
    // A plain member and the people asking are not told.
    for (const other of [eve, cleo, dan]) expect((await groupNotices(other)).filter((n) => n.type === 'group.request')).toHaveLength(0);

    // Approving from the notification's page: cleo is a member and sees the feed.
    await ana.api.groups.approve({ id: group.id, userId: cleo.user.id });
    expect((await cleo.api.groups.get({ ref: group.id })).myStanding).toBe('member');
    expect((await cleo.api.groups.feed({ id: group.id })).items).toEqual([]);
  });

  it('stays out of the centre when invites are switched off in the app, and goes with the group', async () => {
    const [ana, bob, cleo] = await people('ana', 'bob', 'cleo');
    await bob.api.notifications.preferences.update({ kinds: { invites: { inApp: false } } });
    const group = await ana.api.groups.create({ name: 'Field Recordings', isPublic: false });
    await ana.api.groups.invite({ id: group.id, username: bob.user.username });
    expect(await groupNotices(bob)).toHaveLength(0);

    await cleo.api.groups.requestJoin({ id: group.id });
    expect(await groupNotices(ana)).toHaveLength(1);
    await ana.api.groups.delete({ id: group.id });
    expect(await groupNotices(ana)).toHaveLength(0);
  });

  it('does not notify for public groups (joined directly) nor for refused invitations', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const group = await ana.api.groups.create({ name: 'Open Jam' });
    await bob.api.groups.join({ id: group.id });
    expect(await groupNotices(ana)).toHaveLength(0);
    // Already a member: nothing new to tell.
    expect(await ana.api.groups.invite({ id: group.id, username: bob.user.username })).toMatchObject({ status: 'member', created: false });
    expect(await groupNotices(bob)).toHaveLength(0);
  });
});
