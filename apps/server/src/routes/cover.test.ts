import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlaylistDetailDto, TrackDto } from '@veza/api';
import { sineWav } from '@veza/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipart, register, trpcMutation, trpcQuery, type TestApp, type TestUser } from '../test/harness.ts';

let t: TestApp;
let ana: TestUser;
let bob: TestUser;
let dir: string;
let png: Buffer;
beforeAll(async () => {
  t = await createTestApp();
  [ana, bob] = [await register(t.app, 'ana'), await register(t.app, 'bob')];
  dir = await mkdtemp(join(tmpdir(), 'veza-cover-'));
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=orange:s=64x64', '-frames:v', '1', join(dir, 'c.png')]);
  png = await readFile(join(dir, 'c.png'));
});
afterAll(() => t.close());

async function uploadTrack(user: TestUser, content: Buffer = sineWav({ seconds: 1 }), filename = 'a.wav') {
  const body = multipart([{ name: 'file', filename, content }]);
  const res = await t.app.inject({ method: 'POST', url: '/api/tracks', payload: body.payload, headers: { ...body.headers, ...user.bearer } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}
const postCover = (id: string, content: Buffer, user?: TestUser, filename = 'c.png') => {
  const body = multipart([{ name: 'file', filename, content }]);
  return t.app.inject({ method: 'POST', url: `/api/tracks/${id}/cover`, payload: body.payload, headers: { ...body.headers, ...(user?.bearer ?? {}) } });
};

describe('covers', () => {
  it('the owner sets, serves and removes a cover', async () => {
    const id = await uploadTrack(ana);
    const res = await postCover(id, png, ana);
    expect(res.statusCode, res.body).toBe(200);
    const { coverUrl } = res.json<{ coverUrl: string }>();
    expect(coverUrl).toMatch(new RegExp(`^/api/tracks/${id}/cover\\?v=\\d+$`));
    const image = await t.app.inject({ url: coverUrl });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(png)).toBe(true);
    expect((await trpcQuery<TrackDto>(t.app, 'tracks.byId', { id })).coverUrl).toBe(coverUrl);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/tracks/${id}/cover`, headers: ana.bearer })).statusCode).toBe(204);
    expect((await t.app.inject({ url: coverUrl })).statusCode).toBe(404);
    expect((await trpcQuery<TrackDto>(t.app, 'tracks.byId', { id })).coverUrl).toBeNull();
  });

  it('refuses strangers, other owners, non-images and oversize images, leaving nothing behind', async () => {
    const id = await uploadTrack(ana);
    const before = (await t.filesUnder('media')).length;
    expect((await postCover(id, png)).statusCode).toBe(401);
    expect((await postCover(id, png, bob)).statusCode).toBe(403);
    const text = await postCover(id, Buffer.from('not an image at all'), ana, 'evil.png');
    expect(text.statusCode).toBe(415);
    expect(text.json()).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Covers must be JPEG, PNG or WebP images.' } });
    const svg = await postCover(id, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), ana, 'x.svg');
    expect(svg.statusCode).toBe(415);
    const big = await postCover(id, Buffer.concat([png, Buffer.alloc(6 * 1024 * 1024)]), ana);
    expect(big.statusCode).toBe(413);
    expect((await postCover(crypto.randomUUID(), png, ana)).statusCode).toBe(404);
    expect((await t.filesUnder('media')).length).toBe(before);
    expect(await t.filesUnder('tmp')).toEqual([]);
  });

  it('hides the cover of a private track from others', async () => {
    const id = await uploadTrack(ana);
    const { coverUrl } = (await postCover(id, png, ana)).json<{ coverUrl: string }>();
    await trpcMutation(t.app, 'tracks.update', { id, visibility: 'private' }, ana.bearer);
    expect((await t.app.inject({ url: coverUrl, headers: bob.bearer })).statusCode).toBe(404);
    expect((await t.app.inject({ url: coverUrl, headers: ana.bearer })).statusCode).toBe(200);
  });

  it('takes the cover art embedded in an MP3 at upload', async () => {
    const wav = join(dir, 'tone.wav');
    await writeFile(wav, sineWav({ seconds: 2 }));
    const mp3 = join(dir, 'art.mp3');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wav, '-i', join(dir, 'c.png'), '-map', '0:a', '-map', '1:v', '-c:a', 'libmp3lame', '-c:v', 'copy', '-id3v2_version', '3', '-disposition:v', 'attached_pic', mp3]);
    const id = await uploadTrack(ana, await readFile(mp3), 'art.mp3');
    const track = await trpcQuery<TrackDto>(t.app, 'tracks.byId', { id });
    expect(track.coverUrl).not.toBeNull();
    const image = await t.app.inject({ url: track.coverUrl ?? '' });
    expect(image.headers['content-type']).toBe('image/png');
  });
});

describe('playlist covers', () => {
  const post = (id: string, content: Buffer, user?: TestUser, filename = 'c.png') => {
    const body = multipart([{ name: 'file', filename, content }]);
    return t.app.inject({ method: 'POST', url: `/api/playlists/${id}/cover`, payload: body.payload, headers: { ...body.headers, ...(user?.bearer ?? {}) } });
  };
  const create = async (isPublic: boolean) => (await trpcMutation<PlaylistDetailDto>(t.app, 'playlists.create', { title: 'Covered', isPublic }, ana.bearer)).id;

  it('the owner sets a cover (a new URL per change), everyone who sees the playlist gets it, the owner removes it', async () => {
    const id = await create(true);
    const res = await post(id, png, ana);
    expect(res.statusCode, res.body).toBe(200);
    const { coverUrl } = res.json<{ coverUrl: string }>();
    expect(coverUrl).toMatch(new RegExp(`^/api/playlists/${id}/cover\\?v=\\d+$`));
    const image = await t.app.inject({ url: coverUrl });
    expect(image.statusCode).toBe(200);
    expect(image.headers['cache-control']).toBe('public, max-age=86400');
    expect(image.rawPayload.equals(png)).toBe(true);
    expect((await trpcQuery<PlaylistDetailDto>(t.app, 'playlists.byId', { id }, bob.bearer)).coverUrl).toBe(coverUrl);

    const again = (await post(id, png, ana)).json<{ coverUrl: string }>().coverUrl;
    expect(again).not.toBe(coverUrl);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/playlists/${id}/cover`, headers: ana.bearer })).statusCode).toBe(204);
    expect((await t.app.inject({ url: again })).statusCode).toBe(404);
    expect((await trpcQuery<PlaylistDetailDto>(t.app, 'playlists.byId', { id }, ana.bearer)).coverUrl).toBeNull();
  });

  it("refuses others and bad files, leaving nothing behind, and hides a private playlist's cover", async () => {
    const id = await create(false);
    const before = (await t.filesUnder('media')).length;
    expect((await post(id, png)).statusCode).toBe(401);
    expect((await post(id, png, bob)).statusCode).toBe(404);
    expect((await post(id, Buffer.from('not an image at all'), ana, 'evil.png')).statusCode).toBe(415);
    expect((await post(id, Buffer.concat([png, Buffer.alloc(6 * 1024 * 1024)]), ana)).statusCode).toBe(413);
    expect((await t.filesUnder('media')).length).toBe(before);
    const { coverUrl } = (await post(id, png, ana)).json<{ coverUrl: string }>();
    expect((await t.app.inject({ url: coverUrl, headers: bob.bearer })).statusCode).toBe(404);
    const own = await t.app.inject({ url: coverUrl, headers: ana.bearer });
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('private, max-age=86400');
    expect(await t.filesUnder('tmp')).toEqual([]);
  });
});
