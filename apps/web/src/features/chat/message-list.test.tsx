import { act, render as renderPlain, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyTimeline, mergeMessages, type MessageDto, type Timeline } from './chat-store.ts';
import { fakeListLayout } from './fake-layout.ts';
import { MessageList, type MessageListProps } from './message-list.tsx';
import { ana, marc, START, textMessage } from './test-messages.ts';
import { buildRows } from './message-rows.ts';

/** One message a minute, alternating authors every third message. */
const msg = (seq: number, overrides: Partial<MessageDto> = {}): MessageDto => textMessage(seq, Math.floor(seq / 3) % 2 === 0 ? ana : marc, overrides);

const timelineOf = (messages: MessageDto[], hasOlder = false): Timeline => ({ ...mergeMessages(emptyTimeline(), messages), loaded: true, hasOlder });

const noop = () => undefined;
/** Track cards are links: rows need a router. */
const render = (ui: ReactElement) => renderPlain(<MemoryRouter>{ui}</MemoryRouter>);
const baseProps = (timeline: Timeline): MessageListProps => ({
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

// happy-dom lays nothing out: a 600 px viewport for the list, rows at their estimated height (fake-layout.ts).
let restore: () => void = () => undefined;
beforeEach(() => {
  restore = fakeListLayout();
});
afterEach(() => restore());

describe('MessageList', () => {
  it('keeps only a window of rows in the DOM for 10,000 messages, and opens at the latest', async () => {
    const messages = Array.from({ length: 10_000 }, (_, i) => msg(i + 1));
    const started = performance.now();
    render(<MessageList {...baseProps(timelineOf(messages))} />);
    const articles = screen.getAllByRole('article');
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.length).toBeLessThan(60);
    // Opened at the end: the newest message is rendered, the first is not.
    expect(await screen.findByText('message number 10000')).toBeTruthy();
    expect(screen.getAllByRole('article').length).toBeLessThan(60);
    expect(screen.queryByText('message number 1')).toBeNull();
    // A generous bound: building 10,000 rows and rendering a window must not take seconds.
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('separates days, groups one author within five minutes, and puts the divider before the first unread', () => {
    const day1 = [msg(1, { author: ana }), msg(2, { author: ana }), msg(3, { author: marc }), msg(4, { author: marc, createdAt: new Date(START + 3 * 60_000 + 6 * 60_000).toISOString() })];
    const day2 = [msg(5, { author: marc, createdAt: new Date(START + 86_400_000).toISOString() }), msg(6, { author: marc, createdAt: new Date(START + 86_400_000 + 60_000).toISOString() })];
    const rows = buildRows(timelineOf([...day1, ...day2]), 5, ana.id);
    expect(rows.map((r) => (r.kind === 'message' ? `${r.message.seq}${r.grouped ? 'g' : ''}` : r.kind))).toEqual(['day', '1', '2g', '3', '4', 'day', '5', 'unread', '6']);
    // My own messages never start the divider.
    expect(buildRows(timelineOf([msg(1, { author: ana }), msg(2, { author: ana })]), 0, ana.id).some((r) => r.kind === 'unread')).toBe(false);
  });

  it('shows edited and deleted markers, reply quotes, and actions by role', async () => {
    const onEdit = vi.fn();
    const onDelete = vi.fn();
    const timeline = timelineOf([
      msg(1, { author: marc, body: 'original from marc' }),
      msg(2, { author: ana, body: 'fixed typo', editedAt: new Date(START + 3 * 60_000).toISOString(), replyTo: { id: '1', seq: 1, author: marc, body: 'original from marc', createdAt: new Date(START + 60_000).toISOString(), deletedAt: null } as MessageDto['replyTo'] }),
      msg(3, { author: marc, body: '', deletedAt: new Date(START + 4 * 60_000).toISOString() }),
    ]);
    const user = userEvent.setup();
    const { container } = render(<MessageList {...baseProps(timeline)} onEdit={onEdit} onDelete={onDelete} />);
    expect(screen.getByText('(edited)')).toBeTruthy();
    expect(screen.getByText('This message was deleted.')).toBeTruthy();
    expect(container.querySelector('blockquote')?.textContent).toBe('In reply to marc original from marc');
    const [first, second] = screen.getAllByRole('article');
    // Someone else's message: reply only (not a moderator).
    expect([...first!.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Reply']);
    expect([...second!.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Reply', 'Edit', 'Delete']);
    await user.click(second!.querySelector('button:nth-child(2)')!);
    expect(onEdit).toHaveBeenCalledWith(timeline.bySeq[2]);
  });

  it('marks the latest message read only while the tab is visible', () => {
    const onSeenLatest = vi.fn();
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    render(<MessageList {...baseProps(timelineOf([msg(1), msg(2)]))} onSeenLatest={onSeenLatest} />);
    expect(onSeenLatest).not.toHaveBeenCalled();
    visibility.mockReturnValue('visible');
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    expect(onSeenLatest).toHaveBeenCalledWith(2);
    visibility.mockRestore();
  });

  it('shows failed sends with their reason and a retry held back for the seconds asked', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const onRetry = vi.fn();
    const timeline = { ...timelineOf([msg(1)]), pending: [{ clientMessageId: 'cm-1-abcdef', roomId: 'r', body: 'too fast', replyTo: null, createdAt: '', status: 'failed' as const, error: 'You are sending too fast. Try again in 2 seconds.', retryAfterSeconds: 2 }] };
    render(<MessageList {...baseProps(timeline)} onRetry={onRetry} />);
    expect(screen.getByRole('alert').textContent).toContain('You are sending too fast.');
    const retry = screen.getByRole('button', { name: 'Retry in 2 seconds' });
    expect(retry).toHaveProperty('disabled', true);
    await act(async () => void (await vi.advanceTimersByTimeAsync(1050)));
    expect(screen.getByRole('button', { name: 'Retry in 1 second' })).toHaveProperty('disabled', true);
    await act(async () => void (await vi.advanceTimersByTimeAsync(1050)));
    const ready = screen.getByRole('button', { name: 'Retry' });
    expect(ready).toHaveProperty('disabled', false);
    ready.click();
    expect(onRetry).toHaveBeenCalledWith(timeline.pending[0]);
    vi.useRealTimers();
  });

  it('toggles my reactions, adds one from the quick pick, and hides messages from people I blocked', async () => {
    const onReact = vi.fn();
    const timeline = timelineOf([
      msg(1, { author: marc, body: 'listen to this', reactions: [{ emoji: '🔥', count: 2, mine: true }, { emoji: '👍', count: 1, mine: false }] }),
      msg(2, { author: { id: 'u-blocked', username: 'troll', displayName: null }, body: 'rude words' }),
      msg(3, { author: marc, body: '', hidden: 'blocked' } as Partial<MessageDto>),
    ]);
    const user = userEvent.setup();
    render(<MessageList {...baseProps(timeline)} onReact={onReact} isBlocked={(id) => id === 'u-blocked'} />);
    const fire = screen.getByRole('button', { name: '🔥: 2 reactions' });
    expect(fire.getAttribute('aria-pressed')).toBe('true');
    await user.click(fire);
    expect(onReact).toHaveBeenLastCalledWith(timeline.bySeq[1], '🔥', false);
    await user.click(screen.getByRole('button', { name: '👍: 1 reaction' }));
    expect(onReact).toHaveBeenLastCalledWith(timeline.bySeq[1], '👍', true);
    const [first] = screen.getAllByRole('article');
    await user.click(within(first!).getByRole('button', { name: 'React' }));
    // My own 🔥 is not offered again.
    expect(within(first!).queryByRole('button', { name: 'React with 🔥' })).toBeNull();
    await user.click(within(first!).getByRole('button', { name: 'React with 🎉' }));
    expect(onReact).toHaveBeenLastCalledWith(timeline.bySeq[1], '🎉', true);
    expect(screen.queryByText('rude words')).toBeNull();
    expect(screen.getAllByText('Message from someone you blocked.')).toHaveLength(2);
  });
});
