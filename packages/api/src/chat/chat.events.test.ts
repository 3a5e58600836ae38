// chat.onRoom: live delivery of a room's timeline, resumable from the last event id without loss or duplicates.
import { randomUUID } from 'node:crypto';
import type { TrackedEnvelope } from '@trpc/server';
import { chatRepository } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import { BACKFILL_PAGE, LIVE_BUFFER_MAX, parseChatEvent, roomChannel, type ChatRoomEvent } from './chat.events.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type Account = Awaited<ReturnType<Harness['signUp']>>;
type Envelope = TrackedEnvelope<ChatRoomEvent>;
const cid = () => randomUUID();
const seqs = (events: Envelope[]) => events.flatMap(([, e]) => (e.type === 'message.created' ? [e.message.seq] : []));
const messageOf = (e: ChatRoomEvent) => {
  if (!('message' in e)) throw new Error(`expected a message event, got ${e.type}`);
  return e.message;
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Subscribes as `token` to a room, started at once (as the WebSocket adapter does) so it listens before we act. */
async function subscribe(token: string, input: { roomId: string; lastEventId?: string }) {
  const controller = new AbortController();
  const api = await h.caller({ token, signal: controller.signal });
  const iterable = (await api.chat.onRoom(input)) as AsyncIterable<Envelope>;
  const iterator = iterable[Symbol.asyncIterator]();
  const received: Envelope[] = [];
  let pending: Promise<IteratorResult<Envelope>> | null = iterator.next();
  // An error (refusal) is read by the test later, through next().
  pending.catch(() => undefined);
  // The first next() reads the room and subscribes to the bus before yielding anything.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    received,
    /** Reads until `count` events have arrived in all (5 s at most between two). */
    async take(count: number) {
      while (received.length < count) {
        const next = await Promise.race([
          pending ?? iterator.next(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`only ${received.length} events`)), 5000)),
        ]);
        pending = null;
        if (next.done) break;
        received.push(next.value);
      }
      return received;
    },
    /** The next step of the iterator (to see an error it throws). */
    next: () => {
      const step = pending ?? iterator.next();
      pending = null;
      return step;
    },
    /** Nothing more arrives within `ms`. */
    async quiet(ms = 200) {
      const step = pending ?? iterator.next();
      pending = step;
      const result = await Promise.race([step.then(() => 'event'), new Promise((resolve) => setTimeout(() => resolve('quiet'), ms))]);
      return result === 'quiet';
    },
    stop: () => controller.abort(),
  };
}

async function publicRoom(owner: Account) {
  return (await owner.api.chat.rooms.create({ name: 'Live', visibility: 'public' })).id;
}
const send = (who: Account, roomId: string, body: string) => who.api.chat.messages.send({ roomId, body, clientMessageId: cid() });

