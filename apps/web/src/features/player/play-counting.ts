import type { QueryClient } from '@tanstack/react-query';
import type { TrpcClient } from '../../trpc.ts';
import { usePlayer } from '../../stores/player.ts';
import { patchTrack } from '../tracks/track-cache.ts';
import { PlayCounter } from './play-counter.ts';

/**
 * Counts the player's plays (PlayCounter over the player store): tracks.playStart as each play begins,
 * tracks.playCount once enough of it was heard; a counted play updates the track's count wherever it shows.
 * Returns the function that stops it.
 */
export function startPlayCounting(client: TrpcClient, queryClient: QueryClient): () => void {
  const counter = new PlayCounter({
    start: (id) => client.tracks.playStart.mutate({ id }),
    count: async (ticket) => {
      const result = await client.tracks.playCount.mutate({ ticket });
      patchTrack(queryClient, result.id, { playCount: result.playCount });
    },
  });
  return usePlayer.subscribe((s) => counter.update({ playId: s.playId, trackId: s.track?.id ?? null, isPlaying: s.isPlaying, currentTime: s.currentTime }));
}
