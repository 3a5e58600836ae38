import { describe, expect, it } from 'vitest';
import type { RoomDto } from '../chat-store.ts';
import { applyInboxEvent } from './inbox-events.ts';

const room = (id: string, extra: Partial<RoomDto> = {}): RoomDto => ({
  id, kind: 'room', name: id, topic: null, iconUrl: null, visibility: 'public', role: 'member', lastSeq: 3, lastReadSeq: 3, unreadCount: 0, mentionCount: 0,
  lastMessage: null, slowModeSeconds: 0, mutedUntil: null, peer: null, members: null, createdAt: '2026-12-01T00:00:00.000Z', ...extra,
});
const preview = (seq: number, authorId: string) => ({
  id: `m${seq}`, seq, author: { id: authorId, username: authorId, displayName: null }, body: `message ${seq}`, createdAt: '2026-12-06T10:00:00.000Z', deletedAt: null, hidden: null, kind: 'text' as const, call: null,
});

describe('applyInboxEvent', () => {
  it("a new message counts as unread, moves its room to the top and becomes its preview; mine counts as read", () => {
    const rooms = [room('a'), room('b')];
    const next = applyInboxEvent(rooms, { type: 'message', roomId: 'b', kind: 'room', seq: 4, message: preview(4, 'marc') }, 'me');
    expect(next.refetch).toBe(false);
    expect(next.rooms.map((r) => r.id)).toEqual(['b', 'a']);
    expect(next.rooms[0]).toMatchObject({ lastSeq: 4, unreadCount: 1, lastMessage: { body: 'message 4' } });
    const mine = applyInboxEvent(next.rooms, { type: 'message', roomId: 'b', kind: 'room', seq: 5, message: preview(5, 'me') }, 'me');
    expect(mine.rooms[0]).toMatchObject({ lastSeq: 5, lastReadSeq: 5, unreadCount: 0 });
    // Again (a resumed stream): nothing changes.
    expect(applyInboxEvent(mine.rooms, { type: 'message', roomId: 'b', kind: 'room', seq: 5, message: preview(5, 'me') }, 'me').rooms).toBe(mine.rooms);
  });

  it('mentions add to the badge until read; a read elsewhere sets the mark and the mentions left', () => {
    let rooms = [room('a', { lastSeq: 6, lastReadSeq: 3, unreadCount: 3 })];
    rooms = applyInboxEvent(rooms, { type: 'mention', roomId: 'a', seq: 5, messageId: 'm5', authorId: 'marc' }, 'me').rooms;
    rooms = applyInboxEvent(rooms, { type: 'mention', roomId: 'a', seq: 2, messageId: 'm2', authorId: 'marc' }, 'me').rooms;
    expect(rooms[0]).toMatchObject({ mentionCount: 1 });
    rooms = applyInboxEvent(rooms, { type: 'read', roomId: 'a', lastReadSeq: 6, mentionCount: 0 }, 'me').rooms;
    expect(rooms[0]).toMatchObject({ lastReadSeq: 6, unreadCount: 0, mentionCount: 0 });
    // An older mark never moves it back.
    rooms = applyInboxEvent(rooms, { type: 'read', roomId: 'a', lastReadSeq: 4, mentionCount: 0 }, 'me').rooms;
    expect(rooms[0]).toMatchObject({ lastReadSeq: 6 });
  });

  it('someone I blocked: hidden preview, mention not counted', () => {
    const blocked = (id: string) => id === 'troll';
    const rooms = applyInboxEvent([room('a')], { type: 'message', roomId: 'a', kind: 'room', seq: 4, message: preview(4, 'troll') }, 'me', blocked).rooms;
    expect(rooms[0]?.lastMessage).toMatchObject({ body: '', hidden: 'blocked' });
    expect(applyInboxEvent(rooms, { type: 'mention', roomId: 'a', seq: 4, messageId: 'm4', authorId: 'troll' }, 'me', blocked).rooms[0]?.mentionCount).toBe(0);
  });

  it('a sync replaces the counts; unknown rooms, joins and newer messages ask for the list again; leaving drops the room', () => {
    const rooms = [room('a', { lastSeq: 3, lastReadSeq: 1, unreadCount: 2, mentionCount: 2 })];
    const same = applyInboxEvent(rooms, { type: 'sync', rooms: [{ roomId: 'a', kind: 'room', lastSeq: 3, lastReadSeq: 3, unreadCount: 0, mentionCount: 0 }] }, 'me');
    expect(same).toMatchObject({ refetch: false, rooms: [{ unreadCount: 0, mentionCount: 0 }] });
    expect(applyInboxEvent(rooms, { type: 'sync', rooms: [{ roomId: 'a', kind: 'room', lastSeq: 9, lastReadSeq: 1, unreadCount: 8, mentionCount: 1 }] }, 'me')).toMatchObject({ refetch: true, rooms: [{ unreadCount: 8 }] });
    expect(applyInboxEvent(rooms, { type: 'sync', rooms: [] }, 'me').refetch).toBe(true);
    expect(applyInboxEvent(rooms, { type: 'message', roomId: 'new-dm', kind: 'dm', seq: 1, message: preview(1, 'marc') }, 'me').refetch).toBe(true);
    expect(applyInboxEvent(rooms, { type: 'joined', roomId: 'b', kind: 'room' }, 'me').refetch).toBe(true);
    expect(applyInboxEvent(rooms, { type: 'left', roomId: 'a', kind: 'room' }, 'me').rooms).toEqual([]);
  });
});
