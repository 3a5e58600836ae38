import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlayer } from '../stores/player.ts';
import { pushToast } from '../stores/toasts.ts';

/**
 * Owns the app's single <audio> element. Mounted once in the shell, it survives navigation; the
 * player store drives it and it reports media events back to the store.
 */
export function PlayerHost() {
  const ref = useRef<HTMLAudioElement>(null);
  const { t } = useTranslation();
  const attach = usePlayer((s) => s.attach);
  const report = usePlayer((s) => s.report);
  const failed = usePlayer((s) => s.failed);

  useEffect(() => {
    const audio = ref.current;
    if (!audio) return;
    attach(audio);
    // A track chosen before the element existed (e.g. restored state) starts loading now.
    const { track } = usePlayer.getState();
    if (track && !audio.src) audio.src = track.audioUrl;
    return () => attach(null);
  }, [attach]);

  useEffect(() => {
    if (failed) pushToast({ id: 'playback-error', title: t('player.playbackError'), tone: 'error' });
  }, [failed, t]);

  const duration = (audio: HTMLAudioElement) => (Number.isFinite(audio.duration) ? { duration: audio.duration } : {});

  return (
    <audio
      ref={ref}
      data-testid="audio-player"
      preload="metadata"
      hidden
      onPlay={() => report({ isPlaying: true })}
      onPlaying={() => report({ isPlaying: true, buffering: false })}
      onPause={() => report({ isPlaying: false })}
      onWaiting={() => report({ buffering: true })}
      onCanPlay={() => report({ buffering: false })}
      onTimeUpdate={(e) => report({ currentTime: e.currentTarget.currentTime })}
      onLoadedMetadata={(e) => report(duration(e.currentTarget))}
      onDurationChange={(e) => report(duration(e.currentTarget))}
      onEnded={() => report({ isPlaying: false, buffering: false })}
      onError={(e) => {
        if (e.currentTarget.getAttribute('src')) report({ isPlaying: false, buffering: false, failed: true });
      }}
    />
  );
}
