// Up next (issue 11): tracks related to the one that just played, for autoplay. Ranked by co-likes, same artist, same
// genre, shared tags, then this month's popular tracks of the genre; only public, ready tracks the viewer may see;
// never the seed nor the excluded ids. Through tRPC callers on the real database (PGlite, or PostgreSQL when
// DATABASE_URL is set).
import { RELATED, Track } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeTrending } from '../explore/explore.service.ts';
import { createHarness, peopleOf, trpcError, type Account, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'rel');
type TrackOpts = { genre?: string | null; tags?: string[]; status?: 'ready' | 'processing'; visibility?: 'public' | 'unlisted' | 'private'; likes?: number };
async function track(owner: Account, title: string, opts: TrackOpts = {}) {
  const { id } = await h.upload(owner.token, undefined, { title });
  await h.db.fork().nativeUpdate(Track, { id }, {
    status: opts.status ?? 'ready',
    visibility: opts.visibility ?? 'public',
    genre: opts.genre ?? null,
    tags: opts.tags ?? [],
    likeCount: opts.likes ?? 0,
  });
  return id;
}
const like = (trackId: string, ...who: Account[]) =>
  Promise.all(who.map((w) => h.db.executeSql(`insert into track_likes (track_id, user_id, created_at) values ($1, $2, now())`, [trackId, w.user.id])));
const titlesOf = (items: { title: string }[]) => items.map((t) => t.title);

describe('tracks.related', () => {
  it('ranks co-liked tracks, then the same artist, the same genre, shared tags; leaves out the seed and the excluded', async () => {
    const [ana, bob, cat, dan, fan1, fan2] = await people('ana', 'bob', 'cat', 'dan', 'fan1', 'fan2');
    const tag = `t${people.round}rel`;
    const seed = await track(ana, 'Seed', { genre: 'soundtrack', tags: [tag, 'shared-two'] });
    const coLiked = await track(bob, 'Co-liked', { genre: 'metal' });
    const sameArtist = await track(ana, 'Same artist', { genre: 'punk' });
    await track(cat, 'Same genre', { genre: 'soundtrack' });
    await track(dan, 'Shared tag', { genre: 'blues', tags: [tag] });
    await track(dan, 'Unrelated', { genre: 'country', tags: ['nothing-in-common'] });
    await like(seed, fan1, fan2);
    await like(coLiked, fan1, fan2);

    const api = await h.caller();
    const related = await api.tracks.related({ trackId: seed });
    expect(titlesOf(related)).toEqual(expect.arrayContaining(['Co-liked', 'Same artist', 'Same genre', 'Shared tag']));
    const order = titlesOf(related).filter((t) => ['Co-liked', 'Same artist', 'Same genre', 'Shared tag'].includes(t));
    expect(order).toEqual(['Co-liked', 'Same artist', 'Same genre', 'Shared tag']);
    expect(titlesOf(related)).not.toContain('Seed');
    expect(titlesOf(related)).not.toContain('Unrelated');
    // Full track DTOs, as lists carry them.
    expect(related[0]).toMatchObject({ id: coLiked, owner: { username: bob.user.username }, genre: 'metal', status: 'ready', waveform: null });

    const without = await api.tracks.related({ trackId: seed, excludeIds: [coLiked, sameArtist] });
    expect(titlesOf(without)).not.toContain('Co-liked');
    expect(titlesOf(without)).not.toContain('Same artist');
    expect(titlesOf(without).slice(0, 2)).toEqual(['Same genre', 'Shared tag']);
    expect(await api.tracks.related({ trackId: seed, limit: 1 })).toHaveLength(1);
  });

  it('never returns private, unlisted or unfinished tracks, nor tracks of private profiles the viewer does not follow', async () => {
    const [ana, locked, follower, stranger] = await people('ana', 'locked', 'follower', 'stranger');
    const tag = `t${people.round}rel`;
    const seed = await track(ana, 'Seed', { tags: [tag] });
    await track(ana, 'Private', { tags: [tag], visibility: 'private' });
    await track(ana, 'Unlisted', { tags: [tag], visibility: 'unlisted' });
    await track(ana, 'Processing', { tags: [tag], status: 'processing' });
    await track(locked, 'Locked profile', { tags: [tag] });
    await track(ana, 'Public', { tags: [tag] });
    await follower.api.social.follow({ username: locked.user.username });
    await locked.api.users.updateProfile({ isPrivate: true });

    const asStranger = titlesOf(await stranger.api.tracks.related({ trackId: seed }));
    const asAnonymous = titlesOf(await (await h.caller()).tracks.related({ trackId: seed }));
    // The owner too: autoplay plays what everyone hears, not the owner's drafts.
    const asOwner = titlesOf(await ana.api.tracks.related({ trackId: seed }));
    for (const seen of [asStranger, asAnonymous, asOwner]) {
      expect(seen).toContain('Public');
      for (const hidden of ['Private', 'Unlisted', 'Processing']) expect(seen).not.toContain(hidden);
    }
    expect(asStranger).not.toContain('Locked profile');
    expect(asAnonymous).not.toContain('Locked profile');
    // An approved follower of the private profile hears it.
    expect(titlesOf(await follower.api.tracks.related({ trackId: seed }))).toContain('Locked profile');
  });

  it('caps an artist at a few tracks and fills with this month\'s popular tracks of the genre', async () => {
    const [ana, bob, fan] = await people('ana', 'bob', 'fan');
    const seed = await track(ana, 'Seed', { genre: 'chanson' });
    for (let i = 1; i <= 5; i++) await track(ana, `Ana ${i}`, { genre: 'chanson' });
    const hit = await track(bob, 'Popular chanson', { genre: 'chanson' });
    // Old enough not to come as "same genre, recent": only the trending filler can bring it.
    await h.db.fork().nativeUpdate(Track, { id: hit }, { createdAt: new Date(Date.now() - 200 * 86_400_000) });
    await h.db.executeSql(`insert into reposts (user_id, track_id, caption, created_at) values ($1, $2, null, now())`, [fan.user.id, hit]);
    await recomputeTrending(h.deps);

    const related = titlesOf(await (await h.caller()).tracks.related({ trackId: seed, limit: 20 }));
    expect(related.filter((t) => t.startsWith('Ana '))).toHaveLength(RELATED.perArtist);
    expect(related).toContain('Popular chanson');
  });

  it('is NOT_FOUND for an unknown track or one the viewer may not see, and refuses bad input', async () => {
    const [ana, other] = await people('ana', 'other');
    const secret = await track(ana, 'Secret', { visibility: 'private' });
    const api = await h.caller();
    expect(await trpcError(() => api.tracks.related({ trackId: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => other.api.tracks.related({ trackId: secret }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await ana.api.tracks.related({ trackId: secret })).toEqual(expect.any(Array));

    const seed = await track(ana, 'Seed');
    const tooMany = Array.from({ length: 201 }, () => seed);
    for (const input of [
      { trackId: 'nope' },
      { trackId: seed, limit: 0 },
      { trackId: seed, limit: 21 },
      { trackId: seed, excludeIds: tooMany },
      { trackId: seed, excludeIds: ['nope'] },
    ]) {
      const error = await trpcError(() => api.tracks.related(input));
      expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect((await trpcError(() => api.tracks.related({ trackId: seed, excludeIds: tooMany }))).message).toMatch(/at most 200/);
  });
});
