// Search (issue 12), through tRPC callers on the real database (PGlite, or PostgreSQL when DATABASE_URL is set): the
// query language (AND, OR, NOT/-, phrases, prefixes), typo tolerance, accents, CJK, ranking (title over tags over
// description, popularity between near ties), every facet, filter and sort, paging, suggestions and the parser.
import { Playlist, Track } from '@veza/db';
import { parseSearch } from '@veza/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, peopleOf, type Account, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'se');

type TrackFields = Partial<Pick<Track, 'description' | 'tags' | 'genre' | 'bpm' | 'musicalKey' | 'durationMs' | 'playCount' | 'likeCount' | 'createdAt' | 'artist'>>;
/** A ready track of `owner`'s with these fields. */
async function track(owner: Account, title: string, fields: TrackFields = {}) {
  const { id } = await h.upload(owner.token, undefined, { title });
  await h.db.fork().nativeUpdate(Track, { id }, { status: 'ready', title, durationMs: 180_000, ...fields });
  return id;
}
const titles = async (who: Account | null, q: string, extra: Record<string, unknown> = {}) => {
  const api = who ? who.api : await h.caller();
  return (await api.search.tracks({ q, ...extra })).items.map((t) => t.title);
};

describe('search: the query language', () => {
  it('requires every word, matches word starts, and knows OR, NOT, -word and "phrases"', async () => {
    const [ana] = await people('ana');
    await track(ana, 'Alpha Kestrel');
    await track(ana, 'Beta Kestrel');
    await track(ana, 'Gamma Heronry');
    await track(ana, 'Hip-Hop Osprey');
    const sorted = async (q: string) => (await titles(ana, q)).sort();
    expect(await sorted('kestrel alpha')).toEqual(['Alpha Kestrel']);
    expect(await sorted('kestrel AND alpha')).toEqual(['Alpha Kestrel']);
    expect(await sorted('kest')).toEqual(['Alpha Kestrel', 'Beta Kestrel']);
    expect(await sorted('kestrel -alpha')).toEqual(['Beta Kestrel']);
    expect(await sorted('kestrel NOT alpha')).toEqual(['Beta Kestrel']);
    expect(await sorted('alpha kestrel OR heronry')).toEqual(['Alpha Kestrel', 'Gamma Heronry']);
    expect(await sorted('"alpha kestrel"')).toEqual(['Alpha Kestrel']);
    expect(await sorted('"kestrel alpha"')).toEqual([]);
    // An unclosed quote runs to the end; "or"/"not" in lower case are words.
    expect(await sorted('"beta kestrel')).toEqual(['Beta Kestrel']);
    expect(await sorted('kestrel or heronry')).toEqual([]);
    // Punctuation splits words: hip-hop is the phrase "hip hop".
    expect(await sorted('hip-hop osprey')).toEqual(['Hip-Hop Osprey']);
    expect(await sorted('osprey "hip hop"')).toEqual(['Hip-Hop Osprey']);
  });

  it('ignores accents and case, tolerates typos in longer words, and finds CJK titles by pairs of characters', async () => {
    const [ana] = await people('ana');
    await track(ana, 'Beyoncé Tribute Medley');
    await track(ana, 'Marimba Cascade');
    await track(ana, '東京音楽祭');
    expect(await titles(ana, 'beyonce tribute')).toEqual(['Beyoncé Tribute Medley']);
    expect(await titles(ana, 'BEYONCÉ')).toContain('Beyoncé Tribute Medley');
    expect(await titles(ana, 'marimbo cascade')).toEqual(['Marimba Cascade']);
    expect(await titles(ana, 'cascadr')).toEqual(['Marimba Cascade']);
    // Short words are not matched loosely: "cas" is a prefix, "cax" matches nothing.
    expect(await titles(ana, 'cax')).toEqual([]);
    expect(await titles(ana, '音楽')).toEqual(['東京音楽祭']);
    expect(await titles(ana, '京音')).toEqual(['東京音楽祭']);
    expect(await titles(ana, '東京音楽')).toEqual(['東京音楽祭']);
    expect(await titles(ana, '楽東')).toEqual([]);
  });

  it('finds a track by its new title, tags and description once edited', async () => {
    const [ana] = await people('ana');
    const id = await track(ana, 'Capybara Before');
    await ana.api.tracks.update({ id, title: 'Narwhal After', tags: ['glacier'], description: 'Recorded near a fjord' });
    expect(await titles(ana, 'capybara')).toEqual([]);
    expect(await titles(ana, 'narwhal glacier fjord')).toEqual(['Narwhal After']);
  });

  it('ranks title over tags over description, and the more played of near ties first', async () => {
    const [ana] = await people('ana');
    // Popular as it is, a description's match stays below a tag's.
    await track(ana, 'Dreams of a burrow', { description: 'a song about a wombat', playCount: 10_000 });
    await track(ana, 'Tagged one', { tags: ['wombat'] });
    await track(ana, 'Wombat Dreams');
    expect(await titles(ana, 'wombat')).toEqual(['Wombat Dreams', 'Tagged one', 'Dreams of a burrow']);
    expect(await titles(ana, 'wombat -dreams')).toEqual(['Tagged one']);
    await track(ana, 'Pangolin One', { playCount: 3 });
    await track(ana, 'Pangolin Two', { playCount: 4000 });
    expect(await titles(ana, 'pangolin')).toEqual(['Pangolin Two', 'Pangolin One']);
    // An exact match ranks above a typo's.
    await track(ana, 'Marimbo Sunrise');
    await track(ana, 'Marimba Sunrise');
    expect(await titles(ana, 'marimba sunrise')).toEqual(['Marimba Sunrise', 'Marimbo Sunrise']);
  });
});

