import { act, render, screen } from '@testing-library/react';
import { aTrack } from '@veza/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { usePlayer } from '../../stores/player.ts';
import { RowWaveform } from './row-waveform.tsx';
import { toPlayerTrack } from './track-model.ts';

const peaks = Array.from({ length: 64 }, (_, i) => (i % 8) / 8);
const clipWidth = () => screen.getByTestId('mini-waveform').querySelector('clipPath rect')?.getAttribute('width') ?? null;

describe('RowWaveform', () => {
  afterEach(() => usePlayer.setState({ track: null, currentTime: 0, duration: 0, isPlaying: false }));

  it('draws the summary, and the played part only for the track the player is on', () => {
    const track = aTrack({ id: '0b7d1c52-4a58-4d0e-9d2b-5d8f3c9a1e01', peaks });
    const other = aTrack({ id: '0b7d1c52-4a58-4d0e-9d2b-5d8f3c9a1e02', peaks });
    render(<RowWaveform track={track} />);
    expect(clipWidth()).toBeNull();
    act(() => usePlayer.setState({ track: toPlayerTrack(other), currentTime: 30, duration: 60, isPlaying: true }));
    expect(clipWidth()).toBeNull();
    act(() => usePlayer.setState({ track: toPlayerTrack(track), currentTime: 48, duration: 192, isPlaying: true }));
    // A quarter of 64 bars × 3 units.
    expect(clipWidth()).toBe('48');
  });

  it('draws nothing for a track not analysed yet', () => {
    const { container } = render(<RowWaveform track={aTrack({ peaks: null })} />);
    expect(container.innerHTML).toBe('');
  });
});
