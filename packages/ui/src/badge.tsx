import type { ReactNode } from 'react';
import { cx } from './cx.ts';
import './badge.css';

export type BadgeTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger' | 'info';

export interface BadgeProps {
  children: ReactNode;
  tone?: BadgeTone;
  /** A small icon before the text (decorative). */
  icon?: ReactNode;
  className?: string;
}

/** A short status label ("This device", "Verified", "Admin"). Colour is never the only cue: the text says it. */
export function Badge({ children, tone = 'neutral', icon, className }: BadgeProps) {
  return (
    <span className={cx('vz-badge', `vz-badge--${tone}`, className)}>
      {icon && <span className="vz-badge__icon" aria-hidden="true">{icon}</span>}
      {children}
    </span>
  );
}
