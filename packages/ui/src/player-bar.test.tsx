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
});
