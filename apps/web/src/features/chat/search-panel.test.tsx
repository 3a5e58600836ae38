import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { resetMockDb, trpcMsw } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ana, renderScreen } from '../../test/render.tsx';
import { highlighted, SearchPanel } from './search-panel.tsx';

beforeEach(() => resetMockDb({ signedInAs: 'ana' }));

describe('search panel', () => {
  it('marks the matched ranges and ignores ranges out of order or out of bounds', () => {
    const { container } = render(<p>{highlighted('the bass sits well', [[4, 8], [2, 3], [14, 18], [15, 40]])}</p>);
    expect(container.innerHTML).toBe('<p>the <mark>bass</mark> sits <mark>well</mark></p>');
  });

  it('searches the open conversation by default, everywhere on request, and lists the results', async () => {
    const asked = vi.fn();
    server.use(
      trpcMsw.chat.messages.search.query(({ input }) => {
        asked(input.roomId ?? null);
        const author = { id: 'u1', username: 'marc', displayName: 'Marc' };
        const message = { id: '9', seq: 9, roomId: 'r1', author, body: 'the bass sits well', clientMessageId: 'c-9-abcdef', createdAt: '2026-12-06T10:00:00.000Z', editedAt: null, deletedAt: null, replyTo: null, reactions: [], mentions: [], hidden: null, kind: 'text', call: null, attachments: [] };
        return { items: [{ message, room: { id: 'r1', name: 'general', kind: 'room' }, highlights: [[4, 8]], rank: 2 }], nextCursor: null } as never;
      }),
    );
    const user = userEvent.setup();
    renderScreen(<SearchPanel roomId="a0000000-0000-4000-8000-0000000000aa" onClose={() => undefined} />, { session: ana });
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'bass{Enter}');
    expect(await screen.findByText('1 message found')).toBeTruthy();
    expect(asked).toHaveBeenLastCalledWith('a0000000-0000-4000-8000-0000000000aa');
    const result = screen.getByRole('link', { name: /the bass sits well/ });
    expect(result.getAttribute('href')).toBe('/chat/r1');
    expect(within(result).getByText('bass').tagName).toBe('MARK');
    await user.click(screen.getByRole('radio', { name: 'All my conversations' }));
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await vi.waitFor(() => expect(asked).toHaveBeenLastCalledWith(null));
  });
});