describe('chat.onRoom', () => {
  let ana: Account;
  let bob: Account;
  let eve: Account;
  beforeAll(async () => {
    ana = await h.signUp('l.ana');
    bob = await h.signUp('l.bob');
    eve = await h.signUp('l.eve');
  });

  it('delivers new, edited and deleted messages live, with resumable ids', async () => {
    const roomId = await publicRoom(ana);
    await bob.api.chat.rooms.join({ roomId });
    await send(ana, roomId, 'before');
    const sub = await subscribe(bob.token, { roomId });
    const first = await send(ana, roomId, 'hello');
    await bob.api.chat.messages.send({ roomId, body: 'hi', clientMessageId: 'l-bob-hi-1' });
    // A retried send publishes again: the subscriber still sees the message once.
    await bob.api.chat.messages.send({ roomId, body: 'hi', clientMessageId: 'l-bob-hi-1' });
    await ana.api.chat.messages.edit({ messageId: first.id, body: 'hello, edited' });
    await ana.api.chat.messages.delete({ messageId: first.id });
    await ana.api.chat.messages.delete({ messageId: first.id });
    const events = await sub.take(4);
    expect(await sub.quiet()).toBe(true);
    sub.stop();
    expect(events.map(([id, e]) => [id.replace(/(:(?:edited|deleted):\d+):\d+$/, '$1:T'), e.type, messageOf(e).seq])).toEqual([
      ['m:2', 'message.created', 2],
      ['m:3', 'message.created', 3],
      ['m:3:edited:2:T', 'message.edited', 2],
      ['m:3:deleted:2:T', 'message.deleted', 2],
    ]);
    expect(messageOf(events[0]![1])).toMatchObject({ body: 'hello', author: { username: 'l.ana' }, roomId });
    expect(messageOf(events[2]![1])).toMatchObject({ body: 'hello, edited', editedAt: expect.any(String) });
    expect(messageOf(events[3]![1])).toMatchObject({ body: '', deletedAt: expect.any(String) });
    expect(new Set(events.map(([id]) => id)).size).toBe(4);
  });

  it('resumes after lastEventId from the database: every later message once, in seq order, then live', async () => {
    const roomId = await publicRoom(ana);
    const sent = [];
    for (let i = 1; i <= BACKFILL_PAGE + 30; i++) sent.push(await send(ana, roomId, `m${i}`));
    // A message edited before the subscriber comes back arrives as it stands now.
    await ana.api.chat.messages.edit({ messageId: sent[9]!.id, body: 'm10 (edited)' });
    await ana.api.chat.messages.delete({ messageId: sent[10]!.id });
    const sub = await subscribe(bob.token, { roomId, lastEventId: 'm:7' });
    await send(ana, roomId, 'live');
    const events = await sub.take(BACKFILL_PAGE + 30 - 7 + 1);
    expect(await sub.quiet()).toBe(true);
    sub.stop();
    expect(seqs(events)).toEqual(range(8, BACKFILL_PAGE + 31));
    expect(events.every(([id, e]) => id === `m:${messageOf(e).seq}`)).toBe(true);
    expect(messageOf(events[2]![1])).toMatchObject({ seq: 10, body: 'm10 (edited)' });
    expect(messageOf(events[3]![1])).toMatchObject({ seq: 11, body: '', deletedAt: expect.any(String) });

    // Resuming from the id of an edit resumes after the message that id names.
    const again = await subscribe(bob.token, { roomId, lastEventId: `m:${BACKFILL_PAGE + 29}:edited:3:1700000000000` });
    expect(seqs(await again.take(2))).toEqual([BACKFILL_PAGE + 30, BACKFILL_PAGE + 31]);
    again.stop();
  });

  it('misses nothing and repeats nothing when messages are sent while it back-fills', async () => {
    const roomId = await publicRoom(ana);
    await bob.api.chat.rooms.join({ roomId });
    for (let i = 1; i <= 60; i++) await send(i % 2 ? ana : bob, roomId, `before ${i}`);
    const sending = (async () => {
      for (let i = 1; i <= 60; i++) await send(i % 2 ? ana : bob, roomId, `during ${i}`);
    })();
    const sub = await subscribe(eve.token, { roomId, lastEventId: 'm:0' });
    await sending;
    const events = await sub.take(120);
    expect(await sub.quiet()).toBe(true);
    sub.stop();
    expect(seqs(events)).toEqual(range(1, 120));
  });

  it('fills from the database a message whose live event was lost or arrives out of order', async () => {
    const roomId = await publicRoom(ana);
    const sub = await subscribe(ana.token, { roomId });
    // Two messages committed without being published (an instance that died after its commit)...
    const repo = chatRepository(h.db.fork());
    await repo.appendMessage({ roomId, authorId: ana.user.id, body: 'lost 1', clientMessageId: cid(), replyToId: null });
    await repo.appendMessage({ roomId, authorId: ana.user.id, body: 'lost 2', clientMessageId: cid(), replyToId: null });
    // ...then the next one, published: the subscriber reads the two it did not hear about first.
    await send(ana, roomId, 'third');
    const events = await sub.take(3);
    // A late duplicate of an event already delivered is skipped.
    await h.deps.bus.publish(roomChannel(roomId), { type: 'message.created', message: messageOf(events[0]![1]) });
    expect(await sub.quiet()).toBe(true);
    sub.stop();
    expect(events.map(([, e]) => messageOf(e).body)).toEqual(['lost 1', 'lost 2', 'third']);
    expect(seqs(events)).toEqual([1, 2, 3]);
  });

  it('is NOT_FOUND for a room the viewer cannot read, and refuses malformed or forged event ids', async () => {
    const priv = (await ana.api.chat.rooms.create({ name: 'Secret', visibility: 'private' })).id;
    const { roomId: dm } = await ana.api.chat.dms.open({ username: 'l.bob' });
    for (const roomId of [priv, dm, randomUUID()]) {
      const sub = await subscribe(eve.token, { roomId });
      expect(await trpcError(() => sub.next())).toMatchObject({ code: 'NOT_FOUND' });
    }
    // The DM's members may listen; a public room does not need joining.
    const inDm = await subscribe(bob.token, { roomId: dm });
    await send(ana, dm, 'psst');
    expect(seqs(await inDm.take(1))).toEqual([1]);
    inDm.stop();

    expect((await trpcError(async () => (await h.caller()).chat.onRoom({ roomId: priv }))).code).toBe('UNAUTHORIZED');
    for (const lastEventId of ['42', 'm:', 'm:-1', 'm:1:edited', 'x:1', `m:${'9'.repeat(16)}`]) {
      expect(await trpcError(() => eve.api.chat.onRoom({ roomId: dm, lastEventId }))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await trpcError(() => eve.api.chat.onRoom({ roomId: 'nope' }))).toMatchObject({ code: 'BAD_REQUEST' });
    // A seq past the room's newest message was never sent by the server.
    const pub = await publicRoom(ana);
    await send(ana, pub, 'one');
    const forged = await subscribe(eve.token, { roomId: pub, lastEventId: 'm:2' });
    expect(await trpcError(() => forged.next())).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('not from this conversation') });
  });

  it('ends a subscription that falls too far behind with a clear error; resuming from its last id misses nothing', async () => {
    const roomId = await publicRoom(ana);
    await send(ana, roomId, 'first');
    const sub = await subscribe(bob.token, { roomId, lastEventId: 'm:0' });
    const [[lastId]] = (await sub.take(1)) as [Envelope];
    // The consumer stops reading while the room keeps talking (published straight to the bus: cheap to repeat).
    const message = (await ana.api.chat.messages.list({ roomId })).items[0]!;
    for (let i = 0; i <= LIVE_BUFFER_MAX; i++) await h.deps.bus.publish(roomChannel(roomId), { type: 'message.edited', message });
    expect(await trpcError(() => sub.next())).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('fell too far behind') });
    await send(ana, roomId, 'second');
    const resumed = await subscribe(bob.token, { roomId, lastEventId: lastId });
    expect(seqs(await resumed.take(1))).toEqual([2]);
    resumed.stop();
  });
});

