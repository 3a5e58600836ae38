import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PlayerBar, type PlayerBarProps } from './player-bar.tsx';

const labels = { play: 'Play', pause: 'Pause', seek: 'Seek', player: 'Player', timeText: (c: string, t: string) => `${c} of ${t}` };

function setup(overrides: Partial<PlayerBarProps> = {}) {
  const props: PlayerBarProps = {
    title: 'Night Drive',
    artistName: 'Lumen',
    isPlaying: false,
    currentTime: 65,
    duration: 200,
    onPlayPause: vi.fn(),
    onSeek: vi.fn(),
    labels,
    ...overrides,
  };
  render(<PlayerBar {...props} />);
  return props;
}

describe('PlayerBar', () => {
  it('calls onSeek with the slider value in seconds', () => {
    const props = setup();
    const slider = screen.getByRole('slider', { name: 'Seek' });
    expect(slider.getAttribute('aria-valuetext')).toBe('1:05 of 3:20');
    fireEvent.change(slider, { target: { value: '120' } });
    expect(props.onSeek).toHaveBeenCalledWith(120);
  });

  it('is a named region whose button toggles playback', () => {
    const props = setup({ isPlaying: true });
    expect(screen.getByRole('region', { name: 'Player' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(props.onPlayPause).toHaveBeenCalledTimes(1);
  });

  it('disables seeking while the duration is unknown', () => {
    setup({ duration: Number.NaN, currentTime: 0 });
    expect((screen.getByRole('slider') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText('0:00', { selector: '.vz-player__time:last-child' })).toBeTruthy();
  });

  it('offers previous/next, shuffle, repeat, volume, mute and the queue when given their handlers', () => {
    const more = {
      onPrevious: vi.fn(),
      onNext: vi.fn(),
      onShuffleChange: vi.fn(),
      onRepeatClick: vi.fn(),
      onVolumeChange: vi.fn(),
      onMutedChange: vi.fn(),
      onQueueToggle: vi.fn(),
      volume: 0.5,
      repeat: 'all' as const,
      queuePanelId: 'queue',
      labels: { ...labels, previous: 'Previous track', next: 'Next track', shuffle: 'Shuffle', repeat: (m: string) => `Repeat: ${m}`, volume: 'Volume', mute: 'Mute', unmute: 'Unmute', queue: 'Queue' },
    };
    setup(more);
    fireEvent.click(screen.getByRole('button', { name: 'Previous track' }));
    fireEvent.click(screen.getByRole('button', { name: 'Next track' }));
    fireEvent.click(screen.getByRole('button', { name: 'Shuffle' }));
    fireEvent.click(screen.getByRole('button', { name: 'Repeat: all' }));
    fireEvent.click(screen.getByRole('button', { name: 'Mute' }));
    fireEvent.change(screen.getByRole('slider', { name: 'Volume' }), { target: { value: '20' } });
    const queue = screen.getByRole('button', { name: 'Queue' });
    expect(queue.getAttribute('aria-expanded')).toBe('false');
    expect(queue.getAttribute('aria-controls')).toBe('queue');
    fireEvent.click(queue);
    expect(more.onPrevious).toHaveBeenCalledTimes(1);
    expect(more.onNext).toHaveBeenCalledTimes(1);
    expect(more.onShuffleChange).toHaveBeenCalledWith(true);
    expect(more.onRepeatClick).toHaveBeenCalledTimes(1);
    expect(more.onMutedChange).toHaveBeenCalledWith(true);
    expect(more.onVolumeChange).toHaveBeenCalledWith(0.2);
    expect(more.onQueueToggle).toHaveBeenCalledTimes(1);
  });

  it('shows a custom seek bar instead of the range input', () => {
    setup({ seekBar: <div role="slider" aria-label="Seek" aria-valuenow={3} tabIndex={0} data-custom="yes" /> });
    expect(screen.getByRole('slider', { name: 'Seek' }).getAttribute('data-custom')).toBe('yes');
  });
});

describe('PlayerBar: what is playing', () => {
  it('shows the cover thumbnail before the title and the track actions after the artist', () => {
    setup({
      art: <img alt="" src="data:," data-testid="art" />,
      trackActions: <button type="button">Like</button>,
      trackHref: '/tracks/t1',
    });
    const title = screen.getByRole('link', { name: 'Night Drive' });
    const art = screen.getByTestId('art');
    const like = screen.getByRole('button', { name: 'Like' });
    // Document order: art, title, like (all inside the region of what is playing).
    expect(art.compareDocumentPosition(title) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(title.compareDocumentPosition(like) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(art.closest('.vz-player__meta')).toBe(like.closest('.vz-player__meta'));
  });

  it('renders no thumbnail box without art', () => {
    const { container } = render(
      <PlayerBar title="Night Drive" artistName="Lumen" isPlaying={false} currentTime={0} duration={10} onPlayPause={vi.fn()} onSeek={vi.fn()} labels={labels} />,
    );
    expect(container.querySelector('.vz-player__art')).toBeNull();
  });
});
