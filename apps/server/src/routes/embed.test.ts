// Sharing over HTTP (issue 11): a private share link's token (`?share=`) opens the audio and the cover of the track it
// was made for, and nothing once revoked; oEmbed answers public and unlisted tracks only; the track page carries
// oEmbed discovery for public tracks; the embed page is the only page other sites may frame.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sineWav } from '@veza/media';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipart, register, trpcMutation, trpcQuery, upload, type TestApp, type TestUser } from '../test/harness.ts';

const INDEX = '<!doctype html><html><head><title>Veza</title></head><body><div id="root"></div></body></html>';
const EMBED = '<!doctype html><html><head><title>Veza player</title></head><body><div id="embed"></div></body></html>';
const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

let t: TestApp;
let dist: string;
let ana: TestUser;
let bob: TestUser;
let publicId: string;
let unlistedId: string;
let privateId: string;
let token: string;
let shareId: string;
const bytes = sineWav({ seconds: 0.5 });

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'veza-web-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), INDEX);
  await writeFile(join(dist, 'embed.html'), EMBED);
  t = await createTestApp({ WEB_DIST: dist });
  ana = await register(t.app, 'ana');
  bob = await register(t.app, 'bob');
  publicId = await upload(t.app, ana, bytes, 'public.wav', 'Open <Song>');
  unlistedId = await upload(t.app, ana, bytes, 'unlisted.wav', 'Quiet');
  privateId = await upload(t.app, ana, bytes, 'private.wav', 'Secret');
  await trpcMutation(t.app, 'tracks.update', { id: unlistedId, visibility: 'unlisted' }, ana.bearer);
  await trpcMutation(t.app, 'tracks.update', { id: privateId, visibility: 'private' }, ana.bearer);
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: 'teal' } }).png().toBuffer();
  for (const id of [publicId, privateId]) {
    const body = multipart([{ name: 'file', filename: 'c.png', content: png }]);
    const res = await t.app.inject({ method: 'POST', url: `/api/tracks/${id}/cover`, payload: body.payload, headers: { ...body.headers, ...ana.bearer } });
    expect(res.statusCode, res.body).toBe(200);
  }
  ({ token, id: shareId } = await trpcMutation<{ token: string; id: string }>(t.app, 'shares.create', { trackId: privateId, label: 'Press' }, ana.bearer));
});
afterAll(async () => {
  await t.close();
  await rm(dist, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('private share links over HTTP', () => {
  it('plays a private track and shows its cover with the token, and not without it', async () => {
    expect((await get(`/api/tracks/${privateId}/audio`)).statusCode).toBe(404);
    expect((await get(`/api/tracks/${privateId}/audio`, bob.bearer)).statusCode).toBe(404);
    expect((await get(`/api/tracks/${privateId}/cover`)).statusCode).toBe(404);

    // The URLs the shared track comes with carry the token.
    const shared = await trpcQuery<{ track: { audioUrl: string; coverUrl: string; hls: unknown } }>(t.app, 'shares.track', { token });
    const audio = await get(shared.track.audioUrl);
    expect(audio.statusCode).toBe(200);
    expect(audio.rawPayload.equals(bytes)).toBe(true);
    expect(audio.headers['cache-control']).toBe('private, max-age=0');
    const ranged = await get(shared.track.audioUrl, { range: 'bytes=0-9' });
    expect(ranged.statusCode).toBe(206);
    const cover = await get(shared.track.coverUrl);
    expect(cover.statusCode).toBe(200);
    expect(cover.headers['content-type']).toBe('image/png');
    expect(cover.headers['cache-control']).toMatch(/^private/);

    // A token of another track, a malformed one, a repeated parameter: nothing.
    expect((await get(`/api/tracks/${publicId}/audio?share=${token}`)).statusCode).toBe(200); // public anyway
    const other = await upload(t.app, ana, bytes, 'other.wav');
    await trpcMutation(t.app, 'tracks.update', { id: other, visibility: 'private' }, ana.bearer);
    expect((await get(`/api/tracks/${other}/audio?share=${token}`)).statusCode).toBe(404);
    expect((await get(`/api/tracks/${privateId}/audio?share=not-a-token`)).statusCode).toBe(404);
    expect((await get(`/api/tracks/${privateId}/audio?share=${token}&share=${token}`)).statusCode).toBe(404);
  });

  it('opens nothing once the link is revoked', async () => {
    const { token: spare, id } = await trpcMutation<{ token: string; id: string }>(t.app, 'shares.create', { trackId: privateId }, ana.bearer);
    expect((await get(`/api/tracks/${privateId}/audio?share=${spare}`)).statusCode).toBe(200);
    await trpcMutation(t.app, 'shares.revoke', { id }, ana.bearer);
    expect((await get(`/api/tracks/${privateId}/audio?share=${spare}`)).statusCode).toBe(404);
    expect((await get(`/api/tracks/${privateId}/cover?share=${spare}`)).statusCode).toBe(404);
    const refused = await get(`/trpc/shares.track?input=${encodeURIComponent(JSON.stringify({ token: spare }))}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ error: { message: 'This share link was turned off by the person who shared it.', data: { reason: 'share_revoked' } } });
    expect(shareId).not.toBe(id);
  });
});

describe('oEmbed', () => {
  const oembed = (query: Record<string, string>) => get(`/api/oembed?${new URLSearchParams(query).toString()}`);
  const pageOf = (id: string) => `${t.config.appOrigin}/tracks/${id}`;

  it('answers a rich oEmbed 1.0 document with the player for a public track', async () => {
    const res = await oembed({ url: pageOf(publicId), format: 'json' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const body = res.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      version: '1.0',
      type: 'rich',
      provider_name: 'Veza',
      provider_url: `${t.config.appOrigin}/`,
      title: 'Open <Song>',
      author_name: 'ana',
      author_url: `${t.config.appOrigin}/u/ana`,
      width: 560,
      height: 180,
      thumbnail_width: 64,
      thumbnail_height: 48,
    });
    expect(body.html).toBe(
      `<iframe src="${t.config.appOrigin}/embed/track/${publicId}" width="560" height="180" title="Open &lt;Song&gt; on Veza" style="border:0" loading="lazy" allow="autoplay; encrypted-media"></iframe>`,
    );
    expect(String(body.thumbnail_url)).toMatch(new RegExp(`^${t.config.appOrigin}/api/tracks/${publicId}/cover\\?v=\\d+$`));
    expect((await get(String(body.thumbnail_url).replace(t.config.appOrigin, ''))).statusCode).toBe(200);
  });

  it('fits the frame in maxwidth/maxheight, takes embed URLs, leaves unlisted covers out', async () => {
    const small = (await oembed({ url: `${t.config.appOrigin}/embed/track/${publicId}`, maxwidth: '300', maxheight: '150' })).json<{ width: number; height: number; html: string }>();
    expect(small).toMatchObject({ width: 300, height: 120 });
    expect(small.html).toContain('width="300" height="120"');
    const unlisted = await oembed({ url: pageOf(unlistedId) });
    expect(unlisted.statusCode).toBe(200);
    expect(unlisted.json()).not.toHaveProperty('thumbnail_url');
  });

  it('refuses private and unknown tracks (404), XML (501) and URLs that are not Veza tracks (400)', async () => {
    expect((await oembed({ url: pageOf(privateId) })).statusCode).toBe(404);
    expect((await oembed({ url: pageOf(crypto.randomUUID()) })).statusCode).toBe(404);
    expect((await oembed({ url: pageOf(publicId), format: 'xml' })).statusCode).toBe(501);
    expect((await oembed({ url: pageOf(publicId), format: 'yaml' })).statusCode).toBe(400);
    for (const url of [`https://evil.example/tracks/${publicId}`, `${t.config.appOrigin}/u/ana`, 'not a url', `${t.config.appOrigin}/tracks/123`]) {
      expect((await oembed({ url })).statusCode, url).toBe(400);
    }
    expect((await get('/api/oembed')).statusCode).toBe(400);
  });
});

describe('track pages and the embed page', () => {
  it('puts oEmbed discovery and Open Graph tags in a public track’s page only', async () => {
    const page = await get(`/tracks/${publicId}`, html);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const oembedHref = `${t.config.appOrigin}/api/oembed?url=${encodeURIComponent(`${t.config.appOrigin}/tracks/${publicId}`)}&amp;format=json`;
    expect(page.body).toContain(`<link rel="alternate" type="application/json+oembed" href="${oembedHref}" title="Open &lt;Song&gt;" />`);
    expect(page.body).toContain('<meta property="og:title" content="Open &lt;Song&gt; — ana" />');
    expect(page.body).toContain('<meta property="og:type" content="music.song" />');
    expect(page.body).toMatch(/<meta property="og:image" content="[^"]+\/api\/tracks\/[^"]+\/cover\?v=\d+" \/>/);
    for (const id of [unlistedId, privateId, crypto.randomUUID(), 'nope']) {
      const plain = await get(`/tracks/${id}`, html);
      expect(plain.statusCode).toBe(200);
      expect(plain.body).toBe(INDEX);
    }
    // A private profile's public tracks are not advertised either.
    await trpcMutation(t.app, 'users.updateProfile', { isPrivate: true }, bob.bearer);
    const bobs = await upload(t.app, bob, bytes, 'b.wav');
    expect((await get(`/tracks/${bobs}`, html)).body).toBe(INDEX);
    expect((await get(`/tracks/${publicId}`)).statusCode).toBe(404); // not a page load
  });

  it('lets any site frame the embed page, and no other page', async () => {
    const embed = await get(`/embed/track/${publicId}`, html);
    expect(embed.statusCode).toBe(200);
    expect(embed.body).toBe(EMBED);
    expect(embed.headers['x-frame-options']).toBeUndefined();
    expect(String(embed.headers['content-security-policy'])).toContain('frame-ancestors *');
    expect(String(embed.headers['content-security-policy'])).toContain("script-src 'self'");
    for (const url of ['/', `/tracks/${publicId}`, '/chat', `/share/${token}`]) {
      const page = await get(url, html);
      expect(page.headers['x-frame-options'], url).toBe('DENY');
      expect(String(page.headers['content-security-policy']), url).toContain("frame-ancestors 'none'");
    }
    const api = await get(`/api/oembed?url=${encodeURIComponent(`${t.config.appOrigin}/tracks/${publicId}`)}`);
    expect(api.headers['x-frame-options']).toBe('DENY');
    expect((await get(`/embed/track/not-a-track`, html)).statusCode).toBe(404);
    expect((await get(`/embed/track/${publicId}`)).statusCode).toBe(404);
  });
});
