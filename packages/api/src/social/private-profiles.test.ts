// Private profiles and follow requests (issue 11): a follow becomes a request the owner approves or declines; only
// approved followers see the profile's tracks and lists, through every path that shows a track (lists, the home
// list, a track's page, likes, covers, audio, chat cards). Through tRPC callers on the real database (PGlite, or
// PostgreSQL when DATABASE_URL is set).
import { Follow, Notification, Track } from '@veza/db';
import { flushNotifications } from '../notifications/notifications.service.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audioSource } from '../tracks/tracks.service.ts';
import { coverSource } from '../tracks/cover.service.ts';
import { createHarness, peopleOf, trpcError, type Account, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'p');
const followOf = (follower: Account, followee: Account) => h.db.fork().findOne(Follow, { follower: follower.user.id, followee: followee.user.id });
/** The notification groups `who` has, by type and latest actor (follows are counted into their group first). */
const noticesOf = async (who: Account) => {
  await flushNotifications(h.deps);
  return (await h.db.fork().find(Notification, { recipient: who.user.id }, { orderBy: { type: 'asc' }, populate: ['actor'] })).map((x) => `${x.type}:${x.actor?.username}`);
};
/** A track that finished processing (lists show only those to people other than the owner). */
async function readyTrack(owner: Account, title: string) {
  const { id } = await h.upload(owner.token, undefined, { title });
  await h.db.fork().nativeUpdate(Track, { id }, { status: 'ready' });
  return id;
}
const homeIds = async (who: Account | null) => (await (who ? who.api : await h.caller()).tracks.list({ limit: 100 })).items.map((t) => t.id);
const ctxOf = async (who: Account | null) => ({ deps: h.deps, em: h.db.fork(), viewer: who ? { id: who.user.id, username: who.user.username, role: 'user' as const, sessionId: 'test', elevatedUntil: null } : null });

