import { PlayerBar } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePlayer } from '../stores/player.ts';

/** The PlayerBar at the bottom of the shell, shown once a track has been loaded. */
export function PlayerDock() {
  const { t } = useTranslation();
  const track = usePlayer((s) => s.track);
  const isPlaying = usePlayer((s) => s.isPlaying);
  const currentTime = usePlayer((s) => s.currentTime);
  const duration = usePlayer((s) => s.duration);
  const buffering = usePlayer((s) => s.buffering);
  const toggle = usePlayer((s) => s.toggle);
  const seek = usePlayer((s) => s.seek);
  if (!track) return null;
  return (
    <PlayerBar
      title={track.title}
      artistName={track.artistName}
      trackHref={`/tracks/${track.id}`}
      artistHref={`/u/${track.username}`}
      LinkComponent={Link}
      isPlaying={isPlaying}
      currentTime={currentTime}
      duration={duration}
      buffering={buffering && isPlaying}
      onPlayPause={() => toggle()}
      onSeek={seek}
      labels={{ play: t('player.play'), pause: t('player.pause'), seek: t('player.seek'), player: t('player.player'), loading: t('player.loading') }}
    />
  );
}
