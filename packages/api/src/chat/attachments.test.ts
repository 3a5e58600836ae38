import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chatRepository, Message, MessageAttachment } from '@veza/db';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context.ts';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import { chatImageSource, prepareAttachments, purgeChatAttachments, uploadChatImage, type AttachmentDto } from './attachments.service.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type Account = Awaited<ReturnType<Harness['signUp']>>;
const cid = () => randomUUID();
const count = (entity: typeof Message | typeof MessageAttachment, where: Record<string, unknown> = {}) =>
  entity === Message ? h.db.fork().count(Message, where) : h.db.fork().count(MessageAttachment, where);

async function viewerOf(account: Account) {
  const ctx = await createContext(h.deps, { authorization: `Bearer ${account.token}`, cookies: null, meta: { ip: '127.0.0.1', userAgent: 'vitest' } });
  if (!ctx.viewer) throw new Error('not signed in');
  return { ctx, viewer: ctx.viewer };
}

/** A JPEG with EXIF (camera, GPS position) and orientation 6 (stored 40×20, shown 20×40). */
const exifJpeg = () =>
  sharp({ create: { width: 40, height: 20, channels: 3, background: 'red' } })
    .withExif({ IFD0: { Make: 'SpyCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 3/1' } })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();

let n = 0;
async function uploadImage(account: Account, data?: Buffer) {
  const { ctx, viewer } = await viewerOf(account);
  const bytes = data ?? (await exifJpeg());
  const tempPath = join(tmpdir(), `veza-chat-image-${process.pid}-${n++}`);
  await writeFile(tempPath, bytes);
  try {
    return await uploadChatImage(ctx, viewer, { tempPath, sizeBytes: bytes.length });
  } finally {
    await rm(tempPath, { force: true });
  }
}

async function imageBytes(id: string) {
  const row = await h.db.fork().findOneOrFail(MessageAttachment, { id }, { fields: ['storageKey'] });
  const chunks: Buffer[] = [];
  for await (const chunk of h.deps.storage.read(row.storageKey ?? '')) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function sharedRoom(owner: Account, visibility: 'public' | 'private', ...others: Account[]) {
  const roomId = (await owner.api.chat.rooms.create({ name: 'Studio', visibility })).id;
  for (const other of others) {
    if (visibility === 'public') await other.api.chat.rooms.join({ roomId });
    else {
      const { code } = await owner.api.chat.invites.create({ roomId });
      await other.api.chat.invites.accept({ code });
    }
  }
  return roomId;
}

const images = (attachments: AttachmentDto[]) => attachments.filter((a) => a.kind === 'image');

describe('chat image uploads', () => {
  let ana: Account;
  beforeAll(async () => {
    ana = await h.signUp('att.up');
  });

  it('re-encodes the image: EXIF (GPS included) gone, orientation applied', async () => {
    const up = await uploadImage(ana);
    expect(up).toMatchObject({ width: 20, height: 40, mime: 'image/jpeg', url: `/api/chat/attachments/${up.attachmentId}` });
    const stored = await imageBytes(up.attachmentId);
    expect(up.bytes).toBe(stored.length);
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 20, height: 40 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(stored.includes('SpyCam')).toBe(false);
  });

  it('refuses what is not a JPEG, PNG, WebP or GIF image, storing nothing', async () => {
    const before = await count(MessageAttachment);
    const files = (await h.storedFiles()).length;
    for (const bad of [Buffer.from('just some text, named x.png'), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), Buffer.from('%PDF-1.4\n')]) {
      const { ctx, viewer } = await viewerOf(ana);
      const tempPath = join(tmpdir(), `veza-chat-bad-${process.pid}-${n++}`);
      await writeFile(tempPath, bad);
      await expect(uploadChatImage(ctx, viewer, { tempPath, sizeBytes: bad.length })).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Images must be JPEG, PNG, WebP or GIF files.' });
      await rm(tempPath, { force: true });
    }
    // A PNG header over garbage: sniffed as PNG, refused when decoding.
    const broken = Buffer.concat([(await sharp({ create: { width: 4, height: 4, channels: 3, background: 'red' } }).png().toBuffer()).subarray(0, 40), Buffer.alloc(100, 7)]);
    await expect(uploadImage(ana, broken)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await count(MessageAttachment)).toBe(before);
    expect((await h.storedFiles()).length).toBe(files);
  });

  it('refuses more than 20 unsent uploads at once (sent ones do not count)', async () => {
    const eve = await h.signUp('att.many');
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: 'white' } }).png().toBuffer();
    const ups = [];
    for (let i = 0; i < 20; i++) ups.push(await uploadImage(eve, png));
    const rows = await count(MessageAttachment);
    await expect(uploadImage(eve, png)).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'unsent_images' });
    expect(await count(MessageAttachment)).toBe(rows);
    const roomId = (await eve.api.chat.rooms.create({ name: 'Mine', visibility: 'private' })).id;
    await eve.api.chat.messages.send({ roomId, body: '', clientMessageId: cid(), attachments: [{ kind: 'image', attachmentId: ups[0]!.attachmentId }] });
    expect((await uploadImage(eve, png)).mime).toBe('image/png');
  });

  it('keeps several frames of an animated GIF', async () => {
    const frame = (colour: string) => sharp({ create: { width: 6, height: 6, channels: 3, background: colour } }).png().toBuffer();
    const strip = await sharp({ create: { width: 6, height: 12, channels: 3, background: 'black' } })
      .composite([
        { input: await frame('red'), top: 0, left: 0 },
        { input: await frame('green'), top: 6, left: 0 },
      ])
      .raw()
      .toBuffer();
    const gif = await sharp(strip, { raw: { width: 6, height: 12, channels: 3, pageHeight: 6 } }).gif({ delay: [100, 100] }).toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const up = await uploadImage(ana, gif);
    expect(up).toMatchObject({ mime: 'image/gif', width: 6, height: 6 });
    expect((await sharp(await imageBytes(up.attachmentId)).metadata()).pages).toBe(2);
  });
});

