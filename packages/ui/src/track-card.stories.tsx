import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { labels, sampleTracks } from './story-fixtures.ts';
import { MiniWaveform } from './mini-waveform.tsx';
import { TrackCard } from './track-card.tsx';

const [first, long, processing] = sampleTracks as [typeof sampleTracks[0], typeof sampleTracks[0], typeof sampleTracks[0]];

const meta = {
  title: 'Tracks/TrackCard',
  component: TrackCard,
  args: {
    track: first,
    href: '/tracks/t1',
    artistHref: '/lumen',
    onPlay: fn(),
    isPlaying: false,
    playLabel: labels.play,
    pauseLabel: labels.pause,
    likesLabel: labels.likes,
    locale: 'en',
  },
  decorators: [(Story) => <div style={{ maxWidth: 640 }}><Story /></div>],
} satisfies Meta<typeof TrackCard>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Playing: Story = { args: { isPlaying: true } };
export const LongText: Story = { args: { track: long, href: '/tracks/t2', artistHref: '/elodie' } };
export const UnknownDuration: Story = { args: { track: processing } };
/** With a cover image instead of the generated gradient. */
export const WithCover: Story = {
  args: {
    track: {
      ...first,
      coverUrl: `data:image/svg+xml;charset=utf-8,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#e0803a"/><circle cx="5" cy="5" r="3" fill="#2b1a40"/></svg>')}`,
    },
  },
};
/** No cover: placeholder art generated from the track id. */
export const NoCover: Story = { args: { track: { ...first, coverUrl: null } } };
export const Private: Story = {
  args: { track: { ...first, visibility: 'private' }, visibilityLabel: (v) => (v === 'private' ? 'Private' : 'Unlisted') },
};
export const Unlisted: Story = {
  args: { track: { ...first, visibility: 'unlisted' }, visibilityLabel: (v) => (v === 'private' ? 'Private' : 'Unlisted') },
};
export const NotPlayable: Story = { args: { onPlay: undefined } };
export const NoArtistLink: Story = { args: { artistHref: undefined } };
export const French: Story = {
  args: {
    track: { ...long, visibility: 'unlisted' },
    locale: 'fr',
    playLabel: 'Lire',
    pauseLabel: 'Pause',
    likesLabel: (count: number) => `${count} j’aime`,
    visibilityLabel: (v) => (v === 'private' ? 'Privé' : 'Non répertorié'),
  },
};
/** With its counted plays: "15K plays" on screen, "15,300 plays" for screen readers. */
export const WithPlays: Story = {
  args: { track: { ...first, playCount: 15_300 }, playsLabel: (count: number, shown: string) => `${shown} ${count === 1 ? 'play' : 'plays'}` },
};
export const WithPlaysFrench: Story = {
  args: { track: { ...first, playCount: 1_234 }, locale: 'fr', playsLabel: (count: number, shown: string) => `${shown} ${count > 1 ? 'écoutes' : 'écoute'}` },
};

const peaks = Array.from({ length: 64 }, (_, i) => Math.round((0.35 + 0.3 * Math.sin(i / 6) + 0.25 * Math.abs(Math.sin(i * 1.7))) * 100) / 100);
/** Lists show the track's loudness as a 64-bar picture; the played part takes the accent colour. */
export const WithWaveform: Story = { args: { waveform: <MiniWaveform peaks={peaks} /> } };
export const WithWaveformPlaying: Story = { args: { isPlaying: true, waveform: <MiniWaveform peaks={peaks} progress={0.4} /> } };
export const WithWaveformPhone: Story = {
  args: { waveform: <MiniWaveform peaks={peaks} progress={0.7} /> },
  decorators: [(Story) => <div style={{ width: 358 }}><Story /></div>],
};
