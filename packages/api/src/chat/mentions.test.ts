// @mentions through tRPC callers on the real database (issue 10): parsed on send and edit (not in code, links or
// email addresses), members only, shown on messages, notified once per message, counted while unread.
import { randomUUID } from 'node:crypto';
import type { TrackedEnvelope } from '@trpc/server';
import { MessageMention, Notification } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../test/harness.ts';
import type { NotificationEvent } from '../notifications/notifications.events.ts';
import { MENTIONS_PER_MESSAGE_MAX, parseMentions } from './mentions.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type Account = Awaited<ReturnType<Harness['signUp']>>;
const send = (who: Account, roomId: string, body: string) => who.api.chat.messages.send({ roomId, body, clientMessageId: randomUUID() });
const mentionNotifications = (recipientId: string) =>
  h.db.fork().find(Notification, { recipient: recipientId, type: 'chat.mention' }, { orderBy: { id: 'asc' }, populate: ['actor', 'message'] });
const storedMentions = async (messageId: string) => (await h.db.fork().find(MessageMention, { message: messageId }, { populate: ['user'] })).map((m) => m.user.username).sort();
const mentionCountOf = async (who: Account, roomId: string) => (await who.api.chat.rooms.list()).find((r) => r.id === roomId)?.mentionCount;

let n = 0;
async function people<const N extends string[]>(...names: N): Promise<{ [K in keyof N]: Account }> {
  n += 1;
  return (await Promise.all(names.map((name) => h.signUp(`m${n}${name}`)))) as { [K in keyof N]: Account };
}
async function publicRoom(owner: Account, ...members: Account[]) {
  const roomId = (await owner.api.chat.rooms.create({ name: 'Mentions', visibility: 'public' })).id;
  for (const m of members) await m.api.chat.rooms.join({ roomId });
  return roomId;
}

describe('parseMentions', () => {
  it('finds @names as usernames are written, not inside code, links or email addresses', () => {
    expect(parseMentions('hey @Ana and @bob_2, see @cat.')).toEqual(['ana', 'bob_2', 'cat.', 'cat']);
    expect(parseMentions('`@ana` and\n```\n@bob\n```\n@cat')).toEqual(['cat']);
    expect(parseMentions('```\n@ana never closed')).toEqual([]);
    expect(parseMentions('mail ana@example.com or https://veza.example/@bob or www.x.io/@cat')).toEqual([]);
    expect(parseMentions('@ab is too short, @' + 'a'.repeat(31) + ' too long, x@dan is not one, @@eve neither')).toEqual([]);
    expect(parseMentions('(@ana) [@bob] "@cat"')).toEqual(['ana', 'bob', 'cat']);
    const many = Array.from({ length: 80 }, (_, i) => `@user${i}`).join(' ');
    expect(parseMentions(many)).toHaveLength(MENTIONS_PER_MESSAGE_MAX);
  });
});

