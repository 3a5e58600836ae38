// Search (issue 12), through tRPC callers on the real database: who finds what (private and unlisted tracks,
// private profiles, blocks, private playlists, signed out), the search history's rules, and bad input (too short,
// too long, only operators, unbalanced quotes, LIKE/regex metacharacters, SQL, forged cursors) refused with a typed
// error or answered sensibly, changing nothing.
import { SearchHistoryEntry, Track } from '@veza/db';
import { SEARCH_HISTORY_MAX, SEARCH_TEXT_MAX } from '@veza/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, peopleOf, trpcError, type Account, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'sa');

async function track(owner: Account, title: string) {
  const { id } = await h.upload(owner.token, undefined, { title });
  await h.db.fork().nativeUpdate(Track, { id }, { status: 'ready', title });
  return id;
}
const anonymous = () => h.caller();
const found = async (api: Awaited<ReturnType<Harness['caller']>>, q: string) => (await api.search.tracks({ q })).items.map((t) => t.title).sort();
const suggested = async (api: Awaited<ReturnType<Harness['caller']>>, q: string) => (await api.search.suggest({ q })).items.map((s) => (s.kind === 'user' ? s.username : s.kind === 'group' ? s.name : s.title)).sort();

describe('search: who finds what', () => {
  it('keeps private, unlisted and unprocessed tracks to their owner', async () => {
    const [ana, bob] = await people('ana', 'bob');
    await track(ana, 'Ocelot Public');
    const secret = await track(ana, 'Ocelot Secret');
    await ana.api.tracks.update({ id: secret, visibility: 'private' });
    const byLink = await track(ana, 'Ocelot Unlisted');
    await ana.api.tracks.update({ id: byLink, visibility: 'unlisted' });
    await h.upload(ana.token, undefined, { title: 'Ocelot Processing' });
    expect(await found(ana.api, 'ocelot')).toEqual(['Ocelot Public', 'Ocelot Secret', 'Ocelot Unlisted']);
    expect(await found(bob.api, 'ocelot')).toEqual(['Ocelot Public']);
    expect(await found(await anonymous(), 'ocelot')).toEqual(['Ocelot Public']);
    expect(await suggested(bob.api, 'ocelot')).toEqual(['Ocelot Public']);
    expect((await bob.api.search.tracks({ q: 'ocelot' })).facets?.total).toBe(1);
  });

  it("shows a private profile's tracks and playlists to approved followers only, the profile itself to all", async () => {
    const [cat, fan, stranger] = await people('cat', 'fan', 'stranger');
    await track(cat, 'Caracal Night');
    await cat.api.playlists.create({ title: 'Caracal Crate' });
    await cat.api.playlists.create({ title: 'Caracal Hidden', isPublic: false });
    await cat.api.users.updateProfile({ isPrivate: true });
    await fan.api.social.follow({ username: cat.user.username });
    await stranger.api.social.follow({ username: cat.user.username });
    await cat.api.social.approveRequest({ username: fan.user.username });
    expect(await found(fan.api, 'caracal')).toEqual(['Caracal Night']);
    expect(await found(cat.api, 'caracal')).toEqual(['Caracal Night']);
    expect(await found(stranger.api, 'caracal')).toEqual([]);
    expect(await found(await anonymous(), 'caracal')).toEqual([]);
    const lists = async (api: Awaited<ReturnType<Harness['caller']>>) => (await api.search.playlists({ q: 'caracal' })).items.map((p) => p.title).sort();
    expect(await lists(cat.api)).toEqual(['Caracal Crate', 'Caracal Hidden']);
    expect(await lists(fan.api)).toEqual(['Caracal Crate']);
    expect(await lists(stranger.api)).toEqual([]);
    expect(await suggested(stranger.api, 'caracal')).toEqual([]);
    // The profile is found (its name is public), marked private.
    expect((await stranger.api.search.people({ q: cat.user.username })).items).toEqual([expect.objectContaining({ user: expect.objectContaining({ id: cat.user.id }), isPrivate: true })]);
  });

  it('hides people in a block with the viewer, and their tracks and playlists, both ways', async () => {
    const [ana, dan, eve] = await people('ana', 'dan', 'eve');
    await track(dan, 'Jackal Dan');
    await track(ana, 'Jackal Ana');
    await dan.api.playlists.create({ title: 'Jackal Box' });
    await ana.api.users.block({ username: dan.user.username });
    expect(await found(ana.api, 'jackal')).toEqual(['Jackal Ana']);
    expect(await found(dan.api, 'jackal')).toEqual(['Jackal Dan']);
    expect(await found(eve.api, 'jackal')).toEqual(['Jackal Ana', 'Jackal Dan']);
    expect((await ana.api.search.playlists({ q: 'jackal' })).items).toEqual([]);
    expect((await ana.api.search.people({ q: dan.user.username })).items).toEqual([]);
    expect((await dan.api.search.people({ q: ana.user.username })).items).toEqual([]);
    expect((await eve.api.search.people({ q: dan.user.username })).items).toHaveLength(1);
    expect(await suggested(ana.api, 'jackal')).toEqual(['Jackal Ana']);
  });
});

