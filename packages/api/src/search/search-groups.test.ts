// Group search (issue 12), through tRPC callers on the real database (PGlite, or PostgreSQL when DATABASE_URL is set):
// search.groups and the groups of search.suggest. Public and private groups are found (a private one marked so, its
// page offering to ask to join, as the groups service shows a private group's name to all), by name and description,
// ignoring accents, with typos; a group the viewer is banned from is not; a renamed group is found by its new name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, peopleOf, trpcError, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const people = peopleOf(() => h, 'sg');
type Api = Awaited<ReturnType<Harness['caller']>>;
const names = async (api: Api, q: string) => (await api.search.groups({ q })).items.map((g) => g.name);
const suggestedGroups = async (api: Api, q: string) => (await api.search.suggest({ q })).items.filter((s) => s.kind === 'group');

describe('search: groups', () => {
  it('finds public and private groups by name and description, accents and typos aside, private ones marked', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const open = await ana.api.groups.create({ name: 'Café Flamingo Club', description: 'Lo-fi beats for rainy afternoons' });
    const closed = await ana.api.groups.create({ name: 'Flamingo Insiders', isPublic: false });
    await bob.api.groups.join({ id: open.id });

    // Accents either way, word prefixes, the description.
    expect((await names(bob.api, 'cafe flamin')).sort()).toEqual(['Café Flamingo Club']);
    expect(await names(bob.api, 'CAFÉ')).toEqual(['Café Flamingo Club']);
    expect(await names(bob.api, 'rainy afternoons')).toEqual(['Café Flamingo Club']);
    // A typo in a longer word still finds the name.
    expect((await names(bob.api, 'flamingi')).sort()).toEqual(['Café Flamingo Club', 'Flamingo Insiders']);
    // Bigger groups a little higher among equals: the club has two members, the private group one.
    expect(await names(bob.api, 'flamingo')).toEqual(['Café Flamingo Club', 'Flamingo Insiders']);

    // The private group is found by a stranger and by someone signed out, marked private, with nothing to read yet.
    const anonymous = await h.caller();
    const [privateHit] = (await bob.api.search.groups({ q: 'insiders' })).items;
    expect(privateHit).toMatchObject({ id: closed.id, isPublic: false, canRead: false, myStanding: null, memberCount: 1, roomId: null });
    expect((await anonymous.search.groups({ q: 'insiders' })).items).toEqual([expect.objectContaining({ id: closed.id, isPublic: false, canRead: false })]);
    // Asking to join shows in the next search; the owner reads it.
    await bob.api.groups.requestJoin({ id: closed.id });
    expect((await bob.api.search.groups({ q: 'insiders' })).items[0]).toMatchObject({ myStanding: 'requested' });
    expect((await ana.api.search.groups({ q: 'insiders' })).items[0]).toMatchObject({ myStanding: 'owner', canRead: true, canManage: true });
    expect((await bob.api.search.groups({ q: 'cafe' })).items[0]).toMatchObject({ id: open.id, isPublic: true, canRead: true, myStanding: 'member', memberCount: 2 });

    // Renamed: found by the new name only.
    await ana.api.groups.update({ id: open.id, name: 'Heron Lounge' });
    expect(await names(bob.api, 'cafe')).toEqual([]);
    expect(await names(bob.api, 'heron lounge')).toEqual(['Heron Lounge']);
  });

  it('suggests groups as you type, with their avatar, member count and visibility', async () => {
    const [ana] = await people('ana');
    const open = await ana.api.groups.create({ name: 'Quokka Collective' });
    const closed = await ana.api.groups.create({ name: 'Quokka Vault', isPublic: false });
    const items = await suggestedGroups(await h.caller(), 'quokk');
    expect(items).toHaveLength(2);
    expect(items).toEqual(
      expect.arrayContaining([
        { kind: 'group', id: open.id, slug: open.slug, name: 'Quokka Collective', avatarUrl: null, memberCount: 1, isPublic: true },
        { kind: 'group', id: closed.id, slug: closed.slug, name: 'Quokka Vault', avatarUrl: null, memberCount: 1, isPublic: false },
      ]),
    );
    // Mixed with the other kinds.
    await ana.api.playlists.create({ title: 'Quokka Songs' });
    const mixed = await (await h.caller()).search.suggest({ q: 'quokka' });
    expect(mixed.items.map((s) => s.kind).sort()).toEqual(['group', 'group', 'playlist']);
  });

  it('hides a group from the people it banned; a block with its owner does not hide it', async () => {
    const [ana, bob, cid] = await people('ana', 'bob', 'cid');
    const group = await ana.api.groups.create({ name: 'Ibis Society' });
    await bob.api.groups.join({ id: group.id });
    await ana.api.groups.ban({ id: group.id, userId: bob.user.id });
    expect(await names(bob.api, 'ibis')).toEqual([]);
    expect(await suggestedGroups(bob.api, 'ibis')).toEqual([]);
    expect(await names(cid.api, 'ibis')).toEqual(['Ibis Society']);
    await ana.api.groups.unban({ id: group.id, userId: bob.user.id });
    expect(await names(bob.api, 'ibis')).toEqual(['Ibis Society']);
    // A group is a community, not its owner's content: groups.get shows it to someone in a block, so does search.
    await cid.api.users.block({ username: ana.user.username });
    expect(await names(cid.api, 'ibis')).toEqual(['Ibis Society']);
  });

  it('pages groups of equal rank without repeats, records the query, and refuses an empty or forged one', async () => {
    const [ana] = await people('ana');
    for (const name of ['Okapi Alpha', 'Okapi Beta', 'Okapi Gamma']) await ana.api.groups.create({ name: `${name}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page: Awaited<ReturnType<Api['search']['groups']>> = await ana.api.search.groups({ q: 'okapi', limit: 1, cursor });
      seen.push(...page.items.map((g) => g.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(seen).size).toBe(3);
    expect((await ana.api.search.history.list())[0]?.query).toBe('okapi');
    expect(await trpcError(() => ana.api.search.groups({ q: '%_' }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'empty_query' } });
    expect(await trpcError(() => ana.api.search.groups({ q: 'okapi', cursor: 'forged' }))).toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'bad_cursor' } });
    expect(await names(ana.api, "okapi'; drop table groups; --")).toEqual([]);
    expect(await names(ana.api, 'okapi')).toHaveLength(3);
  });
});
