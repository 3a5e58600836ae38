// Room membership and moderation through tRPC callers on the real database (issue 10, "Rooms", "Moderation").
import { randomUUID } from 'node:crypto';
import { Message, Room, RoomMember } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type Account = Awaited<ReturnType<Harness['signUp']>>;
const cid = () => randomUUID();
const roleOf = async (roomId: string, userId: string) => (await h.db.fork().findOne(RoomMember, { room: roomId, user: userId }))?.role ?? null;

async function room(owner: Account, visibility: 'public' | 'private' = 'public', name = 'Room') {
  return (await owner.api.chat.rooms.create({ name, visibility })).id;
}

let n = 0;
/** Fresh accounts for one test (unique usernames). */
async function people<const N extends string[]>(...names: N): Promise<{ [K in keyof N]: Account }> {
  n += 1;
  return (await Promise.all(names.map((name) => h.signUp(`m${n}.${name}`)))) as { [K in keyof N]: Account };
}

describe('chat.rooms.leave', () => {
  it('a member leaves (twice is once); their messages stay; they can join a public room again', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const id = await room(ana);
    await bob.api.chat.rooms.join({ roomId: id });
    await bob.api.chat.messages.send({ roomId: id, body: 'bye', clientMessageId: cid() });
    expect(await bob.api.chat.rooms.leave({ roomId: id })).toEqual({ left: true, roomDeleted: false });
    expect(await bob.api.chat.rooms.leave({ roomId: id })).toEqual({ left: false, roomDeleted: false });
    expect(await roleOf(id, bob.user.id)).toBeNull();
    expect((await bob.api.chat.rooms.list()).some((r) => r.id === id)).toBe(false);
    expect(await h.db.fork().count(Message, { room: id })).toBe(1);
    expect(await trpcError(() => bob.api.chat.messages.send({ roomId: id, body: 'back?', clientMessageId: cid() }))).toMatchObject({ code: 'FORBIDDEN' });
    await bob.api.chat.rooms.join({ roomId: id });
    expect(await roleOf(id, bob.user.id)).toBe('member');
  });

  it('a member who leaves a private room can no longer see it', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const id = await room(ana, 'private');
    await h.db.fork().insert(RoomMember, { id: randomUUID(), room: id, user: bob.user.id, role: 'member', lastReadSeq: 0, joinedAt: new Date() });
    await bob.api.chat.rooms.leave({ roomId: id });
    expect(await trpcError(() => bob.api.chat.messages.list({ roomId: id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => bob.api.chat.rooms.leave({ roomId: id }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the owner cannot leave while others remain; after handing the room over they can', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const id = await room(ana);
    await bob.api.chat.rooms.join({ roomId: id });
    const refused = await trpcError(() => ana.api.chat.rooms.leave({ roomId: id }));
    expect(refused).toMatchObject({ code: 'CONFLICT', message: 'You own this room: make another member its owner before leaving.' });
    expect(refused.cause).toMatchObject({ reason: 'owner_must_transfer' });
    expect(await roleOf(id, ana.user.id)).toBe('owner');
    await ana.api.chat.members.setRole({ roomId: id, userId: bob.user.id, role: 'owner' });
    expect(await roleOf(id, ana.user.id)).toBe('moderator');
    expect(await ana.api.chat.rooms.leave({ roomId: id })).toEqual({ left: true, roomDeleted: false });
    expect(await roleOf(id, bob.user.id)).toBe('owner');
  });

  it('the owner leaving as the last member deletes the room', async () => {
    const [ana] = await people('ana');
    const id = await room(ana);
    await ana.api.chat.messages.send({ roomId: id, body: 'alone', clientMessageId: cid() });
    expect(await ana.api.chat.rooms.leave({ roomId: id })).toEqual({ left: true, roomDeleted: true });
    expect(await h.db.fork().count(Room, { id })).toBe(0);
    expect(await h.db.fork().count(Message, { room: id })).toBe(0);
  });

  it('refuses DMs, unknown rooms and bad ids', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const { roomId } = await ana.api.chat.dms.open({ username: bob.user.username });
    expect(await trpcError(() => ana.api.chat.rooms.leave({ roomId }))).toMatchObject({ code: 'BAD_REQUEST', message: 'You cannot leave a direct conversation.' });
    expect(await h.db.fork().count(RoomMember, { room: roomId })).toBe(2);
    expect(await trpcError(() => ana.api.chat.rooms.leave({ roomId: randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => ana.api.chat.rooms.leave({ roomId: 'nope' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => h.caller().then((anon) => anon.chat.rooms.leave({ roomId })))).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('chat.members.setRole', () => {
  it('the owner makes a member moderator and back', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const id = await room(ana);
    await bob.api.chat.rooms.join({ roomId: id });
    expect(await ana.api.chat.members.setRole({ roomId: id, userId: bob.user.id, role: 'moderator' })).toMatchObject({
      user: { id: bob.user.id, username: bob.user.username },
      role: 'moderator',
    });
    expect((await bob.api.chat.rooms.list()).find((r) => r.id === id)).toMatchObject({ role: 'moderator' });
    expect(await ana.api.chat.members.setRole({ roomId: id, userId: bob.user.id, role: 'member' })).toMatchObject({ role: 'member' });
    expect(await roleOf(id, bob.user.id)).toBe('member');
  });

  it('only the owner changes roles; not their own; only of members; bad input is typed and changes nothing', async () => {
    const [ana, bob, cat, dan] = await people('ana', 'bob', 'cat', 'dan');
    const id = await room(ana);
    await bob.api.chat.rooms.join({ roomId: id });
    await cat.api.chat.rooms.join({ roomId: id });
    await ana.api.chat.members.setRole({ roomId: id, userId: bob.user.id, role: 'moderator' });
    // A moderator cannot promote, nor demote the owner or hand the room over.
    expect(await trpcError(() => bob.api.chat.members.setRole({ roomId: id, userId: cat.user.id, role: 'moderator' }))).toMatchObject({
      code: 'FORBIDDEN',
      message: "Only the room's owner can change roles.",
    });
    expect(await trpcError(() => bob.api.chat.members.setRole({ roomId: id, userId: bob.user.id, role: 'owner' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await trpcError(() => cat.api.chat.members.setRole({ roomId: id, userId: ana.user.id, role: 'member' }))).toMatchObject({ code: 'FORBIDDEN' });
    // Not a member of the public room: FORBIDDEN; someone else's private room: NOT_FOUND.
    expect(await trpcError(() => dan.api.chat.members.setRole({ roomId: id, userId: cat.user.id, role: 'moderator' }))).toMatchObject({ code: 'FORBIDDEN' });
    const priv = await room(ana, 'private');
    expect(await trpcError(() => dan.api.chat.members.setRole({ roomId: priv, userId: ana.user.id, role: 'member' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => ana.api.chat.members.setRole({ roomId: id, userId: ana.user.id, role: 'member' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => ana.api.chat.members.setRole({ roomId: id, userId: dan.user.id, role: 'moderator' }))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'This person is not a member of this room.',
    });
    expect(await trpcError(() => ana.api.chat.members.setRole({ roomId: id, userId: dan.user.id, role: 'owner' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => ana.api.chat.members.setRole({ roomId: id, userId: cat.user.id, role: 'admin' as 'member' }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Role must be owner, moderator or member.'),
    });
    expect(await trpcError(() => ana.api.chat.members.setRole({ roomId: id, userId: 'x', role: 'member' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect([await roleOf(id, ana.user.id), await roleOf(id, bob.user.id), await roleOf(id, cat.user.id), await roleOf(id, dan.user.id)]).toEqual([
      'owner',
      'moderator',
      'member',
      null,
    ]);
  });
});

describe('chat.members.list', () => {
  it('lists owner, moderators then members, paged; public rooms for anyone, private ones for members only', async () => {
    const [ana, bob, cat, dan, eve] = await people('ana', 'bob', 'cat', 'dan', 'eve');
    const id = await room(ana);
    for (const p of [bob, cat, dan]) await p.api.chat.rooms.join({ roomId: id });
    await ana.api.chat.members.setRole({ roomId: id, userId: dan.user.id, role: 'moderator' });
    const first = await eve.api.chat.members.list({ roomId: id, limit: 2 });
    expect(first).toMatchObject({ total: 4, nextOffset: 2 });
    expect(first.items.map((m) => [m.user.username, m.role])).toEqual([
      [ana.user.username, 'owner'],
      [dan.user.username, 'moderator'],
    ]);
    const second = await eve.api.chat.members.list({ roomId: id, limit: 2, offset: 2 });
    expect(second).toMatchObject({ total: 4, nextOffset: null });
    expect(second.items.map((m) => m.user.username)).toEqual([bob.user.username, cat.user.username]);
    const priv = await room(ana, 'private');
    expect((await ana.api.chat.members.list({ roomId: priv })).items).toHaveLength(1);
    expect(await trpcError(() => eve.api.chat.members.list({ roomId: priv }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => eve.api.chat.members.list({ roomId: id, limit: 101 }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => eve.api.chat.members.list({ roomId: id, offset: -1 }))).toMatchObject({ code: 'BAD_REQUEST' });
  });
});
