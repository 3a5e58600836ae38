import { ListIcon, MailIcon, ShieldIcon, UserIcon } from '@veza/ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenOutlet } from '../../layout/screen-outlet.tsx';
import { useSession } from '../../stores/session.ts';
import { SideNav } from '../settings/settings-layout.tsx';
import '../settings/settings.css';
import { adminAreas, type AdminArea } from './admin-access.ts';
import { ForbiddenPage } from './forbidden.tsx';

const icons: Record<AdminArea, ReactNode> = { users: <UserIcon />, audit: <ListIcon />, mailbox: <MailIcon />, reports: <ShieldIcon /> };

/** `/admin/*` for admins and moderators (signed in: RequireAuth wraps it); others get a 403 page. */
export function AdminLayout() {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const areas = adminAreas(user);
  if (areas.length === 0) return <ForbiddenPage />;
  return (
    <div className="vw-page vw-settings">
      <SideNav label={t('admin.title')} items={areas.map((area) => ({ to: `/admin/${area}`, label: t(`admin.nav.${area}`), icon: icons[area] }))} />
      <div className="vw-settings__content">
        <ScreenOutlet />
      </div>
    </div>
  );
}

/** Wraps one admin page: renders it only when the signed-in role may open `area`. */
export function AdminGate({ area, children }: { area: AdminArea; children: ReactNode }) {
  const user = useSession((s) => s.user);
  return adminAreas(user).includes(area) ? children : <ForbiddenPage />;
}
