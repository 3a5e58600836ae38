import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { PlayerDock } from '../../components/player-dock.tsx';
import { HomePage } from '../../pages/home/home.page.tsx';
import { usePlayerSettings } from '../../stores/player-settings.ts';
import { usePlayer } from '../../stores/player.ts';
import { useQueue } from '../../stores/queue.ts';
import { renderScreen } from '../../test/render.tsx';
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
