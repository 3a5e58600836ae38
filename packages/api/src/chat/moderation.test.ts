// Invites, kick / ban / mute, slow mode and room settings through tRPC callers on the real database (issue 10).
import { randomUUID } from 'node:crypto';
import type { TrackedEnvelope } from '@trpc/server';
import { Message, Room, RoomBan, RoomInvite, RoomMember } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import type { ChatRoomEvent } from './chat.events.ts';
import { hashInviteCode } from './invites.service.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type Account = Awaited<ReturnType<Harness['signUp']>>;
const cid = () => randomUUID();
const send = (who: Account, roomId: string, body = 'hi') => who.api.chat.messages.send({ roomId, body, clientMessageId: cid() });
const roleOf = async (roomId: string, userId: string) => (await h.db.fork().findOne(RoomMember, { room: roomId, user: userId }))?.role ?? null;
const messages = (roomId: string) => h.db.fork().count(Message, { room: roomId });

let n = 0;
/** Fresh accounts for one test (unique usernames). */
async function people<const N extends string[]>(...names: N): Promise<{ [K in keyof N]: Account }> {
  n += 1;
  return (await Promise.all(names.map((name) => h.signUp(`x${n}.${name}`)))) as { [K in keyof N]: Account };
}
async function room(owner: Account, visibility: 'public' | 'private' = 'private') {
  return (await owner.api.chat.rooms.create({ name: 'Room', visibility })).id;
}
/** A private room of `owner` with `mod` as moderator and `others` as members (joined by invite). */
async function staffed(owner: Account, mod: Account | null, ...others: Account[]) {
  const id = await room(owner);
  const { code } = await owner.api.chat.invites.create({ roomId: id });
  for (const p of [...(mod ? [mod] : []), ...others]) await p.api.chat.invites.accept({ code });
  if (mod) await owner.api.chat.members.setRole({ roomId: id, userId: mod.user.id, role: 'moderator' });
  return id;
}

