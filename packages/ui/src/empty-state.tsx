import type { ReactNode } from 'react';
import { cx } from './cx.ts';
import { MusicIcon } from './icons.tsx';

export interface EmptyStateProps {
  title: string;
  description?: string;
  /** A call to action, usually a Button or a link. */
  action?: ReactNode;
  /** Replaces the default music-note icon; pass `null` for none. */
  icon?: ReactNode;
  /** Heading element for the title (default h2). */
  titleAs?: 'h2' | 'h3' | 'h4' | 'p';
  className?: string;
}

export function EmptyState({ title, description, action, icon, titleAs: Title = 'h2', className }: EmptyStateProps) {
  const shownIcon = icon === undefined ? <MusicIcon /> : icon;
  return (
    <div className={cx('vz-state', 'vz-state--empty', className)}>
      {shownIcon && <div className="vz-state__icon" aria-hidden="true">{shownIcon}</div>}
      <Title className="vz-state__title">{title}</Title>
      {description && <p className="vz-state__text">{description}</p>}
      {action && <div className="vz-state__action">{action}</div>}
    </div>
  );
}
