import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PlaybackEngine } from '../features/player/engine.ts';
import { useMediaSession } from '../features/player/use-media-session.ts';
import { usePlayCounting } from '../features/player/use-play-counting.ts';
import { usePlayerShortcuts } from '../features/player/use-player-shortcuts.ts';
import { toPlayerTrack } from '../features/tracks/track-model.ts';
import { usePlayerSettings } from '../stores/player-settings.ts';
import { usePlayer } from '../stores/player.ts';
import { pushToast } from '../stores/toasts.ts';
import { trpc } from '../trpc.ts';

/** How many related tracks autoplay adds at a time. */
const AUTOPLAY_BATCH = 10;

/**
 * Owns the app's two <audio> elements (the audible one carries data-testid="audio-player") and the playback
 * engine over them. Mounted once in the shell, it survives navigation; the player store drives the engine and
 * the engine reports media events back to the store.
 */
export function PlayerHost() {
  const a = useRef<HTMLAudioElement>(null);
  const b = useRef<HTMLAudioElement>(null);
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const failed = usePlayer((s) => s.failed);

  useEffect(() => {
    if (!a.current || !b.current) return;
    const player = usePlayer.getState();
    const engine = new PlaybackEngine([a.current, b.current], {
      report: (patch) => usePlayer.getState().report(patch),
      upcoming: () => usePlayer.getState().upcoming(),
      advanced: (track) => usePlayer.getState().advanced(track),
      finished: () => usePlayer.getState().finished(),
      refresh: async (track) => {
        try {
          const fresh = toPlayerTrack(await utils.tracks.byId.fetch({ id: track.id }, { staleTime: 0 }));
          usePlayer.getState().refreshTrack(fresh);
          return fresh;
        } catch {
          return null;
        }
      },
    });
    const settings = usePlayerSettings.getState();
    engine.configure(settings);
    const unsubscribe = usePlayerSettings.subscribe((s) => engine.configure(s));
    // Browsers allow an AudioContext to start only from a user gesture: build the graph on the first one.
    const unlock = () => engine.unlock();
    window.addEventListener('pointerdown', unlock, { capture: true });
    window.addEventListener('keydown', unlock, { capture: true });
    player.attach(engine);
    // Up next: the related tracks autoplay continues with when the queue ends.
    player.setRelatedSource(async (trackId, excludeIds) =>
      (await utils.client.tracks.related.query({ trackId, excludeIds, limit: AUTOPLAY_BATCH })).map(toPlayerTrack),
    );
    return () => {
      usePlayer.getState().setRelatedSource(null);
      window.removeEventListener('pointerdown', unlock, { capture: true });
      window.removeEventListener('keydown', unlock, { capture: true });
      unsubscribe();
      usePlayer.getState().attach(null);
      engine.destroy();
    };
  }, [utils]);

  useEffect(() => {
    if (failed) pushToast({ id: 'playback-error', title: t('player.playbackError'), tone: 'error' });
  }, [failed, t]);

  useMediaSession();
  usePlayerShortcuts();
  usePlayCounting();

  return (
    <>
      <audio ref={a} preload="metadata" hidden />
      <audio ref={b} preload="none" hidden />
    </>
  );
}
