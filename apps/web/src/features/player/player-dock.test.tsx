import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fixtures, resetMockDb } from '@veza/mocks';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { PlayerDock } from '../../components/player-dock.tsx';
import { HomePage } from '../../pages/home/home.page.tsx';
import { TrackPage } from '../../pages/track/track.page.tsx';
import { usePlayerSettings } from '../../stores/player-settings.ts';
import { usePlayer } from '../../stores/player.ts';
import { useQueue } from '../../stores/queue.ts';
import { textOf } from '../../test/dom.ts';
import { lea, renderScreen } from '../../test/render.tsx';
import { usePlayerUi } from './player-ui.ts';

const renderHomeWithDock = () =>
  renderScreen(
    <>
      <HomePage />
      <PlayerDock />
    </>,
  );

const queueTitles = () => useQueue.getState().entries.map((e) => e.track.title);

describe('player dock and queue', () => {
  afterEach(() => {
    usePlayerSettings.setState({ volume: 1, muted: false, quality: 'auto', normalize: true, crossfade: 0 });
    usePlayerUi.setState({ queueOpen: false, helpOpen: false });
  });

  it('plays the list from the clicked card, then next/previous move through it', async () => {
    const user = userEvent.setup();
    renderHomeWithDock();
    await user.click(await screen.findByRole('button', { name: 'Play “Tape Hiss Lullaby”' }));
    const titles = queueTitles();
    expect(titles.length).toBeGreaterThan(2);
    expect(titles[useQueue.getState().index]).toBe('Tape Hiss Lullaby');

    const player = screen.getByRole('region', { name: 'Player' });
    await user.click(within(player).getByRole('button', { name: 'Next track' }));
    expect(usePlayer.getState().track?.title).toBe(titles[useQueue.getState().index]);
    expect(useQueue.getState().entries[useQueue.getState().index - 1]?.track.title).toBe('Tape Hiss Lullaby');
    await user.click(within(player).getByRole('button', { name: 'Previous track' }));
    expect(usePlayer.getState().track?.title).toBe('Tape Hiss Lullaby');
  });

  it('queues a track to play next from its card menu, and shows it in the queue panel', async () => {
    const user = userEvent.setup();
    renderHomeWithDock();
    await user.click(await screen.findByRole('button', { name: 'Play “Morning Static”' }));
    await user.click(screen.getByRole('button', { name: 'More actions for “Night Drive”' }));
    await user.click(screen.getByRole('menuitem', { name: 'Play next' }));
    expect(queueTitles().slice(0, 2)).toEqual(['Morning Static', 'Night Drive']);

    await user.click(screen.getByRole('button', { name: 'Queue' }));
    const panel = screen.getByRole('region', { name: 'Queue' });
    await user.click(within(panel).getAllByRole('button', { name: 'Jump to “Night Drive” in the queue' })[0]!);
    expect(usePlayer.getState().track?.title).toBe('Night Drive');
  });

  it('toggles shuffle and cycles repeat, and remembers volume and quality choices', async () => {
    const user = userEvent.setup();
    renderHomeWithDock();
    await user.click(await screen.findByRole('button', { name: 'Play “Morning Static”' }));
    const player = screen.getByRole('region', { name: 'Player' });
    await user.click(within(player).getByRole('button', { name: 'Shuffle' }));
    expect(useQueue.getState().shuffle).toBe(true);
    expect(queueTitles()[0]).toBe('Morning Static');
    await user.click(within(player).getByRole('button', { name: 'Repeat: off' }));
    expect(useQueue.getState().repeat).toBe('all');
    await user.click(within(player).getByRole('button', { name: 'Mute' }));
    expect(usePlayerSettings.getState().muted).toBe(true);
    expect(JSON.parse(localStorage.getItem('veza.player') ?? '{}')).toMatchObject({ state: { muted: true } });
    const quality = within(player).getByRole('combobox', { name: 'Quality' }) as HTMLSelectElement;
    expect(quality.disabled).toBe(true);
  });
});

/** The home list and the track page as routes, with the dock, as in the app shell. */
const renderAppRoutes = (url: string) =>
  renderScreen(
    <>
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/tracks/:id" element={<TrackPage />} />
      </Routes>
      <PlayerDock />
    </>,
    { path: '/*', url },
  );

const trackTitled = (title: string) => fixtures.tracks.find((t) => t.title === title)!;

