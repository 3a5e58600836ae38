import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Track, type TrackStatus } from '@veza/db';
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

/** Sets a track's processing state, as the processing worker does. */
const setStatus = (id: string, status: TrackStatus) => h.db.fork().nativeUpdate(Track, { id }, { status });

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
    for (const id of ids) await setStatus(id, 'ready');
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
    await setStatus(id, 'ready');
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

describe('public lists show only what the public can play', () => {
  it('tracks still processing or failed are listed and counted for their owner only', async () => {
    const cat = await h.signUp('cat');
    const byStatus: Record<TrackStatus, string> = { queued: '', processing: '', failed: '', ready: '' };
    for (const status of ['queued', 'processing', 'failed', 'ready'] as const) {
      byStatus[status] = (await h.upload(cat.token, undefined, { title: `Cat ${status}` })).id;
      await setStatus(byStatus[status], status);
    }
    const catIds = new Set(Object.values(byStatus));
    const shown = async (api: Awaited<ReturnType<Harness['caller']>>, username?: string) =>
      (await api.tracks.list({ limit: 100, ...(username ? { username } : {}) })).items.filter((t) => catIds.has(t.id)).map((t) => t.title).sort();
    const anon = await h.caller();
    for (const api of [anon, bob.api]) {
      expect(await shown(api)).toEqual(['Cat ready']);
      expect(await shown(api, 'cat')).toEqual(['Cat ready']);
      expect((await api.users.byUsername({ username: 'cat' })).trackCount).toBe(1);
    }
    // The owner sees their own uploads in every state, on the home list and on their profile.
    const all = ['Cat failed', 'Cat processing', 'Cat queued', 'Cat ready'];
    expect(await shown(cat.api)).toEqual(all);
    expect(await shown(cat.api, 'cat')).toEqual(all);
    // ...but not someone else's: bob's processing upload is not on cat's home list.
    const bobs = await h.upload(bob.token, undefined, { title: 'Bob processing' });
    await setStatus(bobs.id, 'processing');
    expect((await cat.api.tracks.list({ limit: 100 })).items.map((t) => t.id)).not.toContain(bobs.id);
    expect((await bob.api.tracks.list({ limit: 100 })).items.map((t) => t.id)).toContain(bobs.id);
    expect((await cat.api.users.byUsername({ username: 'cat' })).trackCount).toBe(4);
  });
});

describe('bad input is refused, never stored', () => {
  const cursorOf = (raw: string) => Buffer.from(raw).toString('base64url');

  it('refuses cursors that look well formed but the database could not take', async () => {
    const anon = await h.caller();
    const id = crypto.randomUUID();
    for (const cursor of [
      cursorOf(`2026-01-01T00:00:00.000Z|${'-'.repeat(36)}`),
      cursorOf(`2026-01-01T00:00:00.000Z|${'f'.repeat(36)}`),
      cursorOf(`-271821-04-20T00:00:00.000Z|${id}`),
      cursorOf(`+275760-09-13T00:00:00.000Z|${id}`),
      cursorOf(`1|${id}`),
      cursorOf(`2026-01-01T00:00:00.000Z|${id}|x`),
      cursorOf(`2026-01-01T00:00:00.000Z\u0000|${id}`),
      `${cursorOf(`2026-01-01T00:00:00.000Z|${id}`)}!`,
    ]) {
      expect((await trpcError(() => anon.tracks.list({ cursor }))).code).toBe('BAD_REQUEST');
    }
    // A cursor the server could have written still works.
    expect((await anon.tracks.list({ cursor: cursorOf(`2026-01-01T00:00:00.000Z|${id}`) })).items).toEqual(expect.any(Array));
  });

  it('refuses control characters in titles, descriptions and lyrics; keeps line breaks where text is multiline', async () => {
    const { id } = await h.upload(ana.token, undefined, { title: 'Clean' });
    for (const input of [{ title: 'a\u0000b' }, { title: 'two\nlines' }, { description: 'nul \u0000' }, { lyrics: 'bell \u0007' }, { title: '\u001b[31mred' }]) {
      const error = await trpcError(() => ana.api.tracks.update({ id, ...input }));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(/cannot contain control characters/);
    }
    const updated = await ana.api.tracks.update({ id, description: 'line one\r\nline two\twith a tab', lyrics: 'verse\n\nchorus' });
    expect(updated).toMatchObject({ title: 'Clean', description: 'line one\nline two\twith a tab' });
  });

  it('refuses a control character in an upload title and cleans one in a filename', async () => {
    const before = (await h.storedFiles()).length;
    const error = await trpcError(() => h.upload(ana.token, undefined, { title: 'nul\u0000title' }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', message: 'Title cannot contain control characters.' });
    expect((await h.storedFiles()).length).toBe(before);
    const { id } = await h.upload(ana.token, undefined, { filename: 'bad\u0000na\u0007me.wav' });
    expect((await ana.api.tracks.byId({ id })).title).toBe('badname');
  });
});
