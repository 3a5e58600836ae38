// Edit history kept for moderators through tRPC callers on the real database (issue 10): every edit keeps the body
// it replaced, a moderator's delete keeps the deleted body; the room's owner and moderators read them, nobody else
// (global admins read them around an open report only: admin.chat.conversation, reports.test.ts).
import { randomUUID } from 'node:crypto';
import { MessageEdit, User } from '@veza/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type Account = Awaited<ReturnType<Harness['signUp']>>;
const send = (who: Account, roomId: string, body: string) => who.api.chat.messages.send({ roomId, body, clientMessageId: randomUUID() });
const kept = (messageId: string) => h.db.fork().find(MessageEdit, { message: messageId }, { orderBy: { id: 'asc' } });

let n = 0;
async function people<const N extends string[]>(...names: N): Promise<{ [K in keyof N]: Account }> {
  n += 1;
  return (await Promise.all(names.map((name) => h.signUp(`h${n}.${name}`)))) as { [K in keyof N]: Account };
}
/** A private room of `owner`'s with `mod` as moderator and `others` as members. */
async function staffed(owner: Account, mod: Account, ...others: Account[]) {
  const roomId = (await owner.api.chat.rooms.create({ name: 'History', visibility: 'private' })).id;
  const { code } = await owner.api.chat.invites.create({ roomId });
  for (const p of [mod, ...others]) await p.api.chat.invites.accept({ code });
  await owner.api.chat.members.setRole({ roomId, userId: mod.user.id, role: 'moderator' });
  return roomId;
}
async function asAdmin(who: Account) {
  await h.db.fork().nativeUpdate(User, { id: who.user.id }, { role: 'admin' });
  await h.usersChanged(who.user.id);
  return h.caller({ token: who.token });
}

