// Search at scale (issue 12), through tRPC callers on the real database (PGlite, or PostgreSQL when DATABASE_URL is
// set): a relevance page ranks a bounded set of candidates, the first matches found and the most played ones (and
// says `approximate` when more matched),
// selective queries are ranked whole, sorting by newest or plays reaches every match, and a word found as written in
// FUZZY_EXACT_MAX tracks or more gets no typo tolerance (rare words still do); suggestions for 2-letter prefixes.
import { catalogSearchRepository, FACET_CAP, FUZZY_EXACT_MAX, RANK_CANDIDATES } from '@veza/db';
import { parseSearch } from '@veza/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, peopleOf, type Account, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'sc');
/** More matches than the two kinds of candidates together (the first found, the most played). */
const MANY = 2 * RANK_CANDIDATES + 150;

/** `count` ready public tracks of `owner`'s titled `<title> <n>`, played n times (n = 1..count), newest last. */
async function bulk(owner: Account, title: string, count: number, extra: { description?: string } = {}) {
  await h.db.executeSql(
    `insert into tracks (id, owner_id, title, description, storage_key, original_filename, mime_type, format, size_bytes, duration_ms, status, play_count, created_at, updated_at)
     select gen_random_uuid(), $1::uuid, $2 || ' ' || g, $3, 'tracks/test/' || g, 't.wav', 'audio/wav', 'wav', 1, 180000, 'ready', g, now() - (($4::int - g) || ' seconds')::interval, now()
     from generate_series(1, $4::int) g`,
    [owner.user.id, title, extra.description ?? null, count],
  );
}

