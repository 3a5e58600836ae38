import type { TrackDto } from '@veza/api';
import { useEffect } from 'react';
import { usePlayer } from '../../stores/player.ts';
import { trpc } from '../../trpc.ts';
import { toPlayerTrack } from '../tracks/track-model.ts';

/**
 * The current track's detail (`tracks.byId`): its waveform, and its HLS stream once published. While the track
 * is still processing it follows `tracks.onStatus` and refetches when a rendition appears; the fresh copy goes
 * into the queue, and the player switches to the stream at the next play, never mid-play.
 */
export function useCurrentTrackDetail(): TrackDto | null {
  const id = usePlayer((s) => s.track?.id ?? null);
  const refreshTrack = usePlayer((s) => s.refreshTrack);
  const utils = trpc.useUtils();
  const detail = trpc.tracks.byId.useQuery({ id: id ?? '' }, { enabled: id !== null, staleTime: 60_000, retry: false });
  const fresh = detail.data && detail.data.id === id ? detail.data : null;
  const unfinished = fresh?.status === 'queued' || fresh?.status === 'processing';
  const renditions = fresh?.hls?.renditions.length ?? 0;

  trpc.tracks.onStatus.useSubscription(
    { id: id ?? '' },
    {
      enabled: id !== null && unfinished,
      onData: ({ data }) => {
        if (data.renditions.length !== renditions || data.status !== fresh?.status) void utils.tracks.byId.invalidate({ id: data.id });
      },
    },
  );

  useEffect(() => {
    if (fresh) refreshTrack(toPlayerTrack(fresh));
  }, [fresh, refreshTrack]);

  return fresh;
}
