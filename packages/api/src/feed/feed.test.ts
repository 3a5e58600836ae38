// The home feed (issue 11): uploads and reposts of the people I follow, newest activity first, each track once with
// who reposted it, keyset-paged; what I may not see never shows. Through tRPC callers on the real database (PGlite,
// or PostgreSQL when DATABASE_URL is set), and the repository's scan against a brute-force model.
import { repostsRepository, Track } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, peopleOf, trpcError, type Account, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'fd');
const T0 = Date.parse('2026-11-01T10:00:00Z');
const minute = (m: number) => new Date(T0 + m * 60_000);
/** A ready public track of `owner`, uploaded at minute `m`. */
async function upload(owner: Account, title: string, m: number) {
  const { id } = await h.upload(owner.token, undefined, { title });
  await h.db.fork().nativeUpdate(Track, { id }, { status: 'ready', createdAt: minute(m) });
  return id;
}
async function repost(who: Account, trackId: string, m: number, caption?: string) {
  await who.api.social.repost({ trackId, caption });
  await h.db.executeSql(`update reposts set created_at = $1 where user_id = $2 and track_id = $3`, [minute(m), who.user.id, trackId]);
}
const titles = async (who: Account, limit = 50) => (await who.api.feed.home({ limit })).items.map((i) => i.track.title);

