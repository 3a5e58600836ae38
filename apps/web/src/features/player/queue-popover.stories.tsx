import type { Meta, StoryObj } from '@storybook/react-vite';
import { fixtures } from '@veza/mocks';
import { useEffect } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import { usePlayerSettings } from '../../stores/player-settings.ts';
import { appendAutoplay, emptyQueue, fromList, useQueue } from '../../stores/queue.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { toPlayerTrack } from '../tracks/track-model.ts';
import { usePlayerUi } from './player-ui.ts';
import { QueuePopover } from './queue-popover.tsx';

/** The queue popover on its own, opened, over a queue of `queued` tracks and `related` ones autoplay added. */
function OpenQueue({ queued, related, autoplay }: { queued: number; related: number; autoplay: boolean }) {
  useEffect(() => {
    const tracks = [fixtures.tracks[0]!, fixtures.tracks[1]!, fixtures.tracks[3]!, fixtures.tracks[5]!].map(toPlayerTrack);
    usePlayerSettings.setState({ autoplay });
    useQueue.getState().update(() => appendAutoplay(fromList(emptyQueue, tracks.slice(0, queued), queued - 1), tracks.slice(queued, queued + related)));
    usePlayerUi.setState({ queueOpen: true });
    return () => {
      usePlayerUi.setState({ queueOpen: false });
      usePlayerSettings.setState({ autoplay: true });
    };
  }, [queued, related, autoplay]);
  return (
    <div style={{ position: 'relative', minHeight: '34rem' }}>
      <div style={{ position: 'absolute', insetInline: 0, bottom: 0 }}>
        <QueuePopover id="story-queue" />
      </div>
    </div>
  );
}

const meta = {
  title: 'Player/Queue popover',
  component: OpenQueue,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { layout: 'fullscreen', screen: { path: '/', url: '/' } satisfies ScreenParameters, msw: mocks() },
  args: { queued: 2, related: 2, autoplay: true },
} satisfies Meta<typeof OpenQueue>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The queue ended; autoplay went on with related tracks, listed under "Up next — autoplay". */
export const UpNextAutoplay: Story = {
  play: async ({ canvasElement }) => {
    const page = within(canvasElement.ownerDocument.body);
    await expect(await page.findByRole('heading', { name: 'Up next — autoplay' })).toBeVisible();
    await expect(page.getByRole('switch', { name: 'Autoplay' })).toBeChecked();
  },
};
/** Autoplay switched off from the popover: the related tracks still to come go, the queue ends with the listener's. */
export const SwitchOff: Story = {
  play: async ({ canvasElement }) => {
    const page = within(canvasElement.ownerDocument.body);
    await userEvent.click(await page.findByRole('switch', { name: 'Autoplay' }));
    await expect(page.getByRole('switch', { name: 'Autoplay' })).not.toBeChecked();
    await expect(page.queryByRole('heading', { name: 'Up next — autoplay' })).toBeNull();
  },
};
/** Autoplay off, nothing related queued. */
export const AutoplayOff: Story = { args: { queued: 3, related: 0, autoplay: false } };
/** On a phone: a bottom sheet, the autoplay switch under the queue. */
export const OnPhone: Story = { globals: { viewport: { value: 'mobile2', isRotated: false } } };
export const French: Story = { parameters: { screen: { path: '/', url: '/', language: 'fr' } satisfies ScreenParameters } };
