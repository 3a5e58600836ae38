// Room icons through the services the HTTP routes call and tRPC callers, on the real database (PGlite by default,
// PostgreSQL with DATABASE_URL): who may set, remove and see them, and that every refusal leaves nothing stored.
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Room } from '@veza/db';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context.ts';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import { ROOM_ICON_SIDE, roomIconSource, setRoomIcon } from './room-icons.service.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type Account = Awaited<ReturnType<Harness['signUp']>>;

let n = 0;
async function upload(who: Account, roomId: string, bytes: Buffer, sizeBytes = bytes.length) {
  const ctx = await createContext(h.deps, { authorization: `Bearer ${who.token}`, cookies: null, meta: { ip: '127.0.0.1', userAgent: 'vitest' } });
  if (!ctx.viewer) throw new Error('not signed in');
  const tempPath = join(tmpdir(), `veza-room-icon-${process.pid}-${n++}`);
  await writeFile(tempPath, bytes);
  try {
    return await setRoomIcon(ctx, ctx.viewer, roomId, { tempPath, sizeBytes });
  } finally {
    await rm(tempPath, { force: true });
  }
}

/** A wide PNG with text metadata, so the square crop and the metadata stripping show. */
const png = (width = 600, height = 300) =>
  sharp({ create: { width, height, channels: 3, background: 'blue' } })
    .withMetadata({ orientation: 1 })
    .withExif({ IFD0: { Make: 'SpyCam' } })
    .png()
    .toBuffer();

const iconFiles = async () => (await h.storedFiles()).filter((f) => f.startsWith('icon-'));
const iconKeyOf = async (roomId: string) => (await h.db.fork().findOneOrFail(Room, { id: roomId })).iconKey ?? null;

async function bytesOf(key: string) {
  const chunks: Buffer[] = [];
  for await (const chunk of h.deps.storage.read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('room icons', () => {
  let owner: Account;
  let mod: Account;
  let member: Account;
  let stranger: Account;
  let publicRoom: string;
  let privateRoom: string;
  beforeAll(async () => {
    [owner, mod, member, stranger] = [await h.signUp('icon.own'), await h.signUp('icon.mod'), await h.signUp('icon.mem'), await h.signUp('icon.str')];
    publicRoom = (await owner.api.chat.rooms.create({ name: 'Beat lab', visibility: 'public' })).id;
    privateRoom = (await owner.api.chat.rooms.create({ name: 'Secret', visibility: 'private' })).id;
    for (const roomId of [publicRoom, privateRoom]) {
      const { code } = await owner.api.chat.invites.create({ roomId });
      await mod.api.chat.invites.accept({ code });
      await member.api.chat.invites.accept({ code });
      await owner.api.chat.members.setRole({ roomId, userId: mod.user.id, role: 'moderator' });
    }
  });

  it('a moderator sets a 256×256 WebP without metadata; the list shows its versioned URL; a new icon replaces the old file', async () => {
    const first = await upload(mod, publicRoom, await png());
    expect(first.iconUrl).toMatch(new RegExp(`^/api/chat/rooms/${publicRoom}/icon\\?v=[0-9a-f]{16}$`));
    const key = await iconKeyOf(publicRoom);
    const stored = await bytesOf(key ?? '');
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: ROOM_ICON_SIDE, height: ROOM_ICON_SIDE });
    expect(meta.exif).toBeUndefined();
    const listed = (await member.api.chat.rooms.list()).find((r) => r.id === publicRoom);
    expect(listed?.iconUrl).toBe(first.iconUrl);

    const second = await upload(owner, publicRoom, await png(100, 400));
    expect(second.iconUrl).not.toBe(first.iconUrl);
    expect(await iconFiles()).toEqual([(await iconKeyOf(publicRoom))?.split('/').pop()]);
  });

  it('the owner and moderators remove it (files gone, back to null); removing none is fine', async () => {
    await upload(owner, privateRoom, await png());
    expect(await owner.api.chat.rooms.removeIcon({ roomId: privateRoom })).toEqual({ iconUrl: null });
    expect(await iconKeyOf(privateRoom)).toBeNull();
    expect((await owner.api.chat.rooms.list()).find((r) => r.id === privateRoom)?.iconUrl).toBeNull();
    expect(await mod.api.chat.rooms.removeIcon({ roomId: privateRoom })).toEqual({ iconUrl: null });
  });

  it('refuses members (FORBIDDEN), strangers to a private room (NOT_FOUND), DMs, non-images and oversize files, storing nothing', async () => {
    const before = await iconFiles();
    const keyBefore = await iconKeyOf(publicRoom);
    const image = await png();
    expect(await trpcError(() => upload(member, publicRoom, image))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await trpcError(() => upload(stranger, publicRoom, image))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await trpcError(() => upload(stranger, privateRoom, image))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => member.api.chat.rooms.removeIcon({ roomId: publicRoom }))).toMatchObject({ code: 'FORBIDDEN' });
    const { roomId: dm } = await owner.api.chat.dms.open({ username: member.user.username });
    expect(await trpcError(() => upload(owner, dm, image))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => upload(owner, publicRoom, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')))).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await trpcError(() => upload(owner, publicRoom, Buffer.from('GIF89a but not really an image at all')))).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await trpcError(() => upload(owner, publicRoom, image, 10 * 1024 * 1024 + 1))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await iconFiles()).toEqual(before);
    expect(await iconKeyOf(publicRoom)).toBe(keyBefore);
  });

  it('is served to whoever may see the room: anyone for public rooms, members or invite holders for private ones', async () => {
    await upload(owner, privateRoom, await png());
    const source = (viewer: Account | null, roomId: string, invite: string | null = null) =>
      (async () => {
        const ctx = await createContext(h.deps, { authorization: viewer ? `Bearer ${viewer.token}` : undefined, cookies: null, meta: { ip: '127.0.0.1', userAgent: 'vitest' } });
        return roomIconSource(ctx, ctx.viewer, roomId, invite);
      })();
    expect(await source(null, publicRoom)).toMatchObject({ public: true });
    expect(await source(stranger, publicRoom)).toMatchObject({ public: true });
    expect(await source(member, privateRoom)).toMatchObject({ public: false });
    expect(await trpcError(() => source(stranger, privateRoom))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => source(null, privateRoom))).toMatchObject({ code: 'NOT_FOUND' });
    const invite = await owner.api.chat.invites.create({ roomId: privateRoom });
    expect(await source(stranger, privateRoom, invite.code)).toMatchObject({ public: false });
    // The invite page: the room as its holder sees it before joining, with an icon URL that carries the code.
    const preview = await stranger.api.chat.invites.preview({ code: invite.code });
    expect(preview).toMatchObject({ roomId: privateRoom, name: 'Secret', visibility: 'private', memberCount: 3, member: false });
    expect(preview.iconUrl).toContain(`&invite=${invite.code}`);
    await owner.api.chat.invites.revoke({ inviteId: invite.id });
    expect(await trpcError(() => source(stranger, privateRoom, invite.code))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => stranger.api.chat.invites.preview({ code: invite.code }))).toMatchObject({ code: 'NOT_FOUND' });
    // Without an icon: NOT_FOUND for everyone.
    await owner.api.chat.rooms.removeIcon({ roomId: privateRoom });
    expect(await trpcError(() => source(owner, privateRoom))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => source(owner, randomUUID()))).toMatchObject({ code: 'NOT_FOUND' });
  });
});
