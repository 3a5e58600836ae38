import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aTrack, states, trpcMsw } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { describe, expect, it } from 'vitest';
import { usePlayer } from '../../stores/player.ts';
import { textOf } from '../../test/dom.ts';
import { renderScreen } from '../../test/render.tsx';
import { HomePage } from './home.page.tsx';

const renderHome = () => renderScreen(<HomePage />);

describe('HomePage', () => {
  it('shows a skeleton, then the latest public tracks newest first', async () => {
    renderHome();
    expect(textOf(screen.getByRole('status'))).toBe('Loading tracks…');

    const list = await screen.findByRole('list', { name: 'Latest tracks' });
    const titles = within(list).getAllByRole('heading', { level: 3 }).map(textOf);
    expect(titles[0]).toBe('Morning Static');
    expect(titles).toContain('Night Drive');
    expect(titles).not.toContain('Demo — unfinished'); // private
  });

  it('shows the empty state with a way to upload', async () => {
    server.use(states.emptyTracks());
    renderHome();
    expect(await screen.findByText('No tracks yet — be the first to upload')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Share your first track' }).getAttribute('href')).toBe('/upload');
  });

  it('shows the error state and recovers on retry', async () => {
    server.use(states.error('tracks.list', 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side. Please try again.'));
    renderHome();
    const alert = await screen.findByRole('alert');
    expect(textOf(alert)).toContain("We couldn't load the tracks");

    server.resetHandlers();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Latest tracks' })).toBeTruthy();
  });

  it('loads the next page with "Load more"', async () => {
    const page1 = [aTrack({ id: '00000000-0000-4000-8000-000000000001', title: 'First page' })];
    const page2 = [aTrack({ id: '00000000-0000-4000-8000-000000000002', title: 'Second page' })];
    server.use(trpcMsw.tracks.list.query(({ input }) => (input?.cursor === 'p2' ? { items: page2, nextCursor: null } : { items: page1, nextCursor: 'p2' })));
    renderHome();

    await screen.findByText('First page');
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Second page')).toBeTruthy();
    expect(screen.getByText('First page')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('plays a track from its card in the persistent player', async () => {
    renderHome();
    await userEvent.click(await screen.findByRole('button', { name: 'Play “Night Drive”' }));
    expect(usePlayer.getState()).toMatchObject({ isPlaying: true, track: { title: 'Night Drive', artistName: 'Ana Lima' } });
    expect(screen.getByRole('button', { name: 'Pause “Night Drive”' })).toBeTruthy();
  });
});
