import type { TrackDto } from '@veza/api';
import { TrackCard, TrackList } from '@veza/ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePreloadPlayerDock } from '../../components/lazy-player-dock.ts';
import { localeOf } from '../../i18n.ts';
import { usePlayer } from '../../stores/player.ts';
import { PlayContextLink, PlayContextProvider, useListKey } from '../player/play-context.tsx';
import { TrackQueueMenu } from '../player/track-queue-menu.tsx';
import { RepostControl } from '../social/repost-control.tsx';
import { ShareMenu } from '../share/share-menu.tsx';
import { RowWaveform } from './row-waveform.tsx';
import { profileHref, toCardData, toPlayerTrack, trackHref } from './track-model.ts';

interface TrackFeedProps {
  tracks: TrackDto[];
  label: string;
  /** A line above a card saying why it is in the list ("Reposted by Ana Lima"); nothing when it returns null. */
  contextOf?: (track: TrackDto, index: number) => ReactNode;
}

/**
 * A list of track cards whose play buttons play the list as the queue, from the clicked track. A track page
 * opened from a card gets the list as its play context, so its play button queues the list too. Each card shows
 * its play count, its waveform (the played part as it plays), and Repost (someone else's public tracks) beside its queue menu.
 */
export function TrackFeed({ tracks, label, contextOf }: TrackFeedProps) {
  const { t, i18n } = useTranslation();
  const playingId = usePlayer((s) => (s.isPlaying ? s.track?.id : undefined));
  const playList = usePlayer((s) => s.playList);
  const locale = localeOf(i18n.resolvedLanguage ?? 'en');
  const contextKey = useListKey();
  usePreloadPlayerDock();

  return (
    <PlayContextProvider contextKey={contextKey} tracks={tracks}>
      <TrackList label={label}>
        {tracks.map((track, index) => {
          const card = (
            <TrackCard
              key={track.id}
              track={toCardData(track)}
              href={trackHref(track.id)}
              artistHref={profileHref(track.owner.username)}
              LinkComponent={PlayContextLink}
              onPlay={() => playList(tracks.map(toPlayerTrack), index)}
              actions={
                <>
                  <RepostControl track={track} size="sm" />
                  <ShareMenu track={track} />
                  <TrackQueueMenu track={track} />
                </>
              }
              waveform={<RowWaveform track={track} />}
              isPlaying={playingId === track.id}
              playLabel={t('player.playTrack', { title: track.title })}
              pauseLabel={t('player.pauseTrack', { title: track.title })}
              likesLabel={(count) => t('common.likes', { count })}
              playsLabel={(count, shown) => t('plays.count', { count, formatted: shown })}
              visibilityLabel={(visibility) => t(`track.badges.${visibility}`)}
              locale={locale}
            />
          );
          const context = contextOf?.(track, index);
          return context ? (
            <div key={track.id} className="vw-feed-item">
              {context}
              {card}
            </div>
          ) : (
            card
          );
        })}
      </TrackList>
    </PlayContextProvider>
  );
}
