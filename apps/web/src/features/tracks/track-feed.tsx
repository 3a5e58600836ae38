import type { TrackDto } from '@veza/api';
import { TrackCard, TrackList } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { usePreloadPlayerDock } from '../../components/lazy-player-dock.ts';
import { localeOf } from '../../i18n.ts';
import { usePlayer } from '../../stores/player.ts';
import { PlayContextLink, PlayContextProvider, useListKey } from '../player/play-context.tsx';
import { TrackQueueMenu } from '../player/track-queue-menu.tsx';
import { profileHref, toCardData, toPlayerTrack, trackHref } from './track-model.ts';

interface TrackFeedProps {
  tracks: TrackDto[];
  label: string;
}

/**
 * A list of track cards whose play buttons play the list as the queue, from the clicked track. A track page
 * opened from a card gets the list as its play context, so its play button queues the list too.
 */
export function TrackFeed({ tracks, label }: TrackFeedProps) {
  const { t, i18n } = useTranslation();
  const playingId = usePlayer((s) => (s.isPlaying ? s.track?.id : undefined));
  const playList = usePlayer((s) => s.playList);
  const locale = localeOf(i18n.resolvedLanguage ?? 'en');
  const contextKey = useListKey();
  usePreloadPlayerDock();

  return (
    <PlayContextProvider contextKey={contextKey} tracks={tracks}>
      <TrackList label={label}>
        {tracks.map((track, index) => (
          <TrackCard
            key={track.id}
            track={toCardData(track)}
            href={trackHref(track.id)}
            artistHref={profileHref(track.owner.username)}
            LinkComponent={PlayContextLink}
            onPlay={() => playList(tracks.map(toPlayerTrack), index)}
            actions={<TrackQueueMenu track={track} />}
            isPlaying={playingId === track.id}
            playLabel={t('player.playTrack', { title: track.title })}
            pauseLabel={t('player.pauseTrack', { title: track.title })}
            likesLabel={(count) => t('common.likes', { count })}
            visibilityLabel={(visibility) => t(`track.badges.${visibility}`)}
            locale={locale}
          />
        ))}
      </TrackList>
    </PlayContextProvider>
  );
}
