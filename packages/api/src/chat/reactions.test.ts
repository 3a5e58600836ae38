// Emoji reactions through tRPC callers on the real database (issue 10): idempotent add/remove, at most 20 distinct
// emojis per message (also under concurrent adds), who may react, and the live `reaction.changed` event.
import { randomUUID } from 'node:crypto';
import type { TrackedEnvelope } from '@trpc/server';
import { MessageReaction } from '@veza/db';
import { REACTIONS_PER_MESSAGE_MAX } from '@veza/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import type { ChatRoomEvent } from './chat.events.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type Account = Awaited<ReturnType<Harness['signUp']>>;
type Envelope = TrackedEnvelope<ChatRoomEvent>;
const send = (who: Account, roomId: string, body = 'hi') => who.api.chat.messages.send({ roomId, body, clientMessageId: randomUUID() });
const stored = (messageId: string) => h.db.fork().find(MessageReaction, { message: messageId }, { orderBy: { createdAt: 'asc' } });
const distinct = async (messageId: string) => new Set((await stored(messageId)).map((r) => r.emoji)).size;

/** 25 different emojis: enough to go past the limit. */
const EMOJIS = ['😀', '😂', '😍', '🤔', '😎', '😭', '😡', '👍', '👎', '👏', '🙏', '🔥', '🎉', '💯', '❤️', '💔', '🎵', '🎸', '🥁', '🎹', '🎤', '🎧', '🚀', '🌈', '🍕'];

let n = 0;
async function people<const N extends string[]>(...names: N): Promise<{ [K in keyof N]: Account }> {
  n += 1;
  return (await Promise.all(names.map((name) => h.signUp(`r${n}.${name}`)))) as { [K in keyof N]: Account };
}
/** A public room of `owner`'s that `members` joined, with one message of the owner's. */
async function roomWithMessage(owner: Account, ...members: Account[]) {
  const roomId = (await owner.api.chat.rooms.create({ name: 'Reactions', visibility: 'public' })).id;
  for (const m of members) await m.api.chat.rooms.join({ roomId });
  const message = await send(owner, roomId, 'React to me');
  return { roomId, messageId: message.id };
}

