import { usePlayer, type PlayerTrack } from '../../stores/player.ts';
import type { SyncPlayer } from './sync.ts';

/**
 * The app's persistent player as SessionSync drives it: the store says what plays, the engine behind PlayerHost's
 * <audio> plays it. While a session runs, the store's own transport goes to the session (PlayerRemote), so the session
 * moves the engine directly, keeping the store's state in step as the store itself would.
 */
export const storePlayer: SyncPlayer<PlayerTrack> = {
  read: () => {
    const s = usePlayer.getState();
    return { trackId: s.track?.id ?? null, seconds: s.engine?.position?.() ?? s.currentTime, playing: s.isPlaying, buffering: s.buffering };
  },
  load: (track, seconds, play) => {
    const s = usePlayer.getState();
    // A new play, as when the store starts a track itself (the play counter asks for a ticket per playId).
    usePlayer.setState({ playId: s.playId + 1, track, currentTime: seconds, duration: (track.durationMs ?? 0) / 1000, buffering: play, failed: false, isPlaying: play, levels: [], currentKbps: null });
    s.engine?.load(track, { autoplay: play, startAt: seconds });
  },
  play: () => {
    usePlayer.setState({ isPlaying: true, failed: false });
    usePlayer.getState().engine?.play();
  },
  pause: () => {
    usePlayer.setState({ isPlaying: false });
    usePlayer.getState().engine?.pause();
  },
  seek: (seconds) => {
    usePlayer.setState({ currentTime: seconds });
    usePlayer.getState().engine?.seek(seconds);
  },
};
