import { useEffect, useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { PlayerBar } from './player-bar.tsx';

const labels = { play: 'Play', pause: 'Pause', seek: 'Seek', player: 'Player', loading: 'Loading', timeText: (c: string, t: string) => `${c} of ${t}` };

const meta = {
  title: 'Player/PlayerBar',
  component: PlayerBar,
  args: {
    title: 'Night Drive',
    artistName: 'Lumen',
    trackHref: '/tracks/t1',
    artistHref: '/lumen',
    isPlaying: false,
    currentTime: 65,
    duration: 200,
    onPlayPause: fn(),
    onSeek: fn(),
    labels,
  },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof PlayerBar>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Paused: Story = {};
export const Playing: Story = { args: { isPlaying: true } };
export const Buffering: Story = { args: { isPlaying: true, buffering: true } };
export const LoadingMetadata: Story = { args: { currentTime: 0, duration: Number.NaN, buffering: true } };
export const LongTitles: Story = {
  args: { title: 'Paper Boats (Extended Mix with a Very Long Title)', artistName: 'Élodie Martin & The Harbour Collective', duration: 3725, currentTime: 1800 },
};
export const French: Story = {
  args: { labels: { play: 'Lire', pause: 'Pause', seek: 'Position', player: 'Lecteur', timeText: (c, t) => `${c} sur ${t}` } },
};

function SimulatedPlayer() {
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  useEffect(() => {
    if (!playing) return undefined;
    const timer = setInterval(() => setTime((t) => (t + 1) % 200), 1000);
    return () => clearInterval(timer);
  }, [playing]);
  return (
    <PlayerBar
      title="Night Drive"
      artistName="Lumen"
      isPlaying={playing}
      currentTime={time}
      duration={200}
      onPlayPause={() => setPlaying((p) => !p)}
      onSeek={setTime}
      labels={labels}
    />
  );
}
export const Interactive: Story = { render: () => <SimulatedPlayer /> };