describe('mentions on send and edit', () => {
  it('stores and shows mentions of members, notifies them (not the author, not outsiders), and counts them while unread', async () => {
    const [ana, bob, cat, zed] = await people('ana', 'bob', 'cat', 'zed');
    const roomId = await publicRoom(ana, bob, cat);
    const u = (a: Account) => a.user.username;

    const sent = await send(ana, roomId, `hi @${u(bob)} and @${u(zed)}, me too: @${u(ana)}; \`@${u(cat)}\``);
    // zed can read the public room but is not a member: not mentioned. cat is only inside code.
    expect(sent.mentions.map((m) => m.username).sort()).toEqual([u(ana), u(bob)].sort());
    expect(await storedMentions(sent.id)).toEqual([u(ana), u(bob)].sort());
    const listed = (await zed.api.chat.messages.list({ roomId })).items.find((m) => m.id === sent.id);
    expect(listed?.mentions.map((m) => m.username).sort()).toEqual([u(ana), u(bob)].sort());

    const [note] = await mentionNotifications(bob.user.id);
    expect(note?.actor?.id).toBe(ana.user.id);
    expect(note?.message?.id).toBe(sent.id);
    expect(await mentionNotifications(ana.user.id)).toEqual([]);
    expect(await mentionNotifications(zed.user.id)).toEqual([]);
    expect(await mentionNotifications(cat.user.id)).toEqual([]);

    expect(await mentionCountOf(bob, roomId)).toBe(1);
    expect(await mentionCountOf(ana, roomId)).toBe(0);
    expect(await mentionCountOf(cat, roomId)).toBe(0);
    await send(cat, roomId, `@${u(bob)} again`);
    expect(await mentionCountOf(bob, roomId)).toBe(2);
    await bob.api.chat.rooms.markRead({ roomId, seq: sent.seq });
    expect(await mentionCountOf(bob, roomId)).toBe(1);
    const last = (await bob.api.chat.messages.list({ roomId })).lastSeq;
    await bob.api.chat.rooms.markRead({ roomId, seq: last });
    expect(await mentionCountOf(bob, roomId)).toBe(0);
  });

  it('an edit updates the mentions and notifies only the newly mentioned; a retried send notifies once', async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const roomId = await publicRoom(ana, bob, cat);
    const clientMessageId = randomUUID();
    const first = await ana.api.chat.messages.send({ roomId, body: `@${bob.user.username} look`, clientMessageId });
    const retry = await ana.api.chat.messages.send({ roomId, body: `@${bob.user.username} look`, clientMessageId });
    expect(retry.id).toBe(first.id);
    expect(await mentionNotifications(bob.user.id)).toHaveLength(1);

    const edited = await ana.api.chat.messages.edit({ messageId: first.id, body: `@${bob.user.username} and @${cat.user.username}, look` });
    expect(edited.mentions.map((m) => m.username).sort()).toEqual([bob.user.username, cat.user.username].sort());
    expect(await mentionNotifications(bob.user.id)).toHaveLength(1);
    expect(await mentionNotifications(cat.user.id)).toHaveLength(1);
    expect(await mentionCountOf(cat, roomId)).toBe(1);

    // Dropping a mention removes it (and its unread count); adding it back does not notify twice.
    const dropped = await ana.api.chat.messages.edit({ messageId: first.id, body: `only @${cat.user.username}` });
    expect(dropped.mentions.map((m) => m.username)).toEqual([cat.user.username]);
    expect(await mentionCountOf(bob, roomId)).toBe(0);
    await ana.api.chat.messages.edit({ messageId: first.id, body: `@${bob.user.username} @${cat.user.username}` });
    expect(await mentionNotifications(bob.user.id)).toHaveLength(1);

    // A deleted message no longer counts, and its tombstone mentions nobody.
    const tombstone = await ana.api.chat.messages.delete({ messageId: first.id });
    expect(tombstone.mentions).toEqual([]);
    expect(await mentionCountOf(cat, roomId)).toBe(0);
  });

  it('the mentioned member hears it live on notifications.onEvent, with the room, the message and an excerpt', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const roomId = await publicRoom(ana, bob);
    const controller = new AbortController();
    const api = await h.caller({ token: bob.token, signal: controller.signal });
    const iterator = ((await api.notifications.onEvent({})) as AsyncIterable<TrackedEnvelope<NotificationEvent>>)[Symbol.asyncIterator]();
    const next = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      const body = `@${bob.user.username} ${'la '.repeat(100)}`;
      const sent = await send(ana, roomId, body);
      const result = await Promise.race([next, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no notification')), 5000))]);
      const [id, event] = result.value as TrackedEnvelope<NotificationEvent>;
      expect(event).toMatchObject({ type: 'chat.mention', id, actor: { id: ana.user.id }, roomId, roomName: 'Mentions', messageId: sent.id, seq: sent.seq });
      if (event.type !== 'chat.mention') throw new Error('expected a mention');
      expect(event.excerpt).toHaveLength(140);
      expect(event.excerpt.endsWith('…')).toBe(true);
      expect(body.startsWith(event.excerpt.slice(0, -1))).toBe(true);
    } finally {
      controller.abort();
    }
  });

  it('someone who blocked the author is neither notified nor counted', async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const roomId = await publicRoom(ana, bob, cat);
    await bob.api.users.block({ username: ana.user.username });
    const sent = await send(ana, roomId, `@${bob.user.username} @${cat.user.username} hello`);
    // Still stored on the message (everyone sees who was named); bob just hears nothing of it.
    expect(sent.mentions.map((m) => m.username).sort()).toEqual([bob.user.username, cat.user.username].sort());
    expect(await mentionNotifications(bob.user.id)).toEqual([]);
    expect(await mentionNotifications(cat.user.id)).toHaveLength(1);
    expect(await mentionCountOf(bob, roomId)).toBe(0);
    expect(await mentionCountOf(cat, roomId)).toBe(1);
  });

  it('in a private room, only its members can be mentioned', async () => {
    const [ana, bob, eve] = await people('ana', 'bob', 'eve');
    const roomId = (await ana.api.chat.rooms.create({ name: 'Private', visibility: 'private' })).id;
    const { code } = await ana.api.chat.invites.create({ roomId });
    await bob.api.chat.invites.accept({ code });
    const sent = await send(ana, roomId, `@${bob.user.username} @${eve.user.username}`);
    expect(sent.mentions.map((m) => m.username)).toEqual([bob.user.username]);
    expect(await mentionNotifications(eve.user.id)).toEqual([]);
  });
});
