import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import type { ImageUploadDto } from '@veza/api';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatRoom, createTestApp, multipart, register, trpcMutation, trpcQuery, type TestApp, type TestUser } from '../test/harness.ts';

const MAX = 10 * 1024 * 1024;
let t: TestApp;
let ana: TestUser;
let bob: TestUser;
let eve: TestUser;
let privateRoom: string;
beforeAll(async () => {
  t = await createTestApp();
  [ana, bob, eve] = [await register(t.app, 'img.ana'), await register(t.app, 'img.bob'), await register(t.app, 'img.eve')];
  privateRoom = await chatRoom(t.app, ana, [bob], 'Band', 'private');
  await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => t.close());

/** A real camera-like JPEG: EXIF with a GPS position and a camera name, orientation 6 (40×20 stored, 20×40 shown). */
const gpsJpeg = () =>
  sharp({ create: { width: 40, height: 20, channels: 3, background: 'orange' } })
    .withExif({ IFD0: { Make: 'SpyCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 3/1' } })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();

const post = (content: Buffer, headers: Record<string, string> = {}, filename = 'photo.jpg') => {
  const body = multipart([{ name: 'file', filename, content, type: 'image/jpeg' }]);
  return t.app.inject({ method: 'POST', url: '/api/chat/attachments', payload: body.payload, headers: { ...body.headers, ...headers } });
};
const mediaFiles = () => t.filesUnder('media');

describe('POST /api/chat/attachments', () => {
  it('stores the image re-encoded, without EXIF or GPS, orientation applied', async () => {
    const original = await gpsJpeg();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const res = await post(original, { ...ana.bearer, origin: 'http://localhost' });
    expect(res.statusCode, res.body).toBe(201);
    const up = res.json<ImageUploadDto>();
    expect(up).toMatchObject({ width: 20, height: 40, mime: 'image/jpeg', url: `/api/chat/attachments/${up.attachmentId}` });
    const [file] = (await mediaFiles()).filter((f) => f.includes(up.attachmentId));
    const stored = await readFile(file ?? '');
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([20, 40]);
    expect(stored.includes('SpyCam')).toBe(false);
    // The uploader sees it before sending; nobody else does.
    const mine = await t.app.inject({ url: up.url, headers: ana.bearer });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toBe('image/jpeg');
    expect(mine.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(mine.rawPayload.equals(stored)).toBe(true);
    expect((await t.app.inject({ url: up.url, headers: bob.bearer })).statusCode).toBe(404);
    expect(await t.filesUnder('tmp')).toEqual([]);
  });

  it('refuses 10 MB + 1 byte with 413 and stores nothing', async () => {
    const before = await mediaFiles();
    const big = Buffer.concat([await gpsJpeg(), Buffer.alloc(MAX + 1)]).subarray(0, MAX + 1);
    const res = await post(big, ana.bearer);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Images must be at most 10 MB.' } });
    // Announced larger: refused from the headers.
    expect((await post(Buffer.alloc(MAX + 64 * 1024), ana.bearer)).statusCode).toBe(413);
    expect(await mediaFiles()).toEqual(before);
    expect(await t.filesUnder('tmp')).toEqual([]);
  });

  it('stops at the limit on a streamed (chunked) body over a real connection', async () => {
    const before = await mediaFiles();
    const { port } = t.app.server.address() as AddressInfo;
    const boundary = 'vezaboundary';
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/chat/attachments', headers: { ...ana.bearer, 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
      // 12 MB in 256 KB chunks, written as the server takes them; the server answers once it passes 10 MB.
      const chunk = Buffer.alloc(256 * 1024, 1);
      let sent = 0;
      const pump = () => {
        while (sent < 48) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end(`\r\n--${boundary}--\r\n`);
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Images must be at most 10 MB.' } });
    expect(await mediaFiles()).toEqual(before);
    expect(await t.filesUnder('tmp')).toEqual([]);
  });

  it('refuses a text file named x.png (415), strangers (401), other sites (403) and non-multipart bodies (415)', async () => {
    const before = await mediaFiles();
    const text = await post(Buffer.from('hello, I am not a picture'), ana.bearer, 'x.png');
    expect(text.statusCode).toBe(415);
    expect(text.json()).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Images must be JPEG, PNG, WebP or GIF files.' } });
    const image = await gpsJpeg();
    const anonymous = await post(image);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect((await post(image, { cookie: ana.cookie, origin: 'https://evil.example' })).statusCode).toBe(403);
    const raw = await t.app.inject({ method: 'POST', url: '/api/chat/attachments', payload: image, headers: { ...ana.bearer, 'content-type': 'image/jpeg' } });
    expect(raw.statusCode).toBe(415);
    const wrongField = multipart([{ name: 'picture', filename: 'a.jpg', content: image }]);
    expect((await t.app.inject({ method: 'POST', url: '/api/chat/attachments', payload: wrongField.payload, headers: { ...wrongField.headers, ...ana.bearer } })).statusCode).toBe(400);
    expect(await mediaFiles()).toEqual(before);
    expect(await t.filesUnder('tmp')).toEqual([]);
  });
});

describe('POST /api/chat/attachments rate limit', () => {
  it('takes a burst of 10 images, then answers 429 with Retry-After before reading the body, and takes the next one after the wait', async () => {
    const zoe = await register(t.app, 'img.zoe');
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'teal' } }).png().toBuffer();
    const before = new Set(await mediaFiles());
    // What is refused from the headers does not count (here: not multipart).
    const raw = await t.app.inject({ method: 'POST', url: '/api/chat/attachments', payload: png, headers: { ...zoe.bearer, 'content-type': 'image/png' } });
    expect(raw.statusCode).toBe(415);
    // Eleven at once: ten are taken (and all stored), one is refused.
    const answers = await Promise.all(Array.from({ length: 11 }, () => post(png, zoe.bearer, 'a.png')));
    const burst = answers.filter((r) => r.statusCode === 201);
    expect(burst).toHaveLength(10);
    const refused = answers.find((r) => r.statusCode !== 201);
    if (!refused) throw new Error('none refused');
    expect(refused.statusCode).toBe(429);
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBe(1);
    expect(refused.json()).toEqual({ error: { code: 'TOO_MANY_REQUESTS', message: 'You are sharing images too fast. Please wait 1 second.' } });
    expect(refused.headers.connection).toBe('close');
    // Every accepted upload was stored; the refused one left nothing behind.
    const ids = burst.map((r) => r.json<ImageUploadDto>().attachmentId);
    const added = (await mediaFiles()).filter((f) => !before.has(f));
    expect(ids.every((id) => added.some((f) => f.includes(id)))).toBe(true);
    expect(added.every((f) => ids.some((id) => f.includes(id)))).toBe(true);
    expect(await t.filesUnder('tmp')).toEqual([]);
    // Someone else's budget is theirs.
    expect((await post(png, bob.bearer, 'c.png')).statusCode).toBe(201);

    await new Promise((r) => setTimeout(r, wait * 1000 + 50));
    expect((await post(png, zoe.bearer, 'd.png')).statusCode).toBe(201);
  });
});