describe('chat.messages.send with attachments', () => {
  let ana: Account;
  let bob: Account;
  let eve: Account;
  let roomId: string;
  beforeAll(async () => {
    [ana, bob, eve] = [await h.signUp('att.ana'), await h.signUp('att.bob'), await h.signUp('att.eve')];
    roomId = await sharedRoom(ana, 'private', bob);
  });

  it('sends images and tracks in order, with an empty body; a retry returns the same message with them', async () => {
    const first = await uploadImage(ana);
    const second = await uploadImage(ana, await sharp({ create: { width: 30, height: 10, channels: 3, background: 'green' } }).png().toBuffer());
    const track = await h.upload(ana.token, undefined, { title: 'Sunrise' });
    const input = {
      roomId,
      body: '',
      clientMessageId: cid(),
      attachments: [
        { kind: 'image' as const, attachmentId: second.attachmentId },
        { kind: 'track' as const, trackId: track.id },
        { kind: 'image' as const, attachmentId: first.attachmentId },
      ],
    };
    const sent = await ana.api.chat.messages.send(input);
    expect(sent.body).toBe('');
    expect(sent.attachments).toEqual([
      { kind: 'image', id: second.attachmentId, url: second.url, width: 30, height: 10, mime: 'image/png', bytes: second.bytes },
      {
        kind: 'track',
        id: expect.any(String),
        unavailable: false,
        track: expect.objectContaining({ id: track.id, title: 'Sunrise', owner: expect.objectContaining({ username: 'att.ana' }), visibility: 'public', status: 'queued', playable: false }),
      },
      { kind: 'image', id: first.attachmentId, url: first.url, width: 20, height: 40, mime: 'image/jpeg', bytes: first.bytes },
    ]);
    const again = await ana.api.chat.messages.send(input);
    expect(again).toEqual(sent);
    expect(await count(Message, { clientMessageId: input.clientMessageId })).toBe(1);
    const page = await bob.api.chat.messages.list({ roomId });
    expect(page.items.find((m) => m.id === sent.id)?.attachments).toEqual(sent.attachments);
  });

  it("refuses someone else's upload, a reused upload, an invisible track and 5 attachments, storing nothing", async () => {
    const mine = await uploadImage(ana);
    const bobs = await uploadImage(bob);
    const used = await uploadImage(ana);
    await ana.api.chat.messages.send({ roomId, body: 'first', clientMessageId: cid(), attachments: [{ kind: 'image', attachmentId: used.attachmentId }] });
    const hidden = await h.upload(eve.token);
    await eve.api.tracks.update({ id: hidden.id, visibility: 'private' });
    const five = await Promise.all([1, 2, 3, 4, 5].map(() => uploadImage(ana)));
    const messages = await count(Message);
    const rows = await count(MessageAttachment);
    const send = (attachments: Parameters<typeof ana.api.chat.messages.send>[0]['attachments'], body = 'hi') =>
      trpcError(() => ana.api.chat.messages.send({ roomId, body, clientMessageId: cid(), attachments }));

    expect(await send([{ kind: 'image', attachmentId: mine.attachmentId }, { kind: 'image', attachmentId: bobs.attachmentId }])).toMatchObject({ code: 'NOT_FOUND' });
    expect(await send([{ kind: 'image', attachmentId: randomUUID() }])).toMatchObject({ code: 'NOT_FOUND' });
    expect(await send([{ kind: 'image', attachmentId: mine.attachmentId }, { kind: 'image', attachmentId: used.attachmentId }])).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('already sent'),
    });
    expect(await send([{ kind: 'track', trackId: hidden.id }])).toMatchObject({ code: 'NOT_FOUND', message: 'This track does not exist or you cannot see it.' });
    expect(await send([{ kind: 'track', trackId: randomUUID() }])).toMatchObject({ code: 'NOT_FOUND' });
    expect(await send(five.map((u) => ({ kind: 'image' as const, attachmentId: u.attachmentId })))).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('at most 4 attachments'),
    });
    expect(await send([{ kind: 'image', attachmentId: mine.attachmentId }, { kind: 'image', attachmentId: mine.attachmentId }])).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('once per message'),
    });
    expect(await send([{ kind: 'sticker', id: 'x' } as never])).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await send(undefined, '')).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Message cannot be empty.') });
    expect(await send([], '  ')).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Message cannot be empty.') });
    expect(await send([{ kind: 'image', attachmentId: mine.attachmentId }], 'x'.repeat(4001))).toMatchObject({ code: 'BAD_REQUEST' });

    expect(await count(Message)).toBe(messages);
    expect(await count(MessageAttachment)).toBe(rows);
    expect(await count(MessageAttachment, { id: mine.attachmentId, message: null })).toBe(1);
    expect(await count(MessageAttachment, { id: bobs.attachmentId, message: null })).toBe(1);
    // Nothing was taken from the refused sends: the upload still goes out.
    const ok = await ana.api.chat.messages.send({ roomId, body: '', clientMessageId: cid(), attachments: [{ kind: 'image', attachmentId: mine.attachmentId }] });
    expect(images(ok.attachments).map((a) => a.id)).toEqual([mine.attachmentId]);
  });

  it('two sends racing for one upload: one message gets it, the other is refused and not stored', async () => {
    const up = await uploadImage(ana);
    const messages = await count(Message);
    const attempts = await Promise.allSettled(
      [1, 2].map(() => ana.api.chat.messages.send({ roomId, body: 'race', clientMessageId: cid(), attachments: [{ kind: 'image', attachmentId: up.attachmentId }] })),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(attempts.find((a) => a.status === 'rejected')).toMatchObject({ reason: { code: 'BAD_REQUEST' } });
    expect(await count(Message)).toBe(messages + 1);
    expect(await count(MessageAttachment, { id: up.attachmentId, message: { $ne: null } })).toBe(1);
  });

  it('claims in the transaction: two sends both past the checks still cannot take one upload', async () => {
    const up = await uploadImage(ana);
    const { ctx, viewer } = await viewerOf(ana);
    const input = [{ kind: 'image' as const, attachmentId: up.attachmentId }];
    // Both checked before either writes (as two sends racing would be).
    const [first, second] = [await prepareAttachments(ctx, viewer, input), await prepareAttachments(ctx, viewer, input)];
    const messages = await count(Message);
    const append = (claim: typeof first, n: number) =>
      chatRepository(h.db.fork()).appendMessage({ roomId, authorId: viewer.id, body: `claim ${n}`, clientMessageId: cid(), replyToId: null }, claim);
    const results = await Promise.allSettled([append(first, 1), append(second, 2)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'BAD_REQUEST' } });
    // The refused send left nothing: one message more, and the room's seq has no gap.
    expect(await count(Message)).toBe(messages + 1);
    const page = await ana.api.chat.messages.list({ roomId });
    expect(page.items.at(-1)?.seq).toBe(page.lastSeq);
    expect(page.items.at(-1)?.attachments).toEqual([expect.objectContaining({ id: up.attachmentId })]);
  });

  it('serves images to the room readers only, and an unsent upload to its uploader only', async () => {
    const up = await uploadImage(ana);
    const as = async (account: Account) => chatImageSource((await viewerOf(account)).ctx, (await viewerOf(account)).viewer, up.attachmentId);
    expect(await as(ana)).toMatchObject({ mime: 'image/jpeg' });
    await expect(as(bob)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await ana.api.chat.messages.send({ roomId, body: 'look', clientMessageId: cid(), attachments: [{ kind: 'image', attachmentId: up.attachmentId }] });
    expect(await as(bob)).toMatchObject({ mime: 'image/jpeg' });
    await expect(as(eve)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(chatImageSource((await viewerOf(ana)).ctx, null, up.attachmentId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // In a public room anyone signed in reads it.
    const open = await sharedRoom(ana, 'public');
    const pub = await uploadImage(ana);
    await ana.api.chat.messages.send({ roomId: open, body: 'hi', clientMessageId: cid(), attachments: [{ kind: 'image', attachmentId: pub.attachmentId }] });
    expect(await chatImageSource((await viewerOf(eve)).ctx, (await viewerOf(eve)).viewer, pub.attachmentId)).toMatchObject({ mime: 'image/jpeg' });
  });

  it('shows a private track card only to those who may see the track; published copies carry public cards only', async () => {
    const priv = await h.upload(ana.token, undefined, { title: 'Demo' });
    await ana.api.tracks.update({ id: priv.id, visibility: 'private' });
    const pub = await h.upload(ana.token, undefined, { title: 'Single' });
    const sent = await ana.api.chat.messages.send({
      roomId,
      body: 'two tracks',
      clientMessageId: cid(),
      attachments: [
        { kind: 'track', trackId: priv.id },
        { kind: 'track', trackId: pub.id },
      ],
    });
    // The send's answer is the published copy (the same for every subscriber).
    expect(sent.attachments).toEqual([
      { kind: 'track', id: expect.any(String), unavailable: true, restricted: true },
      expect.objectContaining({ kind: 'track', unavailable: false, track: expect.objectContaining({ id: pub.id }) }),
    ]);
    const read = async (account: Account) => (await account.api.chat.messages.list({ roomId })).items.find((m) => m.id === sent.id)?.attachments;
    expect(await read(ana)).toEqual([
      expect.objectContaining({ unavailable: false, track: expect.objectContaining({ id: priv.id, title: 'Demo', visibility: 'private' }) }),
      expect.objectContaining({ unavailable: false, track: expect.objectContaining({ id: pub.id }) }),
    ]);
    const bobView = await read(bob);
    expect(bobView?.[0]).toEqual({ kind: 'track', id: expect.any(String), unavailable: true, restricted: true });
    expect(JSON.stringify(bobView)).not.toContain('Demo');
    expect(JSON.stringify(bobView)).not.toContain(priv.id);
    // Deleted track: unavailable for everyone.
    await ana.api.tracks.delete({ id: pub.id });
    expect((await read(bob))?.[1]).toEqual({ kind: 'track', id: expect.any(String), unavailable: true, restricted: false });
  });

  it('search finds the messages sent with attachments by has:attachment, until they are deleted', async () => {
    const up = await uploadImage(ana);
    const track = await h.upload(ana.token);
    const picture = await ana.api.chat.messages.send({ roomId, body: 'quokka picture', clientMessageId: cid(), attachments: [{ kind: 'image', attachmentId: up.attachmentId }] });
    await ana.api.chat.messages.send({ roomId, body: 'quokka card', clientMessageId: cid(), attachments: [{ kind: 'track', trackId: track.id }] });
    await ana.api.chat.messages.send({ roomId, body: 'quokka words', clientMessageId: cid() });
    const found = async () => (await bob.api.chat.messages.search({ query: 'quokka has:attachment' })).items.map((i) => i.message.body);
    expect(await found()).toEqual(['quokka card', 'quokka picture']);
    await ana.api.chat.messages.delete({ messageId: picture.id });
    expect(await found()).toEqual(['quokka card']);
  });

  it('deleting a message hides its attachments and deletes its image files', async () => {
    const up = await uploadImage(ana);
    const track = await h.upload(ana.token);
    const sent = await ana.api.chat.messages.send({
      roomId,
      body: 'soon gone',
      clientMessageId: cid(),
      attachments: [
        { kind: 'image', attachmentId: up.attachmentId },
        { kind: 'track', trackId: track.id },
      ],
    });
    const files = (await h.storedFiles()).length;
    const deleted = await ana.api.chat.messages.delete({ messageId: sent.id });
    expect(deleted.attachments).toEqual([]);
    expect((await bob.api.chat.messages.list({ roomId })).items.find((m) => m.id === sent.id)?.attachments).toEqual([]);
    expect(await count(MessageAttachment, { message: sent.id })).toBe(0);
    expect((await h.storedFiles()).length).toBe(files - 1);
    await expect(chatImageSource((await viewerOf(bob)).ctx, (await viewerOf(bob)).viewer, up.attachmentId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('purges unsent uploads after a day, files and rows; sent ones stay', async () => {
    const old = await uploadImage(ana);
    const fresh = await uploadImage(ana);
    const sent = await uploadImage(ana);
    await ana.api.chat.messages.send({ roomId, body: 'kept', clientMessageId: cid(), attachments: [{ kind: 'image', attachmentId: sent.attachmentId }] });
    await h.db.fork().nativeUpdate(MessageAttachment, { id: { $in: [old.attachmentId, sent.attachmentId] } }, { createdAt: new Date(Date.now() - 25 * 3600 * 1000) });
    // Too old to send any more.
    expect(await trpcError(() => ana.api.chat.messages.send({ roomId, body: 'late', clientMessageId: cid(), attachments: [{ kind: 'image', attachmentId: old.attachmentId }] }))).toMatchObject({ code: 'NOT_FOUND' });
    const files = (await h.storedFiles()).length;
    const result = await purgeChatAttachments(h.deps);
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    expect(result.failures).toEqual([]);
    expect(await count(MessageAttachment, { id: old.attachmentId })).toBe(0);
    expect(await count(MessageAttachment, { id: { $in: [fresh.attachmentId, sent.attachmentId] } })).toBe(2);
    expect((await h.storedFiles()).length).toBe(files - result.deleted);
    expect(await h.storedFiles()).not.toContain(`${old.attachmentId}.jpg`);
  });
});
