import type { ChangeEvent, CSSProperties, ReactNode } from 'react';
import { cx } from './cx.ts';
import { formatClock } from './format.ts';
import { NextIcon, PauseIcon, PlayIcon, PreviousIcon, QueueIcon, RepeatIcon, ShuffleIcon, VolumeIcon } from './icons.tsx';
import { Link, type LinkComponentType } from './link.tsx';

export type PlayerRepeat = 'off' | 'all' | 'one';

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
  previous?: string;
  next?: string;
  shuffle?: string;
  /** Names the repeat button for the mode it is in ("Repeat: off"). */
  repeat?: (mode: PlayerRepeat) => string;
  volume?: string;
  mute?: string;
  unmute?: string;
  queue?: string;
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
  /** The cover thumbnail shown before the title (e.g. a CoverArt). */
  art?: ReactNode;
  /** Controls about the playing track, after its title and artist (e.g. a like button). */
  trackActions?: ReactNode;
  /** Replaces the plain range slider (e.g. a compact Waveform). */
  seekBar?: ReactNode;
  onPrevious?: () => void;
  onNext?: () => void;
  hasNext?: boolean;
  shuffle?: boolean;
  onShuffleChange?: (on: boolean) => void;
  repeat?: PlayerRepeat;
  onRepeatClick?: () => void;
  /** 0..1; with onVolumeChange the bar shows a mute button and a volume slider. */
  volume?: number;
  muted?: boolean;
  onVolumeChange?: (volume: number) => void;
  onMutedChange?: (muted: boolean) => void;
  /** The queue toggle: its state and the id of the panel it controls. */
  queueOpen?: boolean;
  queuePanelId?: string;
  onQueueToggle?: () => void;
  /** Secondary controls (quality, settings); collapse on narrow screens. */
  extra?: ReactNode;
  labels: PlayerBarLabels;
  className?: string;
}

const defaultTimeText = (current: string, total: string) => `${current} / ${total}`;

/** The persistent bottom player: transport, what is playing, a keyboard-operable seek bar, volume and queue. */
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
  art,
  trackActions,
  seekBar,
  onPrevious,
  onNext,
  hasNext = true,
  shuffle = false,
  onShuffleChange,
  repeat = 'off',
  onRepeatClick,
  volume = 1,
  muted = false,
  onVolumeChange,
  onMutedChange,
  queueOpen = false,
  queuePanelId,
  onQueueToggle,
  extra,
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
  const volumeLevel = muted ? 0 : volume;
  const volumeStyle: CSSProperties = { ['--vz-range-progress' as string]: `${volumeLevel * 100}%` };

  const onChange = (event: ChangeEvent<HTMLInputElement>) => onSeek(Number(event.currentTarget.value));

  return (
    <section className={cx('vz-player', className)} aria-label={labels.player} aria-busy={buffering || undefined}>
      <div className="vz-player__transport">
        {onShuffleChange && (
          <button
            type="button"
            className={cx('vz-icon-button', 'vz-player__secondary', shuffle && 'vz-icon-button--on')}
            aria-label={labels.shuffle}
            aria-pressed={shuffle}
            onClick={() => onShuffleChange(!shuffle)}
          >
            <ShuffleIcon />
          </button>
        )}
        {onPrevious && (
          <button type="button" className="vz-icon-button" aria-label={labels.previous} onClick={onPrevious}>
            <PreviousIcon />
          </button>
        )}
        <button
          type="button"
          className={cx('vz-play-button', 'vz-player__toggle', buffering && 'vz-play-button--buffering')}
          aria-label={isPlaying ? labels.pause : labels.play}
          onClick={onPlayPause}
        >
          {isPlaying ? <PauseIcon /> : <PlayIcon />}
        </button>
        {onNext && (
          <button type="button" className="vz-icon-button" aria-label={labels.next} onClick={onNext} disabled={!hasNext}>
            <NextIcon />
          </button>
        )}
        {onRepeatClick && (
          <button
            type="button"
            className={cx('vz-icon-button', 'vz-player__secondary', repeat !== 'off' && 'vz-icon-button--on')}
            aria-label={labels.repeat?.(repeat)}
            onClick={onRepeatClick}
          >
            <RepeatIcon one={repeat === 'one'} />
          </button>
        )}
      </div>
      {/* Kept mounted so the text change is announced. */}
      <span className="vz-sr-only" role="status">{buffering ? labels.loading : undefined}</span>
      <div className="vz-player__meta">
        {art && <div className="vz-player__art">{art}</div>}
        <div className="vz-player__text">
          <p className="vz-player__title">
            {trackHref ? <Link as={LinkComponent} href={trackHref}>{title}</Link> : title}
          </p>
          <p className="vz-player__artist">
            {artistHref ? <Link as={LinkComponent} href={artistHref}>{artistName}</Link> : artistName}
          </p>
        </div>
        {trackActions}
      </div>
      <div className="vz-player__timeline">
        <span className="vz-player__time" aria-hidden="true">{current}</span>
        {seekBar ?? (
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
        )}
        <span className="vz-player__time" aria-hidden="true">{total}</span>
      </div>
      {(onMutedChange || onVolumeChange || onQueueToggle || extra) && (
        <div className="vz-player__tools">
          {onMutedChange && (
            <button
              type="button"
              className="vz-icon-button vz-player__secondary"
              aria-label={muted ? labels.unmute : labels.mute}
              aria-pressed={muted}
              onClick={() => onMutedChange(!muted)}
            >
              <VolumeIcon muted={muted || volume === 0} />
            </button>
          )}
          {onVolumeChange && (
            <input
              type="range"
              className="vz-range vz-player__volume vz-player__secondary"
              style={volumeStyle}
              min={0}
              max={100}
              step={5}
              value={Math.round(volumeLevel * 100)}
              aria-label={labels.volume}
              aria-valuetext={`${Math.round(volumeLevel * 100)}%`}
              onChange={(event) => onVolumeChange(Number(event.currentTarget.value) / 100)}
            />
          )}
          {extra}
          {onQueueToggle && (
            <button
              type="button"
              className={cx('vz-icon-button', queueOpen && 'vz-icon-button--on')}
              aria-label={labels.queue}
              aria-expanded={queueOpen}
              aria-controls={queuePanelId}
              onClick={onQueueToggle}
            >
              <QueueIcon />
            </button>
          )}
        </div>
      )}
    </section>
  );
}
