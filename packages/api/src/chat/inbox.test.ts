// chat.onInbox through tRPC callers on the real database (PGlite by default, PostgreSQL with DATABASE_URL): the live
// room list's sync, messages, mentions, read marks from another tab, joins and departures, resuming, and its cost on
// the bus (a message in a big public room publishes nothing per member).
import { randomUUID } from 'node:crypto';
import type { TrackedEnvelope } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import type { InboxEvent } from './inbox.events.ts';

type Envelope = TrackedEnvelope<InboxEvent>;
type Account = Awaited<ReturnType<Harness['signUp']>>;

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

/** A chat.onInbox subscription as `who`; resolves once its sync arrived (so it is listening). */
async function inbox(who: Account, lastEventId?: string) {
  const controller = new AbortController();
  const api = await h.caller({ token: who.token, signal: controller.signal });
  const iterator = ((await api.chat.onInbox(lastEventId ? { lastEventId } : {})) as AsyncIterable<Envelope>)[Symbol.asyncIterator]();
  const received: Envelope[] = [];
  let failure: unknown;
  void (async () => {
    try {
      for (let step = await iterator.next(); !step.done; step = await iterator.next()) received.push(step.value);
    } catch (error) {
      failure = error;
    }
  })();
  for (let i = 0; i < 50 && received.length === 0; i++) await settle();
  return {
    events: () => received.map((e) => e[1]),
    ids: () => received.map((e) => e[0]),
    live: () => received.slice(1).map((e) => e[1]),
    failure: () => failure,
    stop: () => controller.abort(),
  };
}

const send = (who: Account, roomId: string, body = 'hi') => who.api.chat.messages.send({ roomId, body, clientMessageId: randomUUID() });

