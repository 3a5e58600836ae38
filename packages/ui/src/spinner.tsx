import { cx } from './cx.ts';

export interface SpinnerProps {
  /** Announced to screen readers; without it the spinner is decorative. */
  label?: string;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}

export function Spinner({ label, size = 'md', className }: SpinnerProps) {
  const classes = cx('vz-spinner', `vz-spinner--${size}`, className);
  if (!label) return <span className={classes} aria-hidden="true" />;
  return (
    <span className={classes} role="status">
      <span className="vz-sr-only">{label}</span>
    </span>
  );
}
