import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { LinkLikeProps } from './link.tsx';
import { MiniWaveform } from './mini-waveform.tsx';
import { TrackCard, type TrackCardData } from './track-card.tsx';

const track: TrackCardData = {
  id: 't1', title: 'Night Drive', artistName: 'Lumen', username: 'lumen',
  durationMs: 65_000, likeCount: 3, createdAt: '2026-10-02T18:30:00Z',
};
const labels = { playLabel: 'Play', pauseLabel: 'Pause', likesLabel: (n: number) => `${n} likes` };

// Stands in for react-router's Link, which navigates with `to`.
function RouterLink({ to, children, className, id }: LinkLikeProps) {
  return <a data-to={to} className={className} id={id}>{children}</a>;
}

describe('TrackCard', () => {
  it('renders plain anchors without a stray `to` attribute by default', () => {
    render(<TrackCard track={track} href="/tracks/t1" artistHref="/lumen" {...labels} />);
    const title = screen.getByRole('link', { name: 'Night Drive' });
    expect(title.getAttribute('href')).toBe('/tracks/t1');
    expect(title.hasAttribute('to')).toBe(false);
    expect(screen.getByRole('link', { name: 'Lumen' }).getAttribute('href')).toBe('/lumen');
    expect(screen.getByText('1:05')).toBeTruthy();
    expect(screen.getByText('3 likes')).toBeTruthy();
  });

  it('passes `to` to a router link component and plays through a labelled button', () => {
    const onPlay = vi.fn();
    render(<TrackCard track={track} href="/tracks/t1" LinkComponent={RouterLink} onPlay={onPlay} isPlaying {...labels} />);
    expect(screen.getByText('Night Drive').getAttribute('data-to')).toBe('/tracks/t1');
    const button = screen.getByRole('button', { name: 'Pause' });
    fireEvent.click(button);
    expect(onPlay).toHaveBeenCalledTimes(1);
  });

  it('shows a cover image (decorative) when the track has one, generated placeholder art otherwise', () => {
    const { container, rerender } = render(<TrackCard track={track} href="/tracks/t1" {...labels} />);
    expect(container.querySelector('img')).toBeNull();
    const placeholder = container.querySelector<HTMLElement>('[data-placeholder-art]');
    expect(placeholder?.getAttribute('aria-hidden')).toBe('true');
    expect(placeholder?.style.backgroundImage).toContain('gradient');
    rerender(<TrackCard track={{ ...track, coverUrl: '/api/tracks/t1/cover?v=1' }} href="/tracks/t1" {...labels} />);
    const img = container.querySelector('img');
    expect(img?.getAttribute('src')).toBe('/api/tracks/t1/cover?v=1');
    expect(img?.getAttribute('alt')).toBe('');
    expect(container.querySelector('[data-placeholder-art]')).toBeNull();
  });

  it('says when a track is private or unlisted, and says nothing for a public one', () => {
    const visibilityLabel = (v: 'private' | 'unlisted') => (v === 'private' ? 'Private' : 'Unlisted');
    const { rerender } = render(<TrackCard track={{ ...track, visibility: 'public' }} href="/tracks/t1" visibilityLabel={visibilityLabel} {...labels} />);
    expect(screen.queryByText('Private')).toBeNull();
    expect(screen.queryByText('Unlisted')).toBeNull();
    rerender(<TrackCard track={{ ...track, visibility: 'private' }} href="/tracks/t1" visibilityLabel={visibilityLabel} {...labels} />);
    expect(screen.getByText('Private')).toBeTruthy();
    rerender(<TrackCard track={{ ...track, visibility: 'unlisted' }} href="/tracks/t1" visibilityLabel={visibilityLabel} {...labels} />);
    expect(screen.getByText('Unlisted')).toBeTruthy();
  });

  it('shows the play count compact on screen and in full for screen readers, only with its label', () => {
    const playsLabel = (n: number, shown: string) => `${shown} ${n === 1 ? 'play' : 'plays'}`;
    const { container, rerender } = render(<TrackCard track={{ ...track, playCount: 1234 }} href="/tracks/t1" locale="en" {...labels} />);
    expect(container.querySelector('.vz-track__plays')).toBeNull();
    rerender(<TrackCard track={{ ...track, playCount: 1234 }} href="/tracks/t1" locale="en" playsLabel={playsLabel} {...labels} />);
    const plays = container.querySelector('.vz-track__plays')!;
    expect(plays.querySelector('[aria-hidden="true"]')?.textContent).toBe('1.2K plays');
    expect(plays.querySelector('.vz-sr-only')?.textContent).toBe('1,234 plays');
    rerender(<TrackCard track={{ ...track, playCount: 1 }} href="/tracks/t1" locale="fr" playsLabel={(n, shown) => `${shown} écoute${n > 1 ? 's' : ''}`} {...labels} />);
    expect(plays.querySelector('.vz-sr-only')?.textContent).toBe('1 écoute');
  });

  it('draws the track\'s waveform under the meta line, decorative, with the played part clipped to the progress', () => {
    render(<TrackCard track={track} href="/tracks/t1" playLabel="Play" pauseLabel="Pause" likesLabel={(n) => `${n} likes`} waveform={<MiniWaveform peaks={[0.2, 1, 0.5, 0]} progress={0.5} />} />);
    const svg = screen.getByTestId('mini-waveform');
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    expect(svg.querySelectorAll('.vz-mini-wave__bars rect')).toHaveLength(4);
    // 4 bars of 3 units: half played is 6 units wide; the bars keep their loudness (the silent one a sliver).
    expect(svg.querySelector('clipPath rect')?.getAttribute('width')).toBe('6');
    expect([...svg.querySelectorAll('.vz-mini-wave__bars rect')].map((r) => Number(r.getAttribute('height')))).toEqual([4.8, 24, 12, 1.5]);
  });
});

