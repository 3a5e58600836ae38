import type { SharedTrackDto } from '@veza/api';
import { Button, CoverArt, EmptyState, ErrorState, formatDuration, LoadingState } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePreloadPlayerDock } from '../../components/lazy-player-dock.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { SeekWaveform } from '../../features/player/track-waveform.tsx';
import '../../features/share/share.css';
import { shareLinkProblem } from '../../features/share/share-refusals.ts';
import { displayNameOf, profileHref, toPlayerTrack, trackHref } from '../../features/tracks/track-model.ts';
import { localeOf } from '../../i18n.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useIsPlaying, usePlayer } from '../../stores/player.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';

/** The track a live link opens: cover, title, artist, the waveform to seek, Play; its media URLs carry the token. */
export function SharedTrack({ shared }: { shared: SharedTrackDto }) {
  usePreloadPlayerDock();
  const { t, i18n } = useTranslation();
  const { track } = shared;
  const playing = useIsPlaying(track.id);
  const currentTime = usePlayer((s) => (s.track?.id === track.id ? s.currentTime : 0));
  const playerDuration = usePlayer((s) => (s.track?.id === track.id ? s.duration : 0));
  const duration = playerDuration > 0 ? playerDuration : (track.durationMs ?? 0) / 1000;
  // The owner (or anyone who may see the track anyway) can go on to its page.
  const me = useSession((s) => s.user?.id);
  const artist = displayNameOf(track.owner);
  const play = (startAt?: number) => {
    const player = usePlayer.getState();
    if (startAt === undefined) player.toggle(toPlayerTrack(track));
    else player.play(toPlayerTrack(track), startAt);
  };
  const expires = shared.expiresAt ? new Intl.DateTimeFormat(localeOf(i18n.resolvedLanguage ?? 'en'), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(shared.expiresAt)) : null;

  return (
    <article className="vw-shared">
      <div className="vw-shared__hero">
        <CoverArt className="vw-track__cover" seed={track.id} src={track.coverUrl} alt={track.coverUrl ? t('track.coverAlt', { title: track.title }) : ''} />
        <div className="vw-shared__heading">
          <PageHeading title={track.title} />
          <p>
            {t('track.by')} <Link to={profileHref(track.owner.username)}>{artist}</Link> · {formatDuration(track.durationMs)}
          </p>
          <p className="vw-muted">{t('share.page.sharedBy', { name: artist })}</p>
          {expires && <p className="vw-muted">{t('share.page.expiresOn', { date: expires })}</p>}
        </div>
      </div>
      <Button className="vw-track__play" onClick={() => play()} aria-label={playing ? t('player.pauseTrack', { title: track.title }) : t('player.playTrack', { title: track.title })}>
        <span aria-hidden="true" className="vw-track__play-icon">{playing ? '❚❚' : '▶'}</span>
        <span className="vw-track__play-text">{playing ? t('share.page.pause') : t('share.page.play')}</span>
      </Button>
      <div className="vw-track__wave">
        <SeekWaveform peaks={track.waveform} currentTime={currentTime} duration={duration} onSeek={play} />
      </div>
      {track.description && <p className="vw-track__description">{track.description}</p>}
      {me === track.owner.id && <p><Link to={trackHref(track.id)}>{t('share.page.openTrack')}</Link></p>}
    </article>
  );
}

/** `/share/:token`: a private share link, opened by anyone holding it (signed in or not). */
export function SharePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const query = trpc.shares.track.useQuery({ token }, { retry: false, staleTime: 5 * 60_000 });

  if (query.isPending) return <LoadingState label={t('share.page.loading')} />;
  if (query.isError) {
    const problem = shareLinkProblem(query.error);
    if (problem === 'error') {
      return (
        <div className="vw-page">
          <PageHeading title={t('share.page.errorTitle')} className="vz-sr-only" />
          <ErrorState title={t('share.page.errorTitle')} message={errorMessage(query.error)} onRetry={() => void query.refetch()} retryLabel={t('share.page.retry')} />
        </div>
      );
    }
    return (
      <div className="vw-page">
        <PageHeading title={t(`share.page.${problem}Title`)} className="vz-sr-only" />
        <EmptyState
          titleAs="p"
          title={t(`share.page.${problem}Title`)}
          description={t(`share.page.${problem}Text`)}
          action={<Link className="vz-button vz-button--secondary" to="/">{t('share.page.home')}</Link>}
        />
      </div>
    );
  }
  return (
    <div className="vw-page">
      <SharedTrack shared={query.data} />
    </div>
  );
}