describe('chat.messages.history', () => {
  it('keeps each previous body on edit; the owner and moderators read them oldest first, members, outsiders and global admins cannot', async () => {
    const [ana, mod, bob, eve, root] = await people('ana', 'mod', 'bob', 'eve', 'root');
    const roomId = await staffed(ana, mod, bob);
    const sent = await send(bob, roomId, 'first take');
    await bob.api.chat.messages.edit({ messageId: sent.id, body: 'second take' });
    // An edit to the same text changes nothing and keeps nothing.
    await bob.api.chat.messages.edit({ messageId: sent.id, body: 'second take' });
    const edited = await bob.api.chat.messages.edit({ messageId: sent.id, body: 'final take' });

    const rows = await kept(sent.id);
    expect(rows.map((r) => [r.body, r.action])).toEqual([
      ['first take', 'edit'],
      ['second take', 'edit'],
    ]);
    // Kept in the same transaction as the edit: the last one is stamped with the message's own editedAt.
    expect(rows.at(-1)?.editedAt.toISOString()).toBe(edited.editedAt);

    for (const reader of [ana.api, mod.api]) {
      const history = await reader.chat.messages.history({ messageId: sent.id });
      expect(history.message).toMatchObject({ id: sent.id, body: 'final take' });
      expect(history.versions.map((v) => ({ body: v.body, action: v.action, by: v.changedBy?.username }))).toEqual([
        { body: 'first take', action: 'edit', by: bob.user.username },
        { body: 'second take', action: 'edit', by: bob.user.username },
      ]);
    }

    const member = await trpcError(() => bob.api.chat.messages.history({ messageId: sent.id }));
    expect(member.code).toBe('FORBIDDEN');
    expect(member.message).toBe("Only the room's owner and moderators can see a message's earlier versions.");
    expect((await trpcError(() => eve.api.chat.messages.history({ messageId: sent.id }))).code).toBe('NOT_FOUND');
    // A global admin is not let in either: admins read a private conversation only around an open report, audited
    // (admin.chat.conversation, which shows the versions too).
    expect((await trpcError(async () => (await asAdmin(root)).chat.messages.history({ messageId: sent.id }))).code).toBe('NOT_FOUND');
    expect((await trpcError(() => ana.api.chat.messages.history({ messageId: '987654321' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(() => ana.api.chat.messages.history({ messageId: 'nope' }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(async () => (await h.caller()).chat.messages.history({ messageId: sent.id }))).code).toBe('UNAUTHORIZED');
  });

  it("a moderator's delete keeps the body for moderators; an author deleting their own message keeps nothing", async () => {
    const [ana, mod, bob] = await people('ana', 'mod', 'bob');
    const roomId = await staffed(ana, mod, bob);
    const rude = await send(bob, roomId, 'something rude');
    const tombstone = await mod.api.chat.messages.delete({ messageId: rude.id });
    expect(tombstone.body).toBe('');
    const history = await ana.api.chat.messages.history({ messageId: rude.id });
    expect(history.message.deletedAt).not.toBeNull();
    expect(history.versions).toMatchObject([{ body: 'something rude', action: 'delete', changedBy: { username: mod.user.username } }]);
    // Deleting again changes nothing and keeps nothing more.
    await ana.api.chat.messages.delete({ messageId: rude.id });
    expect(await kept(rude.id)).toHaveLength(1);
    // Members never see the deleted text.
    expect((await bob.api.chat.messages.list({ roomId })).items.find((m) => m.id === rude.id)?.body).toBe('');

    const regret = await send(bob, roomId, 'oops, wrong room');
    await bob.api.chat.messages.delete({ messageId: regret.id });
    expect(await kept(regret.id)).toEqual([]);
    expect((await mod.api.chat.messages.history({ messageId: regret.id })).versions).toEqual([]);
  });

  it('a public room: readers who are not moderators get FORBIDDEN', async () => {
    const [ana, bob] = await people('ana', 'bob');
    const roomId = (await ana.api.chat.rooms.create({ name: 'Open', visibility: 'public' })).id;
    const sent = await send(ana, roomId, 'hello');
    await ana.api.chat.messages.edit({ messageId: sent.id, body: 'hello all' });
    expect((await trpcError(() => bob.api.chat.messages.history({ messageId: sent.id }))).code).toBe('FORBIDDEN');
    await bob.api.chat.rooms.join({ roomId });
    expect((await trpcError(() => bob.api.chat.messages.history({ messageId: sent.id }))).code).toBe('FORBIDDEN');
    expect((await ana.api.chat.messages.history({ messageId: sent.id })).versions.map((v) => v.body)).toEqual(['hello']);
  });
});

describe('chat.messages.list around a message (jump to message)', () => {
  it('centres a page on the seq with both ends to page on; a tombstone is there; an unknown seq and an unreadable room are NOT_FOUND', async () => {
    const [ana, bob, eve] = await people('ana', 'bob', 'eve');
    const roomId = (await ana.api.chat.rooms.create({ name: 'Jump', visibility: 'private' })).id;
    const { code } = await ana.api.chat.invites.create({ roomId });
    await bob.api.chat.invites.accept({ code });
    const sent = [];
    for (let i = 1; i <= 30; i++) sent.push(await send(i % 2 ? ana : bob, roomId, `line ${i}`));
    await bob.api.chat.messages.delete({ messageId: sent[11]!.id });

    const page = await bob.api.chat.messages.list({ roomId, aroundSeq: 12, limit: 9 });
    expect(page.items.map((m) => m.seq)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(page).toMatchObject({ hasOlder: true, hasNewer: true, lastSeq: 30 });
    // The deleted message is its tombstone.
    expect(page.items[4]).toMatchObject({ seq: 12, body: '' });
    expect(page.items[4]!.deletedAt).not.toBeNull();

    // Paging on from both ends meets the rest with no gap and no duplicate.
    const older = await bob.api.chat.messages.list({ roomId, beforeSeq: 8, limit: 50 });
    const newer = await bob.api.chat.messages.list({ roomId, afterSeq: 16, limit: 50 });
    expect([...older.items, ...page.items, ...newer.items].map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(older.hasOlder).toBe(false);
    expect(newer.hasNewer).toBe(false);

    // Near either end the page is cut there, and says so.
    const first = await bob.api.chat.messages.list({ roomId, aroundSeq: 1, limit: 9 });
    expect(first.items.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(first).toMatchObject({ hasOlder: false, hasNewer: true });
    const last = await bob.api.chat.messages.list({ roomId, aroundSeq: 30, limit: 9 });
    expect(last.items.map((m) => m.seq)).toEqual([26, 27, 28, 29, 30]);
    expect(last).toMatchObject({ hasOlder: true, hasNewer: false });
    expect((await bob.api.chat.messages.list({ roomId, aroundSeq: 5, limit: 1 })).items.map((m) => m.seq)).toEqual([5]);

    for (const seq of [0, 31]) {
      expect(await trpcError(() => bob.api.chat.messages.list({ roomId, aroundSeq: seq }))).toMatchObject({ code: 'NOT_FOUND', message: 'This message does not exist in this conversation.' });
    }
    // Someone outside the private room learns nothing: the room itself is not found.
    const outside = await trpcError(() => eve.api.chat.messages.list({ roomId, aroundSeq: 12 }));
    expect(outside.code).toBe('NOT_FOUND');
    expect(outside.message).not.toContain('message does not exist');
    // One anchor at a time.
    expect((await trpcError(() => bob.api.chat.messages.list({ roomId, aroundSeq: 12, beforeSeq: 20 }))).code).toBe('BAD_REQUEST');
  });
});
