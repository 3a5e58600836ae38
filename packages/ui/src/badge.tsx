import type { ReactNode } from 'react';
import { LinkIcon, LockIcon } from './account-icons.tsx';
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

export type TrackVisibility = 'public' | 'unlisted' | 'private';

export interface VisibilityBadgeProps {
  visibility: TrackVisibility;
  /** The words for it ("Private", "Unlisted"). */
  label: string;
  className?: string;
}

/** "Private" (a lock) or "Unlisted" (a link) on a track; nothing for a public one, which is the normal case. */
export function VisibilityBadge({ visibility, label, className }: VisibilityBadgeProps) {
  if (visibility === 'public') return null;
  return (
    <Badge
      tone={visibility === 'private' ? 'warning' : 'info'}
      icon={visibility === 'private' ? <LockIcon /> : <LinkIcon />}
      className={className}
    >
      {label}
    </Badge>
  );
}
