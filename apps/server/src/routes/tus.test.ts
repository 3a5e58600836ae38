// The tus 1.0 protocol spoken by hand with fetch against the real, listening server: creation,
// chunked PATCHes, a dropped connection resumed from HEAD, and every refusal.
import { stat } from 'node:fs/promises';
import { connect, type AddressInfo } from 'node:net';
import { Track } from '@veza/db';
import { sineWav } from '@veza/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, register, trpcQuery, type TestApp, type TestUser } from '../test/harness.ts';
import { TRACK_ID_HEADER, TUS_PATH } from './tus.ts';

const LIMIT = 1024 * 1024;
let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let base: string;

beforeAll(async () => {
  t = await createTestApp({ MAX_UPLOAD_BYTES: String(LIMIT), MAX_CONCURRENT_UPLOADS: '6' });
  alice = await register(t.app, 'alice');
  bob = await register(t.app, 'bob');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

const TUS = { 'tus-resumable': '1.0.0' };
const b64 = (value: string) => Buffer.from(value).toString('base64');
const trackCount = () => t.deps.db.fork().count(Track, {});

async function create(user: TestUser | null, length: number, metadata: Record<string, string> = {}) {
  const meta = Object.entries(metadata).map(([k, v]) => `${k} ${b64(v)}`).join(',');
  return fetch(`${base}${TUS_PATH}`, {
    method: 'POST',
    headers: { ...TUS, ...(user?.bearer ?? {}), 'upload-length': String(length), ...(meta ? { 'upload-metadata': meta } : {}) },
  });
}

/** Creates an upload and returns its absolute URL. */
async function createUrl(user: TestUser, length: number, metadata: Record<string, string> = {}) {
  const res = await create(user, length, metadata);
  expect(res.status).toBe(201);
  return new URL(res.headers.get('location') ?? '', base).toString();
}

const patch = (url: string, user: TestUser, offset: number, body: Buffer, init: RequestInit = {}) =>
  fetch(url, {
    method: 'PATCH',
    headers: { ...TUS, ...user.bearer, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
    body,
    duplex: 'half',
    ...init,
  } as RequestInit);

const head = (url: string, user: TestUser) => fetch(url, { method: 'HEAD', headers: { ...TUS, ...user.bearer } });
const offsetOf = async (url: string, user: TestUser) => Number((await head(url, user)).headers.get('upload-offset'));

/**
 * A PATCH over a raw socket that sends its headers and `first`, then stays open until `drop()` cuts the
 * connection, the way a phone losing its network does.
 */
function heldOpenPatch(url: string, user: TestUser, offset: number, total: number, first: Uint8Array) {
  const { port, pathname } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  socket.on('error', () => {});
  socket.write(
    `PATCH ${pathname} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nTus-Resumable: 1.0.0\r\n` +
      `Authorization: ${user.bearer.authorization}\r\nUpload-Offset: ${offset}\r\n` +
      `Content-Type: application/offset+octet-stream\r\nContent-Length: ${total}\r\n\r\n`,
  );
  socket.write(first);
  return { drop: () => socket.destroy() };
}

/** Bytes of the one upload in progress, as the file store has them on disk. */
async function sizeOnDisk() {
  const files = (await t.filesUnder('tmp/tus')).filter((f) => !f.endsWith('.json'));
  return files[0] ? (await stat(files[0])).size : 0;
}

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('tus uploads at /api/uploads', () => {
  it('creates a track from an upload sent in three chunks', async () => {
    const wav = sineWav({ seconds: 2 });
    const url = await createUrl(alice, wav.length, { filename: 'three-chunks.wav', title: 'Sent in three' });
    expect(new URL(url).pathname).toMatch(new RegExp(`^${TUS_PATH}/[0-9a-f]+$`));
    const third = Math.ceil(wav.length / 3);
    let offset = 0;
    let last: Response | undefined;
    for (let i = 0; i < 3; i++) {
      last = await patch(url, alice, offset, wav.subarray(offset, offset + third));
      offset = Number(last.headers.get('upload-offset'));
      if (i < 2) {
        expect(last.status).toBe(204);
        expect(last.headers.get(TRACK_ID_HEADER)).toBeNull();
      }
    }
    expect(last?.status).toBe(204);
    expect(offset).toBe(wav.length);
    const id = last?.headers.get(TRACK_ID_HEADER) ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const track = await trpcQuery<{ title: string; format: string; owner: { username: string } }>(t.app, 'tracks.byId', { id });
    expect(track).toMatchObject({ title: 'Sent in three', format: 'wav', owner: { username: 'alice' } });
    const row = await t.deps.db.fork().findOneOrFail(Track, { id });
    expect(row.originalFilename).toBe('three-chunks.wav');
    expect(await t.filesUnder('tmp')).toEqual([]);
    // The upload is gone once it became a track.
    expect((await head(url, alice)).status).toBe(404);
  });

  it('resumes after a dropped connection from the offset HEAD reports', async () => {
    const wav = sineWav({ seconds: 3 });
    const url = await createUrl(alice, wav.length, { filename: 'resumed.wav' });
    const half = Math.floor(wav.length / 2);
    const held = heldOpenPatch(url, alice, 0, wav.length, wav.subarray(0, half));
    // Wait until the server has the first half on disk, then drop the connection.
    for (let i = 0; i < 100 && (await sizeOnDisk()) < half; i++) await sleep(20);
    held.drop();

    let offset = 0;
    for (let i = 0; i < 100; i++) {
      const res = await head(url, alice);
      expect(res.status).toBe(200);
      expect(res.headers.get('upload-length')).toBe(String(wav.length));
      offset = Number(res.headers.get('upload-offset'));
      if (offset > 0) break;
      await sleep(50);
    }
    expect(offset).toBe(half);

    const rest = await patch(url, alice, offset, wav.subarray(offset));
    expect(rest.status).toBe(204);
    const id = rest.headers.get(TRACK_ID_HEADER) ?? '';
    const track = await trpcQuery<{ title: string; durationMs: number }>(t.app, 'tracks.byId', { id });
    expect(track.title).toBe('resumed');
    expect(track.durationMs).toBeGreaterThan(2950);
    expect(await t.filesUnder('tmp')).toEqual([]);
  });

  it('answers 401 without a session, on creation and on an existing upload', async () => {
    const res = await create(null, 100);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Please sign in to upload.' } });
    const url = await createUrl(alice, 100);
    expect((await fetch(url, { method: 'HEAD', headers: TUS })).status).toBe(401);
    const forged = await fetch(url, { method: 'PATCH', headers: { ...TUS, authorization: 'Bearer nope', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: 'x' });
    expect(forged.status).toBe(401);
    expect((await fetch(url, { method: 'DELETE', headers: { ...TUS, ...alice.bearer } })).status).toBe(204);
    expect(await t.filesUnder('tmp')).toEqual([]);
  });

  it("hides someone else's upload: HEAD, PATCH and DELETE answer 404", async () => {
    const url = await createUrl(alice, 10);
    expect((await head(url, bob)).status).toBe(404);
    const res = await patch(url, bob, 0, Buffer.from('0123456789'));
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('NOT_FOUND');
    expect((await fetch(url, { method: 'DELETE', headers: { ...TUS, ...bob.bearer } })).status).toBe(404);
    // Still there, untouched, for its owner.
    expect(await offsetOf(url, alice)).toBe(0);
    expect((await fetch(url, { method: 'DELETE', headers: { ...TUS, ...alice.bearer } })).status).toBe(204);
    expect(await t.filesUnder('tmp')).toEqual([]);
  });

  it('ignores an owner smuggled in the metadata', async () => {
    const url = await createUrl(bob, 10, { 'veza-owner': alice.id });
    expect((await head(url, alice)).status).toBe(404);
    expect((await head(url, bob)).status).toBe(200);
    await fetch(url, { method: 'DELETE', headers: { ...TUS, ...bob.bearer } });
  });

  it('answers 413 to an Upload-Length over the limit, before any data', async () => {
    const res = await create(alice, LIMIT + 1);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'This file is larger than the 1 MB limit.' } });
    expect(await t.filesUnder('tmp')).toEqual([]);
    const empty = await create(alice, 0);
    expect(empty.status).toBe(400);
    expect(await t.filesUnder('tmp')).toEqual([]);
  });

  it('refuses a non-audio file on the final PATCH with 415 and leaves nothing behind', async () => {
    const before = await trackCount();
    const mediaBefore = await t.filesUnder('media');
    const content = Buffer.from('definitely not audio\n'.repeat(500));
    const url = await createUrl(alice, content.length, { filename: 'song.mp3' });
    const first = await patch(url, alice, 0, content.subarray(0, 4000));
    expect(first.status).toBe(204);
    const last = await patch(url, alice, 4000, content.subarray(4000));
    expect(last.status).toBe(415);
    expect(last.headers.get('content-type')).toMatch(/^application\/json/);
    const error = await errorOf(last);
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toMatch(/not a supported audio format/);
    expect(await t.filesUnder('tmp')).toEqual([]);
    expect(await t.filesUnder('media')).toEqual(mediaBefore);
    expect(await trackCount()).toBe(before);
  });

  it('accepts a whole file in the creation request (creation-with-upload)', async () => {
    const wav = sineWav({ seconds: 0.5 });
    const res = await fetch(`${base}${TUS_PATH}`, {
      method: 'POST',
      headers: { ...TUS, ...alice.bearer, 'upload-length': String(wav.length), 'upload-metadata': `title ${b64('One shot')}`, 'content-type': 'application/offset+octet-stream' },
      body: wav,
    });
    expect(res.status).toBe(201);
    const id = res.headers.get(TRACK_ID_HEADER) ?? '';
    expect(await res.json()).toEqual({ id });
    expect((await trpcQuery<{ title: string }>(t.app, 'tracks.byId', { id })).title).toBe('One shot');
    expect(await t.filesUnder('tmp')).toEqual([]);
  });

  it('limits uploads in flight per user (4) and in total (MAX_CONCURRENT_UPLOADS) with 429', async () => {
    const size = 64 * 1024;
    const open = async (user: TestUser) => {
      const url = await createUrl(user, size);
      return { url, user, ...heldOpenPatch(url, user, 0, size, new Uint8Array(1024)) };
    };
    const held = [];
    for (let i = 0; i < 4; i++) held.push(await open(alice));
    await sleep(300);
    const extra = await createUrl(alice, size);
    const refused = await patch(extra, alice, 0, Buffer.alloc(10));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect((await errorOf(refused)).code).toBe('TOO_MANY_REQUESTS');

    // Bob has his own 4, but only 2 slots are left of the 6 in total.
    for (let i = 0; i < 2; i++) held.push(await open(bob));
    await sleep(300);
    const bobExtra = await createUrl(bob, size);
    expect((await patch(bobExtra, bob, 0, Buffer.alloc(10))).status).toBe(429);

    for (const h of held) h.drop();
    await sleep(200);
    // Slots are free again.
    const after = await patch(extra, alice, 0, Buffer.alloc(10));
    expect(after.status).toBe(204);

    const all = [...held.map((h) => ({ url: h.url, user: h.user })), { url: extra, user: alice }, { url: bobExtra, user: bob }];
    for (const { url, user } of all) {
      const res = await fetch(url, { method: 'DELETE', headers: { ...TUS, ...user.bearer } });
      expect(res.status).toBe(204);
    }
    expect(await t.filesUnder('tmp')).toEqual([]);
  });

  it('answers CORS preflights and refuses foreign origins', async () => {
    const preflight = await fetch(`${base}${TUS_PATH}`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('tus-version')).toContain('1.0.0');
    const foreign = await fetch(`${base}${TUS_PATH}`, {
      method: 'POST',
      headers: { ...TUS, ...alice.bearer, origin: 'https://evil.example', 'upload-length': '10' },
    });
    expect(foreign.status).toBe(403);
  });

  it('keeps the multipart route working beside it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/tracks', payload: { file: 'x' }, headers: alice.bearer });
    expect(res.statusCode).toBe(415);
  });
});
