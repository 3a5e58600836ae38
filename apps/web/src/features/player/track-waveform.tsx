import type { TrackDto } from '@veza/api';
import { Waveform } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { usePlayer } from '../../stores/player.ts';
import { toPlayerTrack } from '../tracks/track-model.ts';

/**
 * The track page's seek bar: the waveform of `track`, following the player when it is the current track.
 * Seeking on another track starts it at that position.
 */
export function TrackWaveform({ track }: { track: TrackDto }) {
  const { t } = useTranslation();
  const isCurrent = usePlayer((s) => s.track?.id === track.id);
  const currentTime = usePlayer((s) => (s.track?.id === track.id ? s.currentTime : 0));
  const playerDuration = usePlayer((s) => (s.track?.id === track.id ? s.duration : 0));
  const duration = playerDuration > 0 ? playerDuration : (track.durationMs ?? 0) / 1000;

  const onSeek = (seconds: number) => {
    const player = usePlayer.getState();
    if (isCurrent) player.seek(seconds);
    else player.play(toPlayerTrack(track), seconds);
  };

  return (
    <Waveform
      className="vw-track__waveform"
      peaks={track.waveform}
      currentTime={currentTime}
      duration={duration}
      onSeek={onSeek}
      bars={200}
      label={t('player.seek')}
      valueText={(current, total) => t('player.timeText', { current, total })}
    />
  );
}
