import { beforeEach, describe, expect, it } from 'vitest';
import { addPage, applyEvent, emptyTimeline, mergeMessages, resetChatStore, useChat, type MessageDto, type Timeline } from './chat-store.ts';

const ana = { id: 'u-ana', username: 'ana', displayName: 'Ana Lima' };
const marc = { id: 'u-marc', username: 'marc', displayName: null };

const msg = (seq: number, overrides: Partial<MessageDto> = {}): MessageDto =>
  ({
    id: String(1000 + seq),
    seq,
    roomId: 'room-1',
    author: ana,
    body: `message ${seq}`,
    clientMessageId: `client-${seq}`,
    createdAt: new Date(Date.UTC(2026, 11, 6, 10, 0, seq)).toISOString(),
    editedAt: null,
    deletedAt: null,
    replyTo: null,
    hidden: null,
    attachments: [],
    reactions: [],
    mentions: [],
    kind: 'text',
    call: null,
    ...overrides,
  }) as MessageDto;

const bodies = (t: Timeline) => t.seqs.map((s) => t.bySeq[s]!.body);

describe('chat store merge', () => {
  beforeEach(() => resetChatStore());

  it('keeps one copy per seq in ascending order, whatever order pages and events arrive in', () => {
    let t = mergeMessages(emptyTimeline(), [msg(5), msg(6), msg(7)]);
    t = mergeMessages(t, [msg(7), msg(8)]); // live event overlapping the page
    t = mergeMessages(t, [msg(2), msg(3), msg(4)]); // an older page
    t = mergeMessages(t, [msg(10), msg(9)]); // out of order
    t = applyEvent(t, { type: 'message.created', message: msg(8) }); // a duplicate after a resume
    expect(t.seqs).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(Object.keys(t.bySeq)).toHaveLength(9);
  });

  it('returns the same timeline when nothing changed (no re-render)', () => {
    const t = mergeMessages(emptyTimeline(), [msg(1), msg(2)]);
    expect(mergeMessages(t, [msg(1)])).toBe(t);
    expect(mergeMessages(t, [])).toBe(t);
  });

  it('applies an edit but never lets an older copy undo it or a deletion', () => {
    const edited = msg(3, { body: 'fixed', editedAt: '2026-12-06T10:05:00.000Z' });
    let t = mergeMessages(emptyTimeline(), [msg(3)]);
    t = applyEvent(t, { type: 'message.edited', message: edited });
    expect(bodies(t)).toEqual(['fixed']);
    // A history page read before the edit arrives late.
    t = mergeMessages(t, [msg(3)]);
    expect(bodies(t)).toEqual(['fixed']);
    t = applyEvent(t, { type: 'message.deleted', message: msg(3, { body: '', deletedAt: '2026-12-06T10:06:00.000Z' }) });
    t = applyEvent(t, { type: 'message.edited', message: edited });
    expect(t.bySeq[3]!.deletedAt).not.toBeNull();
    expect(bodies(t)).toEqual(['']);
  });

  it('keeps reactions through an edit event that carries none (published copies do not know "mine")', () => {
    let t = mergeMessages(emptyTimeline(), [msg(4, { reactions: [{ emoji: '🔥', count: 2, mine: true }] })]);
    t = applyEvent(t, { type: 'reaction.changed', roomId: 'room-1', messageId: '1004', seq: 4, emoji: '🔥', userId: marc.id, added: true, count: 3 });
    expect(t.bySeq[4]!.reactions).toEqual([{ emoji: '🔥', count: 3, mine: true }]);
    const edit = { ...msg(4, { body: 'edited', editedAt: '2026-12-06T10:05:00.000Z' }) } as Partial<MessageDto>;
    delete edit.reactions;
    t = applyEvent(t, { type: 'message.edited', message: edit as MessageDto });
    expect(t.bySeq[4]!.body).toBe('edited');
    expect(t.bySeq[4]!.reactions).toEqual([{ emoji: '🔥', count: 3, mine: true }]);
    // The last reaction taken back removes the emoji.
    t = applyEvent(t, { type: 'reaction.changed', roomId: 'room-1', messageId: '1004', seq: 4, emoji: '🔥', userId: marc.id, added: false, count: 0 });
    expect(t.bySeq[4]!.reactions).toEqual([]);
  });

  it('drops an optimistic message once the server copy arrives by its clientMessageId', () => {
    const store = useChat.getState();
    store.addPending({ clientMessageId: 'client-9', roomId: 'room-1', body: 'message 9', replyTo: null, createdAt: '', status: 'sending' });
    store.addPending({ clientMessageId: 'client-9', roomId: 'room-1', body: 'message 9', replyTo: null, createdAt: '', status: 'sending' });
    expect(useChat.getState().rooms['room-1']!.pending).toHaveLength(1);
    useChat.getState().applyEvent('room-1', { type: 'message.created', message: msg(9) });
    useChat.getState().confirmSent('room-1', msg(9));
    const t = useChat.getState().rooms['room-1']!;
    expect(t.pending).toEqual([]);
    expect(t.seqs).toEqual([9]);
  });

  it('shows typing until it expires, and a message from the typist ends it', () => {
    const now = Date.parse('2026-12-06T10:00:00.000Z');
    let t = applyEvent(emptyTimeline(), { type: 'typing', roomId: 'room-1', user: marc, expiresAt: '2026-12-06T10:00:06.000Z' }, now);
    expect(Object.keys(t.typing)).toEqual([marc.id]);
    // Already expired on arrival: ignored.
    t = applyEvent(t, { type: 'typing', roomId: 'room-1', user: ana, expiresAt: '2026-12-06T09:59:59.000Z' }, now);
    expect(Object.keys(t.typing)).toEqual([marc.id]);
    t = applyEvent(t, { type: 'message.created', message: msg(1, { author: marc }) }, now);
    expect(t.typing).toEqual({});

    useChat.getState().applyEvent('room-1', { type: 'typing', roomId: 'room-1', user: marc, expiresAt: new Date(Date.now() + 6000).toISOString() });
    useChat.getState().expireTyping('room-1', Date.now() + 7000);
    expect(useChat.getState().rooms['room-1']!.typing).toEqual({});
  });

  it('tracks whether older history exists from the pages read backwards', () => {
    const store = useChat.getState();
    store.addPage('room-1', { items: [msg(51), msg(52)], hasOlder: true }, 'latest');
    expect(useChat.getState().rooms['room-1']!.hasOlder).toBe(true);
    store.addPage('room-1', { items: [msg(1), msg(2)], hasOlder: false }, 'older', 51);
    const t = useChat.getState().rooms['room-1']!;
    expect(t.hasOlder).toBe(false);
    expect(t.seqs).toEqual([1, 2, 51, 52]);
    expect(t.loaded).toBe(true);
  });
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => msg(from + i));
const created = (seq: number) => ({ type: 'message.created' as const, message: msg(seq) });

describe('chat store windows (jump to message)', () => {
  /** The room's newest 10 of 100 held, at the live end. */
  const live = () => addPage(emptyTimeline(), { items: range(91, 100), hasOlder: true, hasNewer: false, lastSeq: 100 }, 'latest');

  it('a jump replaces the window with the page around the message, detached from the live end', () => {
    const t = addPage(live(), { items: range(36, 44), hasOlder: true, hasNewer: true, lastSeq: 100 }, 'jump');
    expect(t.seqs).toEqual([36, 37, 38, 39, 40, 41, 42, 43, 44]);
    expect(Object.keys(t.bySeq)).toHaveLength(9);
    expect(t).toMatchObject({ hasOlder: true, hasNewer: true, latestSeq: 100, loaded: true });
  });

  it('while detached, live messages move the latest seq only; edits of held messages still apply', () => {
    let t = addPage(live(), { items: range(36, 44), hasOlder: true, hasNewer: true, lastSeq: 100 }, 'jump');
    t = applyEvent(t, created(101));
    t = applyEvent(t, created(102));
    expect(t.seqs.at(-1)).toBe(44);
    expect(t.latestSeq).toBe(102);
    t = applyEvent(t, { type: 'message.edited', message: msg(40, { body: 'fixed', editedAt: '2026-12-06T11:00:00.000Z' }) });
    expect(t.bySeq[40]!.body).toBe('fixed');
    // The refetched newest page (after a reconnect) does not touch a window far from it.
    const same = addPage(t, { items: range(93, 102), hasOlder: true, hasNewer: false, lastSeq: 102 }, 'latest');
    expect(same.seqs).toEqual(t.seqs);
  });

  it('pages on from both ends with no gap and no duplicate, and rejoins the live end (live messages that came meanwhile included)', () => {
    let t = addPage(live(), { items: range(36, 44), hasOlder: true, hasNewer: true, lastSeq: 100 }, 'jump');
    t = addPage(t, { items: range(26, 35), hasOlder: true, lastSeq: 100 }, 'older', 36);
    t = addPage(t, { items: range(45, 94), hasOlder: true, hasNewer: true, lastSeq: 100 }, 'newer', 44);
    // A message arrives live while the last page is on its way: the page read before it ends at 100.
    t = applyEvent(t, created(101));
    t = addPage(t, { items: range(95, 100), hasOlder: true, hasNewer: false, lastSeq: 100 }, 'newer', 94);
    expect(t.hasNewer).toBe(true);
    t = addPage(t, { items: range(101, 101), hasOlder: true, hasNewer: false, lastSeq: 101 }, 'newer', 100);
    expect(t.hasNewer).toBe(false);
    expect(t.seqs).toEqual(Array.from({ length: 76 }, (_, i) => 26 + i));
    // At the live end again: live messages join it.
    t = applyEvent(t, created(102));
    t = applyEvent(t, created(102));
    expect(t.seqs.slice(-3)).toEqual([100, 101, 102]);
  });

  it('drops a page read for a window since replaced', () => {
    const t = addPage(live(), { items: range(36, 44), hasOlder: true, hasNewer: true, lastSeq: 100 }, 'jump');
    // An older page for the old window (read before seq 91) lands after the jump.
    expect(addPage(t, { items: range(81, 90), hasOlder: true, lastSeq: 100 }, 'older', 91).seqs).toEqual(t.seqs);
    expect(addPage(t, { items: range(101, 102), hasOlder: true, lastSeq: 102 }, 'newer', 100).seqs).toEqual(t.seqs);
  });

  it('jumping back to the latest replaces the window again; a latest page meeting a detached window joins it', () => {
    let t = addPage(live(), { items: range(36, 44), hasOlder: true, hasNewer: true, lastSeq: 100 }, 'jump');
    t = addPage(t, { items: range(91, 100), hasOlder: true, hasNewer: false, lastSeq: 100 }, 'jump');
    expect(t.seqs).toEqual(range(91, 100).map((m) => m.seq));
    expect(t.hasNewer).toBe(false);

    let near = addPage(live(), { items: range(86, 94), hasOlder: true, hasNewer: true, lastSeq: 100 }, 'jump');
    near = addPage(near, { items: range(91, 100), hasOlder: true, hasNewer: false, lastSeq: 100 }, 'latest');
    expect(near.seqs).toEqual(range(86, 100).map((m) => m.seq));
    expect(near.hasNewer).toBe(false);
  });

  it('keeps my pending messages through a jump, and drops them when the server copy arrives even while detached', () => {
    const store = useChat.getState();
    store.addPage('room-1', { items: range(91, 100), hasOlder: true, hasNewer: false, lastSeq: 100 }, 'latest');
    store.addPending({ clientMessageId: 'client-101', roomId: 'room-1', body: 'message 101', replyTo: null, createdAt: '', status: 'sending' });
    store.addPage('room-1', { items: range(36, 44), hasOlder: true, hasNewer: true, lastSeq: 100 }, 'jump');
    expect(useChat.getState().rooms['room-1']!.pending).toHaveLength(1);
    store.confirmSent('room-1', msg(101));
    const t = useChat.getState().rooms['room-1']!;
    expect(t.pending).toEqual([]);
    expect(t.seqs.at(-1)).toBe(44);
    expect(t.latestSeq).toBe(101);
  });
});
