// Search at scale (issue 12), through tRPC callers on the real database (PGlite, or PostgreSQL when DATABASE_URL is
// set): a relevance page ranks the RANK_CANDIDATES most played matches (and says `approximate` when more matched),
// selective queries are ranked whole, sorting by newest or plays reaches every match, and a word found as written in
// FUZZY_EXACT_MAX tracks or more gets no typo tolerance (rare words still do); suggestions for 2-letter prefixes.
import { FUZZY_EXACT_MAX, RANK_CANDIDATES } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, peopleOf, type Account, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'sc');
const MANY = RANK_CANDIDATES + 150;

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
  it('ranks the most played matches of a frequent word, says so, and still finds every match by newest or plays', async () => {
    const [ana] = await people('ana');
    await bulk(ana, 'Capybara Anthem', MANY);
    // A title match played less than the RANK_CANDIDATES most played ones is left out of the relevance ranking.
    const relevance = await all(ana.api, { q: 'capybara' });
    expect(relevance.first.approximate).toBe(true);
    expect(relevance.titles).toHaveLength(RANK_CANDIDATES);
    expect(new Set(relevance.titles).size).toBe(RANK_CANDIDATES);
    expect(relevance.titles[0]).toBe(`Capybara Anthem ${MANY}`);
    expect(relevance.titles).not.toContain('Capybara Anthem 1');
    // Facets are counted as before (all matches here: fewer than FACET_CAP).
    expect(relevance.first.facets).toMatchObject({ total: MANY, capped: false });
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
