// A group's feed (issue 12), through tRPC callers on the real database: members post public tracks and playlists
// with a comment; what is not public cannot be posted and drops out once it stops being public; private groups'
// feeds are for members; the author or an admin removes a post.
import { GroupPost, Track, User } from '@veza/db';
import { GROUP_POST_COMMENT_MAX } from '@veza/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, peopleOf, trpcError, type Account, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'gf');
async function readyTrack(owner: Account, title: string) {
  const { id } = await h.upload(owner.token, undefined, { title });
  await h.db.fork().nativeUpdate(Track, { id }, { status: 'ready', durationMs: 60_000 });
  return id;
}
const posts = (groupId: string) => h.db.fork().count(GroupPost, { group: groupId });

describe('group feed', () => {
  it('members post public tracks and playlists with a comment; the feed pages newest first; a double post counts once', async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const group = await ana.api.groups.create({ name: 'Feed' });
    await bob.api.groups.join({ id: group.id });
    const [one, two] = [await readyTrack(bob, 'One'), await readyTrack(cat, 'Two')];
    const list = await cat.api.playlists.create({ title: 'Mix', trackIds: [two] });

    const first = await bob.api.groups.post({ id: group.id, trackId: one, comment: '  Listen to this  ' });
    expect(first).toMatchObject({ groupId: group.id, author: { id: bob.user.id }, comment: 'Listen to this', track: { id: one, title: 'One' }, playlist: null, canDelete: true });
    expect((await bob.api.groups.post({ id: group.id, trackId: one, comment: 'again' })).id).toBe(first.id);
    await bob.api.groups.post({ id: group.id, trackId: two });
    const third = await ana.api.groups.post({ id: group.id, playlistId: list.id, comment: null });
    expect(third.playlist).toMatchObject({ id: list.id, title: 'Mix', trackCount: 1, owner: { id: cat.user.id } });
    expect(await posts(group.id)).toBe(3);

    const page = await cat.api.groups.feed({ id: group.id, limit: 2 });
    expect(page.items.map((p) => p.id)).toEqual([third.id, expect.any(String)]);
    expect(page.items.every((p) => !p.canDelete)).toBe(true);
    const rest = await cat.api.groups.feed({ id: group.id, limit: 2, cursor: page.nextCursor });
    expect(rest.items.map((p) => p.id)).toEqual([first.id]);
    expect(rest.nextCursor).toBeNull();
    const anonymous = await h.caller();
    expect((await anonymous.groups.feed({ id: group.id })).items).toHaveLength(3);
  });

  it('refuses what is not public, oversize comments, non-members and bad input, posting nothing', async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const group = await ana.api.groups.create({ name: 'Strict' });
    const secret = await readyTrack(ana, 'Secret');
    await ana.api.tracks.update({ id: secret, visibility: 'private' });
    const byLink = await readyTrack(ana, 'By link');
    await ana.api.tracks.update({ id: byLink, visibility: 'unlisted' });
    const { id: processing } = await h.upload(ana.token, undefined, { title: 'Processing' });
    const lockedOwner = await readyTrack(cat, 'Private profile');
    await h.db.fork().nativeUpdate(User, { id: cat.user.id }, { isPrivate: true });
    await h.usersChanged(cat.user.id);
    const hiddenList = await ana.api.playlists.create({ title: 'Hidden', isPublic: false });
    for (const item of [{ trackId: secret }, { trackId: byLink }, { trackId: processing }, { trackId: lockedOwner }, { trackId: crypto.randomUUID() }, { playlistId: hiddenList.id }, { playlistId: crypto.randomUUID() }]) {
      expect(await trpcError(() => ana.api.groups.post({ id: group.id, ...item }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'item_unavailable' } });
    }
    const good = await readyTrack(ana, 'Good');
    for (const bad of [
      { id: group.id, trackId: good, comment: 'x'.repeat(GROUP_POST_COMMENT_MAX + 1) },
      { id: group.id },
      { id: group.id, trackId: good, playlistId: hiddenList.id },
      { id: group.id, trackId: 'nope' },
      { id: 'nope', trackId: good },
    ]) {
      expect(await trpcError(() => ana.api.groups.post(bad))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await trpcError(() => bob.api.groups.post({ id: group.id, trackId: good }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_a_member' } });
    expect(await trpcError(() => ana.api.groups.post({ id: crypto.randomUUID(), trackId: good }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await posts(group.id)).toBe(0);
    expect((await ana.api.groups.post({ id: group.id, trackId: good, comment: 'x'.repeat(GROUP_POST_COMMENT_MAX) })).comment).toHaveLength(GROUP_POST_COMMENT_MAX);
  });

  it("a private group's feed is for members; items no longer public and blocked people's posts drop out", async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const group = await ana.api.groups.create({ name: 'Inner', isPublic: false });
    await ana.api.groups.invite({ id: group.id, username: bob.user.username });
    await bob.api.groups.acceptInvite({ id: group.id });
    const [mine, theirs] = [await readyTrack(ana, 'Mine'), await readyTrack(bob, 'Theirs')];
    await ana.api.groups.post({ id: group.id, trackId: mine });
    await bob.api.groups.post({ id: group.id, trackId: theirs });
    expect(await trpcError(() => cat.api.groups.feed({ id: group.id }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'members_only' } });
    expect(await trpcError(async () => (await h.caller()).groups.feed({ id: group.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await trpcError(() => cat.api.groups.post({ id: group.id, trackId: mine }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'members_only' } });

    expect((await bob.api.groups.feed({ id: group.id })).items.map((p) => p.track?.title)).toEqual(['Theirs', 'Mine']);
    await ana.api.tracks.update({ id: mine, visibility: 'private' });
    expect((await bob.api.groups.feed({ id: group.id })).items.map((p) => p.track?.title)).toEqual(['Theirs']);
    await ana.api.groups.post({ id: group.id, trackId: await readyTrack(ana, 'More') });
    await ana.api.users.block({ username: bob.user.username });
    expect((await bob.api.groups.feed({ id: group.id })).items.map((p) => p.track?.title)).toEqual(['Theirs']);
    expect((await ana.api.groups.feed({ id: group.id })).items.map((p) => p.track?.title)).toEqual(['More']);
  });

  it('the author or an admin removes a post; other members and outsiders cannot', async () => {
    const [ana, bob, cat, dan] = await people('ana', 'bob', 'cat', 'dan');
    const group = await ana.api.groups.create({ name: 'Tidy' });
    for (const who of [bob, cat]) await who.api.groups.join({ id: group.id });
    const [a, b] = [await readyTrack(bob, 'A'), await readyTrack(bob, 'B')];
    const first = await bob.api.groups.post({ id: group.id, trackId: a });
    const second = await bob.api.groups.post({ id: group.id, trackId: b });
    expect((await ana.api.groups.feed({ id: group.id })).items.every((p) => p.canDelete)).toBe(true);
    expect(await trpcError(() => cat.api.groups.deletePost({ postId: first.id }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'not_author' } });
    expect(await trpcError(() => dan.api.groups.deletePost({ postId: first.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await trpcError(() => dan.api.groups.deletePost({ postId: crypto.randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await posts(group.id)).toBe(2);
    expect(await bob.api.groups.deletePost({ postId: first.id })).toEqual({ deleted: true });
    expect(await ana.api.groups.deletePost({ postId: second.id })).toEqual({ deleted: true });
    expect(await posts(group.id)).toBe(0);
  });
});
