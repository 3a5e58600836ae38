import { DeviceIcon, LinkIcon, MailIcon, ShieldIcon, UserIcon } from '@veza/ui';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { ScreenOutlet } from '../../layout/screen-outlet.tsx';
import './settings.css';

export interface SideNavItem {
  to: string;
  label: string;
  icon: ReactNode;
}

/** The side navigation of /settings and /admin: a column on wide screens, scrolling tabs on narrow ones. */
export function SideNav({ label, items }: { label: string; items: SideNavItem[] }) {
  const { pathname } = useLocation();
  const ref = useRef<HTMLElement>(null);
  // On a phone the tabs scroll inside their strip: keep the current one in view (Connections is past the edge at 390 px).
  useEffect(() => {
    ref.current?.querySelector('[aria-current="page"]')?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [pathname]);
  return (
    <nav ref={ref} className="vw-settings__nav" aria-label={label}>
      <p className="vw-settings__nav-title" aria-hidden="true">{label}</p>
      <ul className="vw-settings__tabs">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink className="vw-settings__tab" to={item.to}>
              {item.icon}
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** `/settings/*` (signed in): Account, Security, Sessions, Connections; a banner while a deletion is pending. */
export function SettingsLayout() {
  const { t } = useTranslation();
  const items: SideNavItem[] = [
    { to: '/settings/account', label: t('settings.nav.account'), icon: <UserIcon /> },
    { to: '/settings/security', label: t('settings.nav.security'), icon: <ShieldIcon /> },
    { to: '/settings/sessions', label: t('settings.nav.sessions'), icon: <DeviceIcon /> },
    { to: '/settings/connections', label: t('settings.nav.connections'), icon: <LinkIcon /> },
    { to: '/settings/notifications', label: t('settings.nav.notifications'), icon: <MailIcon /> },
  ];
  return (
    <div className="vw-page vw-settings">
      <SideNav label={t('settings.title')} items={items} />
      <div className="vw-settings__content">
        <ScreenOutlet />
      </div>
    </div>
  );
}
