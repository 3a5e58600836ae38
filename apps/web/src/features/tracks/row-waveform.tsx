import type { TrackDto } from '@veza/api';
import { MiniWaveform } from '@veza/ui';
import { usePlayer } from '../../stores/player.ts';

/**
 * A list row's waveform (the track's 64-bar summary), showing how far the player is when it plays this track. Only the
 * playing row re-renders as the position moves: the others' selector stays at 0.
 */
export function RowWaveform({ track }: { track: Pick<TrackDto, 'id' | 'peaks'> }) {
  const progress = usePlayer((s) => (s.track?.id === track.id && s.duration > 0 ? s.currentTime / s.duration : 0));
  if (!track.peaks || track.peaks.length === 0) return null;
  return <MiniWaveform peaks={track.peaks} progress={progress} />;
}
