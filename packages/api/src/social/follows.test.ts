// Following (issue 11): follow / unfollow, counts on the profile, followers and following lists with "follows you",
// and blocks, through tRPC callers on the real database (PGlite, or PostgreSQL when DATABASE_URL is set).
import { Follow } from '@veza/db';
import { FOLLOWING_MAX } from '@veza/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, peopleOf, trpcError, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'f');
const followRows = (followerId: string) => h.db.fork().count(Follow, { follower: followerId });

describe('social.follow / unfollow', () => {
  it('follows (idempotent) and unfollows, with the counts and "follows you" on both profiles', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const first = await ana.api.social.follow({ username: bob.user.username });
    expect(first).toEqual({
      user: { id: bob.user.id, username: bob.user.username, displayName: null },
      isPrivate: false,
      followedByMe: true,
      requested: false,
      followsYou: false,
      requestsYou: false,
      locked: false,
      followerCount: 1,
      followingCount: 0,
    });
    expect(await ana.api.social.follow({ username: bob.user.username.toUpperCase() })).toEqual(first);
    expect(await followRows(ana.user.id)).toBe(1);

    expect(await bob.api.users.byUsername({ username: ana.user.username })).toMatchObject({ followerCount: 0, followingCount: 1, followedByMe: false, followsYou: true });
    expect(await ana.api.users.byUsername({ username: bob.user.username })).toMatchObject({ followerCount: 1, followingCount: 0, followedByMe: true, followsYou: false });
    // Signed out, and on one's own profile: counts only.
    expect(await (await h.caller()).users.byUsername({ username: bob.user.username })).toMatchObject({ followerCount: 1, followedByMe: false, followsYou: false });
    expect(await ana.api.users.byUsername({ username: ana.user.username })).toMatchObject({ followingCount: 1, followedByMe: false, followsYou: false });

    const back = await bob.api.social.follow({ username: ana.user.username });
    expect(back).toMatchObject({ followedByMe: true, followsYou: true, followerCount: 1, followingCount: 1 });

    expect(await ana.api.social.unfollow({ username: bob.user.username })).toMatchObject({ followedByMe: false, followsYou: true, followerCount: 0 });
    expect(await ana.api.social.unfollow({ username: bob.user.username })).toMatchObject({ followedByMe: false, followerCount: 0 });
    expect(await followRows(ana.user.id)).toBe(0);
  });

  it('refuses myself, unknown people, bad input and signed-out callers, and changes nothing', async () => {
    const [ana] = await people('ana');
    expect(await trpcError(() => ana.api.social.follow({ username: ana.user.username }))).toMatchObject({ code: 'BAD_REQUEST', message: 'You cannot follow yourself.' });
    expect(await trpcError(() => ana.api.social.follow({ username: 'nobody-here' }))).toMatchObject({ code: 'NOT_FOUND', message: 'Nobody is called @nobody-here here.' });
    expect(await trpcError(() => ana.api.social.unfollow({ username: 'nobody-here' }))).toMatchObject({ code: 'NOT_FOUND' });
    for (const bad of [42, '', 'x'.repeat(200), "a'; drop table follows; --", null]) {
      expect(await trpcError(() => ana.api.social.follow({ username: bad as never }))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await trpcError(async () => (await h.caller()).social.follow({ username: ana.user.username }))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await followRows(ana.user.id)).toBe(0);
  });

  it(`refuses past ${FOLLOWING_MAX.toLocaleString('en')} follows, and still answers for someone already followed`, async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    await ana.api.social.follow({ username: bob.user.username });
    // Fill ana's follows to the bound straight in the database (signing up 10,000 people would take minutes).
    await h.db.executeSql(
      `insert into users (id, email, username, username_skeleton, role, created_at, updated_at)
       select gen_random_uuid(), 'bulk' || g || '.' || $1 || '@example.com', 'bulk' || g || '.' || $1, 'bulk' || g || '.' || $1, 'user', now(), now()
       from generate_series(1, $2::int) g`,
      [people.round, FOLLOWING_MAX - 1],
    );
    await h.db.executeSql(
      `insert into follows (follower_id, followee_id, status, created_at) select $1, id, 'active', now() from users where username like $2`,
      [ana.user.id, `bulk%.${people.round}`],
    );
    expect(await followRows(ana.user.id)).toBe(FOLLOWING_MAX);
    expect(await trpcError(() => ana.api.social.follow({ username: cat.user.username }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'too_many_follows' } });
    expect(await ana.api.social.follow({ username: bob.user.username })).toMatchObject({ followedByMe: true });
    expect(await followRows(ana.user.id)).toBe(FOLLOWING_MAX);
  });
});

