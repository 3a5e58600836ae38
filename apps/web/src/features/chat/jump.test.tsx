// Jump to a message (issue 10): the list brings the message into view, highlighted and focused; the room opened at
// `?m=<seq>` reads the page around it (aroundSeq, MSW), pages on from there, says when the message does not exist,
// and "Jump to latest" returns to the live end.
import { act, render as renderPlain, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { chatMock, MOCK_ROOMS, resetMockDb } from '@veza/mocks';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatPage } from '../../pages/chat/chat.page.tsx';
import { ana as anaSession, renderScreen } from '../../test/render.tsx';
import { emptyTimeline, mergeMessages, resetChatStore, useChat, type MessageDto, type Timeline } from './chat-store.ts';
import { fakeListLayout } from './fake-layout.ts';
import { MessageList, type MessageListProps } from './message-list.tsx';
import { ana, marc, START, textMessage } from './test-messages.ts';
import { HIGHLIGHT_MS } from './use-message-scroll.ts';

const msg = (seq: number, overrides: Partial<MessageDto> = {}): MessageDto => textMessage(seq, seq % 2 ? ana : marc, overrides);
const window = (from: number, to: number, edges: Partial<Timeline> = {}): Timeline => ({
  ...mergeMessages(emptyTimeline(), Array.from({ length: to - from + 1 }, (_, i) => msg(from + i))),
  loaded: true,
  ...edges,
});
const noop = () => undefined;
const props = (timeline: Timeline): MessageListProps => ({
  timeline,
  meId: ana.id,
  canModerate: false,
  unreadAfterSeq: null,
  loadOlder: noop,
  loadingOlder: false,
  onSeenLatest: noop,
  onReply: noop,
  onEdit: noop,
  onDelete: noop,
  onRetry: noop,
  onDiscard: noop,
  estimateSize: 60,
  label: 'Messages',
});
const article = (text: string) => screen.getByText(text).closest('article')!;

let restore: () => void = () => undefined;
beforeEach(() => {
  restore = fakeListLayout();
});
afterEach(() => {
  restore();
  vi.useRealTimers();
});

describe('MessageList jump', () => {
  it('brings a jumped-to message into view among 10,000, highlights it for a moment and focuses it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] });
    const timeline = window(1, 10_000);
    const { rerender } = renderPlain(<MemoryRouter><MessageList {...props(timeline)} /></MemoryRouter>);
    expect(screen.queryByText('message number 120')).toBeNull();
    rerender(<MemoryRouter><MessageList {...props(timeline)} jumpTarget={{ seq: 120, nonce: 1 }} /></MemoryRouter>);
    const found = await screen.findByText('message number 120');
    expect(found.closest('article')!.classList.contains('vw-msg--highlight')).toBe(true);
    expect(screen.getAllByRole('article').filter((a) => a.classList.contains('vw-msg--highlight'))).toHaveLength(1);
    await waitFor(() => expect(document.activeElement).toBe(article('message number 120')));
    // Away from the end: the way back is offered.
    expect(screen.getByRole('button', { name: 'Jump to latest' })).toBeTruthy();
    await act(async () => void (await vi.advanceTimersByTimeAsync(HIGHLIGHT_MS + 50)));
    expect(article('message number 120').classList.contains('vw-msg--highlight')).toBe(false);
  });

  it('lands on a message of the newest page centred when rows are taller than the estimate (a phone), and focuses it', async () => {
    // Rows measure 60 px (fake layout) against a 20 px estimate: a scroll aimed with the estimate lands far short.
    const timeline = window(1, 60);
    const tall = { ...props(timeline), estimateSize: 20 };
    const { rerender } = renderPlain(<MemoryRouter><MessageList {...tall} /></MemoryRouter>);
    rerender(<MemoryRouter><MessageList {...tall} jumpTarget={{ seq: 50, nonce: 1 }} /></MemoryRouter>);
    const log = screen.getByRole('log');
    await waitFor(() => expect(document.activeElement).toBe(article('message number 50')));
    expect(article('message number 50').classList.contains('vw-msg--highlight')).toBe(true);
    // Centred in the 600 px viewport: rows 0–48 above it (a day separator, then messages 1–48), 60 px each.
    const rowIndex = Number(article('message number 50').closest('[data-index]')!.getAttribute('data-index'));
    expect(Math.abs(log.scrollTop - (rowIndex * 60 + 30 - 300))).toBeLessThanOrEqual(2);
  });

  it('stays on a permalinked message of the newest page when the newest page arrives after the page around it', async () => {
    // `?m=56` in a room of 60: the page around 56 (32–60) comes first, then the newest page (11–60) joins it while
    // the scroll is still aimed; rows are taller than the estimate, as on a phone.
    const tall = (timeline: Timeline) => ({ ...props(timeline), estimateSize: 20 });
    const { rerender } = renderPlain(<MemoryRouter><MessageList {...tall(window(32, 60, { hasOlder: true }))} jumpTarget={{ seq: 56, nonce: 1 }} /></MemoryRouter>);
    rerender(<MemoryRouter><MessageList {...tall(window(11, 60, { hasOlder: true }))} jumpTarget={{ seq: 56, nonce: 1 }} /></MemoryRouter>);
    await waitFor(() => expect(document.activeElement).toBe(article('message number 56')));
    expect(article('message number 56').classList.contains('vw-msg--highlight')).toBe(true);
    const log = screen.getByRole('log');
    const rowIndex = Number(article('message number 56').closest('[data-index]')!.getAttribute('data-index'));
    // As near the centre as the end of the list allows.
    const wanted = Math.min(rowIndex * 60 + 30 - 300, log.scrollHeight - 600);
    expect(Math.abs(log.scrollTop - wanted)).toBeLessThanOrEqual(2);
  });

  it('a window jumped back into history ends with the way to newer messages, and Jump to latest asks for the live end', async () => {
    const user = userEvent.setup();
    const onJumpToLatest = vi.fn();
    const loadNewer = vi.fn();
    const timeline = { ...window(40, 60, { hasOlder: true, hasNewer: true, latestSeq: 500 }), pending: [{ clientMessageId: 'cm-1-abcdef', roomId: 'r', body: 'on its way', replyTo: null, createdAt: '', status: 'sending' as const }] };
    renderPlain(
      <MemoryRouter>
        <MessageList {...props(timeline)} jumpTarget={{ seq: 50, nonce: 1 }} loadNewer={loadNewer} onJumpToLatest={onJumpToLatest} />
      </MemoryRouter>,
    );
    await screen.findByText('message number 50');
    // My message on its way belongs at the live end, not after this window.
    expect(screen.queryByText('on its way')).toBeNull();
    await user.click(await screen.findByRole('button', { name: 'Show newer messages' }));
    expect(loadNewer).toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Jump to latest' }));
    expect(onJumpToLatest).toHaveBeenCalledOnce();
  });

  it('makes a reply quote a link to its parent', () => {
    const parent = { id: '3', seq: 3, author: marc, body: 'the riff', createdAt: new Date(START).toISOString(), deletedAt: null, hidden: null } as MessageDto['replyTo'];
    const timeline = { ...mergeMessages(emptyTimeline(), [msg(9, { replyTo: parent })]), loaded: true };
    renderPlain(<MemoryRouter initialEntries={['/chat/r']}><MessageList {...props(timeline)} /></MemoryRouter>);
    const quote = screen.getByRole('link', { name: 'In reply to marc the riff' });
    expect(quote.getAttribute('href')).toBe('/chat/r?m=3');
  });
});

