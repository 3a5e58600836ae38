import type { TrackCardData } from './track-card.tsx';

// Sample data for stories only; not exported from the package.
export const sampleTracks: TrackCardData[] = [
  { id: 't1', title: 'Night Drive', artistName: 'Lumen', username: 'lumen', durationMs: 215_000, likeCount: 128, createdAt: '2026-10-02T18:30:00Z' },
  { id: 't2', title: 'Paper Boats (Extended Mix with a Very Long Title)', artistName: 'Élodie Martin & The Harbour Collective', username: 'elodie', durationMs: 3_725_000, likeCount: 12_400, createdAt: '2026-09-14T09:00:00Z' },
  { id: 't3', title: 'Processing…', artistName: 'Kid Static', username: 'kidstatic', durationMs: null, likeCount: 0, createdAt: '2026-11-20T21:12:00Z' },
];

export const labels = {
  play: 'Play',
  pause: 'Pause',
  likes: (count: number) => (count === 1 ? '1 like' : `${count} likes`),
};

/** Deterministic peaks shaped like a song: quiet intro, verses, a loud drop, an outro. */
export const demoPeaks = Array.from({ length: 1800 }, (_, i) => {
  const t = i / 1800;
  const envelope = t < 0.08 ? t / 0.08 : t > 0.92 ? (1 - t) / 0.08 : t > 0.55 && t < 0.75 ? 1 : 0.7;
  const wobble = 0.55 + 0.45 * Math.abs(Math.sin(i * 0.37) * Math.cos(i * 0.053));
  return Math.min(1, envelope * wobble);
});
