import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { chatMock, fixtures, MOCK_ROOMS, resetMockDb, trpcMsw } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../i18n.ts';
import type { SessionUser } from '../../stores/session.ts';
import { ana, renderScreen } from '../../test/render.tsx';
import { MessageButton } from './message-button.tsx';

const MARC = fixtures.marc;
const LEA = fixtures.lea;

/** The button on Marc's profile (or someone else's), for `session`. Navigation away shows in the location probe. */
function renderButton(session: SessionUser | null | 'unknown', person: { username: string; displayName: string | null } = MARC, language: Language = 'en') {
  if (session && session !== 'unknown') resetMockDb({ signedInAs: session.username });
  const url = `/u/${person.username}?tab=tracks`;
  return renderScreen(<MessageButton username={person.username} name={person.displayName ?? person.username} />, { path: '/u/:username', url, session, language });
}
const location = () => screen.findByTestId('location').then((el) => el.textContent);

describe('MessageButton', () => {
  it('opens the existing conversation with them and goes to it', async () => {
    renderButton(ana);
    await userEvent.click(screen.getByRole('button', { name: 'Message Marc Dubois' }));
    expect(await location()).toBe(`/chat/${MOCK_ROOMS.dmMarc}`);
  });

  it('starts a new conversation with someone I never wrote to', async () => {
    renderButton(ana, LEA);
    await userEvent.click(screen.getByRole('button', { name: 'Message lea_m' }));
    const roomId = (await location())?.replace('/chat/', '');
    expect(roomId).toMatch(/^[0-9a-f-]{36}$/);
    expect(roomId).not.toBe(MOCK_ROOMS.dmMarc);
    // It is in my conversations now, as a DM.
    const rooms = await fetch('http://localhost/trpc/chat.rooms.list').then((r) => r.json() as Promise<{ result: { data: { id: string; kind: string }[] } }>);
    expect(rooms.result.data.find((r) => r.id === roomId)).toMatchObject({ kind: 'dm' });
  });

  it('is disabled and busy while the conversation opens', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    server.use(trpcMsw.chat.dms.open.mutation(async () => {
      await gate;
      return { roomId: MOCK_ROOMS.dmMarc };
    }));
    renderButton(ana);
    const button = screen.getByRole('button', { name: 'Message Marc Dubois' });
    await userEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-busy')).toBe('true'));
    expect(button).toHaveProperty('disabled', true);
    release();
    expect(await location()).toBe(`/chat/${MOCK_ROOMS.dmMarc}`);
  });

  it('is not there on my own profile, nor while the session is unknown', () => {
    renderButton(ana, fixtures.ana);
    expect(screen.queryByRole('button', { name: /Message/ })).toBeNull();
    expect(screen.queryByRole('link', { name: /Message/ })).toBeNull();
  });

  it('is a link to sign in that comes back here when signed out', async () => {
    renderButton(null);
    const link = screen.getByRole('link', { name: 'Message Marc Dubois' });
    expect(link.getAttribute('href')).toBe(`/login?next=${encodeURIComponent('/u/marc.dubois?tab=tracks')}`);
    await userEvent.click(link);
    expect(await location()).toBe(`/login?next=${encodeURIComponent('/u/marc.dubois?tab=tracks')}`);
  });

  it('renders nothing while the session is still being asked for', () => {
    renderButton('unknown');
    expect(screen.queryByText('Message')).toBeNull();
  });

  it('says why when I blocked them, and stays here', async () => {
    renderButton(ana);
    chatMock.block('ana', MARC.username);
    await userEvent.click(screen.getByRole('button', { name: 'Message Marc Dubois' }));
    expect(await screen.findByText('You blocked @marc.dubois: unblock them first.')).toBeTruthy();
    expect(screen.queryByTestId('location')).toBeNull();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Message Marc Dubois' })).toHaveProperty('disabled', false));
  });

  it('says the API refusal when they blocked me', async () => {
    renderButton(ana);
    chatMock.block(MARC.username, 'ana');
    await userEvent.click(screen.getByRole('button', { name: 'Message Marc Dubois' }));
    expect(await screen.findByText("You can't start a conversation with @marc.dubois.")).toBeTruthy();
  });

  it('says when the account cannot be reached any more', async () => {
    renderButton(ana, { username: 'gone_user', displayName: null });
    await userEvent.click(screen.getByRole('button', { name: 'Message gone_user' }));
    expect(await screen.findByText('Nobody is called @gone_user here.')).toBeTruthy();
  });

  it('speaks French: label, name and refusals', async () => {
    renderButton(ana, MARC, 'fr');
    chatMock.block(MARC.username, 'ana');
    const button = screen.getByRole('button', { name: 'Écrire à Marc Dubois' });
    expect(button.textContent).toBe('Écrire');
    await userEvent.click(button);
    expect(await screen.findByText('Vous ne pouvez pas démarrer de conversation avec @marc.dubois.')).toBeTruthy();
  });
});
