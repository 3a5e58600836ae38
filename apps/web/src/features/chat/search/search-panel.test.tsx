import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ADMIN_ROOM_ID, chatAdminHandlers, chatAdminMock, MockTrpcError, resetMockDb } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { beforeEach, describe, expect, it } from 'vitest';
import { ana, renderScreen } from '../../../test/render.tsx';
import { groupByRoom, highlight, SearchPanel } from './search-panel.tsx';
import { render } from '@testing-library/react';

beforeEach(() => {
  resetMockDb({ signedInAs: 'ana' });
  chatAdminMock.reset();
  server.use(...chatAdminHandlers);
});

const open = () => renderScreen(<SearchPanel room={{ id: ADMIN_ROOM_ID, name: 'modular' }} />, { session: ana });

describe('SearchPanel', () => {
  it('groups results by room, marks the matches and links each to its message', async () => {
    const user = userEvent.setup();
    open();
    await user.type(screen.getByRole('searchbox', { name: 'Search messages' }), 'guit');
    // In this room first (the "in:" chip is on), then everywhere.
    await screen.findByRole('region', { name: 'modular' });
    expect(screen.queryByRole('region', { name: 'Direct message' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'In modular' }));
    const dm = await screen.findByRole('region', { name: 'Direct message' });
    const room = screen.getByRole('region', { name: 'modular' });
    const link = within(room).getByRole('link');
    expect(link.getAttribute('href')).toBe(`/chat/${ADMIN_ROOM_ID}?m=2`);
    expect([...link.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['guit', 'guit']);
    expect(within(dm).getAllByRole('link')).toHaveLength(1);
    // Arrow keys move between results.
    link.focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(within(dm).getByRole('link'));
  });

  it('narrows with the chips and says when nothing matches', async () => {
    const user = userEvent.setup();
    open();
    await user.type(screen.getByRole('searchbox', { name: 'Search messages' }), 'reverb');
    await waitFor(() => expect(screen.getAllByRole('link')).toHaveLength(2));
    await user.type(screen.getByLabelText('From'), 'ana');
    await waitFor(() => expect(screen.getAllByRole('link')).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Has attachment' }));
    expect(screen.getByRole('button', { name: 'Has attachment' }).getAttribute('aria-pressed')).toBe('true');
    expect(await screen.findByText('No messages match.')).toBeTruthy();
  });

  it('explains a too-short or badly filtered search without asking the server, and shows its errors with a retry', async () => {
    const user = userEvent.setup();
    open();
    expect(screen.getByText(/at least 2 characters/)).toBeTruthy();
    await user.type(screen.getByRole('searchbox', { name: 'Search messages' }), 'synth');
    const after = screen.getByLabelText('After');
    await user.type(after, '2026-12-05');
    const before = screen.getByLabelText('Before');
    await user.type(before, '2026-12-01');
    expect((await screen.findByRole('alert')).textContent).toMatch(/before.*after/i);

    await user.clear(before);
    await user.clear(after);
    chatAdminMock.failNext('chat.messages.search', new MockTrpcError('TOO_MANY_REQUESTS', 'You are searching too fast. Try again in 1 second.'));
    await user.clear(screen.getByRole('searchbox', { name: 'Search messages' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search messages' }), 'tail');
    expect((await screen.findByRole('alert')).textContent).toMatch(/too fast/);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link')).toBeTruthy();
  });
});

describe('highlight', () => {
  it('wraps each range in <mark> and ignores ranges out of bounds or overlapping', () => {
    const { container } = render(<p>{highlight('guitare et guitar', [[0, 4], [2, 5], [11, 15], [30, 40]])}</p>);
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['guit', 'guit']);
    expect(container.textContent).toBe('guitare et guitar');
  });
  it('groups by room in first-seen order', () => {
    const r = (room: string, id: string) => ({ room: { id: room, name: room, kind: 'room' }, message: { id } }) as unknown as Parameters<typeof groupByRoom>[0][number];
    expect(groupByRoom([r('a', '1'), r('b', '2'), r('a', '3')]).map((g) => [g.room.id, g.items.length])).toEqual([['a', 2], ['b', 1]]);
  });
});
