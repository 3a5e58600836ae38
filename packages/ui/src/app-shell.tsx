import type { ReactNode } from 'react';
import { cx } from './cx.ts';

export interface AppShellProps {
  /** Logo or home link at the left of the header. */
  brand: ReactNode;
  /** Primary navigation links (rendered inside <nav aria-label={navLabel}>). */
  nav?: ReactNode;
  navLabel?: string;
  /** Right side of the header: language switch, user menu. */
  actions?: ReactNode;
  /** Page content, rendered in <main id="main">. */
  children: ReactNode;
  /** Sticky bottom area, usually a PlayerBar. */
  player?: ReactNode;
  /** Text of the "skip to content" link. */
  skipLabel: string;
  /** Rendered after the main content (e.g. a ToastViewport). */
  overlay?: ReactNode;
  className?: string;
}

export function AppShell({ brand, nav, navLabel, actions, children, player, skipLabel, overlay, className }: AppShellProps) {
  return (
    <div className={cx('vz-shell', player ? 'vz-shell--with-player' : undefined, className)}>
      <a className="vz-skip-link" href="#main">{skipLabel}</a>
      <header className="vz-shell__header">
        <div className="vz-shell__brand">{brand}</div>
        {nav && <nav className="vz-shell__nav" aria-label={navLabel}>{nav}</nav>}
        {actions && <div className="vz-shell__actions">{actions}</div>}
      </header>
      <main id="main" className="vz-shell__main" tabIndex={-1}>{children}</main>
      {player && <div className="vz-shell__player">{player}</div>}
      {overlay}
    </div>
  );
}