describe('blocks and follows', () => {
  it('a block ends the follows both ways and refuses new ones, saying so only to the blocker', async () => {
    const [ana, bob] = await people('ana', 'bob');
    await ana.api.social.follow({ username: bob.user.username });
    await bob.api.social.follow({ username: ana.user.username });
    await ana.api.users.block({ username: bob.user.username });
    expect(await followRows(ana.user.id)).toBe(0);
    expect(await followRows(bob.user.id)).toBe(0);
    expect(await trpcError(() => ana.api.social.follow({ username: bob.user.username }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'blocked_by_me' } });
    const theirs = await trpcError(() => bob.api.social.follow({ username: ana.user.username }));
    expect(theirs).toMatchObject({ code: 'FORBIDDEN', message: `You can't follow @${ana.user.username}.`, cause: { reason: 'blocked' } });
    await ana.api.users.unblock({ username: bob.user.username });
    expect(await bob.api.social.follow({ username: ana.user.username })).toMatchObject({ followedByMe: true });
  });
});

describe('social.followers / following', () => {
  it('lists newest first in pages, with whether I follow each person and whether they follow me', async () => {
    const [star, a, b, c, d, me] = await people('star', 'a', 'b', 'c', 'd', 'me');
    for (const fan of [a, b, c, d, me]) await fan.api.social.follow({ username: star.user.username });
    await me.api.social.follow({ username: b.user.username });
    await c.api.social.follow({ username: me.user.username });

    const first = await me.api.social.followers({ username: star.user.username, limit: 2 });
    expect(first.items.map((i) => i.user.username)).toEqual([me.user.username, d.user.username]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await me.api.social.followers({ username: star.user.username, limit: 2, cursor: first.nextCursor });
    expect(second.items.map((i) => i.user.username)).toEqual([c.user.username, b.user.username]);
    const third = await me.api.social.followers({ username: star.user.username, limit: 2, cursor: second.nextCursor });
    expect(third).toMatchObject({ items: [{ user: { username: a.user.username } }], nextCursor: null });

    const all = await me.api.social.followers({ username: star.user.username });
    const byName = Object.fromEntries(all.items.map((i) => [i.user.username, i]));
    expect(byName[b.user.username]).toMatchObject({ followedByMe: true, followsYou: false });
    expect(byName[c.user.username]).toMatchObject({ followedByMe: false, followsYou: true });
    expect(byName[me.user.username]).toMatchObject({ followedByMe: false, followsYou: false });
    expect(new Date(all.items[0]!.followedAt).getTime()).toBeGreaterThanOrEqual(new Date(all.items.at(-1)!.followedAt).getTime());

    expect((await me.api.social.following({ username: me.user.username })).items.map((i) => i.user.username)).toEqual([b.user.username, star.user.username]);
    // Public: signed out sees the list, without relationships.
    const anonymous = await (await h.caller()).social.following({ username: me.user.username });
    expect(anonymous.items.every((i) => !i.followedByMe && !i.followsYou)).toBe(true);
    expect(await me.api.social.followers({ username: d.user.username })).toEqual({ items: [], nextCursor: null });
  });

  it('refuses a forged cursor, an unknown person and limits out of range', async () => {
    const [ana] = await people('ana');
    expect(await trpcError(() => ana.api.social.followers({ username: ana.user.username, cursor: 'bm90LWEtY3Vyc29y' }))).toMatchObject({ code: 'BAD_REQUEST', message: 'This page link is no longer valid. Start again from the first page.' });
    expect(await trpcError(() => ana.api.social.followers({ username: ana.user.username, cursor: 'a b' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => ana.api.social.following({ username: 'nobody-here' }))).toMatchObject({ code: 'NOT_FOUND' });
    for (const limit of [0, 101, 1.5]) expect(await trpcError(() => ana.api.social.following({ username: ana.user.username, limit }))).toMatchObject({ code: 'BAD_REQUEST' });
  });
});
