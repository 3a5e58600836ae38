import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MOCK_ROOMS, resetMockDb, states } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { describe, expect, it } from 'vitest';
import { useSession, type SessionUser } from '../../stores/session.ts';
import { textOf } from '../../test/dom.ts';
import { ana, renderScreen } from '../../test/render.tsx';
import { ProfilePage } from './profile.page.tsx';

function renderProfile(username: string, session: SessionUser | null = null) {
  if (session) resetMockDb({ signedInAs: session.username });
  return renderScreen(<ProfilePage />, { path: '/u/:username', url: `/u/${username}`, session });
}

describe('ProfilePage', () => {
  it("shows the user, their bio, track count and public tracks", async () => {
    renderProfile('ana');
    expect(textOf(await screen.findByRole('heading', { level: 1 }))).toBe('Ana Lima');
    expect(screen.getByText(/@ana · 2 tracks/)).toBeTruthy();
    expect(screen.getByText(/Lo-fi beats from Lisbon/)).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Tracks by Ana Lima' });
    expect(within(list).getAllByRole('heading', { level: 3 }).map(textOf)).toEqual(['Tape Hiss Lullaby', 'Night Drive']);
    expect(screen.queryByRole('button', { name: 'Edit profile' })).toBeNull();
  });

  it('shows the owner their private tracks too', async () => {
    renderProfile('ana', ana);
    const list = await screen.findByRole('list', { name: 'Tracks by Ana Lima' });
    expect(within(list).getAllByRole('heading', { level: 3 }).map(textOf)).toContain('Demo — unfinished');
  });

  it('falls back to the username and shows an empty state', async () => {
    server.use(states.emptyTracks());
    renderProfile('lea_m');
    expect(textOf(await screen.findByRole('heading', { level: 1 }))).toBe('lea_m');
    expect(await screen.findByText("lea_m hasn't shared any tracks yet.")).toBeTruthy();
  });

  it('says when the user does not exist', async () => {
    renderProfile('nobody');
    expect(await screen.findByRole('heading', { level: 1, name: 'This user does not exist' })).toBeTruthy();
  });

  it("has Message on someone else's profile, which opens our conversation", async () => {
    renderProfile('marc.dubois', ana);
    const header = (await screen.findByRole('heading', { level: 1 })).closest('header')!;
    await userEvent.click(within(header).getByRole('button', { name: 'Message Marc Dubois' }));
    expect(await screen.findByTestId('location')).toHaveProperty('textContent', `/chat/${MOCK_ROOMS.dmMarc}`);
  });

  it('has no Message on my own profile, and a sign-in link for visitors', async () => {
    renderProfile('ana', ana);
    await screen.findByRole('button', { name: 'Edit profile' });
    expect(screen.queryByRole('button', { name: /^Message/ })).toBeNull();
    cleanup();
    renderProfile('ana');
    const link = await screen.findByRole('link', { name: 'Message Ana Lima' });
    expect(link.getAttribute('href')).toBe('/login?next=%2Fu%2Fana');
  });

  it('lets the owner edit display name and bio', async () => {
    renderProfile('ana', ana);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    const name = screen.getByLabelText('Display name');
    await userEvent.clear(name);
    await userEvent.type(name, 'Ana L.');
    await userEvent.clear(screen.getByLabelText('Bio'));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(textOf(screen.getByRole('heading', { level: 1 }))).toBe('Ana L.'));
    expect(screen.getByText('No bio yet.')).toBeTruthy();
    expect(useSession.getState().user).toMatchObject({ displayName: 'Ana L.', bio: null });
  });
});