describe('private profiles', () => {
  it('turns follows into requests the owner approves, and hides tracks and lists from everyone else', async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const song = await readyTrack(ana, 'Secret song');
    await cat.api.social.follow({ username: ana.user.username }); // before going private: stays a follower
    const me = await ana.api.users.updateProfile({ isPrivate: true });
    expect(me.isPrivate).toBe(true);

    const asked = await bob.api.social.follow({ username: ana.user.username });
    expect(asked).toMatchObject({ isPrivate: true, followedByMe: false, requested: true, locked: true, followerCount: 1 });
    expect(await bob.api.social.follow({ username: ana.user.username })).toEqual(asked);
    expect((await followOf(bob, ana))?.status).toBe('pending');
    expect(await noticesOf(ana)).toEqual([`follow.new:${cat.user.username}`, `follow.request:${bob.user.username}`]);
    expect(await ana.api.users.byUsername({ username: bob.user.username })).toMatchObject({ requestsYou: true, followsYou: false });
    expect(await ana.api.users.byUsername({ username: ana.user.username })).toMatchObject({ isPrivate: true, locked: false, followRequestCount: 1 });
    expect(await bob.api.users.byUsername({ username: ana.user.username })).toMatchObject({ isPrivate: true, locked: true, requested: true, trackCount: 1, followRequestCount: 0 });

    // A stranger, a requester and the signed-out see nothing of it; the owner and an approved follower do.
    const anonymous = await h.caller();
    for (const api of [bob.api, anonymous]) {
      expect(await trpcError(() => api.tracks.list({ username: ana.user.username }))).toMatchObject({ code: 'FORBIDDEN', message: `@${ana.user.username}'s account is private. Follow them to hear their tracks.`, cause: { reason: 'private_profile' } });
      expect(await trpcError(() => api.social.followers({ username: ana.user.username }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'private_profile' } });
      expect(await trpcError(() => api.social.following({ username: ana.user.username }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'private_profile' } });
      expect(await trpcError(() => api.tracks.byId({ id: song }))).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await trpcError(() => bob.api.tracks.like({ id: song }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await homeIds(bob)).not.toContain(song);
    expect(await homeIds(null)).not.toContain(song);
    await expect(audioSource(await ctxOf(bob), song)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(coverSource(await ctxOf(null), song)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await homeIds(cat)).toContain(song);
    expect(await homeIds(ana)).toContain(song);
    expect((await cat.api.tracks.list({ username: ana.user.username })).items.map((t) => t.id)).toEqual([song]);
    expect(await cat.api.tracks.byId({ id: song })).toMatchObject({ title: 'Secret song' });
    expect((await cat.api.social.followers({ username: ana.user.username })).items.map((i) => i.user.username)).toEqual([cat.user.username]);
    // Shared caches never keep a private profile's audio.
    expect(await audioSource(await ctxOf(cat), song)).toMatchObject({ visibility: 'private' });

    const waiting = await ana.api.social.requests({});
    expect(waiting).toMatchObject({ total: 1, nextCursor: null, items: [{ user: { username: bob.user.username } }] });
    const approved = await ana.api.social.approveRequest({ username: bob.user.username });
    // The answer is how I now stand with the requester (their counts).
    expect(approved).toMatchObject({ user: { username: bob.user.username }, followsYou: true, requestsYou: false, followingCount: 1 });
    expect(await noticesOf(bob)).toEqual([`follow.accepted:${ana.user.username}`]);
    expect(await bob.api.users.byUsername({ username: ana.user.username })).toMatchObject({ followedByMe: true, requested: false, locked: false });
    expect((await bob.api.tracks.list({ username: ana.user.username })).items.map((t) => t.id)).toEqual([song]);
    expect(await homeIds(bob)).toContain(song);
    expect(await bob.api.tracks.like({ id: song })).toMatchObject({ liked: true });
    expect(await ana.api.social.requests({})).toEqual({ items: [], total: 0, nextCursor: null });
    // Approved follows list newest first: bob's dates from the approval.
    expect((await bob.api.social.followers({ username: ana.user.username })).items.map((i) => i.user.username)).toEqual([bob.user.username, cat.user.username]);
  });

  it('declines without telling, lets a requester withdraw, and refuses answering a request that is not there', async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    await ana.api.users.updateProfile({ isPrivate: true });
    await bob.api.social.follow({ username: ana.user.username });
    await cat.api.social.follow({ username: ana.user.username });

    expect(await ana.api.social.declineRequest({ username: bob.user.username })).toMatchObject({ requestsYou: false, followsYou: false, followingCount: 0 });
    expect(await followOf(bob, ana)).toBeNull();
    expect(await noticesOf(bob)).toEqual([]);
    expect(await bob.api.users.byUsername({ username: ana.user.username })).toMatchObject({ requested: false, locked: true });

    expect(await cat.api.social.unfollow({ username: ana.user.username })).toMatchObject({ requested: false, followedByMe: false });
    expect(await followOf(cat, ana)).toBeNull();

    for (const answer of [ana.api.social.approveRequest, ana.api.social.declineRequest]) {
      expect(await trpcError(() => answer({ username: bob.user.username }))).toMatchObject({ code: 'NOT_FOUND', message: `@${bob.user.username} has no follow request waiting for you.`, cause: { reason: 'no_request' } });
      expect(await trpcError(() => answer({ username: 'nobody-here' }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await trpcError(() => answer({ username: 42 as never }))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    // Someone else's request is not mine to answer, and an approved follow is not "declined" away.
    await bob.api.social.follow({ username: ana.user.username });
    expect(await trpcError(() => cat.api.social.approveRequest({ username: bob.user.username }))).toMatchObject({ code: 'NOT_FOUND' });
    await ana.api.social.approveRequest({ username: bob.user.username });
    expect(await trpcError(() => ana.api.social.declineRequest({ username: bob.user.username }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await followOf(bob, ana))?.status).toBe('active');

    const anonymous = await h.caller();
    expect(await trpcError(() => anonymous.social.requests({}))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await trpcError(() => anonymous.social.approveRequest({ username: bob.user.username }))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await trpcError(() => ana.api.users.updateProfile({ isPrivate: 'yes' as never }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect((await ana.api.auth.me())?.isPrivate).toBe(true);
  });

  it('pages requests newest first, and approves everyone waiting when the profile turns public', async () => {
    const [ana, a, b, c] = await people('ana', 'a', 'b', 'c');
    await ana.api.users.updateProfile({ isPrivate: true });
    for (const fan of [a, b, c]) await fan.api.social.follow({ username: ana.user.username });
    const first = await ana.api.social.requests({ limit: 2 });
    expect(first).toMatchObject({ total: 3, items: [{ user: { username: c.user.username } }, { user: { username: b.user.username } }] });
    const second = await ana.api.social.requests({ limit: 2, cursor: first.nextCursor });
    expect(second).toMatchObject({ nextCursor: null, items: [{ user: { username: a.user.username } }] });
    expect(await trpcError(() => ana.api.social.requests({ cursor: 'bm90LWEtY3Vyc29y' }))).toMatchObject({ code: 'BAD_REQUEST' });

    await ana.api.users.updateProfile({ isPrivate: false });
    expect(await ana.api.users.byUsername({ username: ana.user.username })).toMatchObject({ isPrivate: false, followerCount: 3, followRequestCount: 0 });
    expect(await a.api.users.byUsername({ username: ana.user.username })).toMatchObject({ followedByMe: true, requested: false, locked: false });
  });

  it('shows a private profile\'s track cards in chat to its approved followers only', async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const song = await readyTrack(ana, 'Members only');
    await cat.api.social.follow({ username: ana.user.username });
    await ana.api.users.updateProfile({ isPrivate: true });
    const roomId = (await ana.api.chat.rooms.create({ name: 'Studio', visibility: 'public' })).id;
    await bob.api.chat.rooms.join({ roomId });
    await cat.api.chat.rooms.join({ roomId });
    const sent = await ana.api.chat.messages.send({ roomId, body: 'listen', clientMessageId: crypto.randomUUID(), attachments: [{ kind: 'track', trackId: song }] });
    // The published copy goes to every subscriber: no card.
    expect(sent.attachments).toEqual([{ kind: 'track', id: expect.any(String), unavailable: true, restricted: true }]);
    const cardFor = async (who: Account) => (await who.api.chat.messages.list({ roomId })).items.find((m) => m.id === sent.id)?.attachments[0];
    expect(await cardFor(cat)).toMatchObject({ unavailable: false, track: { id: song, title: 'Members only' } });
    expect(await cardFor(bob)).toEqual({ kind: 'track', id: expect.any(String), unavailable: true, restricted: true });
    // And a stranger cannot share it on.
    expect(await trpcError(() => bob.api.chat.messages.send({ roomId, body: '', clientMessageId: crypto.randomUUID(), attachments: [{ kind: 'track', trackId: song }] }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('notifies a public profile of a new follower once, however often they unfollow and follow again', async () => {
    const [ana, bob] = await people('ana', 'bob');
    await bob.api.social.follow({ username: ana.user.username });
    await bob.api.social.unfollow({ username: ana.user.username });
    await bob.api.social.follow({ username: ana.user.username });
    expect(await noticesOf(ana)).toEqual([`follow.new:${bob.user.username}`]);
  });
});