describe('search: history', () => {
  it('records first pages only, moves a repeated query to the top, keeps the last 20, removes one or all', async () => {
    const [ana, bob] = await people('ana', 'bob');
    await track(ana, 'Lemur One');
    await track(ana, 'Lemur Two');
    const first = await ana.api.search.tracks({ q: '  Lemur  ', limit: 1 });
    await ana.api.search.tracks({ q: 'lemur', limit: 1, cursor: first.nextCursor });
    await ana.api.search.people({ q: 'nobody here' });
    await ana.api.search.suggest({ q: 'not recorded' });
    expect((await ana.api.search.history.list()).map((e) => e.query)).toEqual(['nobody here', 'Lemur']);
    await ana.api.search.tracks({ q: 'LEMUR' });
    expect((await ana.api.search.history.list()).map((e) => e.query)).toEqual(['LEMUR', 'nobody here']);
    // The empty box shows them.
    expect((await ana.api.search.suggest({ q: '' })).recent.map((e) => e.query)).toEqual(['LEMUR', 'nobody here']);
    expect((await (await anonymous()).search.suggest({ q: '' })).recent).toEqual([]);
    // Signed out: nothing recorded (and no history to read).
    await (await anonymous()).search.tracks({ q: 'lemur anonymous' });
    expect(await trpcError(async () => (await anonymous()).search.history.list())).toMatchObject({ code: 'UNAUTHORIZED' });

    for (let i = 0; i < SEARCH_HISTORY_MAX + 3; i++) await ana.api.search.playlists({ q: `query ${i}` });
    const list = await ana.api.search.history.list();
    expect(list).toHaveLength(SEARCH_HISTORY_MAX);
    expect(list[0]!.query).toBe(`query ${SEARCH_HISTORY_MAX + 2}`);
    expect(list.at(-1)!.query).toBe('query 3');

    // Someone else's entry is not found, and stays.
    expect(await trpcError(() => bob.api.search.history.remove({ id: list[0]!.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => bob.api.search.history.remove({ id: 'nope' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await ana.api.search.history.remove({ id: list[0]!.id })).toEqual({ id: list[0]!.id, removed: true });
    expect(await trpcError(() => ana.api.search.history.remove({ id: list[0]!.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await ana.api.search.history.list()).toHaveLength(SEARCH_HISTORY_MAX - 1);
    expect(await bob.api.search.history.clear()).toEqual({ removed: 0 });
    expect(await ana.api.search.history.clear()).toEqual({ removed: SEARCH_HISTORY_MAX - 1 });
    expect(await h.db.fork().count(SearchHistoryEntry, { user: ana.user.id })).toBe(0);
  });
});

describe('search: bad input', () => {
  it('refuses what holds no word, too much text and malformed input, with a typed error', async () => {
    const [ana] = await people('ana');
    const api = ana.api;
    for (const q of ['a', '', '   ', 'AND OR NOT', '- -', '%', '_', '\\', '.*', '%_\\.*', '""', '-"only negated" -words', '( )']) {
      expect(await trpcError(() => api.search.tracks({ q }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'empty_query' } });
      expect(await trpcError(() => api.search.people({ q }))).toMatchObject({ code: 'BAD_REQUEST' });
      expect(await api.search.suggest({ q })).toMatchObject({ items: [] });
    }
    const long = 'x'.repeat(10_000);
    for (const call of [() => api.search.tracks({ q: long }), () => api.search.suggest({ q: long }), () => api.search.playlists({ q: 'y'.repeat(SEARCH_TEXT_MAX + 1) })]) {
      const error = await trpcError(call);
      expect(error).toMatchObject({ code: 'BAD_REQUEST' });
      expect(error.message).toContain(`${SEARCH_TEXT_MAX} characters`);
    }
    expect(await trpcError(() => api.search.tracks({ q: Array.from({ length: 13 }, (_, i) => `word${i}`).join(' ') }))).toMatchObject({ code: 'BAD_REQUEST' });
    for (const bad of [{ q: 5 }, { q: 'ok', sort: 'random' }, { q: 'ok', limit: 500 }, { q: 'ok', bpmMin: 140, bpmMax: 120 }, { q: 'ok', genres: ['nope'] }, { q: 'ok', tags: ['x'.repeat(40)] }, { q: 'a\u0000b' }]) {
      expect(await trpcError(() => api.search.tracks(bad as never))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    for (const cursor of ['nope', Buffer.from('relevance|1|x').toString('base64url'), Buffer.from(`newest|${new Date().toISOString()}|${crypto.randomUUID()}`).toString('base64url')]) {
      expect(await trpcError(() => api.search.tracks({ q: 'lemur', cursor }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'bad_cursor' } });
    }
    expect(await api.search.history.list()).toEqual([]);
  });

  it('answers unbalanced quotes, metacharacters beside words and SQL fragments as plain words', async () => {
    const [ana] = await people('ana');
    await track(ana, 'Tapir 100% Drop_Table Tracks');
    await track(ana, 'Tapirs');
    expect(await found(ana.api, '"tapir 100')).toEqual(['Tapir 100% Drop_Table Tracks']);
    expect(await found(ana.api, 'tapir %')).toEqual(['Tapir 100% Drop_Table Tracks', 'Tapirs']);
    expect(await found(ana.api, 'tapir .* \\ _')).toEqual(['Tapir 100% Drop_Table Tracks', 'Tapirs']);
    expect(await found(ana.api, "tapir'; drop table tracks; --")).toEqual(['Tapir 100% Drop_Table Tracks']);
    expect(await found(ana.api, "tapir' OR '1'='1")).toEqual(['Tapir 100% Drop_Table Tracks', 'Tapirs']);
    expect(await found(ana.api, 'tapir ) ( :* & | !')).toEqual(['Tapir 100% Drop_Table Tracks', 'Tapirs']);
    expect((await ana.api.search.suggest({ q: "tapir'; --" })).items.length).toBeGreaterThan(0);
    expect(await h.db.fork().count(Track, { owner: ana.user.id })).toBe(2);
  });
});
