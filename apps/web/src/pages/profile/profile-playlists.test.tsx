import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { playlistStates, playlistsMock, resetMockDb } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../stores/session.ts';
import { textOf } from '../../test/dom.ts';
import { ana, lea, marc, renderScreen } from '../../test/render.tsx';
import { ProfilePage } from './profile.page.tsx';

function renderTab(username: string, session: SessionUser | null = null) {
  resetMockDb({ signedInAs: session?.username ?? null });
  return renderScreen(<ProfilePage />, { path: '/u/:username/playlists', url: `/u/${username}/playlists`, session });
}

const cardTitles = (list: HTMLElement) => within(list).getAllByRole('heading', { level: 3 }).map(textOf);

describe('Profile › Playlists', () => {
  it('shows the owner all their playlists, the private ones with a badge, and "New playlist"', async () => {
    renderTab('ana', ana);
    expect(await screen.findByRole('tab', { name: 'Playlists', selected: true })).toBeTruthy();
    const grid = await screen.findByRole('list', { name: 'Playlists by Ana Lima' });
    expect(cardTitles(grid)).toEqual(['Sketches', 'Late night drives']);
    expect(within(grid).getByText('Private')).toBeTruthy();
    expect(within(grid).getByRole('link', { name: 'Late night drives' }).getAttribute('href')).toBe('/playlists/7a000000-0000-4000-8000-000000000001');
    await userEvent.click(screen.getByRole('button', { name: 'New playlist' }));
    expect(await screen.findByRole('dialog', { name: 'New playlist' })).toBeTruthy();
  });

  it('shows others the public ones only, and pages with "Load more"', async () => {
    resetMockDb({ signedInAs: 'marc.dubois' });
    playlistsMock.many('ana', 30);
    renderScreen(<ProfilePage />, { path: '/u/:username/playlists', url: '/u/ana/playlists', session: marc });
    const grid = await screen.findByRole('list', { name: 'Playlists by Ana Lima' });
    expect(cardTitles(grid)).toHaveLength(24);
    expect(cardTitles(grid)).not.toContain('Sketches');
    expect(screen.queryByRole('button', { name: 'New playlist' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('heading', { level: 3, name: 'Mix number 30' })).toBeTruthy();
    expect(cardTitles(grid)).toHaveLength(31);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('says when there are none', async () => {
    server.use(playlistStates.noPlaylists());
    renderTab('lea_m', lea);
    expect(await screen.findByRole('heading', { level: 3, name: 'No playlists yet' })).toBeTruthy();
    expect(screen.getByText('Gather tracks into playlists: make one here, or from any track’s “Add to playlist…”.'.replace('’', "'"))).toBeTruthy();
  });

  it("locks a private profile's playlists", async () => {
    renderTab('ines', marc);
    expect(await screen.findByRole('heading', { level: 3, name: 'This account is private' })).toBeTruthy();
    expect(screen.getByText('Follow @ines to see their playlists, reposts and likes.')).toBeTruthy();
  });
});
