import { useId, type ReactNode } from 'react';
import { VisibilityBadge, type TrackVisibility } from './badge.tsx';
import { CoverArt } from './cover-art.tsx';
import { cx } from './cx.ts';
import { formatDuration } from './format.ts';
import { HeartIcon, PauseIcon, PlayIcon } from './icons.tsx';
import { Link, type LinkComponentType } from './link.tsx';

export interface TrackCardData {
  id: string;
  title: string;
  artistName: string;
  username: string;
  durationMs: number | null;
  likeCount: number;
  /** ISO 8601 date-time. */
  createdAt: string;
  /** Cover image; the generated placeholder (from the id) shows without it. */
  coverUrl?: string | null;
  /** Private and unlisted tracks carry a badge saying so (with `visibilityLabel`). */
  visibility?: TrackVisibility;
  /** Counted plays, shown with `playsLabel`. */
  playCount?: number;
}

export interface TrackCardProps {
  track: TrackCardData;
  href: string;
  artistHref?: string;
  /** 'a' by default; pass react-router's Link (it receives both `href` and `to`). */
  LinkComponent?: LinkComponentType;
  /** Without it the artwork shows no play button. */
  onPlay?: () => void;
  isPlaying?: boolean;
  playLabel: string;
  pauseLabel: string;
  likesLabel: (count: number) => string;
  /** "1.2K plays": the words around `shown` (the count as written, compact on screen, in full for screen readers). */
  playsLabel?: (count: number, shown: string) => string;
  /** The badge's words for a private or unlisted track ("Private"); without it no badge shows. */
  visibilityLabel?: (visibility: Exclude<TrackVisibility, 'public'>) => string;
  /** BCP 47 locale for the date and numbers; the runtime default otherwise. */
  locale?: string;
  /** Extra controls at the end of the card (e.g. a queue menu). */
  actions?: ReactNode;
  /** A picture under the meta line (the track's MiniWaveform). */
  waveform?: ReactNode;
  className?: string;
}

function formatDate(iso: string, locale: string | undefined): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

export function TrackCard({
  track,
  href,
  artistHref,
  LinkComponent = 'a',
  onPlay,
  isPlaying = false,
  playLabel,
  pauseLabel,
  likesLabel,
  playsLabel,
  visibilityLabel,
  locale,
  actions,
  waveform,
  className,
}: TrackCardProps) {
  const titleId = useId();
  const visibility = track.visibility ?? 'public';
  const likes = new Intl.NumberFormat(locale, { notation: 'compact' }).format(track.likeCount);
  const plays = track.playCount;
  return (
    <article className={cx('vz-track', isPlaying && 'vz-track--playing', actions !== undefined && 'vz-track--with-actions', className)} aria-labelledby={titleId}>
      <CoverArt seed={track.id} src={track.coverUrl} className="vz-track__art">
        {onPlay && (
          <button
            type="button"
            className="vz-play-button"
            aria-label={isPlaying ? pauseLabel : playLabel}
            aria-describedby={titleId}
            onClick={onPlay}
          >
            {isPlaying ? <PauseIcon /> : <PlayIcon />}
          </button>
        )}
      </CoverArt>
      <div className="vz-track__body">
        <h3 className="vz-track__title">
          <Link as={LinkComponent} id={titleId} href={href} className="vz-track__link">{track.title}</Link>
        </h3>
        <p className="vz-track__artist">
          {artistHref ? (
            <Link as={LinkComponent} href={artistHref} className="vz-track__artist-link">{track.artistName}</Link>
          ) : (
            track.artistName
          )}
        </p>
        <p className="vz-track__meta">
          {visibility !== 'public' && visibilityLabel && <VisibilityBadge visibility={visibility} label={visibilityLabel(visibility)} />}
          <span className="vz-track__duration">{formatDuration(track.durationMs)}</span>
          <span className="vz-track__likes">
            <HeartIcon filled />
            <span aria-hidden="true">{likes}</span>
            <span className="vz-sr-only">{likesLabel(track.likeCount)}</span>
          </span>
          {plays !== undefined && playsLabel && (
            <span className="vz-track__plays">
              <span aria-hidden="true">{playsLabel(plays, new Intl.NumberFormat(locale, { notation: 'compact' }).format(plays))}</span>
              <span className="vz-sr-only">{playsLabel(plays, new Intl.NumberFormat(locale).format(plays))}</span>
            </span>
          )}
          <time className="vz-track__date" dateTime={track.createdAt}>{formatDate(track.createdAt, locale)}</time>
        </p>
        {waveform}
      </div>
      {actions !== undefined && <div className="vz-track__actions">{actions}</div>}
    </article>
  );
}
