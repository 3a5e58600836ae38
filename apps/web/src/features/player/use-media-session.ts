import { useEffect } from 'react';
import { usePlayer } from '../../stores/player.ts';

export const MEDIA_SEEK_STEP_S = 10;

const session = () => (typeof navigator !== 'undefined' && 'mediaSession' in navigator ? navigator.mediaSession : null);

/** Lock screen / headset controls: metadata, play state, actions and the position. */
export function useMediaSession() {
  const track = usePlayer((s) => s.track);
  const isPlaying = usePlayer((s) => s.isPlaying);
  const duration = usePlayer((s) => s.duration);
  const second = usePlayer((s) => Math.floor(s.currentTime));

  useEffect(() => {
    const ms = session();
    if (!ms) return;
    if (!track) {
      ms.metadata = null;
      return;
    }
    const artwork = track.coverUrl ? [{ src: new URL(track.coverUrl, window.location.href).href }] : [];
    try {
      ms.metadata = new MediaMetadata({ title: track.title, artist: track.artistName, artwork });
    } catch {
      // MediaMetadata missing (old browsers, test DOMs).
    }
  }, [track]);

  useEffect(() => {
    const ms = session();
    if (ms) ms.playbackState = track ? (isPlaying ? 'playing' : 'paused') : 'none';
  }, [track, isPlaying]);

  useEffect(() => {
    const ms = session();
    if (!ms) return;
    const player = () => usePlayer.getState();
    const handlers: [MediaSessionAction, MediaSessionActionHandler][] = [
      ['play', () => {
        const { track, play } = player();
        if (track) play(track);
      }],
      ['pause', () => player().pause()],
      ['previoustrack', () => player().previous()],
      ['nexttrack', () => player().next()],
      ['seekbackward', (d) => player().seekBy(-(d.seekOffset ?? MEDIA_SEEK_STEP_S))],
      ['seekforward', (d) => player().seekBy(d.seekOffset ?? MEDIA_SEEK_STEP_S)],
      ['seekto', (d) => {
        if (d.seekTime !== undefined) player().seek(d.seekTime);
      }],
    ];
    for (const [action, handler] of handlers) {
      try {
        ms.setActionHandler(action, handler);
      } catch {
        // Unsupported action in this browser.
      }
    }
    return () => {
      for (const [action] of handlers) {
        try {
          ms.setActionHandler(action, null);
        } catch {
          // Unsupported action.
        }
      }
    };
  }, []);

  useEffect(() => {
    const ms = session();
    if (!ms?.setPositionState || !track || !(duration > 0)) return;
    try {
      ms.setPositionState({ duration, position: Math.min(second, duration), playbackRate: 1 });
    } catch {
      // Position outside the duration while metadata catches up.
    }
  }, [track, duration, second]);
}
