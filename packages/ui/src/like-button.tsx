import { cx } from './cx.ts';
import { HeartIcon } from './icons.tsx';

export interface LikeButtonProps {
  liked: boolean;
  count: number;
  onToggle: () => void;
  /** A request is in flight: the button shows busy and ignores clicks. */
  pending?: boolean;
  disabled?: boolean;
  /** The accessible name of the toggle ("Like"); aria-pressed tells whether it is on. */
  likeLabel: string;
  /** Tooltip while liked ("Unlike"). */
  unlikeLabel: string;
  /** Locale for the count (compact notation: 1.2K). */
  locale?: string;
  size?: 'sm' | 'md';
  className?: string;
}

/**
 * A toggle button with a heart. Its accessible name stays `likeLabel` plus the count and `aria-pressed` carries
 * the state, as recommended for toggle buttons; `unlikeLabel` is the tooltip while liked.
 */
export function LikeButton({
  liked,
  count,
  onToggle,
  pending = false,
  disabled = false,
  likeLabel,
  unlikeLabel,
  locale,
  size = 'md',
  className,
}: LikeButtonProps) {
  const shownCount = new Intl.NumberFormat(locale, { notation: 'compact' }).format(count);
  return (
    <button
      type="button"
      className={cx('vz-like', `vz-like--${size}`, liked && 'vz-like--on', className)}
      aria-pressed={liked}
      aria-busy={pending || undefined}
      disabled={disabled || pending}
      title={liked ? unlikeLabel : likeLabel}
      onClick={onToggle}
    >
      <HeartIcon filled={liked} className="vz-like__icon" />
      <span className="vz-sr-only">{likeLabel}</span>
      <span className="vz-like__count">{shownCount}</span>
    </button>
  );
}
