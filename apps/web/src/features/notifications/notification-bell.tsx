import './notifications.css';
import { lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { onceModule, useDisclosure } from '../../lib/disclosure.ts';
import { errorMessage } from '../../lib/errors.ts';
import type { NotificationPanelProps } from './notification-panel.tsx';
import { badgeText, useUnreadCount } from './use-unread.ts';

/** The panel's code, fetched once (on hover, focus or open). */
const loadPanel = onceModule(() => import('./notification-panel.tsx'));

const LazyPanel = lazy(() =>
  loadPanel().then(
    (module) => ({ default: module.NotificationPanel }),
    () => ({ default: ({ id }: NotificationPanelProps) => <div id={`${id}-panel`} className="vw-notification-panel"><p role="alert" className="vw-inline-error">{errorMessage(null)}</p></div> }),
  ),
);

export function BellIcon() {
  return (
    <svg className="vw-bell__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/**
 * The header's bell: the unread count, live (its badge, and in the button's name), and a panel of the latest
 * notifications. A disclosure: Escape or a click outside closes it, and focus goes back to the bell.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const id = useId();
  const unread = useUnreadCount();
  const { pathname } = useLocation();
  // Open on the page it was opened on: a navigation (a link in the panel, the back button) closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (value: boolean) => setOpenOn(value ? pathname : null);
  const { rootRef, buttonRef, onKeyDown } = useDisclosure(open, () => setOpen(false));

  const label = unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');
  return (
    <div
      className="vw-bell"
      ref={rootRef}
      onKeyDown={onKeyDown}
    >
      <button
        ref={buttonRef}
        type="button"
        className="vz-button vz-button--ghost vz-button--sm vw-bell__button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? `${id}-panel` : undefined}
        onPointerEnter={() => void loadPanel().catch(() => undefined)}
        onFocus={() => void loadPanel().catch(() => undefined)}
        onClick={() => setOpen(!open)}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="vw-bell__badge" aria-hidden="true" data-testid="notification-badge">
            {badgeText(unread)}
          </span>
        )}
      </button>
      {open && (
        <Suspense fallback={<div id={`${id}-panel`} className="vw-notification-panel" aria-busy="true" />}>
          <LazyPanel id={id} unread={unread} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}