describe('ChatPage at ?m=<seq>', () => {
  beforeEach(() => resetMockDb({ signedInAs: 'ana' }));
  afterEach(() => resetChatStore());
  const openAt = (roomId: string, search: string) => renderScreen(<ChatPage />, { path: '/chat/:roomId', url: `/chat/${roomId}${search}`, session: anaSession });

  it('opens at the message from a permalink, pages on from there, and Jump to latest returns to the live end', async () => {
    chatMock.fill(MOCK_ROOMS.empty, 300);
    const user = userEvent.setup();
    openAt(MOCK_ROOMS.empty, '?m=150');
    const log = await screen.findByRole('log', { name: 'Messages in field-recordings' });
    const target = (await within(log).findByText(/^Message 150:/)).closest('article')!;
    expect(target.classList.contains('vw-msg--highlight')).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(target));
    // The window around it, not the newest page (the newest ones are not held).
    const held = () => useChat.getState().rooms[MOCK_ROOMS.empty]!;
    expect(held().seqs[0]).toBe(126);
    expect(held().seqs).toContain(175);
    expect(held().bySeq[300]).toBeUndefined();
    expect(held()).toMatchObject({ hasOlder: true, hasNewer: true, latestSeq: 300 });

    // Scrolling to its newer edge reads on from there: no gap, no duplicate.
    act(() => log.scrollTo({ top: log.scrollHeight }));
    await waitFor(() => expect(held().seqs.at(-1)).toBeGreaterThanOrEqual(225));
    expect(held().seqs).toEqual(Array.from({ length: held().seqs.length }, (_, i) => 126 + i));

    // Someone writes meanwhile: not shown in this window; Jump to latest reads the live end, message included.
    act(() => void chatMock.say(MOCK_ROOMS.empty, 'marc.dubois', 'fresh news'));
    await user.click(screen.getByRole('button', { name: 'Jump to latest' }));
    await waitFor(() => expect(useChat.getState().rooms[MOCK_ROOMS.empty]!.hasNewer).toBe(false));
    expect(useChat.getState().rooms[MOCK_ROOMS.empty]!.seqs.at(-1)).toBe(301);
    expect(await within(log).findByText('fresh news')).toBeTruthy();
    expect(within(log).queryByText(/^Message 150:/)).toBeNull();
  });

  it('says so when the message does not exist, and stays at the latest messages', async () => {
    openAt(MOCK_ROOMS.general, '?m=9999');
    expect((await screen.findByRole('alert')).textContent).toContain('This message does not exist in this conversation.');
    const log = await screen.findByRole('log', { name: 'Messages in general' });
    expect(await within(log).findByText('Anyone up for a collab this weekend?')).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('This message does not exist in this conversation.')).toBeNull();
  });

  it('shows the message on its way while the page around it loads', async () => {
    chatMock.fill(MOCK_ROOMS.empty, 120);
    chatMock.holdJumps();
    openAt(MOCK_ROOMS.empty, '?m=5');
    expect((await screen.findByText('Finding the message…')).getAttribute('role')).toBe('status');
  });
});
