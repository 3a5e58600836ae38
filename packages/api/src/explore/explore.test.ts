// Trending (issue 11): plays, likes, comments and reposts in the window, weighted and decayed, capped per artist, not
// gameable by one listener replaying, never showing private tracks or private profiles, filtered by genre; "new and
// rising" for artists with few followers. Through recomputeTrending and tRPC callers on the real database (PGlite,
// or PostgreSQL when DATABASE_URL is set).
import { TRENDING, Track } from '@veza/db';
import type { Genre } from '@veza/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, peopleOf, trpcError, type Account, type Harness } from '../test/harness.ts';
import { recomputeTrending } from './explore.service.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'tr');
const NOW = new Date('2026-12-07T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
async function track(owner: Account, title: string, opts: { genre?: string; createdDaysAgo?: number } = {}) {
  const { id } = await h.upload(owner.token, undefined, { title });
  await h.db.fork().nativeUpdate(Track, { id }, { status: 'ready', genre: opts.genre ?? null, createdAt: daysAgo(opts.createdDaysAgo ?? 20) });
  return id;
}
const sql = (text: string, values: unknown[]) => h.db.executeSql(text, values);
const plays = (trackId: string, listener: Account | null, at: Date, times = 1) =>
  sql(`insert into track_plays (track_id, listener_id, played_at) select $1, $2, $3::timestamptz + (g || ' seconds')::interval from generate_series(1, $4::int) g`, [trackId, listener?.user.id ?? null, at, times]);
const like = (trackId: string, who: Account, at: Date) => sql(`insert into track_likes (track_id, user_id, created_at) values ($1, $2, $3)`, [trackId, who.user.id, at]);
const repost = (trackId: string, who: Account, at: Date) => sql(`insert into reposts (user_id, track_id, caption, created_at) values ($1, $2, null, $3)`, [who.user.id, trackId, at]);
const titles = async (window: 'week' | 'month' | 'rising', genre?: Genre) =>
  (await (await h.caller()).explore.trending({ window, genre, limit: 50 })).items.map((i) => i.track.title);

describe('explore.trending', () => {
  it('ranks by weighted, decayed activity, caps each artist, ignores replays, hides private tracks and profiles', async () => {
    const [ana, bob, cat, fan1, fan2, fan3, gamer] = await people('ana', 'bob', 'cat', 'fan1', 'fan2', 'fan3', 'gamer');
    const reposted = await track(bob, 'Reposted yesterday', { genre: 'techno' });
    const older = await track(bob, 'Reposted 6 days ago', { genre: 'techno' });
    const liked = await track(cat, 'Liked by two', { genre: 'jazz' });
    const replayed = await track(cat, 'Replayed by one', { genre: 'jazz' });
    const played = await track(cat, 'Played by three', { genre: 'jazz' });
    const anaTracks = [];
    for (let i = 1; i <= 5; i++) anaTracks.push(await track(ana, `Ana hit ${i}`, { genre: 'house' }));
    const secret = await track(fan3, 'Private one');
    await h.db.fork().nativeUpdate(Track, { id: secret }, { visibility: 'private' });
    const locked = await track(fan2, 'Locked profile');

    await repost(reposted, fan1, daysAgo(1));
    await repost(older, fan1, daysAgo(6));
    await like(liked, fan1, daysAgo(1));
    await like(liked, fan2, daysAgo(1));
    // One account replaying all day counts like one play a day; three listeners count three.
    await plays(replayed, gamer, daysAgo(1), 200);
    for (const fan of [fan1, fan2, fan3]) await plays(played, fan, daysAgo(1));
    for (const [i, id] of anaTracks.entries()) await repost(id, fan2, daysAgo(1 + i * 0.1));
    for (const id of [secret, locked]) await repost(id, fan1, daysAgo(0.5));
    await fan2.api.users.updateProfile({ isPrivate: true });
    // Out of the window: counts for the month, not the week.
    const monthOnly = await track(bob, 'Month only', { genre: 'techno' });
    for (const fan of [fan1, fan2, fan3]) await repost(monthOnly, fan, daysAgo(12));

    const result = await recomputeTrending(h.deps, NOW);
    expect(result.week.ranked).toBeGreaterThan(0);

    const week = await titles('week');
    // A repost (12) outweighs two likes (8); a fresh one outweighs an older one; three listeners beat one replaying.
    expect(week.indexOf('Reposted yesterday')).toBeLessThan(week.indexOf('Liked by two'));
    expect(week.indexOf('Liked by two')).toBeLessThan(week.indexOf('Played by three'));
    expect(week.indexOf('Reposted yesterday')).toBeLessThan(week.indexOf('Reposted 6 days ago'));
    expect(week.indexOf('Played by three')).toBeLessThan(week.indexOf('Replayed by one'));
    expect(week.filter((t) => t.startsWith('Ana hit'))).toEqual(['Ana hit 1', 'Ana hit 2', 'Ana hit 3']);
    expect(TRENDING.perArtist).toBe(3);
    expect(week).not.toContain('Private one');
    expect(week).not.toContain('Locked profile');
    expect(week).not.toContain('Month only');
    expect(await titles('month')).toContain('Month only');

    expect(await titles('week', 'jazz')).toEqual(['Liked by two', 'Played by three', 'Replayed by one']);
    // A track made private since the recompute drops out at once.
    await bob.api.tracks.update({ id: reposted, visibility: 'private' });
    expect(await titles('week', 'techno')).toEqual(['Reposted 6 days ago']);

    // Pages by rank.
    const first = await (await h.caller()).explore.trending({ window: 'week', limit: 2 });
    const second = await (await h.caller()).explore.trending({ window: 'week', limit: 2, afterRank: first.nextAfterRank! });
    expect(second.items[0]!.rank).toBeGreaterThan(first.items[1]!.rank);
    expect(first.computedAt).toBe(NOW.toISOString());
  });

  it('"new and rising" keeps recent tracks of artists with few followers', async () => {
    const [star, newcomer, fan] = await people('star', 'newcomer', 'fan');
    const big = await track(star, 'Star single', { createdDaysAgo: 3 });
    const fresh = await track(newcomer, 'Newcomer single', { createdDaysAgo: 3 });
    const old = await track(newcomer, 'Newcomer oldie', { createdDaysAgo: 200 });
    for (const id of [big, fresh, old]) await repost(id, fan, daysAgo(1));
    await sql(
      `insert into users (id, email, username, username_skeleton, role, created_at, updated_at)
       select gen_random_uuid(), 'f' || g || '.' || $1 || '@example.com', 'f' || g || '.' || $1, 'f' || g || '.' || $1, 'user', now(), now() from generate_series(1, $2::int) g`,
      [people.round, TRENDING.rising.maxFollowers],
    );
    await sql(`insert into follows (follower_id, followee_id, status, created_at) select id, $1, 'active', now() from users where username like $2`, [star.user.id, `f%.${people.round}`]);
    await recomputeTrending(h.deps, NOW);
    const rising = await titles('rising');
    expect(rising).toContain('Newcomer single');
    expect(rising).not.toContain('Star single');
    expect(rising).not.toContain('Newcomer oldie');
    expect(await titles('week')).toContain('Star single');
  });

  it('runs two recomputes at once (two instances) one after the other', async () => {
    const [ana, fan] = await people('ana', 'fan');
    await repost(await track(ana, 'Twice'), fan, daysAgo(1));
    const [a, b] = await Promise.all([recomputeTrending(h.deps, NOW), recomputeTrending(h.deps, NOW)]);
    expect(a.week.ranked).toBe(b.week.ranked);
    expect(await titles('week')).toContain('Twice');
  });

  it('refuses an unknown window or genre and limits out of range', async () => {
    const api = await h.caller();
    expect(await trpcError(() => api.explore.trending({ window: 'year' as never }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => api.explore.trending({ genre: 'polka' as never }))).toMatchObject({ code: 'BAD_REQUEST' });
    for (const limit of [0, 51]) expect(await trpcError(() => api.explore.trending({ limit }))).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('tracks.update genre', () => {
  it('files a track under a genre from the list, and refuses others', async () => {
    const [ana] = await people('ana');
    const id = await track(ana, 'Genre');
    expect(await ana.api.tracks.update({ id, genre: 'ambient' })).toMatchObject({ genre: 'ambient' });
    expect(await trpcError(() => ana.api.tracks.update({ id, genre: 'polka' as never }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await ana.api.tracks.update({ id, genre: null })).toMatchObject({ genre: null });
  });
});
