import { sineWav } from '@veza/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, register, trpcMutation, upload, type TestApp, type TestUser } from '../test/harness.ts';
import { parseRange } from './audio.ts';

let t: TestApp;
let owner: TestUser;
let other: TestUser;
let publicId: string;
let privateId: string;
const bytes = sineWav({ seconds: 0.5 });

beforeAll(async () => {
  t = await createTestApp();
  owner = await register(t.app, 'owner');
  other = await register(t.app, 'other');
  publicId = await upload(t.app, owner, bytes, 'public.wav');
  privateId = await upload(t.app, owner, bytes, 'private.wav');
  await trpcMutation(t.app, 'tracks.update', { id: privateId, visibility: 'private' }, owner.bearer);
});
afterAll(() => t.close());

const get = (id: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
  t.app.inject({ method, url: `/api/tracks/${id}/audio`, headers });

describe('GET /api/tracks/:id/audio', () => {
  it('streams the whole file with its type, length and caching headers', async () => {
    const res = await get(publicId);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('audio/wav');
    expect(res.headers['content-length']).toBe(String(bytes.length));
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.rawPayload.equals(bytes)).toBe(true);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await get(publicId, {}, 'HEAD');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-length']).toBe(String(bytes.length));
    expect(res.rawPayload.length).toBe(0);
  });

  it('serves byte ranges: closed, open-ended and suffix', async () => {
    const closed = await get(publicId, { range: 'bytes=0-9' });
    expect(closed.statusCode).toBe(206);
    expect(closed.headers['content-range']).toBe(`bytes 0-9/${bytes.length}`);
    expect(closed.headers['content-length']).toBe('10');
    expect(closed.rawPayload.equals(bytes.subarray(0, 10))).toBe(true);

    const open = await get(publicId, { range: `bytes=${bytes.length - 100}-` });
    expect(open.statusCode).toBe(206);
    expect(open.headers['content-range']).toBe(`bytes ${bytes.length - 100}-${bytes.length - 1}/${bytes.length}`);
    expect(open.rawPayload.equals(bytes.subarray(bytes.length - 100))).toBe(true);

    const suffix = await get(publicId, { range: 'bytes=-16' });
    expect(suffix.statusCode).toBe(206);
    expect(suffix.rawPayload.equals(bytes.subarray(bytes.length - 16))).toBe(true);

    const past = await get(publicId, { range: `bytes=1000-${bytes.length * 2}` });
    expect(past.statusCode).toBe(206);
    expect(past.headers['content-range']).toBe(`bytes 1000-${bytes.length - 1}/${bytes.length}`);
  });

  it('answers 416 with the size to an unsatisfiable range', async () => {
    const res = await get(publicId, { range: `bytes=${bytes.length}-` });
    expect(res.statusCode).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${bytes.length}`);
    expect((await get(publicId, { range: 'bytes=-0' })).statusCode).toBe(416);
  });

  it('sends the whole file when If-Range no longer matches', async () => {
    const res = await get(publicId, { range: 'bytes=0-9', 'if-range': '"stale"' });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBe(bytes.length);
    const etag = String(res.headers.etag);
    expect((await get(publicId, { range: 'bytes=0-9', 'if-range': etag })).statusCode).toBe(206);
    expect((await get(publicId, { 'if-none-match': etag })).statusCode).toBe(304);
  });

  it('shows a private track to its owner only', async () => {
    const byBearer = await get(privateId, owner.bearer);
    expect(byBearer.statusCode).toBe(200);
    expect(byBearer.headers['cache-control']).toBe('private, max-age=0');
    expect((await get(privateId, { cookie: owner.cookie })).statusCode).toBe(200);
    const forOther = await get(privateId, other.bearer);
    expect(forOther.statusCode).toBe(404);
    expect(forOther.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Track not found.' } });
    expect((await get(privateId)).statusCode).toBe(404);
  });

  it('answers 404 to unknown ids and non-uuids', async () => {
    expect((await get(crypto.randomUUID())).statusCode).toBe(404);
    expect((await get('not-a-uuid')).statusCode).toBe(404);
    expect((await get('..%2F..%2Fetc%2Fpasswd')).statusCode).toBe(404);
  });
});

describe('parseRange', () => {
  it('falls back to the whole file for what it does not serve', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'full' });
    expect(parseRange('items=0-1', 100)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=9-2', 100)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=-', 100)).toEqual({ kind: 'full' });
  });

  it('clamps and rejects like RFC 9110', () => {
    expect(parseRange('bytes=-500', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseRange('bytes=99-', 100)).toEqual({ kind: 'partial', start: 99, end: 99 });
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-0', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});
