import { randomUUID } from 'node:crypto';
import { Message, RoomMember } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type Account = Awaited<ReturnType<Harness['signUp']>>;
const cid = () => randomUUID();
const countMessages = (where: Record<string, unknown> = {}) => h.db.fork().count(Message, where);

async function room(owner: Account, visibility: 'public' | 'private' = 'public', name = 'Room') {
  return (await owner.api.chat.rooms.create({ name, visibility })).id;
}

describe('chat.rooms', () => {
  let ana: Account;
  let bob: Account;
  beforeAll(async () => {
    ana = await h.signUp('r.ana');
    bob = await h.signUp('r.bob');
  });

  it('creates a room whose creator is its owner, listed with no unread messages', async () => {
    const id = await ana.api.chat.rooms.create({ name: '  Synth heads ', visibility: 'public', topic: 'Moog talk' }).then((r) => r.id);
    const mine = await ana.api.chat.rooms.list();
    expect(mine.find((r) => r.id === id)).toMatchObject({
      kind: 'room',
      name: 'Synth heads',
      topic: 'Moog talk',
      visibility: 'public',
      role: 'owner',
      unreadCount: 0,
      lastMessage: null,
      peer: null,
    });
    expect((await bob.api.chat.rooms.list()).some((r) => r.id === id)).toBe(false);
  });

  it('refuses bad room input with a typed error and stores nothing', async () => {
    const before = (await ana.api.chat.rooms.list()).length;
    expect(await trpcError(() => ana.api.chat.rooms.create({ name: '   ', visibility: 'public' }))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Room name cannot be empty.') });
    expect(await trpcError(() => ana.api.chat.rooms.create({ name: 'x'.repeat(81), visibility: 'public' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => ana.api.chat.rooms.create({ name: 'Ok', visibility: 'secret' as 'public' }))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Visibility must be public or private.') });
    expect((await ana.api.chat.rooms.list()).length).toBe(before);
  });

  it('joins public rooms (twice is once); private rooms, DMs and unknown ids are NOT_FOUND', async () => {
    const pub = await room(ana, 'public');
    const priv = await room(ana, 'private');
    expect(await bob.api.chat.rooms.join({ roomId: pub })).toEqual({ id: pub });
    expect(await bob.api.chat.rooms.join({ roomId: pub })).toEqual({ id: pub });
    expect(await h.db.fork().count(RoomMember, { room: pub })).toBe(2);
    expect((await bob.api.chat.rooms.list()).find((r) => r.id === pub)).toMatchObject({ role: 'member' });
    expect(await trpcError(() => bob.api.chat.rooms.join({ roomId: priv }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => bob.api.chat.rooms.join({ roomId: randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => bob.api.chat.rooms.join({ roomId: 'not-a-uuid' }))).toMatchObject({ code: 'BAD_REQUEST' });
    const cat = await h.signUp('r.cat');
    const { roomId: dm } = await ana.api.chat.dms.open({ username: 'r.cat' });
    expect(await trpcError(() => bob.api.chat.rooms.join({ roomId: dm }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await h.db.fork().count(RoomMember, { room: { $in: [priv, dm] }, user: bob.user.id })).toBe(0);
    expect(cat.user.username).toBe('r.cat');
  });

  it('a joiner starts with the history read; later messages count as unread, with the last one previewed', async () => {
    const id = await room(ana);
    await ana.api.chat.messages.send({ roomId: id, body: 'before you came', clientMessageId: cid() });
    await bob.api.chat.rooms.join({ roomId: id });
    expect((await bob.api.chat.rooms.list()).find((r) => r.id === id)).toMatchObject({ unreadCount: 0, lastSeq: 1, lastReadSeq: 1 });
    await ana.api.chat.messages.send({ roomId: id, body: 'one', clientMessageId: cid() });
    await ana.api.chat.messages.send({ roomId: id, body: 'two', clientMessageId: cid() });
    const listed = await bob.api.chat.rooms.list();
    expect(listed[0]).toMatchObject({ id, unreadCount: 2, lastMessage: { seq: 3, body: 'two', author: { username: 'r.ana' } } });
    // The sender has read their own messages.
    expect((await ana.api.chat.rooms.list()).find((r) => r.id === id)).toMatchObject({ unreadCount: 0 });
  });

  it('needs a signed-in user', async () => {
    const anon = await h.caller();
    expect(await trpcError(() => anon.chat.rooms.list())).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await trpcError(() => anon.chat.rooms.create({ name: 'x', visibility: 'public' }))).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('chat.dms.open', () => {
  it('opens one DM between two people, the same room from both sides, even when both open it at once', async () => {
    const dee = await h.signUp('d.dee');
    const eve = await h.signUp('d.eve');
    const [a, b] = await Promise.all([dee.api.chat.dms.open({ username: 'd.eve' }), eve.api.chat.dms.open({ username: 'D.Dee ' })]);
    expect(a.roomId).toBe(b.roomId);
    expect(await dee.api.chat.dms.open({ username: 'd.eve' })).toEqual(a);
    const deeList = await dee.api.chat.rooms.list();
    expect(deeList.filter((r) => r.kind === 'dm')).toEqual([expect.objectContaining({ id: a.roomId, name: null, visibility: 'private', peer: expect.objectContaining({ username: 'd.eve' }) })]);
    expect((await eve.api.chat.rooms.list()).find((r) => r.id === a.roomId)?.peer?.username).toBe('d.dee');
  });

  it('refuses yourself (BAD_REQUEST), unknown people (NOT_FOUND) and bad names, creating nothing', async () => {
    const fay = await h.signUp('d.fay');
    expect(await trpcError(() => fay.api.chat.dms.open({ username: 'd.fay' }))).toMatchObject({ code: 'BAD_REQUEST', message: 'You cannot start a conversation with yourself.' });
    expect(await trpcError(() => fay.api.chat.dms.open({ username: 'nobody.here' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => fay.api.chat.dms.open({ username: 'x' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await fay.api.chat.rooms.list()).toEqual([]);
  });

  it("keeps a DM to its two people: a third one can neither read nor write it", async () => {
    const gus = await h.signUp('d.gus');
    await h.signUp('d.hal');
    const ivy = await h.signUp('d.ivy');
    const { roomId } = await gus.api.chat.dms.open({ username: 'd.hal' });
    await gus.api.chat.messages.send({ roomId, body: 'psst', clientMessageId: cid() });
    expect(await trpcError(() => ivy.api.chat.messages.list({ roomId }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => ivy.api.chat.messages.send({ roomId, body: 'hi', clientMessageId: cid() }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await countMessages({ room: roomId })).toBe(1);
  });
});

describe('chat.messages.send', () => {
  let jan: Account;
  let kim: Account;
  let lee: Account;
  beforeAll(async () => {
    jan = await h.signUp('m.jan');
    kim = await h.signUp('m.kim');
    lee = await h.signUp('m.lee');
  });

  it('numbers messages 1, 2, 3 in the room and returns the message DTO', async () => {
    const id = await room(jan);
    const clientMessageId = cid();
    const first = await jan.api.chat.messages.send({ roomId: id, body: '  hello **world**\n', clientMessageId });
    expect(first).toMatchObject({ seq: 1, roomId: id, body: 'hello **world**', clientMessageId, author: { username: 'm.jan' }, editedAt: null, deletedAt: null, replyTo: null });
    expect(first.id).toMatch(/^\d+$/);
    expect(new Date(first.createdAt).getTime()).toBeGreaterThan(0);
    expect((await jan.api.chat.messages.send({ roomId: id, body: 'b', clientMessageId: cid() })).seq).toBe(2);
    expect((await jan.api.chat.messages.send({ roomId: id, body: 'c', clientMessageId: cid() })).seq).toBe(3);
  });

  it('gives concurrent sends consecutive seqs with no gap and no repeat', async () => {
    const id = await room(jan);
    await kim.api.chat.rooms.join({ roomId: id });
    const sends = Array.from({ length: 30 }, (_, i) => (i % 2 ? kim : jan).api.chat.messages.send({ roomId: id, body: `m${i}`, clientMessageId: cid() }));
    const sent = await Promise.all(sends);
    expect(sent.map((m) => m.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const page = await jan.api.chat.messages.list({ roomId: id, limit: 100 });
    expect(page.items.map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(page.lastSeq).toBe(30);
  });

  it('is idempotent on clientMessageId: a retry, or duplicates racing, give the same message once', async () => {
    const id = await room(jan);
    const clientMessageId = cid();
    const first = await jan.api.chat.messages.send({ roomId: id, body: 'once', clientMessageId });
    const retry = await jan.api.chat.messages.send({ roomId: id, body: 'once', clientMessageId });
    expect(retry).toEqual(first);
    const racing = cid();
    const results = await Promise.all(Array.from({ length: 6 }, () => jan.api.chat.messages.send({ roomId: id, body: 'race', clientMessageId: racing })));
    expect(new Set(results.map((m) => m.id)).size).toBe(1);
    expect(await countMessages({ room: id })).toBe(2);
    // No seq was lost to the duplicates: the next message is 3.
    expect((await jan.api.chat.messages.send({ roomId: id, body: 'next', clientMessageId: cid() })).seq).toBe(3);
    // Another author may use the same client id: ids are per author.
    await kim.api.chat.rooms.join({ roomId: id });
    expect((await kim.api.chat.messages.send({ roomId: id, body: 'mine', clientMessageId })).seq).toBe(4);
    // The same client id for another room is a client bug: CONFLICT, nothing stored.
    const other = await room(jan);
    expect(await trpcError(() => jan.api.chat.messages.send({ roomId: other, body: 'x', clientMessageId }))).toMatchObject({ code: 'CONFLICT' });
    expect(await countMessages({ room: other })).toBe(0);
  });

  it('takes 1 to 4000 characters after trimming; empty or 4001 is BAD_REQUEST and nothing is stored', async () => {
    const id = await room(jan);
    expect((await jan.api.chat.messages.send({ roomId: id, body: `  ${'a'.repeat(4000)}  `, clientMessageId: cid() })).body).toHaveLength(4000);
    const tooLong = await trpcError(() => jan.api.chat.messages.send({ roomId: id, body: 'a'.repeat(4001), clientMessageId: cid() }));
    expect(tooLong).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Message must be at most 4,000 characters.') });
    expect(await trpcError(() => jan.api.chat.messages.send({ roomId: id, body: ' \n\t ', clientMessageId: cid() }))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Message cannot be empty.') });
    expect(await trpcError(() => jan.api.chat.messages.send({ roomId: id, body: 'bell\u0007', clientMessageId: cid() }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => jan.api.chat.messages.send({ roomId: id, body: 'ok', clientMessageId: 'short' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => jan.api.chat.messages.send({ roomId: id, body: 'ok', clientMessageId: 'has spaces in it' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await countMessages({ room: id })).toBe(1);
  });

  it('lets only members send: public room not joined is FORBIDDEN, private room NOT_FOUND, anonymous UNAUTHORIZED', async () => {
    const pub = await room(jan, 'public');
    const priv = await room(jan, 'private');
    expect(await trpcError(() => lee.api.chat.messages.send({ roomId: pub, body: 'hi', clientMessageId: cid() }))).toMatchObject({ code: 'FORBIDDEN', message: 'Join this room to take part in it.' });
    expect(await trpcError(() => lee.api.chat.messages.send({ roomId: priv, body: 'hi', clientMessageId: cid() }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => lee.api.chat.messages.send({ roomId: randomUUID(), body: 'hi', clientMessageId: cid() }))).toMatchObject({ code: 'NOT_FOUND' });
    const anon = await h.caller();
    expect(await trpcError(() => anon.chat.messages.send({ roomId: pub, body: 'hi', clientMessageId: cid() }))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await countMessages({ room: { $in: [pub, priv] } })).toBe(0);
    await lee.api.chat.rooms.join({ roomId: pub });
    expect((await lee.api.chat.messages.send({ roomId: pub, body: 'hi', clientMessageId: cid() })).seq).toBe(1);
  });

  it('replies quote a message of the same room; another room’s message or an unknown id is BAD_REQUEST', async () => {
    const id = await room(jan);
    const other = await room(jan);
    const parent = await jan.api.chat.messages.send({ roomId: id, body: 'question?', clientMessageId: cid() });
    const elsewhere = await jan.api.chat.messages.send({ roomId: other, body: 'elsewhere', clientMessageId: cid() });
    const reply = await jan.api.chat.messages.send({ roomId: id, body: 'answer', clientMessageId: cid(), replyToId: parent.id });
    expect(reply.replyTo).toMatchObject({ id: parent.id, seq: 1, body: 'question?', author: { username: 'm.jan' }, deletedAt: null });
    for (const replyToId of [elsewhere.id, '999999999', '-1', '1.5', '99999999999999999999']) {
      expect(await trpcError(() => jan.api.chat.messages.send({ roomId: id, body: 'x', clientMessageId: cid(), replyToId }))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await countMessages({ room: id })).toBe(2);
    expect((await jan.api.chat.messages.list({ roomId: id })).items[1]?.replyTo?.id).toBe(parent.id);
  });
});

describe('chat.messages.list', () => {
  let max: Account;
  let ned: Account;
  let id: string;
  beforeAll(async () => {
    max = await h.signUp('l.max');
    ned = await h.signUp('l.ned');
    id = await room(max);
    for (let i = 1; i <= 25; i++) await max.api.chat.messages.send({ roomId: id, body: `n${i}`, clientMessageId: cid() });
  });
  const seqs = (items: { seq: number }[]) => items.map((m) => m.seq);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('pages newest first with beforeSeq, items in ascending seq', async () => {
    const latest = await max.api.chat.messages.list({ roomId: id, limit: 10 });
    expect(seqs(latest.items)).toEqual(range(16, 25));
    expect(latest).toMatchObject({ hasOlder: true, hasNewer: false, lastSeq: 25 });
    const older = await max.api.chat.messages.list({ roomId: id, beforeSeq: 16, limit: 10 });
    expect(seqs(older.items)).toEqual(range(6, 15));
    expect(older).toMatchObject({ hasOlder: true, hasNewer: true });
    const oldest = await max.api.chat.messages.list({ roomId: id, beforeSeq: 6, limit: 10 });
    expect(seqs(oldest.items)).toEqual(range(1, 5));
    expect(oldest).toMatchObject({ hasOlder: false, hasNewer: true });
    expect((await max.api.chat.messages.list({ roomId: id, beforeSeq: 1 })).items).toEqual([]);
  });

  it('catches up ascending with afterSeq', async () => {
    const page = await max.api.chat.messages.list({ roomId: id, afterSeq: 3, limit: 5 });
    expect(seqs(page.items)).toEqual(range(4, 8));
    expect(page).toMatchObject({ hasOlder: true, hasNewer: true });
    const tail = await max.api.chat.messages.list({ roomId: id, afterSeq: 20, limit: 100 });
    expect(seqs(tail.items)).toEqual(range(21, 25));
    expect(tail.hasNewer).toBe(false);
    expect((await max.api.chat.messages.list({ roomId: id, afterSeq: 25 })).items).toEqual([]);
    expect((await max.api.chat.messages.list({ roomId: id, afterSeq: 0, limit: 3 })).hasOlder).toBe(false);
  });

  it('refuses forged positions and page sizes with BAD_REQUEST', async () => {
    const bad: Record<string, unknown>[] = [
      { beforeSeq: -1 },
      { afterSeq: 1.5 },
      { beforeSeq: 2 ** 60 },
      { afterSeq: Number.NaN },
      { afterSeq: '3' },
      { beforeSeq: 5, afterSeq: 2 },
      { limit: 0 },
      { limit: 101 },
      { limit: 2.5 },
    ];
    for (const extra of bad) {
      const error = await trpcError(() => max.api.chat.messages.list({ roomId: id, ...extra } as { roomId: string }));
      expect(error, JSON.stringify(extra)).toMatchObject({ code: 'BAD_REQUEST' });
    }
  });

  it('public rooms are readable by anyone signed in; private ones only by members; anonymous never', async () => {
    expect(seqs((await ned.api.chat.messages.list({ roomId: id, limit: 2 })).items)).toEqual([24, 25]);
    const priv = await room(max, 'private');
    await max.api.chat.messages.send({ roomId: priv, body: 'secret', clientMessageId: cid() });
    expect(await trpcError(() => ned.api.chat.messages.list({ roomId: priv }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => ned.api.chat.messages.list({ roomId: randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
    const anon = await h.caller();
    expect(await trpcError(() => anon.chat.messages.list({ roomId: id }))).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('chat.messages.edit and delete', () => {
  let own: Account;
  let pat: Account;
  let quinn: Account;
  let id: string;
  beforeAll(async () => {
    own = await h.signUp('e.own');
    pat = await h.signUp('e.pat');
    quinn = await h.signUp('e.quinn');
    id = await room(own);
    await pat.api.chat.rooms.join({ roomId: id });
  });

  it('lets the author edit (marked edited, same seq); others are FORBIDDEN, strangers NOT_FOUND, bad bodies BAD_REQUEST', async () => {
    const sent = await pat.api.chat.messages.send({ roomId: id, body: 'teh riff', clientMessageId: cid() });
    const edited = await pat.api.chat.messages.edit({ messageId: sent.id, body: ' the riff ' });
    expect(edited).toMatchObject({ id: sent.id, seq: sent.seq, body: 'the riff', deletedAt: null });
    expect(edited.editedAt).not.toBeNull();
    expect(await trpcError(() => own.api.chat.messages.edit({ messageId: sent.id, body: 'hijack' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await trpcError(() => pat.api.chat.messages.edit({ messageId: sent.id, body: 'a'.repeat(4001) }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => pat.api.chat.messages.edit({ messageId: sent.id, body: '  ' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => pat.api.chat.messages.edit({ messageId: '999999999', body: 'x' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => pat.api.chat.messages.edit({ messageId: 'abc', body: 'x' }))).toMatchObject({ code: 'BAD_REQUEST' });
    const priv = await room(own, 'private');
    const secret = await own.api.chat.messages.send({ roomId: priv, body: 'secret', clientMessageId: cid() });
    expect(await trpcError(() => quinn.api.chat.messages.edit({ messageId: secret.id, body: 'x' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => quinn.api.chat.messages.delete({ messageId: secret.id }))).toMatchObject({ code: 'NOT_FOUND' });
    const anon = await h.caller();
    expect(await trpcError(() => anon.chat.messages.edit({ messageId: sent.id, body: 'x' }))).toMatchObject({ code: 'UNAUTHORIZED' });
    const stored = await h.db.fork().findOneOrFail(Message, { id: sent.id });
    expect(stored.body).toBe('the riff');
    expect((await h.db.fork().findOneOrFail(Message, { id: secret.id })).body).toBe('secret');
  });

  it('deletes as a tombstone kept in the timeline, by the author or the room owner, not by other members', async () => {
    const a = await pat.api.chat.messages.send({ roomId: id, body: 'first', clientMessageId: cid() });
    const b = await pat.api.chat.messages.send({ roomId: id, body: 'second', clientMessageId: cid() });
    const reply = await own.api.chat.messages.send({ roomId: id, body: 'about first', clientMessageId: cid(), replyToId: a.id });
    await quinn.api.chat.rooms.join({ roomId: id });
    expect(await trpcError(() => quinn.api.chat.messages.delete({ messageId: a.id }))).toMatchObject({ code: 'FORBIDDEN' });
    const gone = await pat.api.chat.messages.delete({ messageId: a.id });
    expect(gone).toMatchObject({ id: a.id, seq: a.seq, body: '' });
    expect(gone.deletedAt).not.toBeNull();
    expect(await pat.api.chat.messages.delete({ messageId: a.id })).toEqual(gone);
    // The room's owner moderates: they may delete anyone's message.
    expect((await own.api.chat.messages.delete({ messageId: b.id })).deletedAt).not.toBeNull();
    expect(await trpcError(() => pat.api.chat.messages.edit({ messageId: a.id, body: 'back' }))).toMatchObject({ code: 'CONFLICT' });
    const page = await own.api.chat.messages.list({ roomId: id, afterSeq: a.seq - 1 });
    expect(page.items.map((m) => [m.seq, m.body, m.deletedAt !== null])).toEqual([
      [a.seq, '', true],
      [b.seq, '', true],
      [reply.seq, 'about first', false],
    ]);
    expect(page.items[2]?.replyTo).toMatchObject({ id: a.id, body: '' });
    expect((await h.db.fork().findOneOrFail(Message, { id: a.id })).body).toBe('');
  });
});

describe('chat.rooms.markRead', () => {
  it('moves the read mark forward only, within the room’s messages, for members only', async () => {
    const rae = await h.signUp('k.rae');
    const sam = await h.signUp('k.sam');
    const tom = await h.signUp('k.tom');
    const id = await room(rae);
    await sam.api.chat.rooms.join({ roomId: id });
    for (let i = 0; i < 5; i++) await rae.api.chat.messages.send({ roomId: id, body: `r${i}`, clientMessageId: cid() });
    expect((await sam.api.chat.rooms.list())[0]).toMatchObject({ id, unreadCount: 5 });
    expect(await sam.api.chat.rooms.markRead({ roomId: id, seq: 3 })).toEqual({ lastReadSeq: 3, unreadCount: 2 });
    expect(await sam.api.chat.rooms.markRead({ roomId: id, seq: 1 })).toEqual({ lastReadSeq: 3, unreadCount: 2 });
    expect((await sam.api.chat.rooms.list())[0]).toMatchObject({ id, lastReadSeq: 3, unreadCount: 2 });
    for (const seq of [6, -1, 2.5, 2 ** 60]) {
      expect(await trpcError(() => sam.api.chat.rooms.markRead({ roomId: id, seq }))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await trpcError(() => tom.api.chat.rooms.markRead({ roomId: id, seq: 5 }))).toMatchObject({ code: 'FORBIDDEN' });
    const priv = await room(rae, 'private');
    expect(await trpcError(() => tom.api.chat.rooms.markRead({ roomId: priv, seq: 0 }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await sam.api.chat.rooms.markRead({ roomId: id, seq: 5 })).toEqual({ lastReadSeq: 5, unreadCount: 0 });
  });
});
