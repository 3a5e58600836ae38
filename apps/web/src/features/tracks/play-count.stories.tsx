import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { TrackPlaysFact } from './play-count.tsx';

/** The play count among a track's facts (the track page's `<dl className="vw-facts">`). */
const meta = {
  title: 'Tracks/Plays fact',
  component: TrackPlaysFact,
  decorators: [screenDecorator, (Story) => <dl className="vw-facts" style={{ maxWidth: 520, padding: 16 }}><Story /></dl>],
  args: { track: { playCount: 15_300 } },
} satisfies Meta<typeof TrackPlaysFact>;
export default meta;
type Story = StoryObj<typeof meta>;

/** "15k" on screen, 15,300 for screen readers and as the tooltip. */
export const Thousands: Story = {
  play: async ({ canvasElement }) => {
    const value = within(canvasElement).getByRole('definition');
    await expect(value).toHaveAttribute('title', '15,300');
  },
};
export const None: Story = { args: { track: { playCount: 0 } } };
export const Millions: Story = { args: { track: { playCount: 2_480_000 } } };
export const French: Story = { args: { track: { playCount: 1_234 } }, parameters: { screen: { language: 'fr' } satisfies ScreenParameters } };
