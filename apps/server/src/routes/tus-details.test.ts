// Details typed while a file uploads (tracks.setUploadDetails) reach the server before the track exists: the track
// is created with them, never public for a moment when the user chose private. Against the real, listening server.
import type { AddressInfo } from 'node:net';
import { Track, TrackUpload, type QueryEvent } from '@veza/db';
import { sineWav } from '@veza/media';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, register, type TestApp, type TestUser } from '../test/harness.ts';
import { TRACK_ID_HEADER, TUS_PATH } from './tus.ts';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let base: string;

beforeAll(async () => {
  t = await createTestApp({ MAX_CONCURRENT_UPLOADS: '6' });
  alice = await register(t.app, 'alice');
  bob = await register(t.app, 'bob');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterEach(() => t.deps.db.setQueryHook(null));
afterAll(() => t.close());

const TUS = { 'tus-resumable': '1.0.0' };
const b64 = (value: string) => Buffer.from(value).toString('base64');

async function create(user: TestUser, length: number, metadata: Record<string, string> = {}) {
  const meta = Object.entries(metadata).map(([k, v]) => `${k} ${b64(v)}`).join(',');
  return fetch(`${base}${TUS_PATH}`, {
    method: 'POST',
    headers: { ...TUS, ...user.bearer, 'upload-length': String(length), ...(meta ? { 'upload-metadata': meta } : {}) },
  });
}

/** Creates an upload; returns its URL and id. */
async function start(user: TestUser, length: number, metadata: Record<string, string> = {}) {
  const res = await create(user, length, metadata);
  expect(res.status).toBe(201);
  const url = new URL(res.headers.get('location') ?? '', base).toString();
  return { url, id: new URL(url).pathname.split('/').at(-1) ?? '' };
}

const patch = (url: string, user: TestUser, offset: number, body: Buffer) =>
  fetch(url, {
    method: 'PATCH',
    headers: { ...TUS, ...user.bearer, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
    body,
  });

/** Sends the bytes from `offset` to the end; returns the id of the track the last request created. */
async function finish(url: string, user: TestUser, file: Buffer, offset = 0) {
  const res = await patch(url, user, offset, file.subarray(offset));
  expect(res.status).toBe(204);
  return res.headers.get(TRACK_ID_HEADER) ?? '';
}

/** tracks.setUploadDetails over HTTP as the browser sends it: the status and the body. */
async function setDetails(user: TestUser, input: Record<string, unknown>) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/trpc/tracks.setUploadDetails',
    payload: JSON.stringify(input),
    headers: { 'content-type': 'application/json', origin: 'http://localhost', ...user.bearer },
  });
  return { status: res.statusCode, body: res.json<{ result?: { data: { trackId: string | null } }; error?: { data?: { code?: string } } }>() };
}

const trackRow = (id: string) => t.deps.db.fork().findOneOrFail(Track, { id });
const uploadRow = (id: string) => t.deps.db.fork().findOne(TrackUpload, { id });

