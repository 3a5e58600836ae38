// Reports and the admin reading of reported conversations (issue 10), through tRPC callers on the real database.
import { randomUUID } from 'node:crypto';
import { AuditEvent, ChatReport, Message, User } from '@veza/db';
import { REPORT_CONTEXT_MESSAGES } from '@veza/validators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type Account = Awaited<ReturnType<Harness['signUp']>>;
const send = (who: Account, roomId: string, body = 'hi') => who.api.chat.messages.send({ roomId, body, clientMessageId: randomUUID() });

let n = 0;
async function people<const N extends string[]>(...names: N): Promise<{ [K in keyof N]: Account }> {
  n += 1;
  return (await Promise.all(names.map((name) => h.signUp(`r${n}.${name}`)))) as { [K in keyof N]: Account };
}
/** Gives `who` a global role; returns them with a fresh caller that sees it. */
async function promote(who: Account, role: 'admin' | 'moderator'): Promise<Account> {
  await h.db.fork().nativeUpdate(User, { id: who.user.id }, { role });
  await h.usersChanged(who.user.id);
  return { ...who, api: await h.caller({ token: who.token }) };
}
const auditRows = (actorId: string) => h.db.fork().find(AuditEvent, { actorId, type: { $in: ['chat.conversation_read', 'chat.report_resolved'] } }, { orderBy: { id: 'asc' } });

/** A DM between ana and bob with `count` messages (bob sends the odd ones); returns the room and the messages. */
async function conversationOf(ana: Account, bob: Account, count: number) {
  const { roomId } = await ana.api.chat.dms.open({ username: bob.user.username });
  const sent = [];
  for (let i = 1; i <= count; i++) sent.push(await send(i % 2 ? bob : ana, roomId, `message ${i}`));
  return { roomId, sent };
}

