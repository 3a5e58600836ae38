import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@veza/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetMockDb } from './db.ts';
import { server } from './node.ts';

const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: 'http://localhost/trpc' })] });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  resetMockDb();
});
afterAll(() => server.close());

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) return { message: error.message, ...((error as TRPCClientError<AppRouter>).data as { code: string; reason?: string }) };
  }
  throw new Error('expected a tRPC error');
};

describe('search mock', () => {
  it('suggests tracks, playlists and groups for a prefix, ignoring case and accents', async () => {
    const { items } = await api.search.suggest.query({ q: 'NIGH' });
    expect(items.map((s) => `${s.kind}:${s.kind === 'group' || s.kind === 'user' ? s.id : s.title}`)).toEqual(
      expect.arrayContaining(['track:Night Drive', 'playlist:Late night drives', expect.stringMatching(/^group:/)]),
    );
    expect((await api.search.suggest.query({ q: 'lumiere' })).items.map((s) => s.kind === 'track' && s.title)).toContain('Lumière froide');
  });

  it('applies the query language and the filters, with facet counts of what matches', async () => {
    const all = await api.search.tracks.query({ q: 'marc' });
    expect(all.items.map((t) => t.title).sort()).toEqual(['Le dernier métro', 'Lumière froide', 'Rue des Martyrs']);
    expect(all.facets?.total).toBe(3);
    expect(all.facets?.genres).toEqual(expect.arrayContaining([{ value: 'chanson', count: 1 }, { value: 'electronic', count: 1 }, { value: 'ambient', count: 1 }]));
    const chanson = await api.search.tracks.query({ q: 'marc', genres: ['chanson'] });
    expect(chanson.items.map((t) => t.title)).toEqual(['Le dernier métro']);
    expect(chanson.facets?.total).toBe(1);
    expect(chanson.facets?.bpm.find((b) => b.value === '90-110')?.count).toBe(1);
    expect((await api.search.tracks.query({ q: 'marc -lumiere' })).items).toHaveLength(2);
    expect((await api.search.tracks.query({ q: '"dernier metro"' })).items.map((t) => t.title)).toEqual(['Le dernier métro']);
    expect((await api.search.tracks.query({ q: 'lumiere OR night' })).items).toHaveLength(2);
  });

  it('pages with a cursor, facets on the first page only', async () => {
    const first = await api.search.tracks.query({ q: 'marc', limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await api.search.tracks.query({ q: 'marc', limit: 2, cursor: first.nextCursor });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(second.facets).toBeNull();
  });

  it('finds the groups of the groups mock: a group created in the mocked app is found, a deleted one no longer', async () => {
    resetMockDb({ signedInAs: 'ana' });
    expect((await api.search.groups.query({ q: 'mangrove' })).items).toEqual([]);
    const created = await api.groups.create.mutate({ name: 'Mangrove Tapes', description: 'Field recordings from the coast.' });
    const found = await api.search.groups.query({ q: 'mangrove' });
    expect(found.items).toEqual([expect.objectContaining({ id: created.id, slug: created.slug, name: 'Mangrove Tapes', myStanding: 'owner', memberCount: 1 })]);
    expect((await api.search.groups.query({ q: 'coast' })).items.map((g) => g.id)).toEqual([created.id]);
    const { items } = await api.search.suggest.query({ q: 'mangro' });
    expect(items).toContainEqual(expect.objectContaining({ kind: 'group', id: created.id, slug: created.slug }));
    // Seeded groups come from the same store, private ones included (as the API finds them).
    expect((await api.search.groups.query({ q: 'tape club' })).items.map((g) => g.name)).toEqual(['Tape Club']);
    await api.groups.delete.mutate({ id: created.id });
    expect((await api.search.groups.query({ q: 'mangrove' })).items).toEqual([]);
  });

  it('refuses what the API refuses, with its reasons', async () => {
    expect(await errorOf(api.search.tracks.query({ q: 'a' }))).toMatchObject({ code: 'BAD_REQUEST', reason: 'empty_query' });
    expect(await errorOf(api.search.people.query({ q: 'x'.repeat(201) }))).toMatchObject({ code: 'BAD_REQUEST', message: 'Searches can be at most 200 characters.' });
  });

  it('records a signed-in first page in the history, which can be removed and cleared', async () => {
    resetMockDb({ signedInAs: 'ana' });
    await api.search.people.query({ q: 'marc' });
    const history = await api.search.history.list.query();
    expect(history[0]?.query).toBe('marc');
    await api.search.history.remove.mutate({ id: history[0]!.id });
    expect((await api.search.history.list.query()).map((r) => r.query)).not.toContain('marc');
    expect(await api.search.history.clear.mutate()).toEqual({ removed: 3 });
    expect(await api.search.history.list.query()).toEqual([]);
    expect(await api.search.suggest.query({ q: '' })).toEqual({ items: [], recent: [] });
  });
});
