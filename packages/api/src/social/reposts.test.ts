// Reposts and likes lists (issue 11), through tRPC callers on the real database (PGlite, or PostgreSQL when
// DATABASE_URL is set): repost with a caption, counts on the track, the owner's notification, the reposts and
// "Liked tracks" tabs, and every refusal changing nothing.
import { Notification, Repost, Track } from '@veza/db';
import { flushNotifications } from '../notifications/notifications.service.ts';
import { REPOST_CAPTION_MAX } from '@veza/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, peopleOf, trpcError, type Account, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'rp');
async function readyTrack(owner: Account, title: string) {
  const { id } = await h.upload(owner.token, undefined, { title });
  await h.db.fork().nativeUpdate(Track, { id }, { status: 'ready' });
  return id;
}
const repostRows = (trackId: string) => h.db.fork().count(Repost, { track: trackId });
/** The notification groups of `type` `who` has (reposts are counted into their group first). */
const notices = async (who: Account, type: 'track.reposted') => {
  await flushNotifications(h.deps);
  return h.db.fork().count(Notification, { recipient: who.user.id, type });
};

describe('social.repost / unrepost', () => {
  it('reposts with a caption (again: the caption changes, nothing else), counts it, notifies the owner once', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const song = await readyTrack(ana, 'Night Drive');
    expect(await bob.api.social.repost({ trackId: song, caption: '  Best of the year  ' })).toEqual({ trackId: song, repostedByMe: true, caption: 'Best of the year', repostCount: 1 });
    expect(await bob.api.social.repost({ trackId: song, caption: 'Still the best' })).toMatchObject({ repostCount: 1, caption: 'Still the best' });
    expect(await bob.api.tracks.byId({ id: song })).toMatchObject({ repostCount: 1, repostedByMe: true });
    expect(await ana.api.tracks.byId({ id: song })).toMatchObject({ repostCount: 1, repostedByMe: false });
    expect(await notices(ana, 'track.reposted')).toBe(1);

    expect(await bob.api.social.unrepost({ trackId: song })).toEqual({ trackId: song, repostedByMe: false, caption: null, repostCount: 0 });
    expect(await bob.api.social.unrepost({ trackId: song })).toMatchObject({ repostCount: 0 });
    await bob.api.social.repost({ trackId: song });
    expect(await notices(ana, 'track.reposted')).toBe(1);
    expect(await repostRows(song)).toBe(1);
  });

  it('refuses my own track, a non-public or unseen track, a long caption and the signed-out, changing nothing', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const song = await readyTrack(ana, 'Mine');
    const byLink = await readyTrack(ana, 'By link');
    await ana.api.tracks.update({ id: byLink, visibility: 'unlisted' });
    const secret = await readyTrack(ana, 'Secret');
    await ana.api.tracks.update({ id: secret, visibility: 'private' });

    expect(await trpcError(() => ana.api.social.repost({ trackId: song }))).toMatchObject({ code: 'BAD_REQUEST', message: 'You cannot repost your own track.', cause: { reason: 'own_track' } });
    expect(await trpcError(() => bob.api.social.repost({ trackId: byLink }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'not_public' } });
    expect(await trpcError(() => bob.api.social.repost({ trackId: secret }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => bob.api.social.repost({ trackId: crypto.randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
    const long = await trpcError(() => bob.api.social.repost({ trackId: song, caption: 'x'.repeat(REPOST_CAPTION_MAX + 1) }));
    expect(long).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining(`Captions must be at most ${REPOST_CAPTION_MAX} characters.`) });
    for (const bad of [{ trackId: 'nope' }, { trackId: song, caption: 42 }, { trackId: song, caption: 'a\u0000b' }]) {
      expect(await trpcError(() => bob.api.social.repost(bad as never))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await trpcError(async () => (await h.caller()).social.repost({ trackId: song }))).toMatchObject({ code: 'UNAUTHORIZED' });
    for (const id of [song, byLink, secret]) expect(await repostRows(id)).toBe(0);
    expect((await ana.api.tracks.byId({ id: song })).repostCount).toBe(0);
    // A repost outlives the track going private, but only its reposter can take it back.
    await bob.api.social.repost({ trackId: song });
    await ana.api.tracks.update({ id: song, visibility: 'private' });
    expect(await bob.api.social.unrepost({ trackId: song })).toMatchObject({ repostedByMe: false });
    expect(await repostRows(song)).toBe(0);
  });
});

describe('social.reposts / likes', () => {
  it("lists someone's reposts and liked tracks newest first, in pages, showing only what I may see", async () => {
    const [ana, bob, me] = await people('ana', 'bob', 'me');
    const songs = [await readyTrack(ana, 'One'), await readyTrack(ana, 'Two'), await readyTrack(ana, 'Three')];
    for (const id of songs) {
      await bob.api.social.repost({ trackId: id, caption: `about ${id.slice(0, 4)}` });
      await bob.api.tracks.like({ id });
    }
    const page1 = await me.api.social.reposts({ username: bob.user.username, limit: 2 });
    expect(page1.items.map((i) => i.track.title)).toEqual(['Three', 'Two']);
    expect(page1.items[0]).toMatchObject({ caption: `about ${songs[2]!.slice(0, 4)}`, track: { repostCount: 1, repostedByMe: false } });
    const page2 = await me.api.social.reposts({ username: bob.user.username, limit: 2, cursor: page1.nextCursor });
    expect(page2).toMatchObject({ items: [{ track: { title: 'One' } }], nextCursor: null });

    const likes = await me.api.social.likes({ username: bob.user.username });
    expect(likes.items.map((i) => [i.track.title, i.caption])).toEqual([['Three', null], ['Two', null], ['One', null]]);
    expect((await bob.api.social.likes({ username: bob.user.username })).items.every((i) => i.track.likedByMe)).toBe(true);

    // A track gone private leaves both lists for everyone but its owner; a private profile hides them from strangers.
    await ana.api.tracks.update({ id: songs[1]!, visibility: 'private' });
    expect((await me.api.social.reposts({ username: bob.user.username })).items.map((i) => i.track.title)).toEqual(['Three', 'One']);
    expect((await me.api.social.likes({ username: bob.user.username })).items.map((i) => i.track.title)).toEqual(['Three', 'One']);
    expect(await trpcError(() => me.api.social.likes({ username: bob.user.username, cursor: 'bm90LWEtY3Vyc29y' }))).toMatchObject({ code: 'BAD_REQUEST' });
    await ana.api.users.updateProfile({ isPrivate: true });
    expect(await me.api.social.likes({ username: bob.user.username })).toEqual({ items: [], nextCursor: null });
    await bob.api.users.updateProfile({ isPrivate: true });
    for (const list of [me.api.social.likes, me.api.social.reposts]) {
      expect(await trpcError(() => list({ username: bob.user.username }))).toMatchObject({ code: 'FORBIDDEN', cause: { reason: 'private_profile' } });
    }
    expect(await trpcError(() => me.api.social.likes({ username: 'nobody-here' }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});