describe('chat.invites', () => {
  it('an invite joins a private room; the code is 256 random bits and only its hash is stored', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const id = await room(ana);
    const invite = await ana.api.chat.invites.create({ roomId: id, expiresInSeconds: 3600, maxUses: 5 });
    expect(invite.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(invite).toMatchObject({ roomId: id, path: `/chat/invite/${invite.code}`, maxUses: 5 });
    expect(Date.parse(invite.expiresAt ?? '') - Date.now()).toBeGreaterThan(3500_000);
    const stored = await h.db.fork().findOneOrFail(RoomInvite, { id: invite.id });
    expect(stored.codeHash).toBe(hashInviteCode(invite.code));
    expect(JSON.stringify(stored)).not.toContain(invite.code);
    expect(await bob.api.chat.invites.accept({ code: invite.code })).toEqual({ roomId: id, joined: true });
    expect(await roleOf(id, bob.user.id)).toBe('member');
    // Already in: no use counted.
    expect(await bob.api.chat.invites.accept({ code: invite.code })).toEqual({ roomId: id, joined: false });
    expect((await h.db.fork().findOneOrFail(RoomInvite, { id: invite.id })).uses).toBe(1);
    await send(bob, id);
  });

  it('only the owner and moderators create and revoke; a revoked invite stops working', async () => {
    const [ana, mod, bob, cat, dan] = await people('ana', 'mod', 'bob', 'cat', 'dan');
    const id = await staffed(ana, mod, bob);
    expect(await trpcError(() => bob.api.chat.invites.create({ roomId: id }))).toMatchObject({
      code: 'FORBIDDEN',
      message: "Only the room's owner and moderators can create invite links.",
    });
    expect(await trpcError(() => cat.api.chat.invites.create({ roomId: id }))).toMatchObject({ code: 'NOT_FOUND' });
    const invite = await mod.api.chat.invites.create({ roomId: id });
    expect(await trpcError(() => bob.api.chat.invites.revoke({ inviteId: invite.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await trpcError(() => cat.api.chat.invites.revoke({ inviteId: invite.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await ana.api.chat.invites.revoke({ inviteId: invite.id })).toEqual({ revoked: true });
    expect(await ana.api.chat.invites.revoke({ inviteId: invite.id })).toEqual({ revoked: false });
    expect(await trpcError(() => cat.api.chat.invites.accept({ code: invite.code }))).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('not valid') });
    expect(await roleOf(id, cat.user.id)).toBeNull();
    expect(await trpcError(() => dan.api.chat.invites.revoke({ inviteId: randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('expired and used-up invites are refused with a clear error; unknown and malformed codes too', async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const id = await room(ana);
    const once = await ana.api.chat.invites.create({ roomId: id, maxUses: 1 });
    await bob.api.chat.invites.accept({ code: once.code });
    const usedUp = await trpcError(() => cat.api.chat.invites.accept({ code: once.code }));
    expect(usedUp).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('used as many times as it allows') });
    expect(usedUp.cause).toMatchObject({ reason: 'invite_used_up' });
    const soon = await ana.api.chat.invites.create({ roomId: id, expiresInSeconds: 60 });
    await h.db.fork().nativeUpdate(RoomInvite, { id: soon.id }, { expiresAt: new Date(Date.now() - 1000) });
    const expired = await trpcError(() => cat.api.chat.invites.accept({ code: soon.code }));
    expect(expired).toMatchObject({ code: 'CONFLICT', message: 'This invite link has expired: ask for a new one.' });
    expect(expired.cause).toMatchObject({ reason: 'invite_expired' });
    expect(await trpcError(() => cat.api.chat.invites.accept({ code: 'A'.repeat(43) }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => cat.api.chat.invites.accept({ code: 'short' }))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('This invite link is not valid.') });
    expect(await roleOf(id, cat.user.id)).toBeNull();
  });

  it('bad create input is a typed error and stores nothing; DMs have no invites; anonymous callers are refused', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const id = await room(ana);
    expect(await trpcError(() => ana.api.chat.invites.create({ roomId: id, maxUses: 0 }))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('at least once') });
    expect(await trpcError(() => ana.api.chat.invites.create({ roomId: id, expiresInSeconds: 10 }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => ana.api.chat.invites.create({ roomId: id, expiresInSeconds: 31 * 24 * 3600 }))).toMatchObject({ code: 'BAD_REQUEST' });
    const { roomId: dm } = await ana.api.chat.dms.open({ username: bob.user.username });
    expect(await trpcError(() => ana.api.chat.invites.create({ roomId: dm }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await h.db.fork().count(RoomInvite, { room: { $in: [id, dm] } })).toBe(0);
    const anon = await h.caller();
    expect(await trpcError(() => anon.chat.invites.accept({ code: 'A'.repeat(43) }))).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('the owner and moderators list invites without their codes, with uses and whether each still works', async () => {
    const [ana, mod, bob, cat] = await people('ana', 'mod', 'bob', 'cat');
    const id = await staffed(ana, mod, bob);
    const once = await mod.api.chat.invites.create({ roomId: id, maxUses: 1 });
    await cat.api.chat.invites.accept({ code: once.code });
    const open = await ana.api.chat.invites.create({ roomId: id, expiresInSeconds: 600 });
    const listed = await mod.api.chat.invites.list({ roomId: id });
    expect(listed).toHaveLength(3);
    expect(listed.find((i) => i.id === once.id)).toMatchObject({ createdBy: { id: mod.user.id }, maxUses: 1, uses: 1, revokedAt: null, active: false });
    expect(listed.find((i) => i.id === open.id)).toMatchObject({ createdBy: { id: ana.user.id }, maxUses: null, uses: 0, active: true, expiresAt: open.expiresAt });
    expect(JSON.stringify(listed)).not.toContain(open.code);
    await ana.api.chat.invites.revoke({ inviteId: open.id });
    expect((await ana.api.chat.invites.list({ roomId: id })).find((i) => i.id === open.id)).toMatchObject({ active: false, revokedAt: expect.any(String) });
    expect(await trpcError(() => bob.api.chat.invites.list({ roomId: id }))).toMatchObject({ code: 'FORBIDDEN' });
    const [eve] = await people('eve');
    expect(await trpcError(() => eve.api.chat.invites.list({ roomId: id }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('concurrent accepts never pass maxUses', async () => {
    const [ana, ...guests] = await people('ana', 'g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7', 'g8');
    const id = await room(ana);
    const invite = await ana.api.chat.invites.create({ roomId: id, maxUses: 3 });
    const results = await Promise.allSettled(guests.map((g) => g.api.chat.invites.accept({ code: invite.code })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'CONFLICT' });
    expect((await h.db.fork().findOneOrFail(RoomInvite, { id: invite.id })).uses).toBe(3);
    expect(await h.db.fork().count(RoomMember, { room: id })).toBe(4);
  });
});

describe('chat.members kick / ban / mute', () => {
  it('a moderator kicks a member, who can join a public room again; their messages stay', async () => {
    const [ana, mod, bob] = await people('ana', 'mod', 'bob');
    const id = await room(ana, 'public');
    await mod.api.chat.rooms.join({ roomId: id });
    await bob.api.chat.rooms.join({ roomId: id });
    await ana.api.chat.members.setRole({ roomId: id, userId: mod.user.id, role: 'moderator' });
    await send(bob, id);
    expect(await mod.api.chat.members.kick({ roomId: id, userId: bob.user.id })).toEqual({ removed: true });
    expect(await roleOf(id, bob.user.id)).toBeNull();
    expect(await messages(id)).toBe(1);
    expect(await trpcError(() => mod.api.chat.members.kick({ roomId: id, userId: bob.user.id }))).toMatchObject({ code: 'NOT_FOUND' });
    await bob.api.chat.rooms.join({ roomId: id });
  });

  it('moderators act on members only; the owner on everyone but themselves; members on nobody', async () => {
    const [ana, mod, mod2, bob, cat] = await people('ana', 'mod', 'mod2', 'bob', 'cat');
    const id = await staffed(ana, mod, mod2, bob);
    await ana.api.chat.members.setRole({ roomId: id, userId: mod2.user.id, role: 'moderator' });
    expect(await trpcError(() => mod.api.chat.members.kick({ roomId: id, userId: ana.user.id }))).toMatchObject({ code: 'FORBIDDEN', message: "Nobody can act on the room's owner." });
    expect(await trpcError(() => mod.api.chat.members.ban({ roomId: id, userId: mod2.user.id }))).toMatchObject({ code: 'FORBIDDEN', message: 'Moderators can only act on members, not on other moderators.' });
    expect(await trpcError(() => mod.api.chat.members.mute({ roomId: id, userId: mod2.user.id, untilSeconds: 60 }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await trpcError(() => bob.api.chat.members.kick({ roomId: id, userId: mod.user.id }))).toMatchObject({ code: 'FORBIDDEN', message: "Only the room's owner and moderators can remove members." });
    expect(await trpcError(() => ana.api.chat.members.kick({ roomId: id, userId: ana.user.id }))).toMatchObject({ code: 'BAD_REQUEST', message: 'You cannot remove members yourself.' });
    expect(await trpcError(() => cat.api.chat.members.kick({ roomId: id, userId: bob.user.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => ana.api.chat.members.kick({ roomId: id, userId: 'nope' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect([await roleOf(id, mod.user.id), await roleOf(id, mod2.user.id), await roleOf(id, bob.user.id)]).toEqual(['moderator', 'moderator', 'member']);
    // The owner kicks a moderator.
    expect(await ana.api.chat.members.kick({ roomId: id, userId: mod2.user.id })).toEqual({ removed: true });
  });

  it('a banned member cannot come back through join or invites until unbanned, nor read the public room', async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const id = await room(ana, 'public');
    await bob.api.chat.rooms.join({ roomId: id });
    expect(await ana.api.chat.members.ban({ roomId: id, userId: bob.user.id, reason: '  spam  ' })).toEqual({ banned: true });
    expect(await h.db.fork().findOneOrFail(RoomBan, { room: id, user: bob.user.id })).toMatchObject({ reason: 'spam' });
    expect(await roleOf(id, bob.user.id)).toBeNull();
    const joined = await trpcError(() => bob.api.chat.rooms.join({ roomId: id }));
    expect(joined).toMatchObject({ code: 'FORBIDDEN', message: 'You were banned from this room.' });
    expect(joined.cause).toMatchObject({ reason: 'banned' });
    expect(await trpcError(() => bob.api.chat.messages.list({ roomId: id }))).toMatchObject({ code: 'FORBIDDEN' });
    const { code } = await ana.api.chat.invites.create({ roomId: id });
    expect(await trpcError(() => bob.api.chat.invites.accept({ code }))).toMatchObject({ code: 'FORBIDDEN', message: 'You were banned from this room.' });
    expect(await roleOf(id, bob.user.id)).toBeNull();
    // Banning someone who never joined keeps them out too.
    await ana.api.chat.members.ban({ roomId: id, userId: cat.user.id });
    expect(await trpcError(() => cat.api.chat.rooms.join({ roomId: id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await trpcError(() => ana.api.chat.members.ban({ roomId: id, userId: randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => ana.api.chat.members.ban({ roomId: id, userId: cat.user.id, reason: 'x'.repeat(501) }))).toMatchObject({ code: 'BAD_REQUEST' });
    const listedBans = await ana.api.chat.members.bans({ roomId: id });
    expect(listedBans.map((b) => [b.user.id, b.bannedBy?.id, b.reason])).toEqual(
      expect.arrayContaining([
        [bob.user.id, ana.user.id, 'spam'],
        [cat.user.id, ana.user.id, null],
      ]),
    );
    expect(listedBans).toHaveLength(2);
    expect(await trpcError(() => bob.api.chat.members.bans({ roomId: id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await ana.api.chat.members.unban({ roomId: id, userId: bob.user.id })).toEqual({ unbanned: true });
    expect(await trpcError(() => ana.api.chat.members.unban({ roomId: id, userId: bob.user.id }))).toMatchObject({ code: 'NOT_FOUND' });
    await bob.api.chat.invites.accept({ code });
    expect(await roleOf(id, bob.user.id)).toBe('member');
  });

  it('a ban racing a join or an invite accept never leaves the banned person in the room', async () => {
    const [ana, ...others] = await people('ana', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6');
    const id = await room(ana, 'public');
    const { code } = await ana.api.chat.invites.create({ roomId: id });
    await Promise.allSettled(
      others.flatMap((p, i) => [
        i % 2 ? p.api.chat.rooms.join({ roomId: id }) : p.api.chat.invites.accept({ code }),
        ana.api.chat.members.ban({ roomId: id, userId: p.user.id }),
      ]),
    );
    const em = h.db.fork();
    for (const p of others) {
      expect(await em.count(RoomBan, { room: id, user: p.user.id })).toBe(1);
      expect(await roleOf(id, p.user.id)).toBeNull();
    }
  });

  it('a muted member reads but cannot send until then; unmute lifts it', async () => {
    const [ana, mod, bob] = await people('ana', 'mod', 'bob');
    const id = await staffed(ana, mod, bob);
    const { mutedUntil } = await mod.api.chat.members.mute({ roomId: id, userId: bob.user.id, untilSeconds: 600 });
    expect(Date.parse(mutedUntil) - Date.now()).toBeGreaterThan(590_000);
    const refused = await trpcError(() => send(bob, id, 'let me talk'));
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: `You are muted in this room until ${mutedUntil.slice(0, 16).replace('T', ' ')} UTC.` });
    expect(refused.cause).toMatchObject({ reason: 'muted' });
    expect(await messages(id)).toBe(0);
    expect((await bob.api.chat.messages.list({ roomId: id })).items).toEqual([]);
    expect((await bob.api.chat.rooms.list()).find((r) => r.id === id)).toMatchObject({ mutedUntil });
    expect((await ana.api.chat.members.list({ roomId: id })).items.find((m) => m.user.id === bob.user.id)).toMatchObject({ mutedUntil });
    // Nor edit: a muted member's earlier messages stay as they were.
    await h.db.fork().nativeUpdate(RoomMember, { room: id, user: bob.user.id }, { mutedUntil: null });
    const earlier = await send(bob, id, 'before');
    await mod.api.chat.members.mute({ roomId: id, userId: bob.user.id, untilSeconds: 600 });
    expect(await trpcError(() => bob.api.chat.messages.edit({ messageId: earlier.id, body: 'after' }))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('You are muted in this room until') });
    await h.db.fork().nativeDelete(Message, { id: earlier.id });
    expect(await trpcError(() => mod.api.chat.members.mute({ roomId: id, userId: bob.user.id, untilSeconds: 0 }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => bob.api.chat.members.unmute({ roomId: id, userId: bob.user.id }))).toMatchObject({ code: 'FORBIDDEN' });
    await mod.api.chat.members.unmute({ roomId: id, userId: bob.user.id });
    await send(bob, id);
    // A mute that has run out does not block.
    await h.db.fork().nativeUpdate(RoomMember, { room: id, user: bob.user.id }, { mutedUntil: new Date(Date.now() - 1000) });
    await send(bob, id);
    expect(await messages(id)).toBe(2);
  });

  it("kicking or banning ends that user's live subscription, not the others'", async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const id = await staffed(ana, null, bob, cat);
    const subscribe = async (who: Account) => {
      const controller = new AbortController();
      const api = await h.caller({ token: who.token, signal: controller.signal });
      const iterator = ((await api.chat.onRoom({ roomId: id })) as AsyncIterable<TrackedEnvelope<ChatRoomEvent>>)[Symbol.asyncIterator]();
      const first = iterator.next();
      first.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { first, iterator, stop: () => controller.abort() };
    };
    const bobs = await subscribe(bob);
    const cats = await subscribe(cat);
    await ana.api.chat.members.kick({ roomId: id, userId: bob.user.id });
    const ended = await trpcError(() => bobs.first);
    expect(ended).toMatchObject({ code: 'FORBIDDEN', message: 'You were removed from this room.' });
    await send(ana, id, 'still here');
    // The others are told bob left, then the conversation goes on.
    const next = await cats.first;
    expect(next.value?.[1]).toMatchObject({ type: 'member.left', user: { id: bob.user.id } });
    expect((await cats.iterator.next()).value?.[1]).toMatchObject({ type: 'message.created', message: { body: 'still here' } });
    await ana.api.chat.members.ban({ roomId: id, userId: cat.user.id });
    expect(await trpcError(() => cats.iterator.next())).toMatchObject({ code: 'FORBIDDEN', message: 'You were banned from this room.' });
    bobs.stop();
    cats.stop();
  });
});

describe('chat.rooms.update and slow mode', () => {
  it('the owner and moderators change name, topic and slow mode; members cannot; bad input changes nothing', async () => {
    const [ana, mod, bob, cat] = await people('ana', 'mod', 'bob', 'cat');
    const id = await staffed(ana, mod, bob);
    expect(await mod.api.chat.rooms.update({ roomId: id, name: ' Renamed ', topic: 'Gear', slowModeSeconds: 30 })).toEqual({
      id,
      name: 'Renamed',
      topic: 'Gear',
      slowModeSeconds: 30,
    });
    expect(await ana.api.chat.rooms.update({ roomId: id, topic: '' })).toMatchObject({ name: 'Renamed', topic: null, slowModeSeconds: 30 });
    expect((await bob.api.chat.rooms.list()).find((r) => r.id === id)).toMatchObject({ name: 'Renamed', slowModeSeconds: 30 });
    expect(await trpcError(() => bob.api.chat.rooms.update({ roomId: id, slowModeSeconds: 0 }))).toMatchObject({
      code: 'FORBIDDEN',
      message: "Only the room's owner and moderators can change its settings.",
    });
    expect(await trpcError(() => cat.api.chat.rooms.update({ roomId: id, name: 'Mine' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => ana.api.chat.rooms.update({ roomId: id }))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Nothing to change.') });
    expect(await trpcError(() => ana.api.chat.rooms.update({ roomId: id, slowModeSeconds: -1 }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => ana.api.chat.rooms.update({ roomId: id, slowModeSeconds: 6 * 3600 + 1 }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => ana.api.chat.rooms.update({ roomId: id, name: '' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await h.db.fork().findOneOrFail(Room, { id })).toMatchObject({ name: 'Renamed', topic: null, slowModeSeconds: 30 });
  });

  it('in slow mode a member sends one message per interval (TOO_MANY_REQUESTS with retry-after); moderators are exempt; retries pass', async () => {
    const [ana, mod, bob] = await people('ana', 'mod', 'bob');
    const id = await staffed(ana, mod, bob);
    await ana.api.chat.rooms.update({ roomId: id, slowModeSeconds: 60 });
    const clientMessageId = cid();
    const first = await bob.api.chat.messages.send({ roomId: id, body: 'one', clientMessageId });
    // A retry of the accepted message is answered, not refused.
    expect(await bob.api.chat.messages.send({ roomId: id, body: 'one', clientMessageId })).toMatchObject({ id: first.id });
    const refused = await trpcError(() => send(bob, id, 'two'));
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/^Slow mode is on in this room: one message every 60 seconds\. Please wait \d+ seconds?\.$/) });
    expect(refused.cause).toMatchObject({ reason: 'rate_limited', retryAfterSeconds: expect.any(Number) });
    const wait = (refused.cause as unknown as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(wait).toBeGreaterThan(55);
    expect(wait).toBeLessThanOrEqual(60);
    for (let i = 0; i < 3; i++) await send(mod, id);
    for (let i = 0; i < 2; i++) await send(ana, id);
    expect(await messages(id)).toBe(6);
    // Once the interval has passed, the member sends again; two racing sends: one passes.
    await h.db.fork().nativeUpdate(RoomMember, { room: id, user: bob.user.id }, { lastSentAt: new Date(Date.now() - 61_000) });
    const racing = await Promise.allSettled([send(bob, id, 'a'), send(bob, id, 'b')]);
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await messages(id)).toBe(7);
    // Slow mode off: no limit.
    await mod.api.chat.rooms.update({ roomId: id, slowModeSeconds: 0 });
    await send(bob, id);
    await send(bob, id);
    expect(await messages(id)).toBe(9);
  });
});