describe('feed.home', () => {
  it('shows what the people I follow uploaded and reposted, newest first, each track once with its reposters', async () => {
    const [me, ana, bob, cat, stranger] = await people('me', 'ana', 'bob', 'cat', 'stranger');
    for (const p of [ana, bob, cat]) await me.api.social.follow({ username: p.user.username });
    const anaSong = await upload(ana, 'Ana song', 1);
    const strangerSong = await upload(stranger, 'Stranger song', 2);
    await upload(stranger, 'Never reposted', 3);
    await repost(bob, strangerSong, 4, 'Listen to this');
    await repost(cat, strangerSong, 5);
    await repost(bob, anaSong, 6);
    await upload(cat, 'Cat song', 7);

    const page = await me.api.feed.home({});
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((i) => [i.track.title, i.reason, i.reposters.map((r) => r.user.username), i.repostersCount])).toEqual([
      ['Cat song', 'upload', [], 0],
      ['Ana song', 'repost', [bob.user.username], 1],
      ['Stranger song', 'repost', [cat.user.username, bob.user.username], 2],
    ]);
    const stranger1 = page.items[2]!;
    expect(stranger1.at).toBe(minute(5).toISOString());
    expect(stranger1.reposters[1]).toMatchObject({ caption: 'Listen to this', at: minute(4).toISOString() });
    expect(stranger1.track).toMatchObject({ id: strangerSong, repostCount: 2, repostedByMe: false, owner: { username: stranger.user.username } });

    // My own repost shows on my track DTOs, not in my feed (I do not follow myself).
    await me.api.social.repost({ trackId: anaSong });
    expect((await me.api.feed.home({})).items.find((i) => i.track.id === anaSong)?.track).toMatchObject({ repostedByMe: true, repostCount: 2 });
    // Unfollowing takes their activity out at once.
    await me.api.social.unfollow({ username: bob.user.username });
    // Ana's song falls back to its upload (minute 1), below cat's repost (minute 5).
    expect((await me.api.feed.home({})).items.map((i) => [i.track.title, i.reason])).toEqual([['Cat song', 'upload'], ['Stranger song', 'repost'], ['Ana song', 'upload']]);
    await me.api.social.unfollow({ username: cat.user.username });
    expect(await titles(me)).toEqual(['Ana song']);
  });

  it('leaves out what I may not see: private, unlisted, unfinished, a private profile I am not approved by, blocks', async () => {
    const [me, ana, locked, rude] = await people('me', 'ana', 'locked', 'rude');
    await me.api.social.follow({ username: ana.user.username });
    await me.api.social.follow({ username: rude.user.username });
    const secret = await upload(ana, 'Private one', 1);
    await ana.api.tracks.update({ id: secret, visibility: 'private' });
    const byLink = await upload(ana, 'Unlisted one', 2);
    await ana.api.tracks.update({ id: byLink, visibility: 'unlisted' });
    const { id: processing } = await h.upload(ana.token, undefined, { title: 'Still processing' });
    await h.db.fork().nativeUpdate(Track, { id: processing }, { createdAt: minute(3) });
    const lockedSong = await upload(locked, 'Locked song', 4);
    await repost(ana, lockedSong, 5);
    await locked.api.users.updateProfile({ isPrivate: true });
    const rudeSong = await upload(rude, 'Rude song', 6);
    await repost(ana, rudeSong, 7);
    expect(await titles(me)).toEqual(['Rude song']);

    await me.api.social.follow({ username: locked.user.username });
    await locked.api.social.approveRequest({ username: me.user.username });
    expect(await titles(me)).toEqual(['Rude song', 'Locked song']);
    // A block either way hides the blocked person's tracks, even reposted by someone else.
    await rude.api.users.block({ username: me.user.username });
    expect(await titles(me)).toEqual(['Locked song']);
  });

  it('pages with a cursor, never repeating a track reposted again below the page boundary', async () => {
    const [me, a, b] = await people('me', 'a', 'b');
    await me.api.social.follow({ username: a.user.username });
    await me.api.social.follow({ username: b.user.username });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await upload(a, `Song ${i}`, i));
    // Song 0 is reposted last (top of the feed); its upload, far below, must not bring it back.
    await repost(b, ids[0]!, 20);
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await me.api.feed.home({ limit: 2, cursor });
      seen.push(...page.items.map((i) => i.track.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Song 0', 'Song 6', 'Song 5', 'Song 4', 'Song 3', 'Song 2', 'Song 1']);
  });

  it('refuses the signed-out, a forged cursor and limits out of range, and is empty when I follow nobody', async () => {
    const [me] = await people('me');
    expect(await me.api.feed.home({})).toEqual({ items: [], nextCursor: null });
    expect(await trpcError(async () => (await h.caller()).feed.home({}))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await trpcError(() => me.api.feed.home({ cursor: 'bm90LWEtY3Vyc29y' }))).toMatchObject({ code: 'BAD_REQUEST' });
    for (const limit of [0, 51, 2.5]) expect(await trpcError(() => me.api.feed.home({ limit }))).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('repostsRepository.homeFeed', () => {
  it('matches a brute-force merge, page by page, whatever the scan size', async () => {
    const [me, ...others] = await people('me', 'a', 'b', 'c', 'd', 'x');
    const followed = others.slice(0, 4);
    for (const p of followed) await me.api.social.follow({ username: p.user.username });
    // Deterministic pseudo-random activity: 12 tracks, 25 reposts, some at the same minute.
    let seed = 7;
    const rand = (k: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % k;
    const tracks: { id: string; owner: Account; m: number }[] = [];
    for (let i = 0; i < 12; i++) {
      const owner = others[rand(others.length)]!;
      const m = rand(40);
      tracks.push({ id: await upload(owner, `T${i}`, m), owner, m });
    }
    const activity: { trackId: string; at: number; upload: boolean }[] = tracks.filter((t) => followed.includes(t.owner)).map((t) => ({ trackId: t.id, at: minute(t.m).getTime(), upload: true }));
    for (let i = 0; i < 25; i++) {
      const who = followed[rand(followed.length)]!;
      const t = tracks[rand(tracks.length)]!;
      if (t.owner === who || activity.some((a) => !a.upload && a.trackId === t.id && (a as { by?: Account }).by === who)) continue;
      const m = rand(60);
      await repost(who, t.id, m);
      activity.push(Object.assign({ trackId: t.id, at: minute(m).getTime(), upload: false }, { by: who }));
    }
    const best = new Map<string, { at: number; upload: boolean }>();
    for (const a of activity) {
      const b = best.get(a.trackId);
      if (!b || a.at > b.at || (a.at === b.at && a.upload)) best.set(a.trackId, { at: a.at, upload: a.upload });
    }
    const expected = [...best.entries()].sort(([ia, a], [ib, b]) => b.at - a.at || (ia < ib ? 1 : -1)).map(([id, b]) => `${id}@${b.at}:${b.upload}`);
    expect(expected.length).toBeGreaterThan(5);

    // Both strategies: per person followed (perPersonMax 150) and along time (0).
    for (const [limit, scan, perPersonMax] of [[2, 1, 150], [3, 2, 150], [5, 3, 150], [50, 200, 150], [2, 1, 0], [3, 2, 0], [5, 3, 0], [50, 200, 0]] as const) {
      const got: string[] = [];
      let after: { at: Date; trackId: string } | null = null;
      for (let guard = 0; guard < 100; guard++) {
        const { rows, more } = await repostsRepository(h.db.fork()).homeFeed(me.user.id, after, limit, { scan, perPersonMax });
        got.push(...rows.map((r) => `${r.trackId}@${r.at.getTime()}:${r.upload}`));
        const last = rows.at(-1);
        if (!more || !last) break;
        after = { at: last.at, trackId: last.trackId };
      }
      expect(got, `limit ${limit}, scan ${scan}, per person up to ${perPersonMax}`).toEqual(expected);
    }
  });
});
