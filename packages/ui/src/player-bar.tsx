import type { ChangeEvent, CSSProperties } from 'react';
import { cx } from './cx.ts';
import { formatClock } from './format.ts';
import { PauseIcon, PlayIcon } from './icons.tsx';
import { Link, type LinkComponentType } from './link.tsx';

export interface PlayerBarLabels {
  play: string;
  pause: string;
  /** Accessible name of the seek slider. */
  seek: string;
  /** Names the player region. */
  player: string;
  /** Announced while buffering ("Loading"). */
  loading?: string;
  /** Builds the slider's aria-valuetext from "1:05" and "3:20"; default "1:05 / 3:20". Pass e.g. `(c, t) => `${c} of ${t}``. */
  timeText?: (current: string, total: string) => string;
}

export interface PlayerBarProps {
  title: string;
  artistName: string;
  trackHref?: string;
  artistHref?: string;
  LinkComponent?: LinkComponentType;
  isPlaying: boolean;
  /** Seconds. */
  currentTime: number;
  /** Seconds; 0 or NaN while the media is loading (the slider is then disabled). */
  duration: number;
  buffering?: boolean;
  onPlayPause: () => void;
  onSeek: (seconds: number) => void;
  labels: PlayerBarLabels;
  className?: string;
}

const defaultTimeText = (current: string, total: string) => `${current} / ${total}`;

/** The persistent bottom player: play/pause, what is playing and a keyboard-operable seek slider. */
export function PlayerBar({
  title,
  artistName,
  trackHref,
  artistHref,
  LinkComponent = 'a',
  isPlaying,
  currentTime,
  duration,
  buffering = false,
  onPlayPause,
  onSeek,
  labels,
  className,
}: PlayerBarProps) {
  const seekable = Number.isFinite(duration) && duration > 0;
  const max = seekable ? Math.floor(duration) : 0;
  const position = Number.isFinite(currentTime) ? Math.min(Math.max(0, Math.floor(currentTime)), max) : 0;
  const current = formatClock(position);
  const total = formatClock(seekable ? duration : 0);
  const timeText = labels.timeText ?? defaultTimeText;
  const progress: CSSProperties = { ['--vz-range-progress' as string]: `${max ? (position / max) * 100 : 0}%` };

  const onChange = (event: ChangeEvent<HTMLInputElement>) => onSeek(Number(event.currentTarget.value));

  return (
    <section className={cx('vz-player', className)} aria-label={labels.player} aria-busy={buffering || undefined}>
      <button
        type="button"
        className={cx('vz-play-button', 'vz-player__toggle', buffering && 'vz-play-button--buffering')}
        aria-label={isPlaying ? labels.pause : labels.play}
        onClick={onPlayPause}
      >
        {isPlaying ? <PauseIcon /> : <PlayIcon />}
      </button>
      {/* Kept mounted so the text change is announced. */}
      <span className="vz-sr-only" role="status">{buffering ? labels.loading : undefined}</span>
      <div className="vz-player__meta">
        <p className="vz-player__title">
          {trackHref ? <Link as={LinkComponent} href={trackHref}>{title}</Link> : title}
        </p>
        <p className="vz-player__artist">
          {artistHref ? <Link as={LinkComponent} href={artistHref}>{artistName}</Link> : artistName}
        </p>
      </div>
      <div className="vz-player__timeline">
        <span className="vz-player__time" aria-hidden="true">{current}</span>
        <input
          type="range"
          className="vz-range"
          style={progress}
          min={0}
          max={max}
          step={1}
          value={position}
          disabled={!seekable}
          aria-label={labels.seek}
          aria-valuetext={timeText(current, total)}
          onChange={onChange}
        />
        <span className="vz-player__time" aria-hidden="true">{total}</span>
      </div>
    </section>
  );
}
