import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { chatMock, MOCK_INVITE_CODE, MOCK_ROOMS, resetMockDb } from '@veza/mocks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetChatStore } from '../../features/chat/chat-store.ts';
import { fakeListLayout } from '../../features/chat/fake-layout.ts';
import { ana, renderScreen } from '../../test/render.tsx';
import { MockInboxFeed } from '../../features/chat/inbox/mock-inbox-feed.tsx';
import { ChatPage } from './chat.page.tsx';

let restoreLayout: () => void = () => undefined;
beforeEach(() => {
  resetMockDb({ signedInAs: 'ana' });
  restoreLayout = fakeListLayout();
});
afterEach(() => {
  restoreLayout();
  resetChatStore();
});

const open = (roomId: string) => renderScreen(<ChatPage />, { path: '/chat/:roomId', url: `/chat/${roomId}`, session: ana });

describe('ChatPage', () => {
  it('lists rooms and DMs with unread and mention badges, and shows the open room', async () => {
    const { container } = open(MOCK_ROOMS.general);
    const rooms = await screen.findByRole('navigation', { name: 'Rooms' });
    const general = within(rooms).getByRole('link', { name: /general/ });
    expect(general.getAttribute('aria-current')).toBe('page');
    const dms = screen.getByRole('navigation', { name: 'Direct messages' });
    expect(within(dms).getByRole('link', { name: /Marc Dubois/ }).getAttribute('aria-current')).toBeNull();

    const log = await screen.findByRole('log', { name: 'Messages in general' });
    await within(log).findByText('Anyone up for a collab this weekend?');
    expect(within(log).getByText('New messages')).toBeTruthy();
    expect(container.querySelectorAll('.vw-chat-list')).toHaveLength(1);
    // Seen on screen with the tab visible: read, and the badge goes.
    await waitFor(() => expect(within(general).queryByLabelText(/unread/)).toBeNull());
  });

  it("words a call's summary in the room list in the reader's language, not the server's English fallback", async () => {
    expect(chatMock.callSummary(MOCK_ROOMS.dmMarc, 'marc.dubois', 'rejected')).not.toBeNull();
    renderScreen(<ChatPage />, { path: '/chat', url: '/chat', session: ana, language: 'fr' });
    const dms = await screen.findByRole('navigation', { name: 'Messages privés' });
    const dm = within(dms).getByRole('link', { name: /Marc Dubois/ });
    expect(dm.textContent).toContain('Appel refusé');
    expect(dm.textContent).not.toContain('Declined call');
  });

  it('shows unread and mention badges on the list screen', async () => {
    renderScreen(<ChatPage />, { path: '/chat', url: '/chat', session: ana });
    const rooms = await screen.findByRole('navigation', { name: 'Rooms' });
    const general = within(rooms).getByRole('link', { name: /general/ });
    expect(within(general).getByLabelText('2 unread messages').textContent).toBe('2');
    expect(within(general).getByLabelText('1 mention of you').textContent).toBe('@1');
    expect(within(rooms).getByRole('link', { name: /field-recordings/ }).querySelector('.vw-chat-badge')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Pick a conversation' })).toBeTruthy();
  });

  it('updates badges live: a new message and a mention add to them, a read in another tab clears them', async () => {
    renderScreen(
      <MockInboxFeed>
        <ChatPage />
      </MockInboxFeed>,
      { path: '/chat', url: '/chat', session: ana },
    );
    const rooms = await screen.findByRole('navigation', { name: 'Rooms' });
    const synths = within(rooms).getByRole('link', { name: /field-recordings/ });
    expect(synths.querySelector('.vw-chat-badge')).toBeNull();
    const said = chatMock.say(MOCK_ROOMS.empty, 'lea_m', 'New patch @ana, have a listen');
    await waitFor(() => expect(within(synths).getByLabelText('1 unread message').textContent).toBe('1'));
    expect(within(synths).getByLabelText('1 mention of you').textContent).toBe('@1');
    expect(within(synths).getByText(/New patch @ana/)).toBeTruthy();
    // The room moved to the top of the list (most recently active first).
    expect(within(rooms).getAllByRole('link')[0]).toBe(synths);
    chatMock.readElsewhere(MOCK_ROOMS.empty, said?.seq ?? 0);
    await waitFor(() => expect(synths.querySelector('.vw-chat-badge')).toBeNull());
  });

  it('shows room icons, and initials when a room has none', async () => {
    chatMock.setIcon(MOCK_ROOMS.general, '/api/chat/rooms/general/icon?v=1');
    renderScreen(<ChatPage />, { path: '/chat', url: '/chat', session: ana });
    const rooms = await screen.findByRole('navigation', { name: 'Rooms' });
    const general = within(rooms).getByRole('link', { name: /general/ });
    expect(general.querySelector('img.vw-room-icon')?.getAttribute('src')).toBe('/api/chat/rooms/general/icon?v=1');
    const synths = within(rooms).getByRole('link', { name: /field-recordings/ });
    expect(synths.querySelector('img')).toBeNull();
    expect(synths.querySelector('.vw-room-icon--fallback')?.textContent).toBe('F');
  });

  it("opens an invite link (/chat/invite/:code) on the room's preview, icon or initials, before joining", async () => {
    renderScreen(<ChatPage />, { path: '/chat/invite/:code', url: `/chat/invite/${MOCK_INVITE_CODE}`, session: ana });
    const dialog = await screen.findByRole('dialog', { name: 'Join with an invite' });
    const preview = await within(dialog).findByRole('group', { name: 'Invitation to synths' });
    expect(within(preview).getByText('synths')).toBeTruthy();
    expect(within(preview).getByText(/Public room · 2 members/)).toBeTruthy();
    expect(preview.querySelector('.vw-room-icon--fallback')?.textContent).toBe('S');
  });

  it('sends optimistically and keeps one list and one copy of the message', async () => {
    const user = userEvent.setup();
    const { container } = open(MOCK_ROOMS.general);
    const log = await screen.findByRole('log', { name: 'Messages in general' });
    await within(log).findByText('Anyone up for a collab this weekend?');
    await user.type(screen.getByRole('combobox', { name: 'Message general' }), 'Count me in{Enter}');
    await waitFor(() => expect(within(log).getAllByText('Count me in')).toHaveLength(1));
    await waitFor(() => expect(within(log).queryByText('Sending…')).toBeNull());
    expect(container.querySelectorAll('.vw-chat-list')).toHaveLength(1);
    expect(chatMock.messages(MOCK_ROOMS.general).at(-1)?.body).toBe('Count me in');
  });

  it('shows a refused send inline with the wait, and retries it with the same id', async () => {
    const user = userEvent.setup();
    chatMock.refuseSends(1);
    open(MOCK_ROOMS.general);
    const log = await screen.findByRole('log', { name: 'Messages in general' });
    await within(log).findByText('Anyone up for a collab this weekend?');
    await user.type(screen.getByRole('combobox', { name: 'Message general' }), 'Too fast{Enter}');
    expect((await within(log).findByRole('alert')).textContent).toContain('You are sending too fast. Try again in 3 seconds.');
    const retry = within(log).getByRole('button', { name: /Retry in/ });
    expect(retry).toHaveProperty('disabled', true);
    await waitFor(() => expect(within(log).getByRole('button', { name: 'Retry' })).toHaveProperty('disabled', false), { timeout: 8000 });
    await user.click(within(log).getByRole('button', { name: 'Retry' }));
    // Stored once, under the id the first attempt used.
    await waitFor(() => expect(chatMock.messages(MOCK_ROOMS.general).filter((m) => m.body === 'Too fast')).toHaveLength(1), { timeout: 8000 });
    await waitFor(() => expect(within(log).queryByRole('alert')).toBeNull(), { timeout: 5000 });
  }, 20_000);

  it('offers to join a public room I am not in', async () => {
    const user = userEvent.setup();
    open(MOCK_ROOMS.synths);
    await screen.findByText('Post your patches here');
    await user.click(await screen.findByRole('button', { name: 'Join room' }));
    expect(await screen.findByRole('combobox', { name: 'Message synths' })).toBeTruthy();
  });
});