describe('details typed during a tus upload', () => {
  it('creates the track private, with the typed title and tags, from its first row', async () => {
    const wav = sineWav({ seconds: 1 });
    const { url, id } = await start(alice, wav.length, { filename: 'from-the-file.wav' });
    const half = Math.floor(wav.length / 2);
    expect((await patch(url, alice, 0, wav.subarray(0, half))).status).toBe(204);

    const saved = await setDetails(alice, { uploadId: id, title: 'Typed while uploading', tags: ['Lo-Fi', 'demo'], visibility: 'private' });
    expect(saved).toMatchObject({ status: 200, body: { result: { data: { trackId: null } } } });

    const statements: QueryEvent[] = [];
    t.deps.db.setQueryHook((event) => statements.push(event));
    const trackId = await finish(url, alice, wav, half);
    t.deps.db.setQueryHook(null);

    // Inserted with the details and never updated afterwards: no moment where it was public.
    expect(statements.map((s) => s.summary)).toContain('insert tracks');
    expect(statements.map((s) => s.summary)).not.toContain('update tracks');
    const track = await trackRow(trackId);
    expect({ title: track.title, tags: track.tags, visibility: track.visibility }).toEqual({
      title: 'Typed while uploading',
      tags: ['lo-fi', 'demo'],
      visibility: 'private',
    });
    // Nobody else sees it.
    const listed = await t.app.inject({ method: 'GET', url: `/trpc/tracks.byId?input=${encodeURIComponent(JSON.stringify({ id: trackId }))}`, headers: bob.bearer });
    expect(listed.statusCode).toBe(404);
  });

  it('takes title, tags and visibility sent with the creation, and refuses a bad one before any byte', async () => {
    const wav = sineWav({ seconds: 0.5 });
    const { url } = await start(alice, wav.length, { filename: 'meta.wav', title: 'From metadata', visibility: 'unlisted', tags: JSON.stringify(['ambient']) });
    const track = await trackRow(await finish(url, alice, wav));
    expect({ title: track.title, tags: track.tags, visibility: track.visibility }).toEqual({ title: 'From metadata', tags: ['ambient'], visibility: 'unlisted' });

    const bad = await create(alice, wav.length, { filename: 'meta.wav', visibility: 'secret' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
    expect((await create(alice, wav.length, { tags: 'not json' })).status).toBe(400);
  });

  it("answers NOT_FOUND for someone else's upload or an unknown one, and changes nothing", async () => {
    const wav = sineWav({ seconds: 0.5 });
    const { url, id } = await start(alice, wav.length, { filename: 'mine.wav', visibility: 'private' });
    const stolen = await setDetails(bob, { uploadId: id, title: 'Bob was here', visibility: 'public' });
    expect(stolen.status).toBe(404);
    expect(stolen.body.error?.data?.code).toBe('NOT_FOUND');
    expect((await setDetails(alice, { uploadId: 'f'.repeat(32), title: 'Nowhere' })).status).toBe(404);

    const track = await trackRow(await finish(url, alice, wav));
    expect({ title: track.title, visibility: track.visibility }).toEqual({ title: 'mine', visibility: 'private' });
    // Nor can Bob reach the track through the upload once it exists.
    expect((await setDetails(bob, { uploadId: id, visibility: 'public' })).status).toBe(404);
    expect((await trackRow(track.id)).visibility).toBe('private');
  });

  it('refuses invalid details with BAD_REQUEST and keeps the ones saved before', async () => {
    const wav = sineWav({ seconds: 0.5 });
    const { url, id } = await start(alice, wav.length, { filename: 'kept.wav' });
    expect((await setDetails(alice, { uploadId: id, title: 'Kept', visibility: 'unlisted', tags: ['ok'] })).status).toBe(200);
    for (const input of [
      { uploadId: id, title: '' },
      { uploadId: id, title: 'x'.repeat(201) },
      { uploadId: id, visibility: 'secret' },
      { uploadId: id, tags: ['no/slash'] },
      { uploadId: id, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) },
      { uploadId: '../../etc/passwd', title: 'Sneaky' },
    ]) {
      const res = await setDetails(alice, input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(res.body.error?.data?.code).toBe('BAD_REQUEST');
    }
    const pending = await uploadRow(id);
    expect({ title: pending?.title, tags: pending?.tags, visibility: pending?.visibility }).toEqual({ title: 'Kept', tags: ['ok'], visibility: 'unlisted' });
    const track = await trackRow(await finish(url, alice, wav));
    expect({ title: track.title, tags: track.tags, visibility: track.visibility }).toEqual({ title: 'Kept', tags: ['ok'], visibility: 'unlisted' });
  });

  it('sends details that arrive just after the last byte to the track, and names it', async () => {
    const wav = sineWav({ seconds: 0.5 });
    const { url, id } = await start(alice, wav.length, { filename: 'late.wav' });
    const trackId = await finish(url, alice, wav);
    expect((await trackRow(trackId)).visibility).toBe('public');
    const late = await setDetails(alice, { uploadId: id, visibility: 'private', title: 'Late title' });
    expect(late).toMatchObject({ status: 200, body: { result: { data: { trackId } } } });
    const track = await trackRow(trackId);
    expect({ title: track.title, visibility: track.visibility }).toEqual({ title: 'Late title', visibility: 'private' });
  });

  it('ends private whichever of the last byte and the details comes first', async () => {
    const wav = sineWav({ seconds: 0.5 });
    for (let round = 0; round < 4; round++) {
      const { url, id } = await start(alice, wav.length, { filename: `race-${round}.wav` });
      const [trackId, saved] = await Promise.all([finish(url, alice, wav), setDetails(alice, { uploadId: id, visibility: 'private' })]);
      expect(saved.status).toBe(200);
      expect([null, trackId]).toContain(saved.body.result?.data.trackId);
      expect((await trackRow(trackId)).visibility).toBe('private');
    }
  });

  it('forgets the details of an upload that did not become a track', async () => {
    const content = Buffer.from('definitely not audio\n'.repeat(50));
    const { url, id } = await start(alice, content.length, { filename: 'song.mp3' });
    expect((await patch(url, alice, 0, content)).status).toBe(415);
    expect(await uploadRow(id)).toBeNull();
    expect((await setDetails(alice, { uploadId: id, visibility: 'private' })).status).toBe(404);
  });
});
