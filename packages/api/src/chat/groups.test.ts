// Group conversations (issue 10, "small group DMs (≤ 10)") through tRPC callers on the real database.
import { randomUUID } from 'node:crypto';
import type { TrackedEnvelope } from '@trpc/server';
import { Room, RoomMember } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import type { ChatRoomEvent } from './chat.events.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type Account = Awaited<ReturnType<Harness['signUp']>>;
const send = (who: Account, roomId: string, body = 'hi') => who.api.chat.messages.send({ roomId, body, clientMessageId: randomUUID() });
const groups = () => h.db.fork().count(Room, { kind: 'group' });
const memberIds = async (roomId: string) => (await h.db.fork().find(RoomMember, { room: roomId }, { orderBy: { joinedAt: 'asc', id: 'asc' } })).map((m) => m.user.id).sort();

let n = 0;
/** `count` fresh accounts (unique usernames). */
async function crowd(count: number): Promise<Account[]> {
  n += 1;
  const out: Account[] = [];
  for (let i = 0; i < count; i++) out.push(await h.signUp(`g${n}.p${i}`));
  return out;
}
const names = (people: Account[]) => people.map((p) => p.user.username);

describe('chat.dms.openGroup', () => {
  it('opens a group of 10 (me and 9 others); each member sees it in rooms.list with its members', async () => {
    const [me, ...others] = await crowd(10);
    const { roomId, created } = await me!.api.chat.dms.openGroup({ usernames: names(others) });
    expect(created).toBe(true);
    expect(await memberIds(roomId)).toEqual([me!, ...others].map((p) => p.user.id).sort());
    await send(others[3]!, roomId, 'hello group');
    for (const who of [me!, others[8]!]) {
      const row = (await who.api.chat.rooms.list()).find((r) => r.id === roomId);
      expect(row).toMatchObject({ kind: 'group', name: null, visibility: 'private', role: 'member', lastMessage: { body: 'hello group' } });
      expect(row?.members?.map((m) => m.username).sort()).toEqual(names([me!, ...others]).sort());
    }
    const page = await others[0]!.api.chat.messages.list({ roomId });
    expect(page.items.map((m) => m.body)).toEqual(['hello group']);
  });

  it('refuses 11 people, too few, duplicates, myself and unknown usernames, storing nothing', async () => {
    const [me, ...others] = await crowd(11);
    const before = await groups();
    const tooMany = await trpcError(() => me!.api.chat.dms.openGroup({ usernames: names(others) }));
    expect(tooMany).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('at most 10 people') });
    expect(await trpcError(() => me!.api.chat.dms.openGroup({ usernames: names(others.slice(0, 1)) }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('open a direct message'),
    });
    const [a, b] = names(others);
    expect(await trpcError(() => me!.api.chat.dms.openGroup({ usernames: [a!, b!, a!] }))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('only be named once') });
    // Usernames are case-insensitive: the same person twice.
    expect(await trpcError(() => me!.api.chat.dms.openGroup({ usernames: [a!, a!.toUpperCase()] }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => me!.api.chat.dms.openGroup({ usernames: [a!, me!.user.username] }))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Leave yourself out') });
    expect(await trpcError(() => me!.api.chat.dms.openGroup({ usernames: [a!, 'nobody-here', b!] }))).toMatchObject({ code: 'NOT_FOUND', message: 'Nobody is called @nobody-here here.' });
    expect(await trpcError(() => me!.api.chat.dms.openGroup({ usernames: 'abc' as never }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await groups()).toBe(before);
  });

  it('opening the same set again (from anyone in it, in any order) finds the same group; another set makes another', async () => {
    const [me, a, b, c] = await crowd(4);
    const first = await me!.api.chat.dms.openGroup({ usernames: names([a!, b!]) });
    const again = await b!.api.chat.dms.openGroup({ usernames: names([me!, a!]) });
    expect(again).toEqual({ roomId: first.roomId, created: false });
    const other = await me!.api.chat.dms.openGroup({ usernames: names([a!, b!, c!]) });
    expect(other.created).toBe(true);
    expect(other.roomId).not.toBe(first.roomId);
  });

  it('two opens of the same set racing make one group', async () => {
    const [me, a, b] = await crowd(3);
    const results = await Promise.all([me!.api.chat.dms.openGroup({ usernames: names([a!, b!]) }), a!.api.chat.dms.openGroup({ usernames: names([b!, me!]) })]);
    expect(results[0].roomId).toBe(results[1].roomId);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it('someone not in the group cannot read it, write in it, add to it or subscribe to it (NOT_FOUND)', async () => {
    const [me, a, b, outsider] = await crowd(4);
    const { roomId } = await me!.api.chat.dms.openGroup({ usernames: names([a!, b!]) });
    await send(a!, roomId);
    expect(await trpcError(() => outsider!.api.chat.messages.list({ roomId }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => send(outsider!, roomId))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => outsider!.api.chat.dms.addToGroup({ roomId, usernames: [outsider!.user.username] }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => outsider!.api.chat.rooms.join({ roomId }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => outsider!.api.chat.members.list({ roomId }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(async () => (await outsider!.api.chat.onRoom({ roomId }))[Symbol.asyncIterator]().next())).toMatchObject({ code: 'NOT_FOUND' });
    expect((await outsider!.api.chat.rooms.list()).some((r) => r.id === roomId)).toBe(false);
  });
});

describe('chat.dms.addToGroup', () => {
  it('any member adds people up to 10; the 11th is refused and nothing is added; people already in are skipped', async () => {
    const [me, a, b, ...more] = await crowd(11);
    const { roomId } = await me!.api.chat.dms.openGroup({ usernames: names([a!, b!]) });
    await send(me!, roomId, 'before they came');
    const added = await b!.api.chat.dms.addToGroup({ roomId, usernames: [...names(more.slice(0, 3)), a!.user.username] });
    expect(added.added.map((u) => u.username)).toEqual(names(more.slice(0, 3)));
    // A newcomer reads the history, with nothing unread.
    expect((await more[0]!.api.chat.messages.list({ roomId })).items.map((m) => m.body)).toEqual(['before they came']);
    expect((await more[0]!.api.chat.rooms.list()).find((r) => r.id === roomId)).toMatchObject({ unreadCount: 0 });
    // 6 in; 5 more would make 11.
    const full = await trpcError(() => a!.api.chat.dms.addToGroup({ roomId, usernames: names(more.slice(3, 8)) }));
    expect(full).toMatchObject({ code: 'CONFLICT', message: 'A group has at most 10 people: there is room for 4 more.' });
    expect(await memberIds(roomId)).toHaveLength(6);
    await a!.api.chat.dms.addToGroup({ roomId, usernames: names(more.slice(3, 7)) });
    expect(await memberIds(roomId)).toHaveLength(10);
    expect(await trpcError(() => a!.api.chat.dms.addToGroup({ roomId, usernames: names(more.slice(7, 8)) }))).toMatchObject({ code: 'CONFLICT' });
    expect(await trpcError(() => a!.api.chat.dms.addToGroup({ roomId, usernames: ['nobody-here'] }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('two adds racing past 10 do not both pass', async () => {
    const [me, a, b, ...more] = await crowd(13);
    const { roomId } = await me!.api.chat.dms.openGroup({ usernames: names([a!, b!, ...more.slice(0, 5)]) });
    const outcomes = await Promise.allSettled([
      a!.api.chat.dms.addToGroup({ roomId, usernames: names(more.slice(5, 7)) }),
      b!.api.chat.dms.addToGroup({ roomId, usernames: names(more.slice(7, 9)) }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(await memberIds(roomId)).toHaveLength(10);
  });

  it('only groups take people: a DM or a named room is BAD_REQUEST', async () => {
    const [me, a, b] = await crowd(3);
    const { roomId: dm } = await me!.api.chat.dms.open({ username: a!.user.username });
    expect(await trpcError(() => me!.api.chat.dms.addToGroup({ roomId: dm, usernames: [b!.user.username] }))).toMatchObject({ code: 'BAD_REQUEST' });
    const { id: room } = await me!.api.chat.rooms.create({ name: 'Band', visibility: 'private' });
    expect(await trpcError(() => me!.api.chat.dms.addToGroup({ roomId: room, usernames: [b!.user.username] }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await memberIds(dm)).toHaveLength(2);
  });
});

describe('groups: live membership', () => {
  it('adding people and leaving tell the members live (member.joined, member.left)', async () => {
    const [me, a, b, c] = await crowd(4);
    const { roomId } = await me!.api.chat.dms.openGroup({ usernames: names([a!, b!]) });
    const controller = new AbortController();
    const api = await h.caller({ token: me!.token, signal: controller.signal });
    const iterator = ((await api.chat.onRoom({ roomId })) as AsyncIterable<TrackedEnvelope<ChatRoomEvent>>)[Symbol.asyncIterator]();
    const first = iterator.next();
    // The subscription listens before yielding anything: give it a moment to start.
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      await a!.api.chat.dms.addToGroup({ roomId, usernames: [c!.user.username] });
      await b!.api.chat.rooms.leave({ roomId });
      const events = [(await first).value?.[1], (await iterator.next()).value?.[1]];
      expect(events.map((e) => e && 'user' in e && [e.type, e.user.username])).toEqual([
        ['member.joined', c!.user.username],
        ['member.left', b!.user.username],
      ]);
    } finally {
      controller.abort();
      await iterator.return?.();
    }
  });
});

describe('groups: settings and leaving', () => {
  it('any member renames a group or sets its topic; slow mode is refused; members cannot moderate', async () => {
    const [me, a, b] = await crowd(3);
    const { roomId } = await me!.api.chat.dms.openGroup({ usernames: names([a!, b!]) });
    expect(await a!.api.chat.rooms.update({ roomId, name: 'Rehearsals', topic: 'Thursday' })).toMatchObject({ name: 'Rehearsals', topic: 'Thursday' });
    expect((await b!.api.chat.rooms.list()).find((r) => r.id === roomId)).toMatchObject({ name: 'Rehearsals' });
    expect(await trpcError(() => a!.api.chat.rooms.update({ roomId, slowModeSeconds: 5 }))).toMatchObject({ code: 'BAD_REQUEST', message: 'A group conversation has no slow mode.' });
    expect(await trpcError(() => a!.api.chat.members.kick({ roomId, userId: b!.user.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await trpcError(() => a!.api.chat.invites.create({ roomId }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a member leaves (and no longer sees it); the last one out deletes the group', async () => {
    const [me, a, b] = await crowd(3);
    const { roomId } = await me!.api.chat.dms.openGroup({ usernames: names([a!, b!]) });
    expect(await me!.api.chat.rooms.leave({ roomId })).toEqual({ left: true, roomDeleted: false });
    expect(await trpcError(() => me!.api.chat.messages.list({ roomId }))).toMatchObject({ code: 'NOT_FOUND' });
    await send(a!, roomId);
    expect(await a!.api.chat.rooms.leave({ roomId })).toEqual({ left: true, roomDeleted: false });
    expect(await b!.api.chat.rooms.leave({ roomId })).toEqual({ left: true, roomDeleted: true });
    expect(await h.db.fork().findOne(Room, { id: roomId })).toBeNull();
  });
});
