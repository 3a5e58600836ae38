import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Track } from '@veza/db';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';

let h: Harness;
let ana: Awaited<ReturnType<Harness['signUp']>>;
let bob: Awaited<ReturnType<Harness['signUp']>>;
beforeAll(async () => {
  h = await createHarness();
  [ana, bob] = [await h.signUp('ana'), await h.signUp('bob')];
});
afterAll(() => h.close());

/** A ready track of `user` with these tags and visibility (processing done, as the worker would leave it). */
async function tagged(user: typeof ana, title: string, tags: string[], visibility: 'public' | 'unlisted' | 'private' = 'public') {
  const { id } = await h.upload(user.token, undefined, { title });
  await user.api.tracks.update({ id, tags, visibility });
  await h.db.fork().nativeUpdate(Track, { id }, { status: 'ready' });
  return id;
}
const titles = (page: { items: { title: string }[] }) => page.items.map((t) => t.title);

describe('tracks.list({ tag })', () => {
  beforeAll(async () => {
    await tagged(ana, 'Night Drive', ['lo-fi', 'night']);
    await tagged(bob, 'Rainy Loop', ['Lo-Fi', 'rain']);
    await tagged(bob, 'Synth Lines', ['synthwave']);
    await tagged(ana, 'Secret Sketch', ['lo-fi'], 'private');
    await tagged(ana, 'Shared Demo', ['lo-fi'], 'unlisted');
    await tagged(bob, 'Lofi Without Dash', ['lofi']);
  });

  it('lists the public tracks carrying the tag, newest first, matching whole tags only', async () => {
    const anon = await h.caller();
    expect(titles(await anon.tracks.list({ tag: 'lo-fi' }))).toEqual(['Rainy Loop', 'Night Drive']);
    expect(titles(await anon.tracks.list({ tag: 'synthwave' }))).toEqual(['Synth Lines']);
    // "lo" is not "lo-fi": whole tags, not substrings.
    expect(titles(await anon.tracks.list({ tag: 'lo' }))).toEqual([]);
    expect(titles(await anon.tracks.list({ tag: 'jazz' }))).toEqual([]);
  });

  it('normalises the tag like stored tags (trimmed, lower case)', async () => {
    const anon = await h.caller();
    expect(titles(await anon.tracks.list({ tag: '  LO-FI ' }))).toEqual(['Rainy Loop', 'Night Drive']);
  });

  it('never shows private or unlisted tracks by tag, not even to their owner on the public list', async () => {
    expect(titles(await ana.api.tracks.list({ tag: 'lo-fi' }))).toEqual(['Rainy Loop', 'Night Drive']);
    // On their own profile list the owner sees all of theirs with the tag.
    expect(titles(await ana.api.tracks.list({ username: 'ana', tag: 'lo-fi' })).sort()).toEqual(['Night Drive', 'Secret Sketch', 'Shared Demo']);
    expect(titles(await bob.api.tracks.list({ username: 'ana', tag: 'lo-fi' }))).toEqual(['Night Drive']);
  });

  it('pages through a tag with the cursor', async () => {
    const anon = await h.caller();
    const first = await anon.tracks.list({ tag: 'lo-fi', limit: 1 });
    expect(titles(first)).toEqual(['Rainy Loop']);
    const second = await anon.tracks.list({ tag: 'lo-fi', limit: 1, cursor: first.nextCursor });
    expect(titles(second)).toEqual(['Night Drive']);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a malformed tag with a readable message', async () => {
    const anon = await h.caller();
    const error = await trpcError(() => anon.tracks.list({ tag: '#nope' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('Tags use letters, digits, spaces');
    expect((await trpcError(() => anon.tracks.list({ tag: 'x'.repeat(31) }))).code).toBe('BAD_REQUEST');
  });

  it('finds tagged tracks through the GIN index, not a table scan', async () => {
    const em = h.db.fork();
    const connection = em.getConnection();
    await connection.execute('set enable_seqscan = off');
    try {
      const plan = await connection.execute<{ 'QUERY PLAN': string }[]>(`explain select id from tracks where tags @> '["lo-fi"]'::jsonb`);
      expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('tracks_tags_gin_idx');
    } finally {
      await connection.execute('set enable_seqscan = on');
    }
  });
});
