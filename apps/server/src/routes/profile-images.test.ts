// Avatars and banners over HTTP (issue 11): POST/DELETE /api/users/me/avatar|banner and GET/HEAD of the images,
// through the real app.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipart, register, trpcMutation, trpcQuery, type TestApp, type TestUser } from '../test/harness.ts';

let t: TestApp;
let ana: TestUser;
let bob: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  [ana, bob] = [await register(t.app, 'pimg.ana'), await register(t.app, 'pimg.bob')];
});
afterAll(() => t.close());

/** A 1200×800 JPEG with a camera maker and a GPS position in its EXIF, which must not survive. */
const photo = () =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: 'teal' } })
    .withExif({ IFD0: { Make: 'SpyCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '45/1 45/1 0/1' } })
    .jpeg()
    .toBuffer();
const post = (kind: 'avatar' | 'banner', content: Buffer, headers: Record<string, string>, filename = 'me.jpg') => {
  const body = multipart([{ name: 'file', filename, content, type: 'image/jpeg' }]);
  return t.app.inject({ method: 'POST', url: `/api/users/me/${kind}`, payload: body.payload, headers: { ...body.headers, ...headers } });
};
const imageFiles = async (kind: string) => (await t.filesUnder('media')).filter((f) => f.includes(`/${kind}-`));
type Profile = { avatarUrl: string | null; bannerUrl: string | null };

describe('profile images over HTTP', () => {
  it('an avatar comes back without EXIF, at 64, 256 and 512 px, with a versioned URL', async () => {
    const original = await photo();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const res = await post('avatar', original, { ...ana.bearer, origin: 'http://localhost' });
    expect(res.statusCode, res.body).toBe(200);
    const { url } = res.json<{ url: string }>();
    expect(url).toMatch(new RegExp(`^/api/users/${ana.id}/avatar\\?v=[0-9a-f]{16}$`));
    expect((await trpcQuery<Profile>(t.app, 'users.byUsername', { username: ana.username })).avatarUrl).toBe(url);
    expect((await trpcQuery<{ avatarUrl: string | null }>(t.app, 'auth.me', undefined, ana.bearer)).avatarUrl).toBe(url);
    for (const size of [64, 256, 512]) {
      const got = await t.app.inject({ url: `${url}&size=${size}` });
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toBe('image/webp');
      expect(got.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const meta = await sharp(got.rawPayload).metadata();
      expect(meta).toMatchObject({ format: 'webp', width: size, height: size });
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(got.rawPayload.includes('SpyCam')).toBe(false);
    }
    // No size: the 256 one; no version: the current one, revalidated. Unknown sizes are refused.
    const plain = await t.app.inject({ url: `/api/users/${ana.id}/avatar` });
    expect((await sharp(plain.rawPayload).metadata()).width).toBe(256);
    expect(plain.headers['cache-control']).toBe('public, no-cache');
    expect((await t.app.inject({ method: 'HEAD', url })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `${url}&size=100` })).statusCode).toBe(400);
    expect(await imageFiles('avatar')).toHaveLength(3);
    expect(await t.filesUnder('tmp')).toEqual([]);
  });

  it('turns the picture upright from its EXIF orientation before dropping it', async () => {
    // Stored sideways: the left half is black; orientation 6 (turn 90° clockwise) puts it on top.
    const white = sharp({ create: { width: 800, height: 800, channels: 3, background: 'white' } });
    const half = await sharp({ create: { width: 400, height: 800, channels: 3, background: 'black' } }).png().toBuffer();
    const sideways = await sharp(await white.composite([{ input: half, left: 0, top: 0 }]).png().toBuffer()).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const { url } = (await post('avatar', sideways, bob.bearer)).json<{ url: string }>();
    const { data } = await sharp((await t.app.inject({ url: `${url}&size=64` })).rawPayload).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[(y * 64 + x) * 3] ?? -1;
    expect(at(32, 16)).toBeLessThan(60);
    expect(at(32, 48)).toBeGreaterThan(200);
    await t.app.inject({ method: 'DELETE', url: '/api/users/me/avatar', headers: bob.bearer });
  });

  it('a banner is a 3:1 cover crop at 1500×500 and 750×250; replacing deletes the old files; DELETE removes it', async () => {
    const first = (await post('banner', await photo(), bob.bearer)).json<{ url: string }>().url;
    const before = await imageFiles('banner');
    expect(before).toHaveLength(2);
    for (const [size, height] of [[1500, 500], [750, 250]] as const) {
      const got = await t.app.inject({ url: `${first}&size=${size}` });
      expect(await sharp(got.rawPayload).metadata()).toMatchObject({ format: 'webp', width: size, height });
    }
    const second = (await post('banner', await sharp({ create: { width: 400, height: 400, channels: 3, background: 'red' } }).png().toBuffer(), bob.bearer)).json<{ url: string }>().url;
    expect(second).not.toBe(first);
    const after = await imageFiles('banner');
    expect(after).toHaveLength(2);
    expect(after.some((f) => before.includes(f))).toBe(false);
    // The old URL now gets today's banner, no longer cached for good.
    expect((await t.app.inject({ url: first })).headers['cache-control']).toBe('public, no-cache');
    const removed = await t.app.inject({ method: 'DELETE', url: '/api/users/me/banner', headers: bob.bearer });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ url: null });
    expect(await imageFiles('banner')).toEqual([]);
    expect((await trpcQuery<Profile>(t.app, 'users.byUsername', { username: bob.username })).bannerUrl).toBeNull();
    expect((await t.app.inject({ url: second })).statusCode).toBe(404);
  });

  it("a private profile's avatar is still shown to anyone, kept out of shared caches", async () => {
    const eve = await register(t.app, 'pimg.eve');
    const { url } = (await post('avatar', await photo(), eve.bearer)).json<{ url: string }>();
    await trpcMutation(t.app, 'users.updateProfile', { isPrivate: true }, eve.bearer);
    const anonymous = await t.app.inject({ url });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.headers['cache-control']).toBe('private, max-age=31536000, immutable');
  });

  it('refuses a non-image (415), 50 MB (413), signed out (401) and another site (403), storing nothing', async () => {
    const before = await t.filesUnder('media');
    const text = await post('avatar', Buffer.from('just some text, not a picture\n'.repeat(20)), ana.bearer, 'avatar.png');
    expect(text.statusCode).toBe(415);
    expect(text.json()).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Images must be JPEG, PNG, WebP or GIF files.' } });
    const huge = Buffer.concat([await photo(), Buffer.alloc(50 * 1024 * 1024)]);
    const tooBig = await post('avatar', huge, ana.bearer);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Profile pictures must be at most 10 MB.' } });
    // Announced small (chunked), found large while streaming.
    const streamed = multipart([{ name: 'file', filename: 'big.jpg', content: Buffer.concat([await photo(), Buffer.alloc(11 * 1024 * 1024)]) }]);
    const late = await t.app.inject({ method: 'POST', url: '/api/users/me/banner', payload: streamed.payload, headers: { ...streamed.headers, ...ana.bearer, 'transfer-encoding': 'chunked' } });
    expect(late.statusCode).toBe(413);
    expect(late.json<{ error: { message: string } }>().error.message).toBe('Banners must be at most 10 MB.');
    expect((await post('avatar', await photo(), {})).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/users/me/avatar' })).statusCode).toBe(401);
    expect((await post('avatar', await photo(), { ...ana.bearer, origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/users/me/avatar', headers: { cookie: ana.cookie, origin: 'https://evil.example' } })).statusCode).toBe(403);
    expect(await t.filesUnder('media')).toEqual(before);
    expect(await t.filesUnder('tmp')).toEqual([]);
    expect((await t.app.inject({ url: `/api/users/${bob.id}/avatar` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/users/not-a-uuid/avatar' })).statusCode).toBe(404);
  });
});
