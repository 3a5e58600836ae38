import './notifications.css';
import { lazy, Suspense, useId, useState } from 'react';
import { Button, Dialog, DialogTrigger, I18nProvider, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { onceModule } from '../../lib/once-module.ts';
import { BellIcon } from './bell-icon.tsx';
import { badgeText, useUnreadCount } from './use-unread.ts';

/** The panel's code, fetched once (on hover, focus or open). */
const loadPanel = onceModule(() => import('./notification-panel.tsx'));

const LazyPanel = lazy(() =>
  loadPanel().then(
    (module) => ({ default: module.NotificationPanel }),
    // Offline or a deploy removed the chunk: said in the panel rather than breaking the header.
    () => ({ default: () => <p role="alert" className="vw-inline-error">{errorMessage(null)}</p> }),
  ),
);

/**
 * The header's bell: the unread count, live (its badge, and in the button's name), and a panel of the latest
 * notifications, on React Aria: a DialogTrigger opening a dialog in a (modal) popover under the bell. React Aria moves
 * the focus into it and keeps it there, closes it on Escape or a press outside, and gives the focus back to the bell.
 */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const unread = useUnreadCount();
  const { pathname } = useLocation();
  // Open on the page it was opened on: a navigation (a link in the panel, the back button) closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (value: boolean) => setOpenOn(value ? pathname : null);
  const preload = () => void loadPanel().catch(() => undefined);

  const label = unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');
  return (
    // React Aria's own words (its popover's hidden Dismiss buttons) in the app's language rather than the browser's.
    <I18nProvider locale={i18n.resolvedLanguage ?? 'en'}>
      <div className="vw-bell">
        <DialogTrigger isOpen={open} onOpenChange={setOpen}>
          <Button className="vz-button vz-button--ghost vz-button--sm vw-bell__button" aria-label={label} onHoverStart={preload} onFocus={preload}>
            <BellIcon />
            {unread > 0 && (
              <span className="vw-bell__badge" aria-hidden="true" data-testid="notification-badge">
                {badgeText(unread)}
              </span>
            )}
          </Button>
          <Popover className="vw-notification-popover" placement="bottom end" offset={4}>
            <Dialog id={`${id}-panel`} className="vw-notification-panel" aria-label={t('notifications.center.title')}>
              <Suspense fallback={<div className="vw-notification-panel__state" aria-busy="true" />}>
                <LazyPanel id={id} unread={unread} onClose={() => setOpen(false)} />
              </Suspense>
            </Dialog>
          </Popover>
        </DialogTrigger>
      </div>
    </I18nProvider>
  );
}