describe('search: facets, filters, sorts, pages', () => {
  it('counts each facet, filters by each, sorts by newest and plays, and pages without repeats', async () => {
    const [ana] = await people('ana');
    const day = 86_400_000;
    const now = Date.now();
    await track(ana, 'Facetone A', { genre: 'house', musicalKey: 'A minor', bpm: 124, durationMs: 200_000, tags: ['deep', 'night'], playCount: 5, createdAt: new Date(now - 2 * 3600_000) });
    await track(ana, 'Facetone B', { genre: 'house', musicalKey: 'C major', bpm: 128, durationMs: 400_000, tags: ['deep'], playCount: 50, createdAt: new Date(now - 3 * day) });
    await track(ana, 'Facetone C', { genre: 'techno', musicalKey: 'A minor', bpm: 140, durationMs: 90_000, tags: ['night'], playCount: 500, createdAt: new Date(now - 20 * day) });
    await track(ana, 'Facetone D', { genre: null, musicalKey: null, bpm: null, durationMs: 2_000_000, playCount: 0, createdAt: new Date(now - 200 * day) });
    const page = await ana.api.search.tracks({ q: 'facetone' });
    expect(page.items).toHaveLength(4);
    expect(page.facets).toMatchObject({
      total: 4,
      capped: false,
      genres: [
        { value: 'house', count: 2 },
        { value: 'techno', count: 1 },
      ],
      keys: [
        { value: 'A minor', count: 2 },
        { value: 'C major', count: 1 },
      ],
      tags: [
        { value: 'deep', count: 2 },
        { value: 'night', count: 2 },
      ],
      bpm: [
        { value: 'lt90', count: 0 },
        { value: '90-110', count: 0 },
        { value: '110-130', count: 2 },
        { value: '130-150', count: 1 },
        { value: 'gte150', count: 0 },
      ],
      duration: [
        { value: 'lt2m', count: 1 },
        { value: '2-5m', count: 1 },
        { value: '5-10m', count: 1 },
        { value: '10-30m', count: 0 },
        { value: 'gte30m', count: 1 },
      ],
      uploaded: [
        { value: 'day', count: 1 },
        { value: 'week', count: 2 },
        { value: 'month', count: 3 },
        { value: 'year', count: 4 },
      ],
    });
    const t = async (extra: Record<string, unknown>) => (await titles(ana, 'facetone', extra)).sort();
    expect(await t({ genres: ['house'] })).toEqual(['Facetone A', 'Facetone B']);
    expect(await t({ genres: ['house', 'techno'], keys: ['A minor'] })).toEqual(['Facetone A', 'Facetone C']);
    expect(await t({ tags: ['deep', 'night'] })).toEqual(['Facetone A']);
    expect(await t({ bpmMin: 125, bpmMax: 150 })).toEqual(['Facetone B', 'Facetone C']);
    expect(await t({ durationMin: 120, durationMax: 600 })).toEqual(['Facetone A', 'Facetone B']);
    expect(await t({ uploadedWithin: 'week' })).toEqual(['Facetone A', 'Facetone B']);
    // Filters narrow the facet counts too; filters alone (no words) are a search.
    expect((await ana.api.search.tracks({ q: 'facetone', genres: ['techno'] })).facets?.total).toBe(1);
    expect((await ana.api.search.tracks({ tags: ['deep', 'night'], genres: ['house'] })).items.map((i) => i.title)).toContain('Facetone A');

    expect(await titles(ana, 'facetone', { sort: 'newest' })).toEqual(['Facetone A', 'Facetone B', 'Facetone C', 'Facetone D']);
    expect(await titles(ana, 'facetone', { sort: 'plays' })).toEqual(['Facetone C', 'Facetone B', 'Facetone A', 'Facetone D']);

    for (const sort of ['relevance', 'newest', 'plays'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const next: Awaited<ReturnType<typeof ana.api.search.tracks>> = await ana.api.search.tracks({ q: 'facetone', sort, limit: 3, cursor });
        expect(next.facets === null).toBe(cursor !== null);
        seen.push(...next.items.map((i) => i.title));
        cursor = next.nextCursor;
        pages++;
      } while (cursor && pages < 5);
      expect(seen.sort()).toEqual(['Facetone A', 'Facetone B', 'Facetone C', 'Facetone D']);
      expect(pages).toBe(2);
    }
  });

  it('returns the track DTOs lists use, liked state included', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const id = await track(ana, 'Dtoshape Song');
    await bob.api.tracks.like({ id });
    const [item] = (await bob.api.search.tracks({ q: 'dtoshape' })).items;
    expect(item).toMatchObject({ id, title: 'Dtoshape Song', likedByMe: true, owner: { username: ana.user.username }, waveform: null, lyrics: null });
  });
});

