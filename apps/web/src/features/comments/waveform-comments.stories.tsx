import type { Meta, StoryObj } from '@storybook/react-vite';
import { commentsMock, fixtures } from '@veza/mocks';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { usePlayer } from '../../stores/player.ts';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { TrackWaveform } from '../player/track-waveform.tsx';
import { toPlayerTrack } from '../tracks/track-model.ts';

const NIGHT_DRIVE = fixtures.tracks[0]!; // comments at 0:12, 1:02, 1:35 and 2:30
const screen: ScreenParameters = { path: '/tracks/:id', url: `/tracks/${NIGHT_DRIVE.id}`, session: storyUsers.lea };
const markers = (canvasElement: HTMLElement) => within(canvasElement).findByRole('toolbar', { name: /comments? along the track$/ });

const meta = {
  title: 'Features/Comments/Waveform markers',
  component: TrackWaveform,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    usePlayer.getState().stop();
    (parameters.setup as (() => void) | undefined)?.();
  },
  args: { track: NIGHT_DRIVE },
  parameters: { screen, msw: mocks() },
} satisfies Meta<typeof TrackWaveform>;
export default meta;
type Story = StoryObj<typeof meta>;

/** An avatar under the bars at each comment's moment; one Tab stop for all (arrows move between them). */
export const Markers: Story = {
  play: async ({ canvasElement }) => {
    const buttons = within(await markers(canvasElement)).getAllByRole('button');
    await expect(buttons).toHaveLength(4);
    await expect(buttons[0]).toHaveAttribute('tabindex', '0');
  },
};

/** Focused with the keyboard (or hovered): what was said, above the marker. */
export const Focused: Story = {
  play: async ({ canvasElement }) => {
    await markers(canvasElement);
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.keyboard('{ArrowRight}');
    await expect(within(canvasElement).getByTestId('wave-comment-bubble')).toHaveTextContent('That drop!');
  },
};

/** Playing past 0:12: Marc's comment pops up by its marker for a few seconds (no motion with reduced motion). */
export const PopsUpWhilePlaying: Story = {
  parameters: { setup: () => usePlayer.setState({ track: toPlayerTrack(NIGHT_DRIVE), currentTime: 11.6, duration: 201, isPlaying: true }) },
  play: async ({ canvasElement }) => {
    await markers(canvasElement);
    usePlayer.setState({ currentTime: 12.2 });
    await waitFor(() => expect(within(canvasElement).getByTestId('wave-comment-bubble')).toHaveTextContent('Love the tape hiss in the intro.'));
  },
};

/** Many comments crowd the track: markers overlap, each still reachable with the arrows. */
export const Crowded: Story = {
  parameters: { setup: () => commentsMock.many(NIGHT_DRIVE.id, 30) },
};

/** No comments: the waveform alone, as before. */
export const NoComments: Story = {
  parameters: { setup: () => commentsMock.clear(NIGHT_DRIVE.id) },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('slider', { name: 'Seek' });
    await expect(within(canvasElement).queryByRole('toolbar')).toBeNull();
  },
};