describe('chat.messages.report', () => {
  it('reports once per reporter and message (idempotent); others report separately', async () => {
    const [ana, bob, cat] = await people('ana', 'bob', 'cat');
    const { id: roomId } = await ana.api.chat.rooms.create({ name: 'Open', visibility: 'public' });
    await bob.api.chat.rooms.join({ roomId });
    const message = await send(bob, roomId, 'buy followers now');
    const first = await ana.api.chat.messages.report({ messageId: message.id, reason: 'spam', note: 'Third time today.' });
    expect(first).toMatchObject({ status: 'open', created: true });
    expect(await ana.api.chat.messages.report({ messageId: message.id, reason: 'harassment' })).toEqual({ ...first, created: false });
    // cat has not joined, but a public room is readable: cat can report too.
    expect((await cat.api.chat.messages.report({ messageId: message.id, reason: 'spam' })).reportId).not.toBe(first.reportId);
    const stored = await h.db.fork().find(ChatReport, { message: message.id }, { orderBy: { id: 'asc' } });
    expect(stored.map((r) => [r.reporter?.id, r.reason, r.note])).toEqual([
      [ana.user.id, 'spam', 'Third time today.'],
      [cat.user.id, 'spam', null],
    ]);
  });

  it("a message in a room I can't read, or that does not exist, is NOT_FOUND; my own, deleted ones and bad input are refused", async () => {
    const [ana, bob, eve] = await people('ana', 'bob', 'eve');
    const { sent } = await conversationOf(ana, bob, 2);
    const bobs = sent[0]!;
    const before = await h.db.fork().count(ChatReport, {});
    expect(await trpcError(() => eve.api.chat.messages.report({ messageId: bobs.id, reason: 'spam' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => eve.api.chat.messages.report({ messageId: '999999999', reason: 'spam' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => bob.api.chat.messages.report({ messageId: bobs.id, reason: 'spam' }))).toMatchObject({ code: 'BAD_REQUEST', message: 'You cannot report your own message.' });
    expect(await trpcError(() => ana.api.chat.messages.report({ messageId: bobs.id, reason: 'rude' as never }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => ana.api.chat.messages.report({ messageId: bobs.id, reason: 'other', note: 'x'.repeat(1001) }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await trpcError(() => ana.api.chat.messages.report({ messageId: 'abc', reason: 'other' }))).toMatchObject({ code: 'BAD_REQUEST' });
    await bob.api.chat.messages.delete({ messageId: bobs.id });
    expect(await trpcError(() => ana.api.chat.messages.report({ messageId: bobs.id, reason: 'spam' }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await h.db.fork().count(ChatReport, {})).toBe(before);
  });
});

describe('admin.chat', () => {
  it('an admin lists reports (no bodies) and reads the reported conversation around the message; each read is audited', async () => {
    const [ana, bob, user] = await people('ana', 'bob', 'boss');
    const boss = await promote(user, 'admin');
    const { roomId, sent } = await conversationOf(ana, bob, 9);
    const reported = sent[4]!; // seq 5, by bob
    const { reportId } = await ana.api.chat.messages.report({ messageId: reported.id, reason: 'harassment', note: 'Please look.' });
    // bob rewrites his message afterwards: the admin still sees what it said (the edit history).
    await bob.api.chat.messages.edit({ messageId: reported.id, body: 'nothing to see' });
    await bob.api.chat.messages.edit({ messageId: sent[6]!.id, body: 'edited 7' });
    await bob.api.chat.messages.edit({ messageId: sent[6]!.id, body: 'message 7' });

    const queue = await boss.api.admin.chat.reports({ status: 'open' });
    const item = queue.items.find((r) => r.id === reportId);
    expect(item).toMatchObject({
      status: 'open',
      reason: 'harassment',
      note: 'Please look.',
      reporter: { id: ana.user.id },
      room: { id: roomId, kind: 'dm' },
      message: { id: reported.id, seq: 5, author: { id: bob.user.id }, deleted: false },
    });
    expect(JSON.stringify(queue)).not.toContain('message 5');

    const page = await boss.api.admin.chat.conversation({ reportId, limit: 5 });
    expect(page.items.map((m) => [m.seq, m.body])).toEqual([3, 4, 5, 6, 7].map((s) => [s, s === 5 ? 'nothing to see' : `message ${s}`]));
    expect(page).toMatchObject({ hasOlder: true, hasNewer: true, report: { id: reportId } });
    expect(page.items.map((m) => m.versions.map((v) => [v.body, v.action, v.changedBy?.id]))).toEqual([
      [],
      [],
      [['message 5', 'edit', bob.user.id]],
      [],
      [
        ['message 7', 'edit', bob.user.id],
        ['edited 7', 'edit', bob.user.id],
      ],
    ]);
    const older = await boss.api.admin.chat.conversation({ reportId, beforeSeq: 3, limit: 5 });
    expect(older.items.map((m) => m.seq)).toEqual([1, 2]);
    expect(older.hasOlder).toBe(false);
    const newer = await boss.api.admin.chat.conversation({ reportId, afterSeq: 7 });
    expect(newer.items.map((m) => m.seq)).toEqual([8, 9]);
    expect(newer.hasNewer).toBe(false);

    const rows = await auditRows(boss.user.id);
    expect(rows.map((r) => [r.type, r.subjectId, r.details?.reportId, r.details?.roomId, r.details?.fromSeq, r.details?.toSeq])).toEqual([
      ['chat.conversation_read', bob.user.id, reportId, roomId, 3, 7],
      ['chat.conversation_read', bob.user.id, reportId, roomId, 1, 2],
      ['chat.conversation_read', bob.user.id, reportId, roomId, 8, 9],
    ]);
    // It shows in the admin audit log too.
    expect((await boss.api.admin.audit.list({ types: ['chat.conversation_read'], userId: boss.user.id })).items).toHaveLength(3);
  });

  it('non-admins are refused every admin.chat procedure (moderators included), and nothing is audited', async () => {
    const [ana, bob, user] = await people('ana', 'bob', 'mod');
    const mod = await promote(user, 'moderator');
    const { sent } = await conversationOf(ana, bob, 2);
    const { reportId } = await ana.api.chat.messages.report({ messageId: sent[0]!.id, reason: 'spam' });
    for (const who of [ana, bob, mod]) {
      expect(await trpcError(() => who.api.admin.chat.reports({}))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await trpcError(() => who.api.admin.chat.conversation({ reportId }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await trpcError(() => who.api.admin.chat.resolveReport({ reportId, action: 'dismiss' }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await auditRows(who.user.id)).toEqual([]);
    }
    expect(await trpcError(async () => (await h.caller()).admin.chat.reports({}))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await h.db.fork().findOneOrFail(ChatReport, { id: reportId })).status).toBe('open');
  });

  it('an admin reads nothing else: not an unreported room, not past the window around the message, not through a resolved report', async () => {
    const [ana, bob, user] = await people('ana', 'bob', 'boss');
    const boss = await promote(user, 'admin');
    const { roomId } = await conversationOf(ana, bob, 3);
    // No report: the admin has no way in (chat procedures treat them like anyone not in the DM).
    expect(await trpcError(() => boss.api.chat.messages.list({ roomId }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await trpcError(() => boss.api.admin.chat.conversation({ reportId: '999999999' }))).toMatchObject({ code: 'NOT_FOUND' });

    // A long conversation: only REPORT_CONTEXT_MESSAGES on each side of the reported one.
    const { id: big } = await ana.api.chat.rooms.create({ name: 'Long', visibility: 'private' });
    const total = 2 * REPORT_CONTEXT_MESSAGES + 20;
    const { code } = await ana.api.chat.invites.create({ roomId: big });
    await bob.api.chat.invites.accept({ code });
    // Written straight to the database (gap-free seqs, as sends make them): 220 sends through the API take long.
    const em = h.db.fork();
    await em.execute(
      `insert into messages (room_id, seq, author_id, client_message_id, body, created_at)
       select ?, g, ?, 'bulk-' || g, 'line ' || g, now() from generate_series(1, ?) g`,
      [big, ana.user.id, total],
    );
    await em.execute('update rooms set last_seq = ? where id = ?', [total, big]);
    const target = await h.db.fork().findOneOrFail(Message, { room: big, seq: REPORT_CONTEXT_MESSAGES + 10 });
    const { reportId } = await bob.api.chat.messages.report({ messageId: target.id, reason: 'other' });
    const lowest = 10; // seq 110 - 100
    const edge = await boss.api.admin.chat.conversation({ reportId, beforeSeq: lowest + 3, limit: 50 });
    expect(edge.items.map((m) => m.seq)).toEqual([lowest, lowest + 1, lowest + 2]);
    expect(edge.hasOlder).toBe(false);
    expect(await trpcError(() => boss.api.admin.chat.conversation({ reportId, beforeSeq: lowest }))).toMatchObject({ code: 'FORBIDDEN' });
    const highest = target.seq + REPORT_CONTEXT_MESSAGES;
    expect((await boss.api.admin.chat.conversation({ reportId, afterSeq: highest - 2 })).items.map((m) => m.seq)).toEqual([highest - 1, highest]);
    expect(await trpcError(() => boss.api.admin.chat.conversation({ reportId, afterSeq: highest }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await trpcError(() => boss.api.admin.chat.conversation({ reportId, beforeSeq: 3, afterSeq: 1 }))).toMatchObject({ code: 'BAD_REQUEST' });

    await boss.api.admin.chat.resolveReport({ reportId, action: 'dismiss' });
    const closed = await trpcError(() => boss.api.admin.chat.conversation({ reportId }));
    expect(closed).toMatchObject({ code: 'FORBIDDEN', message: 'This report was resolved: its conversation can no longer be read.' });
    // Refused reads are not logged as reads.
    expect((await auditRows(boss.user.id)).filter((r) => r.type === 'chat.conversation_read')).toHaveLength(2);
  });

  it('resolving: delete_message tombstones the message and closes every open report of it; a second resolution is CONFLICT; audited', async () => {
    const [ana, bob, cat, user] = await people('ana', 'bob', 'cat', 'boss');
    const boss = await promote(user, 'admin');
    const { id: roomId } = await ana.api.chat.rooms.create({ name: 'Open', visibility: 'public' });
    await bob.api.chat.rooms.join({ roomId });
    const bad = await send(bob, roomId, 'hateful words');
    const other = await send(bob, roomId, 'fine words');
    const r1 = await ana.api.chat.messages.report({ messageId: bad.id, reason: 'hate' });
    const r2 = await cat.api.chat.messages.report({ messageId: bad.id, reason: 'hate' });
    const r3 = await ana.api.chat.messages.report({ messageId: other.id, reason: 'spam' });

    await ana.api.chat.reactions.add({ messageId: bad.id, emoji: '👎' });
    const resolved = await boss.api.admin.chat.resolveReport({ reportId: r1.reportId, action: 'delete_message' });
    expect(resolved).toMatchObject({ status: 'actioned', resolvedBy: { id: boss.user.id }, message: { deleted: true } });
    // Deleted as a moderator deletes: the body is kept for the record, reactions go.
    const around = await boss.api.admin.chat.conversation({ reportId: r3.reportId });
    expect(around.items.map((m) => [m.body, m.reactions.length, m.versions.map((v) => [v.body, v.action, v.changedBy?.id])])).toEqual([
      ['', 0, [['hateful words', 'delete', boss.user.id]]],
      ['fine words', 0, []],
    ]);
    expect((await ana.api.chat.messages.list({ roomId })).items.map((m) => [m.body, m.deletedAt !== null])).toEqual([
      ['', true],
      ['fine words', false],
    ]);
    const statuses = await h.db.fork().find(ChatReport, { id: { $in: [r1.reportId, r2.reportId, r3.reportId] } }, { orderBy: { id: 'asc' } });
    expect(statuses.map((r) => r.status)).toEqual(['actioned', 'actioned', 'open']);
    expect(await trpcError(() => boss.api.admin.chat.resolveReport({ reportId: r2.reportId, action: 'dismiss' }))).toMatchObject({ code: 'CONFLICT' });
    expect(await trpcError(() => boss.api.admin.chat.resolveReport({ reportId: '999999999', action: 'dismiss' }))).toMatchObject({ code: 'NOT_FOUND' });

    expect((await boss.api.admin.chat.resolveReport({ reportId: r3.reportId, action: 'dismiss' })).status).toBe('dismissed');
    expect((await ana.api.chat.messages.list({ roomId })).items[1]?.body).toBe('fine words');
    const rows = (await auditRows(boss.user.id)).filter((r) => r.type === 'chat.report_resolved');
    expect(rows.map((r) => [r.subjectId, r.details?.reportId, r.details?.action, r.details?.reportsResolved])).toEqual([
      [bob.user.id, r1.reportId, 'delete_message', 2],
      [bob.user.id, r3.reportId, 'dismiss', 1],
    ]);
    const queue = await boss.api.admin.chat.reports({ status: 'actioned', limit: 1 });
    expect(queue.items).toHaveLength(1);
    expect(queue.nextCursor).not.toBeNull();
    const next = await boss.api.admin.chat.reports({ status: 'actioned', limit: 1, cursor: queue.nextCursor ?? undefined });
    expect(next.items[0]?.id).not.toBe(queue.items[0]?.id);
    expect(await trpcError(() => boss.api.admin.chat.reports({ cursor: 'bm90LWFuLWlk' }))).toMatchObject({ code: 'BAD_REQUEST' });
  });
});