describe('chat.onInbox', () => {
  let ana: Account;
  let bob: Account;
  let cat: Account;
  beforeAll(async () => {
    [ana, bob, cat] = [await h.signUp('inb.ana'), await h.signUp('inb.bob'), await h.signUp('inb.cat')];
  });

  it('starts with a sync of every conversation, with unread and mention counts as the list has them', async () => {
    const roomId = (await ana.api.chat.rooms.create({ name: 'Sync', visibility: 'public' })).id;
    await bob.api.chat.rooms.join({ roomId });
    await send(ana, roomId, 'one');
    await send(ana, roomId, `two @${bob.user.username}`);
    const sub = await inbox(bob);
    const [sync] = sub.events();
    expect(sync?.type).toBe('sync');
    const state = sync?.type === 'sync' ? sync.rooms.find((r) => r.roomId === roomId) : undefined;
    const listed = (await bob.api.chat.rooms.list()).find((r) => r.id === roomId);
    expect(state).toEqual({ roomId, kind: 'room', lastSeq: 2, lastReadSeq: 0, unreadCount: 2, mentionCount: 1 });
    expect(listed).toMatchObject({ unreadCount: state?.unreadCount, mentionCount: state?.mentionCount });
    sub.stop();
  });

  it('tells members of a public room about new messages and mentions; the sender learns it read its own', async () => {
    const roomId = (await ana.api.chat.rooms.create({ name: 'Live', visibility: 'public' })).id;
    await bob.api.chat.rooms.join({ roomId });
    const bobs = await inbox(bob);
    const anas = await inbox(ana);
    const message = await send(ana, roomId, `hey @${bob.user.username}`);
    await settle();
    expect(bobs.live()).toEqual([
      { type: 'message', roomId, kind: 'room', seq: 1, message: expect.objectContaining({ id: message.id, seq: 1, body: `hey @${bob.user.username}`, author: expect.objectContaining({ id: ana.user.id }) }) },
      { type: 'mention', roomId, seq: 1, messageId: message.id, authorId: ana.user.id },
    ]);
    expect(anas.live()).toEqual([expect.objectContaining({ type: 'message', roomId, seq: 1 })]);
    // Someone who is not in the room hears nothing of it.
    const cats = await inbox(cat);
    await send(ana, roomId);
    await settle();
    expect(cats.live()).toEqual([]);
    for (const s of [bobs, anas, cats]) s.stop();
  });

  it("a read in one tab reaches the user's other tabs with the mentions left; nobody else's", async () => {
    const roomId = (await ana.api.chat.rooms.create({ name: 'Reads', visibility: 'public' })).id;
    await bob.api.chat.rooms.join({ roomId });
    await send(ana, roomId, `a @${bob.user.username}`);
    await send(ana, roomId, `b @${bob.user.username}`);
    const otherTab = await inbox(bob);
    const anas = await inbox(ana);
    await bob.api.chat.rooms.markRead({ roomId, seq: 1 });
    await bob.api.chat.rooms.markRead({ roomId, seq: 1 }); // no move: no event
    await settle();
    expect(otherTab.live()).toEqual([{ type: 'read', roomId, lastReadSeq: 1, mentionCount: 1 }]);
    await bob.api.chat.rooms.markRead({ roomId, seq: 2 });
    await settle();
    expect(otherTab.live().at(-1)).toEqual({ type: 'read', roomId, lastReadSeq: 2, mentionCount: 0 });
    expect(anas.live().filter((e) => e.type === 'read')).toEqual([]);
    otherTab.stop();
    anas.stop();
  });

  it('DMs and groups reach every member; joins, leaves and kicks reach the person concerned', async () => {
    const { roomId: dm } = await ana.api.chat.dms.open({ username: bob.user.username });
    const bobs = await inbox(bob);
    await send(ana, dm, 'psst');
    const roomId = (await ana.api.chat.rooms.create({ name: 'Door', visibility: 'private' })).id;
    const { code } = await ana.api.chat.invites.create({ roomId });
    await bob.api.chat.invites.accept({ code });
    await settle();
    // Joined first, so the room is followed: its messages arrive live from then on.
    await send(ana, roomId, 'welcome');
    await ana.api.chat.members.kick({ roomId, userId: bob.user.id });
    await settle();
    await send(ana, roomId, 'after the kick');
    await settle();
    expect(bobs.live()).toEqual([
      expect.objectContaining({ type: 'message', roomId: dm, kind: 'dm', seq: 1 }),
      { type: 'joined', roomId, kind: 'room' },
      expect.objectContaining({ type: 'message', roomId, kind: 'room', seq: 1 }),
      { type: 'left', roomId, kind: 'room' },
    ]);
    bobs.stop();
  });

  it('resumes after a gap with a fresh sync (ids keep growing), counting nothing twice', async () => {
    const roomId = (await ana.api.chat.rooms.create({ name: 'Resume', visibility: 'public' })).id;
    await bob.api.chat.rooms.join({ roomId });
    const first = await inbox(bob);
    await send(ana, roomId);
    await settle();
    const lastId = first.ids().at(-1) ?? '';
    first.stop();
    await send(ana, roomId, `while away @${bob.user.username}`);
    const again = await inbox(bob, lastId);
    const [sync] = again.events();
    expect(BigInt(again.ids()[0] ?? '0')).toBeGreaterThan(BigInt(lastId));
    expect(sync?.type === 'sync' && sync.rooms.find((r) => r.roomId === roomId)).toMatchObject({ lastSeq: 2, unreadCount: 2, mentionCount: 1 });
    expect(again.live()).toEqual([]);
    again.stop();
    expect(await trpcError(async () => (await h.caller({ token: bob.token })).chat.onInbox({ lastEventId: 'nope' }))).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('costs no bus publish per member in a named room; DMs publish once per member', async () => {
    const roomId = (await ana.api.chat.rooms.create({ name: 'Big', visibility: 'public' })).id;
    const members = [bob, cat];
    for (let i = 0; i < 8; i++) members.push(await h.signUp(`inb.m${i}`));
    for (const m of members) await m.api.chat.rooms.join({ roomId });
    const subs = await Promise.all(members.map((m) => inbox(m)));
    const channels: string[] = [];
    const publish = h.deps.bus.publish.bind(h.deps.bus);
    h.deps.bus.publish = async (channel, payload) => {
      channels.push(channel);
      await publish(channel, payload);
    };
    try {
      await send(ana, roomId, 'to everyone');
      await settle();
      expect(channels).toEqual([`chat-room:${roomId}`]);
      for (const s of subs) expect(s.live()).toEqual([expect.objectContaining({ type: 'message', roomId, seq: 1 })]);
      // Every inbox on this instance got the same object (converted and serialised once).
      expect(new Set(subs.map((s) => s.live()[0])).size).toBe(1);
      channels.length = 0;
      const { roomId: dm } = await ana.api.chat.dms.open({ username: cat.user.username });
      await send(ana, dm);
      expect(channels.sort()).toEqual([`chat-inbox:${ana.user.id}`, `chat-inbox:${cat.user.id}`, `chat-room:${dm}`].sort());
    } finally {
      h.deps.bus.publish = publish;
      for (const s of subs) s.stop();
    }
  });
});
