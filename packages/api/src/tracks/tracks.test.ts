import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sineWav } from '@veza/media';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';

let h: Harness;
let ana: Awaited<ReturnType<Harness['signUp']>>;
let bob: Awaited<ReturnType<Harness['signUp']>>;
beforeAll(async () => {
  h = await createHarness();
  [ana, bob] = [await h.signUp('ana'), await h.signUp('bob')];
});
afterAll(() => h.close());

describe('upload to track', () => {
  it('reads metadata and stores the original', async () => {
    const { id } = await h.upload(ana.token, sineWav({ seconds: 2, sampleRate: 48_000, channels: 2 }), { filename: 'Night_Drive.wav' });
    const track = await ana.api.tracks.byId({ id });
    expect(track).toMatchObject({
      id,
      title: 'Night Drive',
      format: 'wav',
      mimeType: 'audio/wav',
      durationMs: 2000,
      sampleRate: 48_000,
      channels: 2,
      likeCount: 0,
      likedByMe: false,
      visibility: 'public',
      owner: { username: 'ana' },
      audioUrl: `/api/tracks/${id}/audio`,
    });
    expect(track).not.toHaveProperty('storageKey');
    expect(await h.storedFiles()).toContain('original.wav');
  });

  it('prefers the given title and keeps only the basename of hostile filenames', async () => {
    const { id } = await h.upload(ana.token, undefined, { filename: '../../etc/passwd.wav', title: '  My title ' });
    expect(await ana.api.tracks.byId({ id })).toMatchObject({ title: 'My title' });
  });

  it('refuses non-audio and leaves no file or row behind', async () => {
    const before = (await h.storedFiles()).length;
    const total = async () => (await ana.api.tracks.list({ username: 'ana', limit: 100 })).items.length;
    const rows = await total();
    for (const data of ['just text pretending to be mp3', Buffer.alloc(0), '#EXTM3U\n#EXT-X-ENDLIST\n']) {
      const err = await trpcError(() => h.upload(ana.token, data, { filename: 'fake.mp3' }));
      expect(err).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringMatching(/not a supported audio format/) });
    }
    const truncated = sineWav({ seconds: 1 }).subarray(0, 44);
    expect(await trpcError(() => h.upload(ana.token, truncated))).toMatchObject({ code: 'UNPROCESSABLE_CONTENT' });
    expect((await h.storedFiles()).length).toBe(before);
    expect(await total()).toBe(rows);
  });
});

describe('tracks.list', () => {
  it('pages newest first with a cursor', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await h.upload(bob.token, undefined, { title: `Bob ${i}` })).id);
    const anon = await h.caller();
    const first = await anon.tracks.list({ username: 'bob', limit: 2 });
    expect(first.items.map((t) => t.title)).toEqual(['Bob 2', 'Bob 1']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await anon.tracks.list({ username: 'bob', limit: 2, cursor: first.nextCursor });
    expect(second.items.map((t) => t.title)).toEqual(['Bob 0']);
    expect(second.nextCursor).toBeNull();
    const all = await anon.tracks.list();
    expect(all.items[0]?.title).toBe('Bob 2');
  });

  it('rejects a forged cursor and unknown users', async () => {
    const anon = await h.caller();
    expect((await trpcError(() => anon.tracks.list({ cursor: 'bm9wZQ' }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(() => anon.tracks.list({ username: 'ghost' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(() => anon.tracks.list({ limit: 0 }))).code).toBe('BAD_REQUEST');
  });
});

describe('visibility and ownership', () => {
  it('hides private tracks from everyone but the owner', async () => {
    const { id } = await h.upload(ana.token, undefined, { title: 'Secret' });
    await ana.api.tracks.update({ id, visibility: 'private' });
    const anon = await h.caller();
    expect((await trpcError(() => anon.tracks.byId({ id }))).code).toBe('NOT_FOUND');
    expect((await trpcError(() => bob.api.tracks.byId({ id }))).code).toBe('NOT_FOUND');
    expect((await anon.tracks.list({ username: 'ana', limit: 100 })).items.map((t) => t.id)).not.toContain(id);
    expect((await ana.api.tracks.list({ username: 'ana', limit: 100 })).items.map((t) => t.id)).toContain(id);
    expect((await ana.api.tracks.byId({ id })).visibility).toBe('private');
  });

  it('lets only the owner update or delete', async () => {
    const { id } = await h.upload(ana.token, undefined, { title: 'Mine' });
    expect((await trpcError(() => bob.api.tracks.update({ id, title: 'Stolen' }))).code).toBe('FORBIDDEN');
    expect((await trpcError(() => bob.api.tracks.delete({ id }))).code).toBe('FORBIDDEN');
    expect((await trpcError(async () => (await h.caller()).tracks.delete({ id }))).code).toBe('UNAUTHORIZED');
    expect((await ana.api.tracks.byId({ id })).title).toBe('Mine');

    const updated = await ana.api.tracks.update({ id, title: ' Renamed ', description: 'Made at night' });
    expect(updated).toMatchObject({ title: 'Renamed', description: 'Made at night' });
    expect((await trpcError(() => ana.api.tracks.update({ id, title: '' }))).code).toBe('BAD_REQUEST');
  });

  it('delete removes the row and the file', async () => {
    const { id } = await h.upload(ana.token, undefined, { title: 'Short-lived' });
    const files = (await h.storedFiles()).length;
    await ana.api.tracks.delete({ id });
    expect((await trpcError(() => ana.api.tracks.byId({ id }))).code).toBe('NOT_FOUND');
    expect((await h.storedFiles()).length).toBe(files - 1);
    expect((await trpcError(() => ana.api.tracks.delete({ id }))).code).toBe('NOT_FOUND');
  });

  it('answers NOT_FOUND for unknown ids and BAD_REQUEST for malformed ones', async () => {
    const anon = await h.caller();
    expect((await trpcError(() => anon.tracks.byId({ id: crypto.randomUUID() }))).code).toBe('NOT_FOUND');
    expect((await trpcError(() => anon.tracks.byId({ id: 'not-a-uuid' }))).code).toBe('BAD_REQUEST');
  });
});

describe('likes', () => {
  it('are idempotent and counted', async () => {
    const { id } = await h.upload(ana.token, undefined, { title: 'Likeable' });
    expect(await bob.api.tracks.like({ id })).toEqual({ id, liked: true, likeCount: 1 });
    expect(await bob.api.tracks.like({ id })).toEqual({ id, liked: true, likeCount: 1 });
    expect(await ana.api.tracks.like({ id })).toEqual({ id, liked: true, likeCount: 2 });
    expect((await bob.api.tracks.byId({ id })).likedByMe).toBe(true);
    expect((await (await h.caller()).tracks.byId({ id })).likedByMe).toBe(false);
    expect((await bob.api.tracks.list({ username: 'ana' })).items.find((t) => t.id === id)).toMatchObject({ likeCount: 2, likedByMe: true });

    expect(await bob.api.tracks.unlike({ id })).toEqual({ id, liked: false, likeCount: 1 });
    expect(await bob.api.tracks.unlike({ id })).toEqual({ id, liked: false, likeCount: 1 });
  });

  it('need a session and a visible track', async () => {
    const { id } = await h.upload(ana.token, undefined, { title: 'Hidden' });
    await ana.api.tracks.update({ id, visibility: 'private' });
    expect((await trpcError(async () => (await h.caller()).tracks.like({ id }))).code).toBe('UNAUTHORIZED');
    expect((await trpcError(() => bob.api.tracks.like({ id }))).code).toBe('NOT_FOUND');
  });
});
