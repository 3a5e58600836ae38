import { Children, type ReactNode } from 'react';
import { cx } from './cx.ts';

export interface TrackListProps {
  /** One child per track (usually a TrackCard); each is wrapped in an <li>. */
  children: ReactNode;
  /** Accessible name of the list. */
  label?: string;
  className?: string;
}

export function TrackList({ children, label, className }: TrackListProps) {
  return (
    <ul role="list" className={cx('vz-track-list', className)} aria-label={label}>
      {Children.map(children, (child) =>
        child === null || child === undefined || typeof child === 'boolean' ? null : (
          <li className="vz-track-list__item">{child}</li>
        ),
      )}
    </ul>
  );
}

export interface TrackListSkeletonProps {
  /** Placeholder rows (default 4). */
  count?: number;
  /** Announced while loading ("Loading tracks"). */
  label: string;
  className?: string;
}

export function TrackListSkeleton({ count = 4, label, className }: TrackListSkeletonProps) {
  return (
    <div role="status" className={cx('vz-track-list', 'vz-skeleton-list', className)}>
      <span className="vz-sr-only">{label}</span>
      {Array.from({ length: count }, (_, index) => (
        <div key={index} className="vz-track vz-track--skeleton" aria-hidden="true">
          <div className="vz-track__art vz-skeleton" />
          <div className="vz-track__body">
            <div className="vz-skeleton vz-skeleton--line" style={{ width: `${60 - (index % 3) * 10}%` }} />
            <div className="vz-skeleton vz-skeleton--line vz-skeleton--short" />
            <div className="vz-skeleton vz-skeleton--line vz-skeleton--short" />
          </div>
        </div>
      ))}
    </div>
  );
}
