import type { TrackDto } from '@veza/api';
import { usePlayer } from '../../stores/player.ts';
import { useTrackPagePlay } from '../player/play-context.tsx';

/**
 * Plays `track` from a comment's moment: the loaded track seeks there and plays on; another track (or none) gives way
 * to this one, started at that moment in its play context, as the track page's play button does.
 */
export function usePlayFromMoment(track: TrackDto) {
  const play = useTrackPagePlay(track);
  return (atMs: number) => {
    const player = usePlayer.getState();
    if (player.track?.id === track.id) player.play(player.track, atMs / 1000);
    else play(atMs / 1000);
  };
}

/** Where the listener is in `track`, in whole milliseconds: the player's position when it is the loaded track, else 0. */
export const usePlayerMoment = (trackId: string) => usePlayer((s) => (s.track?.id === trackId ? Math.floor(s.currentTime) * 1000 : 0));