/** Subscribes to a room's live events as `who`, started at once so it listens before the test acts. */
async function subscribe(who: Account, roomId: string) {
  const controller = new AbortController();
  const api = await h.caller({ token: who.token, signal: controller.signal });
  const iterator = ((await api.chat.onRoom({ roomId })) as AsyncIterable<Envelope>)[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<Envelope>> | null = iterator.next();
  pending.catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const step = () => {
    const next = pending ?? iterator.next();
    pending = null;
    return next;
  };
  return {
    async next(): Promise<ChatRoomEvent> {
      const result = await Promise.race([step(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event within 5 s')), 5000))]);
      if (result.done) throw new Error('subscription ended');
      return result.value[1];
    },
    /** Nothing arrives within `ms`. */
    async quiet(ms = 200) {
      const next = pending ?? iterator.next();
      pending = next;
      return (await Promise.race([next.then(() => 'event'), new Promise((resolve) => setTimeout(() => resolve('quiet'), ms))])) === 'quiet';
    },
    stop: () => controller.abort(),
  };
}

describe('chat.reactions.add / remove', () => {
  it('adds and removes idempotently; messages show counts in first-used order, `mine` for the reader only', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const { roomId, messageId } = await roomWithMessage(ana, bob);

    const first = await bob.api.chat.reactions.add({ messageId, emoji: '👍' });
    expect(first).toEqual({ messageId, changed: true, reactions: [{ emoji: '👍', count: 1, mine: true }] });
    // Adding twice is once.
    expect(await bob.api.chat.reactions.add({ messageId, emoji: '👍' })).toMatchObject({ changed: false, reactions: [{ emoji: '👍', count: 1, mine: true }] });
    await ana.api.chat.reactions.add({ messageId, emoji: '❤️' });
    await ana.api.chat.reactions.add({ messageId, emoji: '👍' });
    expect((await stored(messageId)).length).toBe(3);

    const seenBy = async (who: Account) => (await who.api.chat.messages.list({ roomId })).items.find((m) => m.id === messageId)?.reactions;
    expect(await seenBy(bob)).toEqual([
      { emoji: '👍', count: 2, mine: true },
      { emoji: '❤️', count: 1, mine: false },
    ]);
    expect(await seenBy(ana)).toEqual([
      { emoji: '👍', count: 2, mine: true },
      { emoji: '❤️', count: 1, mine: true },
    ]);

    // The order follows the earliest reaction still there: ana's ❤️ came before her 👍.
    expect(await bob.api.chat.reactions.remove({ messageId, emoji: '👍' })).toMatchObject({
      changed: true,
      reactions: [
        { emoji: '❤️', count: 1, mine: false },
        { emoji: '👍', count: 1, mine: false },
      ],
    });
    expect(await bob.api.chat.reactions.remove({ messageId, emoji: '👍' })).toMatchObject({ changed: false });
    expect(await bob.api.chat.reactions.remove({ messageId, emoji: '🎉' })).toMatchObject({ changed: false });
    expect((await stored(messageId)).map((r) => [r.user.id, r.emoji])).toEqual([
      [ana.user.id, '❤️'],
      [ana.user.id, '👍'],
    ]);
  });

  it(`refuses a message's ${REACTIONS_PER_MESSAGE_MAX + 1}st distinct emoji (nothing stored); existing emojis stay open to others`, async () => {
    const [ana, bob] = await people('ana', 'bob');
    const { messageId } = await roomWithMessage(ana, bob);
    for (const emoji of EMOJIS.slice(0, REACTIONS_PER_MESSAGE_MAX)) await ana.api.chat.reactions.add({ messageId, emoji });

    const refused = await trpcError(() => bob.api.chat.reactions.add({ messageId, emoji: EMOJIS[REACTIONS_PER_MESSAGE_MAX] ?? '' }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toBe(`This message already has ${REACTIONS_PER_MESSAGE_MAX} different reactions: add one of those instead.`);
    expect(await distinct(messageId)).toBe(REACTIONS_PER_MESSAGE_MAX);
    expect((await stored(messageId)).some((r) => r.user.id === bob.user.id)).toBe(false);

    // One of the twenty is still fine, for anyone.
    expect(await bob.api.chat.reactions.add({ messageId, emoji: '🔥' })).toMatchObject({ changed: true });
    // Once one emoji is gone, a new one fits again.
    await ana.api.chat.reactions.remove({ messageId, emoji: '😀' });
    expect(await bob.api.chat.reactions.add({ messageId, emoji: '🍕' })).toMatchObject({ changed: true });
    expect(await distinct(messageId)).toBe(REACTIONS_PER_MESSAGE_MAX);
  });

  it(`concurrent adds of new emojis never go past ${REACTIONS_PER_MESSAGE_MAX}`, async () => {
    const people5 = await people('ana', 'bob', 'cat', 'dan', 'eve');
    const [ana] = people5;
    const { messageId } = await roomWithMessage(ana, ...people5.slice(1));
    // Each person adds five emojis at once, every call on its own connection.
    const attempts = EMOJIS.map(async (emoji, i) => {
      const who = people5[i % people5.length] as Account;
      return (await h.caller({ token: who.token })).chat.reactions.add({ messageId, emoji });
    });
    const results = await Promise.allSettled(attempts);
    const added = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code: string }).code] : []));
    expect(added).toHaveLength(REACTIONS_PER_MESSAGE_MAX);
    expect(refused).toEqual(Array(EMOJIS.length - REACTIONS_PER_MESSAGE_MAX).fill('CONFLICT'));
    expect(await distinct(messageId)).toBe(REACTIONS_PER_MESSAGE_MAX);
  });

  it('refuses what is not one emoji, with a clear message, storing nothing', async () => {
    const [ana] = await people('ana');
    const { messageId } = await roomWithMessage(ana);
    for (const emoji of ['', 'a', ':)', '👍👍', '👍 ', '🇫', '<b>', '1', '\u200D', 'é', '👨‍👩‍👧‍👦'.repeat(2), 'x'.repeat(5000)]) {
      const error = await trpcError(() => ana.api.chat.reactions.add({ messageId, emoji }));
      expect(error.code, JSON.stringify(emoji)).toBe('BAD_REQUEST');
      expect(error.message).toContain('A reaction is a single emoji.');
    }
    expect((await trpcError(() => ana.api.chat.reactions.add({ messageId, emoji: 42 as unknown as string }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(() => ana.api.chat.reactions.add({ messageId: 'abc', emoji: '👍' }))).code).toBe('BAD_REQUEST');
    expect(await stored(messageId)).toEqual([]);
    // Sequences that are one emoji pass: skin tones, ZWJ families, flags, keycaps.
    for (const emoji of ['👍🏽', '👨‍👩‍👧‍👦', '🇫🇷', '🏳️‍🌈', '1️⃣', '🧑🏿‍🤝‍🧑🏻']) expect((await ana.api.chat.reactions.add({ messageId, emoji })).changed).toBe(true);
  });

  it('members only: not before joining a public room, NOT_FOUND in someone else’s private room, not while muted', async () => {
    const [ana, bob, eve] = await people('ana', 'bob', 'eve');
    const { roomId, messageId } = await roomWithMessage(ana, bob);
    const notJoined = await trpcError(() => eve.api.chat.reactions.add({ messageId, emoji: '👍' }));
    expect(notJoined.code).toBe('FORBIDDEN');
    expect(notJoined.message).toBe('Join this room to react to its messages.');

    const privateRoom = (await ana.api.chat.rooms.create({ name: 'Secret', visibility: 'private' })).id;
    const secret = (await send(ana, privateRoom, 'psst')).id;
    expect((await trpcError(() => eve.api.chat.reactions.add({ messageId: secret, emoji: '👍' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(() => eve.api.chat.reactions.remove({ messageId: secret, emoji: '👍' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(() => eve.api.chat.reactions.list({ messageId: secret, emoji: '👍' }))).code).toBe('NOT_FOUND');
    // A message id that does not exist answers the same.
    expect((await trpcError(() => eve.api.chat.reactions.add({ messageId: '999999999', emoji: '👍' }))).code).toBe('NOT_FOUND');

    await bob.api.chat.reactions.add({ messageId, emoji: '🎉' });
    await ana.api.chat.members.mute({ roomId, userId: bob.user.id, untilSeconds: 600 });
    const muted = await trpcError(() => bob.api.chat.reactions.add({ messageId, emoji: '👍' }));
    expect(muted.code).toBe('FORBIDDEN');
    expect(muted.message).toMatch(/^You are muted in this room until /);
    // Taking one's reaction back is still allowed.
    expect(await bob.api.chat.reactions.remove({ messageId, emoji: '🎉' })).toMatchObject({ changed: true });
    expect(await stored(messageId)).toEqual([]);
  });

  it('a deleted message takes no reactions, and its tombstone shows none', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const { roomId, messageId } = await roomWithMessage(ana, bob);
    await bob.api.chat.reactions.add({ messageId, emoji: '👍' });
    const tombstone = await ana.api.chat.messages.delete({ messageId });
    expect(tombstone.reactions).toEqual([]);
    expect(await stored(messageId)).toEqual([]);
    const refused = await trpcError(() => bob.api.chat.reactions.add({ messageId, emoji: '❤️' }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toBe('This message was deleted: it cannot take reactions.');
    expect((await trpcError(() => bob.api.chat.reactions.remove({ messageId, emoji: '👍' }))).code).toBe('CONFLICT');
    expect((await bob.api.chat.messages.list({ roomId })).items.find((m) => m.id === messageId)?.reactions).toEqual([]);
    expect(await stored(messageId)).toEqual([]);
  });
});

describe('chat.reactions.list', () => {
  it('pages who reacted with an emoji, first ones first, for anyone who can read the room', async () => {
    const crowd = await people('ana', 'bob', 'cat', 'dan');
    const [ana, , , dan] = crowd;
    const { messageId } = await roomWithMessage(ana, ...crowd.slice(1));
    for (const who of crowd.slice(0, 3)) await who.api.chat.reactions.add({ messageId, emoji: '🎸' });
    await dan.api.chat.reactions.add({ messageId, emoji: '🥁' });

    const [outsider] = await people('zed');
    const page1 = await outsider.api.chat.reactions.list({ messageId, emoji: '🎸', limit: 2 });
    expect(page1.items.map((r) => r.user.username)).toEqual([crowd[0].user.username, crowd[1].user.username]);
    expect(page1).toMatchObject({ total: 3, nextOffset: 2 });
    const page2 = await outsider.api.chat.reactions.list({ messageId, emoji: '🎸', offset: 2, limit: 2 });
    expect(page2.items.map((r) => r.user.username)).toEqual([crowd[2].user.username]);
    expect(page2.nextOffset).toBeNull();
    expect(page2.items[0]?.reactedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await outsider.api.chat.reactions.list({ messageId, emoji: '🍕' })).items).toEqual([]);

    expect((await trpcError(() => outsider.api.chat.reactions.list({ messageId, emoji: '🎸', limit: 101 }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(() => outsider.api.chat.reactions.list({ messageId, emoji: '🎸', offset: -1 }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(async () => (await h.caller()).chat.reactions.list({ messageId, emoji: '🎸' }))).code).toBe('UNAUTHORIZED');
  });
});

describe('live reaction.changed', () => {
  it('a room subscriber hears each change once it is committed, and nothing for a no-op', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const { roomId, messageId } = await roomWithMessage(ana, bob);
    const seq = (await ana.api.chat.messages.list({ roomId })).lastSeq;
    const sub = await subscribe(bob, roomId);
    try {
      await ana.api.chat.reactions.add({ messageId, emoji: '🔥' });
      expect(await sub.next()).toEqual({ type: 'reaction.changed', roomId, messageId, seq, emoji: '🔥', userId: ana.user.id, added: true, count: 1 });
      await ana.api.chat.reactions.add({ messageId, emoji: '🔥' });
      await bob.api.chat.reactions.remove({ messageId, emoji: '🔥' });
      expect(await sub.quiet()).toBe(true);
      await bob.api.chat.reactions.add({ messageId, emoji: '🔥' });
      expect(await sub.next()).toMatchObject({ type: 'reaction.changed', userId: bob.user.id, added: true, count: 2 });
      await ana.api.chat.reactions.remove({ messageId, emoji: '🔥' });
      expect(await sub.next()).toMatchObject({ type: 'reaction.changed', userId: ana.user.id, emoji: '🔥', added: false, count: 1 });
    } finally {
      sub.stop();
    }
  });
});
