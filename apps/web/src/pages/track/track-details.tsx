import type { TrackDto } from '@veza/api';
import { Button, formatDuration, VisibilityBadge } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePreloadPlayerDock } from '../../components/lazy-player-dock.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { useTrackPagePlay } from '../../features/player/play-context.tsx';
import { MessageButton } from '../../features/chat/message-button.tsx';
import { CommentThread } from '../../features/comments/comment-thread.tsx';
import { UserPresenceDot } from '../../features/presence/presence-dot.tsx';
import { TrackQueueMenu } from '../../features/player/track-queue-menu.tsx';
import { TrackWaveform } from '../../features/player/track-waveform.tsx';
import { RepostControl } from '../../features/social/repost-control.tsx';
import { ShareMenu } from '../../features/share/share-menu.tsx';
import { ListenTogetherButton } from '../../features/listen/listen-together.tsx';
import { LikeControl } from '../../features/tracks/like-control.tsx';
import { TrackPlaysFact } from '../../features/tracks/play-count.tsx';
import { displayNameOf, profileHref } from '../../features/tracks/track-model.ts';
import { localeOf } from '../../i18n.ts';
import { useIsPlaying } from '../../stores/player.ts';
import { useSession } from '../../stores/session.ts';
import { TrackMoreActions } from './track-more-actions.tsx';
import { TrackEditForm } from './track-edit-form.tsx';
import { TrackCover, TrackExtras, TrackFileDetails, TrackMetadataFacts } from './track-metadata.tsx';

/**
 * A loaded track: the big play button, like, the facts a listener cares about, and for the owner the tools (Edit, the
 * "…" menu with Delete) and the file details (format, loudness) that only the owner sees; then the timed comments.
 */
export function TrackDetails({ track }: { track: TrackDto }) {
  usePreloadPlayerDock();
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.resolvedLanguage ?? 'en');
  const isOwner = useSession((s) => s.user?.id === track.owner.id);
  const signedIn = useSession((s) => s.user !== null);
  const playing = useIsPlaying(track.id);
  // Queues the list the page was opened from, or the artist's tracks, so Next works.
  const play = useTrackPagePlay(track);
  const [editing, setEditing] = useState(false);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(track.createdAt));

  return (
    <article className="vw-track">
      <div className="vw-track__hero">
        <TrackCover track={track} />
        <Button
          className="vw-track__play"
          onClick={() => play()}
          aria-label={playing ? t('player.pauseTrack', { title: track.title }) : t('player.playTrack', { title: track.title })}
          data-testid="track-play"
        >
          <span aria-hidden="true" className="vw-track__play-icon">{playing ? '❚❚' : '▶'}</span>
          <span className="vw-track__play-text">{playing ? t('player.pause') : t('player.play')}</span>
        </Button>
        <div className="vw-track__heading">
          <PageHeading title={track.title} />
          <div className="vw-track__artist-row">
            <p className="vw-track__artist">
              {t('track.by')} <Link to={profileHref(track.owner.username)}>{displayNameOf(track.owner)}</Link>
              {signedIn && !isOwner && <UserPresenceDot userId={track.owner.id} />}
            </p>
            <MessageButton username={track.owner.username} name={displayNameOf(track.owner)} />
          </div>
          {track.visibility !== 'public' && (
            <p className="vw-track__badges">
              <VisibilityBadge visibility={track.visibility} label={t(`track.badges.${track.visibility}`)} />
            </p>
          )}
        </div>
      </div>

      <TrackWaveform track={track} />

      <div className="vw-track__actions">
        <LikeControl track={track} />
        <RepostControl track={track} />
        <ShareMenu track={track} />
        <ListenTogetherButton track={track} />
        {isOwner ? (
          <>
            {!editing && <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
            <TrackMoreActions track={track} />
          </>
        ) : (
          <TrackQueueMenu track={track} />
        )}
      </div>

      {editing ? (
        <TrackEditForm track={track} onDone={() => setEditing(false)} />
      ) : (
        <p className={track.description ? 'vw-track__description' : 'vw-muted'}>{track.description ?? t('track.noDescription')}</p>
      )}

      <dl className="vw-facts">
        <div><dt>{t('track.duration')}</dt><dd>{formatDuration(track.durationMs)}</dd></div>
        <div><dt>{t('track.uploaded')}</dt><dd><time dateTime={track.createdAt}>{date}</time></dd></div>
        <TrackPlaysFact track={track} />
        <TrackMetadataFacts track={track} />
      </dl>

      <TrackExtras track={track} />

      {isOwner && <TrackFileDetails track={track} />}

      <CommentThread track={track} />
    </article>
  );
}
