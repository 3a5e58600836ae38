// Room icons over HTTP (issue 10): POST /api/chat/rooms/:id/icon and GET/HEAD of the icon, through the real app.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatRoom, createTestApp, multipart, register, trpcMutation, trpcQuery, type TestApp, type TestUser } from '../test/harness.ts';

const MAX = 10 * 1024 * 1024;
let t: TestApp;
let ana: TestUser;
let bob: TestUser;
let eve: TestUser;
let privateRoom: string;
let publicRoom: string;
beforeAll(async () => {
  t = await createTestApp();
  [ana, bob, eve] = [await register(t.app, 'icn.ana'), await register(t.app, 'icn.bob'), await register(t.app, 'icn.eve')];
  privateRoom = await chatRoom(t.app, ana, [bob], 'Band', 'private');
  publicRoom = await chatRoom(t.app, ana, [bob], 'Open', 'public');
});
afterAll(() => t.close());

const photo = () => sharp({ create: { width: 300, height: 120, channels: 3, background: 'teal' } }).withExif({ IFD0: { Make: 'SpyCam' } }).jpeg().toBuffer();
const post = (roomId: string, content: Buffer, headers: Record<string, string>, filename = 'icon.jpg') => {
  const body = multipart([{ name: 'file', filename, content, type: 'image/jpeg' }]);
  return t.app.inject({ method: 'POST', url: `/api/chat/rooms/${roomId}/icon`, payload: body.payload, headers: { ...body.headers, ...headers } });
};
const iconFiles = async () => (await t.filesUnder('media')).filter((f) => f.includes('/icon-'));

describe('room icons over HTTP', () => {
  it('the owner sets one: a 256×256 WebP without metadata, served by room visibility', async () => {
    const res = await post(privateRoom, await photo(), { ...ana.bearer, origin: 'http://localhost' });
    expect(res.statusCode, res.body).toBe(200);
    const { iconUrl } = res.json<{ iconUrl: string }>();
    expect(iconUrl).toMatch(new RegExp(`^/api/chat/rooms/${privateRoom}/icon\\?v=[0-9a-f]{16}$`));
    const [file] = await iconFiles();
    const stored = await readFile(file ?? '');
    expect(await sharp(stored).metadata()).toMatchObject({ format: 'webp', width: 256, height: 256 });
    expect(stored.includes('SpyCam')).toBe(false);
    const rooms = await trpcQuery<{ id: string; iconUrl: string | null }[]>(t.app, 'chat.rooms.list', undefined, bob.bearer);
    expect(rooms.find((r) => r.id === privateRoom)?.iconUrl).toBe(iconUrl);
    const member = await t.app.inject({ url: iconUrl, headers: bob.bearer });
    expect(member.statusCode).toBe(200);
    expect(member.headers['content-type']).toBe('image/webp');
    expect(member.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(member.rawPayload.equals(stored)).toBe(true);
    expect((await t.app.inject({ url: iconUrl, headers: eve.bearer })).statusCode).toBe(404);
    expect((await t.app.inject({ url: iconUrl })).statusCode).toBe(404);
    // The holder of an invite sees it on the invite page.
    const { code } = await trpcMutation<{ code: string }>(t.app, 'chat.invites.create', { roomId: privateRoom }, ana.bearer);
    expect((await t.app.inject({ url: `${iconUrl}&invite=${code}`, headers: eve.bearer })).statusCode).toBe(200);
    expect(await t.filesUnder('tmp')).toEqual([]);
  });

  it("public rooms' icons are public", async () => {
    const res = await post(publicRoom, await photo(), ana.bearer);
    const { iconUrl } = res.json<{ iconUrl: string }>();
    const anonymous = await t.app.inject({ url: iconUrl });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('refuses a member (403), a stranger (404), a non-image (415) and 10 MB + 1 byte (413), storing nothing', async () => {
    const before = await iconFiles();
    const image = await photo();
    const member = await post(privateRoom, image, bob.bearer);
    expect(member.statusCode).toBe(403);
    expect(member.json()).toEqual({ error: { code: 'FORBIDDEN', message: "Only the room's owner and moderators can change its icon." } });
    expect((await post(privateRoom, image, eve.bearer)).statusCode).toBe(404);
    expect((await post(privateRoom, Buffer.from('<html><script>alert(1)</script></html>'), ana.bearer, 'icon.png')).statusCode).toBe(415);
    const big = Buffer.concat([image, Buffer.alloc(MAX + 1)]).subarray(0, MAX + 1);
    const tooBig = await post(privateRoom, big, ana.bearer);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Room icons must be at most 10 MB.' } });
    expect((await post(privateRoom, image, {})).statusCode).toBe(401);
    expect(await iconFiles()).toEqual(before);
    expect(await t.filesUnder('tmp')).toEqual([]);
  });
});