describe('parseChatEvent', () => {
  it('rejects bus payloads without the event shape', () => {
    expect(parseChatEvent({ type: 'message.created', message: { id: '1', roomId: 'r', seq: 1 } })).not.toBeNull();
    const user = { id: 'u', username: 'ana', displayName: null };
    expect(parseChatEvent({ type: 'typing', roomId: 'r', user, expiresAt: '2026-12-06T12:00:00.000Z' })).not.toBeNull();
    expect(parseChatEvent({ type: 'read', roomId: 'r', userId: 'u', seq: 3 })).not.toBeNull();
    expect(parseChatEvent({ type: 'member.joined', roomId: 'r', user })).not.toBeNull();
    expect(parseChatEvent({ type: 'reaction.changed', roomId: 'r', messageId: '1', seq: 1, emoji: '👍', userId: 'u', added: true, count: 1 })).not.toBeNull();
    for (const bad of [null, 'x', { type: 'typing' }, { type: 'typing', roomId: 'r', user: { id: 'u' }, expiresAt: 'x' }, { type: 'read', roomId: 'r', userId: 'u', seq: 1.5 }, { type: 'message.created', message: { id: '1', roomId: 'r', seq: '1' } }]) {
      expect(parseChatEvent(bad)).toBeNull();
    }
  });
});
