import type { Meta, StoryObj } from '@storybook/react-vite';
import { fixtures } from '@veza/mocks';
import type { EmbedTrackDto } from '@veza/api';
import { expect, within } from 'storybook/test';
import './embed.css';
import { EmbedPlayer } from './embed-player.tsx';
import { translator } from './embed-text.ts';

const NIGHT = fixtures.tracks.find((t) => t.title === 'Night Drive')!;
const RUE = fixtures.tracks.find((t) => t.title === 'Rue des Martyrs')!;
const embed = (t: typeof NIGHT): EmbedTrackDto => ({
  id: t.id,
  title: t.title,
  artistName: t.owner.displayName ?? t.owner.username,
  username: t.owner.username,
  durationMs: t.durationMs,
  coverUrl: t.coverUrl,
  waveform: t.waveform,
  hls: t.hls,
  audioUrl: t.audioUrl,
  pageUrl: `https://veza.example/tracks/${t.id}`,
});

/** The embed page's player as a site shows it, in a frame of the oEmbed sizes. */
function Framed({ width, height, ...props }: Parameters<typeof EmbedPlayer>[0] & { width: number; height: number }) {
  return (
    <div style={{ width, maxWidth: '100%', height }}>
      <EmbedPlayer {...props} />
    </div>
  );
}

const meta = {
  title: 'Embed/Player',
  component: Framed,
  args: { load: { kind: 'ready', track: embed(NIGHT) }, t: translator('en'), onRetry: () => undefined, width: 560, height: 180 },
} satisfies Meta<typeof Framed>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The standard size (560 × 180): cover, title and artist linking to Veza, Play, the waveform. */
export const Standard: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Play “Night Drive”' })).toBeVisible();
    await expect(within(canvasElement).getByRole('slider', { name: 'Seek' })).toBeVisible();
  },
};
/** The compact size (480 × 120). */
export const Compact: Story = { args: { width: 480, height: 120 } };
/** A track with a cover. */
export const WithCover: Story = { args: { load: { kind: 'ready', track: embed(RUE) } } };
/** No waveform known yet (still processing): a flat line. */
export const NoWaveform: Story = { args: { load: { kind: 'ready', track: { ...embed(NIGHT), waveform: null } } } };
/** A narrow frame (a phone's column). */
export const Narrow: Story = { args: { width: 340, height: 180 } };
export const French: Story = { args: { t: translator('fr') } };
export const Loading: Story = { args: { load: null } };
/** A private track without a live link, a deleted one, a revoked link. */
export const Unavailable: Story = {
  args: { load: { kind: 'unavailable' } },
  play: async ({ canvasElement }) => expect(within(canvasElement).getByRole('status')).toHaveTextContent('This track is not available.'),
};
export const LoadError: Story = { args: { load: { kind: 'error' } } };