describe('search: people, playlists, suggestions', () => {
  it('finds people by username and display name, playlists by title, and suggests all kinds as you type', async () => {
    const [ana] = await people('ana');
    await ana.api.users.updateProfile({ displayName: 'Zoé Quetzal' });
    await track(ana, 'Quetzal Morning', { playCount: 10 });
    const list = await ana.api.playlists.create({ title: 'Quetzal Mixtape' });
    expect((await (await h.caller()).search.people({ q: 'zoe quetz' })).items.map((p) => p.user.username)).toEqual([ana.user.username]);
    expect((await (await h.caller()).search.people({ q: ana.user.username })).items[0]).toMatchObject({ user: { id: ana.user.id }, isPrivate: false, avatarUrl: null });
    expect((await (await h.caller()).search.playlists({ q: 'quetzal mixtape' })).items).toEqual([
      expect.objectContaining({ id: list.id, title: 'Quetzal Mixtape', isPublic: true, owner: expect.objectContaining({ id: ana.user.id }) }),
    ]);
    const suggested = await (await h.caller()).search.suggest({ q: 'quetz' });
    expect(suggested.recent).toEqual([]);
    expect(suggested.items.map((s) => s.kind).sort()).toEqual(['playlist', 'track', 'user']);
    expect(suggested.items.find((s) => s.kind === 'track')).toMatchObject({ title: 'Quetzal Morning', owner: { id: ana.user.id } });
    expect((await (await h.caller()).search.suggest({ q: 'quetz', limit: 1 })).items).toHaveLength(1);
    expect(await h.db.fork().count(Playlist, { id: list.id })).toBe(1);
  });

  it('pages people and playlists of equal rank without repeats or gaps', async () => {
    const [ana, bob, cid] = await people('ana', 'bob', 'cid');
    for (const who of [ana, bob, cid]) {
      await who.api.users.updateProfile({ displayName: 'Axolotl Fan' });
      await who.api.playlists.create({ title: 'Axolotl List' });
    }
    for (const kind of ['people', 'playlists'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 5; i++) {
        const page: { items: ({ id: string } | { user: { id: string } })[]; nextCursor: string | null } = await (await h.caller()).search[kind]({ q: 'axolotl', limit: 1, cursor });
        seen.push(...page.items.map((item) => ('user' in item ? item.user.id : item.id)));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toHaveLength(3);
      expect(new Set(seen).size).toBe(3);
    }
  });
});

describe('search: the parser (shared with the web)', () => {
  it('parses groups, negations, phrases and drops what is no word', () => {
    expect(parseSearch('  deep   house OR "acid jazz" -live NOT demo ').groups).toEqual([
      [
        { kind: 'word', parts: ['deep'], negated: false, fuzzy: true },
        { kind: 'word', parts: ['house'], negated: false, fuzzy: true },
      ],
      [
        { kind: 'phrase', parts: ['acid', 'jazz'], negated: false, fuzzy: false },
        { kind: 'word', parts: ['live'], negated: true, fuzzy: false },
        { kind: 'word', parts: ['demo'], negated: true, fuzzy: false },
      ],
    ]);
    expect(parseSearch('AND OR NOT - " "').groups).toEqual([]);
    expect(parseSearch('% _ \\ .* a').groups).toEqual([]);
    expect(parseSearch('-only -negatives').groups).toEqual([]);
    expect(parseSearch('x  y').normalized).toBe('x y');
  });
});