type Page = Awaited<ReturnType<Account['api']['search']['tracks']>>;
async function all(api: Account['api'], input: { q: string; sort?: 'relevance' | 'newest' | 'plays' }) {
  const titles: string[] = [];
  let cursor: string | null = null;
  let first: Page | null = null;
  for (let i = 0; i < 100; i++) {
    const page: Page = await api.search.tracks({ ...input, limit: 50, cursor });
    first ??= page;
    titles.push(...page.items.map((t) => t.title));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return { titles, first: first! };
}

describe('search: the candidate cap', () => {
  it('ranks the first found and the most played matches of a frequent word, says so, and still finds every match by newest or plays', async () => {
    const [ana] = await people('ana');
    await bulk(ana, 'Capybara Anthem', MANY);
    // Some matches are left out of the relevance ranking (neither among the first found nor the most played), never
    // the RANK_CANDIDATES most played ones; each match at most once.
    const relevance = await all(ana.api, { q: 'capybara' });
    expect(relevance.first.approximate).toBe(true);
    expect(relevance.titles.length).toBeGreaterThanOrEqual(RANK_CANDIDATES);
    expect(relevance.titles.length).toBeLessThanOrEqual(2 * RANK_CANDIDATES);
    expect(new Set(relevance.titles).size).toBe(relevance.titles.length);
    expect(relevance.titles[0]).toBe(`Capybara Anthem ${MANY}`);
    for (let plays = MANY; plays > MANY - RANK_CANDIDATES; plays -= 37) expect(relevance.titles).toContain(`Capybara Anthem ${plays}`);
    // Facets count at most FACET_CAP matches, and say when more matched.
    expect(relevance.first.facets).toMatchObject({ total: Math.min(MANY, FACET_CAP), capped: MANY > FACET_CAP });
    // By plays and by newest, every match, in order, not approximate.
    const plays = await all(ana.api, { q: 'capybara', sort: 'plays' });
    expect(plays.first.approximate).toBe(false);
    expect(plays.titles).toHaveLength(MANY);
    expect(plays.titles.at(-1)).toBe('Capybara Anthem 1');
    const newest = await all(ana.api, { q: 'capybara', sort: 'newest' });
    expect(newest.titles).toHaveLength(MANY);
    expect(newest.titles[0]).toBe(`Capybara Anthem ${MANY}`);
  });

  it('ranks a selective query whole: a rarely played title match comes before popular description matches', async () => {
    const [ana] = await people('ana');
    await bulk(ana, 'Popular Song', 300, { description: 'a song about a dingo' });
    const { id } = await h.upload(ana.token, undefined, { title: 'Dingo' });
    await h.db.executeSql(`update tracks set status = 'ready' where id = $1`, [id]);
    const page = await ana.api.search.tracks({ q: 'dingo' });
    expect(page.approximate).toBe(false);
    expect(page.items[0]?.title).toBe('Dingo');
    expect(page.facets?.total).toBe(301);
  });

  it('tests a word in a large share of the tracks row by row (by the database statistics), with the same results', async () => {
    const [ana, bob] = await people('ana', 'bob');
    await bulk(ana, 'Wombat Tune', 240);
    await bulk(ana, 'Numbat Song', 60);
    await h.db.executeSql(`update tracks set genre = case when play_count % 3 = 0 then 'house' else 'techno' end, bpm = 90 + play_count % 60 where owner_id = $1`, [ana.user.id]);
    const { id } = await h.upload(bob.token, undefined, { title: 'Wombat Private' });
    await h.db.executeSql(`update tracks set status = 'ready', visibility = 'private', genre = 'house', bpm = 100 where id = $1`, [id]);
    const search = { q: 'wombat', genres: ['house'], bpmMin: 95, bpmMax: 125 };
    const before = await all(ana.api, search);
    await h.db.executeSql('analyze tracks');
    // The statistics now say "wombat" is in most tracks: it is no longer looked up in the full-text index.
    const { unindexed } = await catalogSearchRepository(h.db.fork()).prepareTrackSearch(parseSearch('wombat numbat'));
    expect([...unindexed]).toEqual(["'wombat':*"]);
    const after = await all(ana.api, search);
    const expected = Array.from({ length: 240 }, (_, i) => i + 1).filter((n) => n % 3 === 0 && 90 + (n % 60) >= 95 && 90 + (n % 60) < 125);
    expect(after.titles.toSorted()).toEqual(expected.map((n) => `Wombat Tune ${n}`).toSorted());
    expect(after.titles.toSorted()).toEqual(before.titles.toSorted());
    expect(after.first.facets).toEqual(before.first.facets);
    // Someone else's private track stays out of it.
    expect((await all(ana.api, { q: 'wombat private' })).titles).toEqual([]);
  });

  it('tolerates typos of rare words only: a word found as written in many tracks is taken as written', async () => {
    const [ana] = await people('ana');
    await bulk(ana, 'Wallaby', FUZZY_EXACT_MAX);
    await bulk(ana, 'Wallabi Typo', 1);
    await bulk(ana, 'Bandicoot', 3);
    await bulk(ana, 'Bandicout Typo', 1);
    // "wallaby" is a real word here: "Wallabi Typo" (a close spelling) is not among its matches.
    expect((await ana.api.search.tracks({ q: 'wallaby', sort: 'plays', limit: 3 })).facets?.total).toBe(FUZZY_EXACT_MAX);
    // "bandicoot" is rare: its close spelling is found too, after the exact matches.
    const rare = (await ana.api.search.tracks({ q: 'bandicoot' })).items.map((t) => t.title);
    expect(rare).toHaveLength(4);
    expect(rare.at(-1)).toBe('Bandicout Typo 1');
    // Suggestions apply the same rule.
    const suggested = (await ana.api.search.suggest({ q: 'wallaby' })).items.flatMap((s) => (s.kind === 'track' ? [s.title] : []));
    expect(suggested.length).toBeGreaterThan(0);
    expect(suggested.every((t) => t.startsWith('Wallaby '))).toBe(true);
  });

  it('suggests the most played matches; for 2-letter prefixes among the 5,000 most played tracks, or by the longer words', async () => {
    const [ana] = await people('ana');
    await bulk(ana, 'Zephyr Hit', 5_200);
    const { id } = await h.upload(ana.token, undefined, { title: 'Quokka Zeal' });
    await h.db.executeSql(`update tracks set status = 'ready' where id = $1`, [id]);
    // The statistics know the words (as autovacuum keeps them on PostgreSQL): each query looks where its matches are,
    // a frequent word among the popular tracks first, a rare one straight in the index.
    await h.db.executeSql('analyze tracks');
    const tracksOf = async (q: string) => (await ana.api.search.suggest({ q })).items.flatMap((s) => (s.kind === 'track' ? [s.title] : []));
    // Two letters alone: the most played matches, best first; an unplayed track is not among them.
    const short = await tracksOf('ze');
    expect(short[0]).toBe('Zephyr Hit 5200');
    expect(short).not.toContain('Quokka Zeal');
    // A third letter searches every track again; a longer word finds the rest of the query's matches.
    expect(await tracksOf('zea')).toEqual(['Quokka Zeal']);
    expect(await tracksOf('quokka ze')).toEqual(['Quokka Zeal']);
    expect(await tracksOf('quokka zo')).toEqual([]);
    expect(await tracksOf('ze OR quokka')).toContain('Zephyr Hit 5200');
    // Longer words: the most played matches among the popular tracks when there are enough, else from the index.
    expect((await tracksOf('zephyr'))[0]).toBe('Zephyr Hit 5200');
    expect(await tracksOf('quokka')).toEqual(['Quokka Zeal']);
  });
});