describe('playing from a track page', () => {
  it("queues the artist's other tracks around the played one, so Next works", async () => {
    const user = userEvent.setup();
    const lumiere = trackTitled('Lumière froide'); // by marc, who has three public tracks
    renderAppRoutes(`/tracks/${lumiere.id}`);
    await user.click(await screen.findByRole('button', { name: 'Play “Lumière froide”' }));

    // marc's list, newest first, as on his profile.
    await waitFor(() => expect(queueTitles()).toEqual(['Le dernier métro', 'Lumière froide', 'Rue des Martyrs']));
    expect(useQueue.getState().index).toBe(1);
    expect(usePlayer.getState()).toMatchObject({ isPlaying: true, track: { id: lumiere.id } });

    const player = screen.getByRole('region', { name: 'Player' });
    await user.click(within(player).getByRole('button', { name: 'Next track' }));
    expect(usePlayer.getState().track?.title).toBe('Rue des Martyrs');
    await user.click(within(player).getByRole('button', { name: 'Previous track' }));
    expect(usePlayer.getState().track?.title).toBe('Lumière froide');
  });

  it('queues the list the track page was opened from, at the track’s position', async () => {
    const user = userEvent.setup();
    renderAppRoutes('/');
    const list = await screen.findByRole('list', { name: /./ });
    const homeTitles = within(list).getAllByRole('heading').map((h) => h.textContent ?? '');
    expect(homeTitles.length).toBeGreaterThan(3);
    const chosen = 'Lumière froide';
    expect(homeTitles.indexOf(chosen)).toBeGreaterThan(0);
    await user.click(within(list).getByRole('link', { name: chosen }));

    await user.click(await screen.findByRole('button', { name: `Play “${chosen}”` }));
    expect(queueTitles()).toEqual(homeTitles.filter((title) => title !== 'Tape Hiss Lullaby')); // a failed upload has nothing to play
    expect(queueTitles()[useQueue.getState().index]).toBe(chosen);
    const player = screen.getByRole('region', { name: 'Player' });
    expect((within(player).getByRole('button', { name: 'Next track' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('seeking on the waveform of a track that is not playing also starts it in its context', async () => {
    const user = userEvent.setup();
    const metro = trackTitled('Le dernier métro');
    renderAppRoutes(`/tracks/${metro.id}`);
    await screen.findByRole('button', { name: 'Play “Le dernier métro”' });
    // At once, possibly before the artist's list has arrived: the list is then queued around the playing track.
    screen.getByRole('slider', { name: 'Seek' }).focus();
    await user.keyboard('{ArrowRight}');
    expect(usePlayer.getState()).toMatchObject({ isPlaying: true, currentTime: 5, track: { id: metro.id } });
    await waitFor(() => expect(queueTitles()).toHaveLength(3));
    expect(queueTitles()[useQueue.getState().index]).toBe('Le dernier métro');
  });
});

describe('the dock’s cover and like button', () => {
  it('shows the cover, and a like in the dock shows on the track page too (one query cache)', async () => {
    const user = userEvent.setup();
    resetMockDb({ signedInAs: lea.username });
    const rue = trackTitled('Rue des Martyrs'); // has a cover, 17 likes
    renderScreen(
      <>
        <Routes>
          <Route path="/tracks/:id" element={<TrackPage />} />
        </Routes>
        <PlayerDock />
      </>,
      { path: '/*', url: `/tracks/${rue.id}`, session: lea },
    );
    await user.click(await screen.findByRole('button', { name: 'Play “Rue des Martyrs”' }));
    const player = screen.getByRole('region', { name: 'Player' });
    expect(player.querySelector('.vz-player__art img')?.getAttribute('src')).toBe(rue.coverUrl);

    const dockLike = await within(player).findByRole('button', { name: /^Like/ });
    const main = screen.getByRole('article');
    const pageLike = within(main).getByRole('button', { name: /^Like/ });
    expect(textOf(dockLike)).toContain('17');
    await user.click(dockLike);
    await waitFor(() => expect(pageLike.getAttribute('aria-pressed')).toBe('true'));
    expect(textOf(pageLike)).toContain('18');
    expect(dockLike.getAttribute('aria-pressed')).toBe('true');

    // And back from the page: the dock follows.
    await user.click(pageLike);
    await waitFor(() => expect(dockLike.getAttribute('aria-pressed')).toBe('false'));
    expect(textOf(dockLike)).toContain('17');
  });

  it('shows placeholder art for a track without a cover', async () => {
    const user = userEvent.setup();
    renderHomeWithDock();
    await user.click(await screen.findByRole('button', { name: 'Play “Le dernier métro”' })); // no cover
    const player = screen.getByRole('region', { name: 'Player' });
    const art = player.querySelector('.vz-player__art [data-placeholder-art]');
    expect(art).not.toBeNull();
    expect(art?.getAttribute('aria-hidden')).toBe('true');
    expect(player.querySelector('.vz-player__art img')).toBeNull();
  });
});
