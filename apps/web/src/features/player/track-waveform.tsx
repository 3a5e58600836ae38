import type { TrackDto } from '@veza/api';
import { Waveform } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { usePlayer } from '../../stores/player.ts';
import { WaveformComments } from '../comments/waveform-comments.tsx';
import { useTrackPagePlay } from './play-context.tsx';

interface SeekWaveformProps {
  peaks: number[] | null;
  currentTime: number;
  duration: number;
  onSeek: (seconds: number) => void;
}

/** A track's waveform as the seek bar of a page (the track page, a shared link's page), with its words. */
export function SeekWaveform({ peaks, currentTime, duration, onSeek }: SeekWaveformProps) {
  const { t } = useTranslation();
  return (
    <Waveform
      className="vw-track__waveform"
      peaks={peaks}
      currentTime={currentTime}
      duration={duration}
      onSeek={onSeek}
      bars={200}
      label={t('player.seek')}
      valueText={(current, total) => t('player.timeText', { current, total })}
    />
  );
}

/**
 * The track page's seek bar: the waveform of `track`, following the player when it is the current track.
 * Seeking on another track starts it at that position, queued in its context as the play button does.
 * Under the bars, the avatars of the comments at their moments (WaveformComments), which seek the same way.
 */
export function TrackWaveform({ track }: { track: TrackDto }) {
  const currentTime = usePlayer((s) => (s.track?.id === track.id ? s.currentTime : 0));
  const playerDuration = usePlayer((s) => (s.track?.id === track.id ? s.duration : 0));
  const duration = playerDuration > 0 ? playerDuration : (track.durationMs ?? 0) / 1000;

  const play = useTrackPagePlay(track);

  return (
    <div className="vw-track__wave">
      <SeekWaveform peaks={track.waveform} currentTime={currentTime} duration={duration} onSeek={play} />
      <WaveformComments trackId={track.id} duration={duration} onSeek={play} />
    </div>
  );
}