describe('GET /api/chat/attachments/:id', () => {
  it('serves a sent image of a private room to its members only (404 for everyone else)', async () => {
    const up = (await post(await gpsJpeg(), ana.bearer)).json<ImageUploadDto>();
    const sent = await trpcMutation<{ id: string; attachments: { kind: string; url: string }[] }>(
      t.app,
      'chat.messages.send',
      { roomId: privateRoom, body: '', clientMessageId: crypto.randomUUID(), attachments: [{ kind: 'image', attachmentId: up.attachmentId }] },
      ana.bearer,
    );
    expect(sent.attachments).toEqual([expect.objectContaining({ kind: 'image', url: up.url })]);
    const page = await trpcQuery<{ items: { id: string; attachments: unknown[] }[] }>(t.app, 'chat.messages.list', { roomId: privateRoom }, bob.bearer);
    expect(page.items.find((m) => m.id === sent.id)?.attachments).toEqual(sent.attachments);

    expect((await t.app.inject({ url: up.url, headers: bob.bearer })).statusCode).toBe(200);
    expect((await t.app.inject({ url: up.url, headers: { cookie: bob.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'HEAD', url: up.url, headers: ana.bearer })).statusCode).toBe(200);
    const outsider = await t.app.inject({ url: up.url, headers: eve.bearer });
    expect(outsider.statusCode).toBe(404);
    expect(outsider.headers['content-type']).toContain('application/json');
    expect((await t.app.inject({ url: up.url })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/chat/attachments/not-an-id', headers: ana.bearer })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/chat/attachments/${crypto.randomUUID()}`, headers: ana.bearer })).statusCode).toBe(404);

    // Deleted: gone for everyone, file included.
    await trpcMutation(t.app, 'chat.messages.delete', { messageId: sent.id }, ana.bearer);
    expect((await t.app.inject({ url: up.url, headers: ana.bearer })).statusCode).toBe(404);
    expect((await mediaFiles()).some((f) => f.includes(up.attachmentId))).toBe(false);
  });
});
