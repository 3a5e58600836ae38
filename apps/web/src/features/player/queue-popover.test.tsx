import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fixtures } from '@veza/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usePlayerSettings } from '../../stores/player-settings.ts';
import { appendAutoplay, emptyQueue, fromList, useQueue } from '../../stores/queue.ts';
import { toPlayerTrack } from '../tracks/track-model.ts';
import { usePlayerUi } from './player-ui.ts';
import { QUEUE_SHEET_MEDIA, QueuePopover } from './queue-popover.tsx';

/** Pretends the window is a phone (or not) for the queue's media query. */
function windowIsPhone(phone: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: query === QUEUE_SHEET_MEDIA && phone, media: query, addEventListener() {}, removeEventListener() {} }));
}

describe('queue panel', () => {
  let showModal: ReturnType<typeof vi.spyOn>;
  let show: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    useQueue.getState().update(() => fromList(emptyQueue, fixtures.tracks.slice(0, 2).map(toPlayerTrack), 0));
    // The engine's dialogs have no top layer: record which kind of opening was asked for, and open.
    showModal = vi.spyOn(HTMLDialogElement.prototype, 'showModal').mockImplementation(function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    });
    show = vi.spyOn(HTMLDialogElement.prototype, 'show').mockImplementation(function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    usePlayerUi.setState({ queueOpen: false });
  });

  it('is a modal bottom sheet on phones, which its close button closes', async () => {
    windowIsPhone(true);
    const user = userEvent.setup();
    render(<QueuePopover id="queue" />);
    expect(screen.queryByRole('dialog', { name: 'Queue' })).toBeNull();

    usePlayerUi.getState().setQueueOpen(true);
    const sheet = await screen.findByRole('dialog', { name: 'Queue' });
    expect(showModal).toHaveBeenCalledTimes(1);
    expect(show).not.toHaveBeenCalled();
    expect(within(sheet).getAllByRole('listitem')).toHaveLength(2);

    await user.click(within(sheet).getByRole('button', { name: 'Close' }));
    expect(usePlayerUi.getState().queueOpen).toBe(false);
    expect(screen.queryByRole('dialog', { name: 'Queue' })).toBeNull();
  });

  it('closes from a tap on the backdrop (outside the panel) and from Escape', async () => {
    windowIsPhone(true);
    const user = userEvent.setup();
    render(<QueuePopover id="queue" />);
    usePlayerUi.getState().setQueueOpen(true);
    const sheet = await screen.findByRole('dialog', { name: 'Queue' });
    await user.click(within(sheet).getByRole('heading', { name: 'Queue' }));
    expect(usePlayerUi.getState().queueOpen).toBe(true);
    await user.click(sheet);
    expect(usePlayerUi.getState().queueOpen).toBe(false);

    usePlayerUi.getState().setQueueOpen(true);
    await screen.findByRole('dialog', { name: 'Queue' });
    await user.keyboard('{Escape}');
    expect(usePlayerUi.getState().queueOpen).toBe(false);
  });

  it('is a non-modal panel above the bar on wide screens: the page stays usable', async () => {
    windowIsPhone(false);
    render(<QueuePopover id="queue" />);
    usePlayerUi.getState().setQueueOpen(true);
    await screen.findByRole('dialog', { name: 'Queue' });
    expect(show).toHaveBeenCalledTimes(1);
    expect(showModal).not.toHaveBeenCalled();
  });

  it('shows the related tracks autoplay added as "Up next — autoplay", and switches autoplay off', async () => {
    windowIsPhone(false);
    const user = userEvent.setup();
    const [a, b, c] = fixtures.tracks.map(toPlayerTrack);
    useQueue.getState().update(() => appendAutoplay(fromList(emptyQueue, [a!], 0), [b!, c!]));
    render(<QueuePopover id="queue" />);
    usePlayerUi.getState().setQueueOpen(true);
    const dialog = await screen.findByRole('dialog', { name: 'Queue' });
    const upNext = within(dialog).getByRole('list', { name: 'Related tracks autoplay will play' });
    expect(within(dialog).getByRole('heading', { name: 'Up next — autoplay' })).toBeTruthy();
    expect(within(upNext).getAllByRole('listitem').map((li) => li.querySelector('.vz-queue__name')?.textContent)).toEqual([b!.title, c!.title]);

    await user.click(within(upNext).getByRole('button', { name: `Remove ${c!.title} from autoplay` }));
    expect(useQueue.getState().entries.map((e) => e.track.id)).toEqual([a!.id, b!.id]);

    const toggle = within(dialog).getByRole('switch', { name: 'Autoplay' });
    expect(toggle).toHaveProperty('checked', true);
    await user.click(toggle);
    expect(usePlayerSettings.getState().autoplay).toBe(false);
    expect(useQueue.getState().entries.map((e) => e.track.id)).toEqual([a!.id]);
    expect(within(dialog).queryByRole('heading', { name: 'Up next — autoplay' })).toBeNull();
    usePlayerSettings.setState({ autoplay: true });
  });
});
