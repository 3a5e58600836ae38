import { useEffect, useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { CoverArt } from './cover-art.tsx';
import { LikeButton } from './like-button.tsx';
import { PlayerBar, type PlayerRepeat } from './player-bar.tsx';
import { QualityMenu } from './quality-menu.tsx';
import { demoPeaks } from './story-fixtures.ts';
import { Waveform } from './waveform.tsx';

const labels = {
  play: 'Play',
  pause: 'Pause',
  seek: 'Seek',
  player: 'Player',
  loading: 'Loading',
  timeText: (c: string, t: string) => `${c} of ${t}`,
  previous: 'Previous track',
  next: 'Next track',
  shuffle: 'Shuffle',
  repeat: (mode: PlayerRepeat) => `Repeat: ${mode}`,
  volume: 'Volume',
  mute: 'Mute',
  unmute: 'Unmute',
  queue: 'Queue',
};
const qualityLabels = { quality: 'Quality', auto: (k: number | null) => (k ? `Auto (${k} kbps)` : 'Auto'), kbps: (k: number) => `${k} kbps`, original: 'Original' };
const full = {
  onPrevious: fn(),
  onNext: fn(),
  onShuffleChange: fn(),
  onRepeatClick: fn(),
  onVolumeChange: fn(),
  onMutedChange: fn(),
  onQueueToggle: fn(),
  volume: 0.8,
  extra: <QualityMenu levels={[128, 256, 320]} value="auto" currentKbps={256} onChange={fn()} labels={qualityLabels} />,
};

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
export const FullControls: Story = { args: { ...full, isPlaying: true } };
export const ShuffleRepeatOneMuted: Story = { args: { ...full, shuffle: true, repeat: 'one', muted: true, queueOpen: true } };
export const LastInQueue: Story = { args: { ...full, hasNext: false } };
export const WithWaveform: Story = {
  args: {
    ...full,
    isPlaying: true,
    seekBar: <Waveform compact bars={120} peaks={demoPeaks} currentTime={65} duration={200} onSeek={fn()} label="Seek" />,
  },
};
const coverDataUrl = `data:image/svg+xml;charset=utf-8,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#3a7be0"/><circle cx="5" cy="5" r="3" fill="#f2c14e"/></svg>')}`;
const coverAndLike = (liked: boolean, cover: string | null) => ({
  art: <CoverArt seed="t1" src={cover} />,
  trackActions: <LikeButton liked={liked} count={liked ? 43 : 42} onToggle={fn()} likeLabel="Like" unlikeLabel="Unlike" size="sm" />,
});
/** The cover thumbnail and the like button beside what is playing; the generated placeholder without a cover. */
export const WithCoverAndLike: Story = { args: { ...full, isPlaying: true, ...coverAndLike(false, coverDataUrl) } };
export const WithPlaceholderArtLiked: Story = { args: { ...full, isPlaying: true, ...coverAndLike(true, null) } };
export const WithCoverAndLikeNarrow: Story = {
  args: { ...full, isPlaying: true, title: 'Paper Boats (Extended Mix with a Very Long Title)', ...coverAndLike(true, null) },
  globals: { viewport: { value: 'mobile1', isRotated: false } },
};
/** At 375 px the secondary controls (shuffle, repeat, volume slider) collapse and the timeline takes its own row. */
export const Narrow: Story = {
  args: { ...full, isPlaying: true },
  globals: { viewport: { value: 'mobile1', isRotated: false } },
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
