import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@veza/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetMockDb } from './db.ts';
import { fixtures } from './fixtures.ts';
import { server } from './node.ts';
import { states } from './states.ts';

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
    if (error instanceof TRPCClientError) return error as TRPCClientError<AppRouter>;
  }
  throw new Error('expected a tRPC error');
};

describe('mock back end', () => {
  it('pages through public tracks newest first', async () => {
    const first = await api.tracks.list.query({ limit: 4 });
    expect(first.items.map((t) => t.title)).toEqual(['Morning Static', 'Le dernier métro', 'Tape Hiss Lullaby', 'Lumière froide']);
    const second = await api.tracks.list.query({ limit: 4, cursor: first.nextCursor });
    expect(second.items).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
  });

  it('is signed out until login, then answers auth.me and keeps likes per user', async () => {
    expect((await errorOf(api.auth.me.query())).data?.code).toBe('UNAUTHORIZED');
    await api.auth.login.mutate({ login: 'lea@example.com', password: 'password123' });
    expect((await api.auth.me.query()).username).toBe('lea_m');

    const id = fixtures.tracks[0]!.id;
    expect(await api.tracks.like.mutate({ id })).toEqual({ id, liked: true, likeCount: 43 });
    expect((await api.tracks.byId.query({ id })).likedByMe).toBe(true);
    expect(await api.tracks.unlike.mutate({ id })).toEqual({ id, liked: false, likeCount: 42 });
  });

  it('reports taken usernames as per-field errors, like the server', async () => {
    const error = await errorOf(api.auth.register.mutate({ email: 'x@example.com', username: 'taken', password: 'long enough' }));
    expect(error.data).toMatchObject({ code: 'CONFLICT', httpStatus: 409, fieldErrors: { username: ['This username is already taken.'] } });
  });

  it('hides private tracks from everyone but their owner', async () => {
    const id = fixtures.tracks[7]!.id;
    expect((await errorOf(api.tracks.byId.query({ id }))).data?.code).toBe('NOT_FOUND');
    resetMockDb({ signedInAs: 'ana' });
    expect((await api.tracks.byId.query({ id })).visibility).toBe('private');
  });

  it('has state helpers for stories and tests', async () => {
    server.use(states.emptyTracks());
    expect(await api.tracks.list.query({})).toEqual({ items: [], nextCursor: null });
    server.use(states.error('tracks.byId', 'FORBIDDEN', 'Nope'));
    expect((await errorOf(api.tracks.byId.query({ id: fixtures.tracks[0]!.id }))).data).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403, fieldErrors: null });
  });

  it('carries processing status, waveform and metadata; lists leave out the waveform and lyrics', async () => {
    const night = await api.tracks.byId.query({ id: fixtures.tracks[0]!.id });
    expect(night).toMatchObject({ status: 'ready', tags: ['lo-fi', 'night', 'chillhop'], bpm: 84, musicalKey: 'F# minor', hls: { renditions: [96, 160, 256] } });
    expect(night.waveform).toHaveLength(1800);
    expect(night.lyrics).toContain('Headlights');
    expect(await api.tracks.byId.query({ id: fixtures.tracks[2]!.id })).toMatchObject({ status: 'processing', processingPercent: 42, hls: null });
    const listed = (await api.tracks.list.query({ limit: 20 })).items.find((t) => t.id === fixtures.tracks[0]!.id);
    expect(listed).toMatchObject({ waveform: null, lyrics: null, tags: ['lo-fi', 'night', 'chillhop'] });
  });

  it('updates tags, BPM, key and lyrics for the owner', async () => {
    resetMockDb({ signedInAs: 'ana' });
    const updated = await api.tracks.update.mutate({ id: fixtures.tracks[0]!.id, tags: ['Dub', 'dub', 'rain'], bpm: 120, musicalKey: 'A minor', lyrics: null });
    expect(updated).toMatchObject({ tags: ['dub', 'rain'], bpm: 120, musicalKey: 'A minor', lyrics: null });
  });

  it('speaks enough tus to upload in dev:mock, and answers the last PATCH with Veza-Track-Id', async () => {
    resetMockDb({ signedInAs: 'ana' });
    const b64 = (text: string) => btoa(text);
    const created = await fetch('http://localhost/api/uploads', {
      method: 'POST',
      headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': '10', 'Upload-Metadata': `filename ${b64('sunrise.wav')},title ${b64('Sunrise')}` },
    });
    expect(created.status).toBe(201);
    const url = new URL(created.headers.get('location')!, 'http://localhost').href;
    const patch = (offset: number, bytes: number) =>
      fetch(url, { method: 'PATCH', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' }, body: new Uint8Array(bytes) });
    expect((await patch(0, 4)).headers.get('upload-offset')).toBe('4');
    expect((await fetch(url, { method: 'HEAD' })).headers.get('upload-offset')).toBe('4');
    const last = await patch(4, 6);
    const id = last.headers.get('veza-track-id');
    expect(id).toBeTruthy();
    resetMockDb({ signedInAs: 'ana' });
  });

  it('refuses non-audio tus uploads and oversized covers with the API error shape', async () => {
    resetMockDb({ signedInAs: 'ana' });
    const tus = await fetch('http://localhost/api/uploads', { method: 'POST', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': '10', 'Upload-Metadata': `filename ${btoa('notes.txt')}` } });
    expect(tus.status).toBe(415);
    expect(await tus.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const form = new FormData();
    form.append('file', new File([new Uint8Array(6 * 1024 * 1024)], 'big.png', { type: 'image/png' }));
    const cover = await fetch(`http://localhost/api/tracks/${fixtures.tracks[0]!.id}/cover`, { method: 'POST', body: form });
    expect(cover.status).toBe(413);
  });
});
