import { useId, useState, type MouseEvent, type ReactNode } from 'react';
import { cx } from './cx.ts';
import { CloseIcon, MenuIcon } from './icons.tsx';
import { useModalDialog } from './use-modal-dialog.ts';

export interface AppShellMenu {
  /** Names the menu button and the sheet it opens ("Menu"). */
  label: string;
  /** The sheet's close button ("Close menu"). */
  closeLabel: string;
  /** What the sheet holds on phones: the navigation, language, account links. */
  content: ReactNode;
}

export interface AppShellProps {
  /** Logo or home link at the left of the header. */
  brand: ReactNode;
  /** Primary navigation links (rendered inside <nav aria-label={navLabel}>). */
  nav?: ReactNode;
  navLabel?: string;
  /**
   * Right side of the header: language switch, user menu. With `menu`, children marked `vz-shell__wide` are only shown
   * on wide screens (the sheet holds them on phones); the others stay in the bar at every width.
   */
  actions?: ReactNode;
  /**
   * The compact header: below 70rem the inline navigation and the `vz-shell__wide` actions give way to a menu button
   * that opens a modal sheet (a native <dialog>: focus kept inside, Escape and the backdrop close it).
   */
  menu?: AppShellMenu;
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

export function AppShell({ brand, nav, navLabel, actions, menu, children, player, skipLabel, overlay, className }: AppShellProps) {
  const [menuOpen, setMenuOpen] = useState(false);
  const sheetId = useId();
  return (
    <div className={cx('vz-shell', player ? 'vz-shell--with-player' : undefined, menu ? 'vz-shell--compact' : undefined, className)}>
      <a className="vz-skip-link" href="#main">{skipLabel}</a>
      <header className="vz-shell__header">
        <div className="vz-shell__brand">{brand}</div>
        {nav && <nav className="vz-shell__nav" aria-label={navLabel}>{nav}</nav>}
        {actions && <div className="vz-shell__actions">{actions}</div>}
        {menu && (
          <button
            type="button"
            className="vz-icon-button vz-shell__menu-button"
            aria-label={menu.label}
            aria-haspopup="dialog"
            aria-expanded={menuOpen}
            aria-controls={sheetId}
            onClick={() => setMenuOpen(true)}
          >
            <MenuIcon />
          </button>
        )}
      </header>
      {/* After the header, not in it: the sheet is its own landmark-free dialog. */}
      {menu && <MenuSheet {...menu} id={sheetId} open={menuOpen} onClose={() => setMenuOpen(false)} />}
      <main id="main" className="vz-shell__main" tabIndex={-1}>{children}</main>
      {player && <div className="vz-shell__player">{player}</div>}
      {overlay}
    </div>
  );
}

/** The phone header's sheet. Following a link or pressing a button in it closes it. */
function MenuSheet({ label, closeLabel, content, id, open, onClose }: AppShellMenu & { id: string; open: boolean; onClose: () => void }) {
  const titleId = useId();
  const dialogRef = useModalDialog(open);

  const onSheetClick = (event: MouseEvent<HTMLDialogElement>) => {
    const target = event.target as Element;
    // A click on the dialog itself is on its backdrop (the sheet's body covers the rest).
    if (target === event.currentTarget || target.closest('a[href], button')) onClose();
  };

  return (
    <dialog ref={dialogRef} id={id} className="vz-shell__sheet" aria-labelledby={titleId} onClose={onClose} onClick={onSheetClick}>
      {open && (
        <div className="vz-shell__sheet-body">
          <div className="vz-shell__sheet-header">
            <h2 id={titleId} className="vz-shell__sheet-title">{label}</h2>
            <button type="button" className="vz-icon-button" aria-label={closeLabel}>
              <CloseIcon />
            </button>
          </div>
          {content}
        </div>
      )}
    </dialog>
  );
}
